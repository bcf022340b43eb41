"""Serve the app the production way on 127.0.0.1, for the load test and the benchmark.

    with served("postgres") as base_url:   # DATABASE_URL must be set (scripts/with-postgres)
        ...
    with served("sqlite") as base_url:     # a fresh SQLite file in a temporary folder
        ...

Same steps as `make serve`: production settings, collectstatic, migrate, load_content,
then gunicorn with gunicorn.conf.py, bound to a free port on 127.0.0.1 only. The
server is stopped (and its process group killed if it lingers) when the block ends.
"""
import contextlib
import os
import secrets
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BIN = ROOT / ".venv" / "bin"
HOST = "127.0.0.1"


def free_port():
    with socket.socket() as sock:
        sock.bind((HOST, 0))
        return sock.getsockname()[1]


def production_env(db, workdir):
    """The environment of a production run on this machine (plain HTTP on 127.0.0.1)."""
    env = dict(os.environ)
    env.update(
        DJANGO_ENV="production",
        DJANGO_SECRET_KEY=secrets.token_urlsafe(50),
        DJANGO_ALLOWED_HOSTS="127.0.0.1,localhost",
        # Plain HTTP here; the clients send X-Forwarded-Proto: https as the clinic's proxy would.
        DJANGO_SECURE_SSL_REDIRECT="0",
        DJANGO_LOG_LEVEL="WARNING",
    )
    env.pop("DJANGO_DEBUG", None)
    if db == "sqlite":
        env.pop("DATABASE_URL", None)
        env["IMMUNOGUIDE_SQLITE_PATH"] = str(Path(workdir) / "bench.sqlite3")
    elif db == "postgres":
        if not env.get("DATABASE_URL", "").startswith(("postgres://", "postgresql://")):
            sys.exit("bench: PostgreSQL run needs DATABASE_URL; run it under scripts/with-postgres")
        host = env["DATABASE_URL"].split("@", 1)[-1].split(":", 1)[0].split("/", 1)[0]
        if host not in ("127.0.0.1", "localhost"):
            sys.exit(f"bench: refusing a database that is not on 127.0.0.1 ({host})")
    else:
        raise ValueError(db)
    return env


def manage(env, *args):
    subprocess.run([str(BIN / "python"), "manage.py", *args], cwd=ROOT, env=env, check=True)


def wait_healthy(url, process, seconds=60):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"gunicorn exited with {process.returncode} before it was ready")
        try:
            with urllib.request.urlopen(url + "/healthz", timeout=2) as response:
                if response.status == 200:
                    return
        except (urllib.error.URLError, OSError):
            pass
        time.sleep(0.2)
    raise RuntimeError(f"{url}/healthz did not answer 200 within {seconds} s")


def prepare(db, workdir):
    """The production environment, with a database migrated and loaded: what every node shares."""
    env = production_env(db, workdir)
    manage(env, "collectstatic", "--noinput", "--skip-checks", "-v0")
    manage(env, "migrate", "--noinput", "--skip-checks", "-v0")
    fixtures = sorted(str(p.relative_to(ROOT)) for p in (ROOT / "fixtures").glob("*.json"))
    manage(env, "load_content", "-v0", *fixtures)
    return env


def start_node(env, port, log, workers=None):
    """gunicorn on 127.0.0.1:``port`` in a process group of its own (so it can be killed whole)."""
    env = dict(env, GUNICORN_BIND=f"{HOST}:{port}")
    if workers:
        env["GUNICORN_WORKERS"] = str(workers)
    return subprocess.Popen(
        [str(BIN / "gunicorn"), "--config", "gunicorn.conf.py"],
        cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True)


@contextlib.contextmanager
def served(db, workers=None, log_name=None):
    """Prepare a database, start gunicorn on a free 127.0.0.1 port, yield its base URL."""
    with tempfile.TemporaryDirectory(prefix=f"immunoguide-bench-{db}-") as workdir:
        env = prepare(db, workdir)
        port = free_port()
        log_path = Path(log_name) if log_name else Path(workdir) / "gunicorn.log"
        log_path.parent.mkdir(parents=True, exist_ok=True)
        with open(log_path, "w") as log:
            process = start_node(env, port, log, workers)
            base_url = f"http://{HOST}:{port}"
            try:
                wait_healthy(base_url, process)
                yield base_url
            finally:
                stop(process)


def stop(process):
    if process.poll() is None:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            pass
    with contextlib.suppress(ProcessLookupError, PermissionError):
        os.killpg(process.pid, signal.SIGKILL)  # any worker left behind
    process.wait()
