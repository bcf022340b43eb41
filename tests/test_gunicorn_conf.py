"""gunicorn.conf.py: workers recycled after their requests leave cleanly, and lose nothing."""
import re

from tests.helpers.servers import get, gunicorn


def test_a_recycled_worker_leaves_cleanly_and_the_next_one_serves(tmp_path):
    with gunicorn(tmp_path, "--max-requests", "2", "--max-requests-jitter", "0") as (port, log):
        statuses = [get(port, "/healthz") for _ in range(7)]
    written = log.read_text()
    # The database is empty, so each worker's health check says so (503): every request answered.
    assert statuses == [503] * 7, written
    assert written.count("Autorestarting worker") >= 3, written
    # Each worker flushed its access log before it left, and none left with an error.
    assert len(re.findall(r'"GET /healthz HTTP/1.1" 503', written)) == 7, written
    assert "exited with code" not in written and "Traceback" not in written, written


def test_the_master_starts_the_workers_even_when_the_content_cannot_be_read_yet(tmp_path):
    """The SQLite file is empty (not migrated): the content is read by each worker when asked."""
    with gunicorn(tmp_path) as (port, log):
        status = get(port, "/healthz")
    written = log.read_text()
    assert status == 503, written  # a worker answers, and says pages cannot work yet
    assert "could not be loaded before the workers start" in written


def test_a_request_line_of_4100_bytes_gets_the_app_s_own_answer_not_gunicorn_s_bare_414(tmp_path):
    import urllib.request
    with gunicorn(tmp_path) as (port, log):
        request = urllib.request.Request(f"http://127.0.0.1:{port}/list/{'A' * 4100}/", headers={"Host": "localhost"})
        try:
            response = urllib.request.urlopen(request, timeout=10)
        except urllib.error.HTTPError as error:
            response = error
        status, headers = response.status if hasattr(response, "status") else response.code, response.headers
    assert status != 414, log.read_text()
    assert "Content-Security-Policy" in headers  # the app answered, with its own headers


def test_no_instance_takes_over_another_s_control_socket(tmp_path):
    """gunicorn 27 opens a control socket at one path per user unless told otherwise; a second
    instance would take it over and remove it when it stops."""
    from pathlib import Path

    from gunicorn.config import _get_default_control_socket
    shared = Path(_get_default_control_socket())
    with gunicorn(tmp_path) as (port, log):
        assert get(port, "/healthz") in (200, 503)
        assert not shared.exists(), log.read_text()
