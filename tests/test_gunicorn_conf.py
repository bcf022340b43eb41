"""gunicorn.conf.py: workers recycled after their requests leave cleanly, and lose nothing."""
import re

from tests.helpers.servers import get, gunicorn


def test_a_recycled_worker_leaves_cleanly_and_the_next_one_serves(tmp_path):
    with gunicorn(tmp_path, "--max-requests", "2", "--max-requests-jitter", "0") as (port, log):
        statuses = [get(port, "/healthz") for _ in range(7)]
    written = log.read_text()
    assert statuses == [200] * 7, written
    assert written.count("Autorestarting worker") >= 3, written
    # Each worker flushed its access log before it left, and none left with an error.
    assert len(re.findall(r'"GET /healthz HTTP/1.1" 200', written)) == 7, written
    assert "exited with code" not in written and "Traceback" not in written, written


def test_the_master_starts_the_workers_even_when_the_content_cannot_be_read_yet(tmp_path):
    """The SQLite file is empty (not migrated): the content is read by each worker when asked."""
    with gunicorn(tmp_path) as (port, log):
        status = get(port, "/healthz")
    written = log.read_text()
    assert status == 200, written
    assert "could not be loaded before the workers start" in written
