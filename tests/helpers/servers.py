"""A real gunicorn for the tests that need one, run with the project's gunicorn.conf.py."""
import contextlib
import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


@contextlib.contextmanager
def gunicorn(tmp_path, *args, workers=1):
    """gunicorn on a free 127.0.0.1 port, on an empty SQLite file; yields (port, log path).

    The log is complete once the block ends (gunicorn has stopped).
    """
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    log = tmp_path / "gunicorn.log"
    # Its own empty SQLite file, even in the PostgreSQL run (DATABASE_URL names that cluster).
    env = {**{k: v for k, v in os.environ.items() if k != "DATABASE_URL"}, "GUNICORN_BIND": f"127.0.0.1:{port}", "GUNICORN_WORKERS": str(workers),
           "DJANGO_SECRET_KEY": "a-test-only-secret-key-" * 3, "DJANGO_ALLOWED_HOSTS": "localhost",
           "DJANGO_SECURE_SSL_REDIRECT": "0", "IMMUNOGUIDE_SQLITE_PATH": str(tmp_path / "db.sqlite3")}
    with open(log, "w") as out:
        server = subprocess.Popen([sys.executable, "-m", "gunicorn", "-c", "gunicorn.conf.py", *args],
                                  cwd=ROOT, stdout=out, stderr=subprocess.STDOUT, env=env)
        try:
            for _ in range(150):
                with contextlib.suppress(OSError):
                    socket.create_connection(("127.0.0.1", port), timeout=1).close()
                    break
                time.sleep(0.1)
            else:
                raise AssertionError(log.read_text())
            yield port, log
        finally:
            server.terminate()
            server.wait(timeout=20)


def get(port, path):
    """The status of a GET to the server, with the host it accepts."""
    request = urllib.request.Request(f"http://127.0.0.1:{port}{path}", headers={"Host": "localhost"})
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status
    except urllib.error.HTTPError as error:
        return error.code
