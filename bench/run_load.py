"""`make load`: 100 people completing the flow at once against gunicorn + PostgreSQL, 60 s.

Run under scripts/with-postgres (the Makefile does), which provides a throwaway
PostgreSQL cluster on 127.0.0.1. This script prepares the database, serves the app
with gunicorn (production settings) on a free 127.0.0.1 port, runs Locust headless
against it for a bounded time, stops the server and exits with Locust's status:
non-zero when any request failed or any person saw someone else's answers. Locust's
per-request tables and the figures are printed and written to bench/results/load-<db>.txt.

Settings (environment): LOAD_USERS (100), LOAD_SECONDS (60), LOAD_SPAWN_RATE (25 per s),
LOAD_THINK_SECONDS (0: no pause between pages), GUNICORN_WORKERS (gunicorn.conf.py's default).
"""
import os
import subprocess
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from server import BIN, ROOT, served  # noqa: E402

RESULTS = ROOT / "bench" / "results"


def main():
    users = int(os.environ.get("LOAD_USERS", "100"))
    seconds = int(os.environ.get("LOAD_SECONDS", "60"))
    spawn_rate = os.environ.get("LOAD_SPAWN_RATE", "25")
    db = os.environ.get("LOAD_DB", "postgres")
    stop_timeout = 30  # a person mid-flow when the time is up may finish, for at most this long
    RESULTS.mkdir(parents=True, exist_ok=True)
    summary = RESULTS / f"load-{db}-summary.txt"
    report = RESULTS / f"load-{db}.txt"
    for old in (summary, report):
        old.unlink(missing_ok=True)  # never show an earlier run's figures
    with served(db, log_name=RESULTS / f"load-gunicorn-{db}.log") as base_url:
        command = [
            str(BIN / "locust"), "-f", str(ROOT / "bench" / "locustfile.py"),
            "--headless", "--host", base_url,
            "--users", str(users), "--spawn-rate", spawn_rate,
            "--run-time", f"{seconds}s", "--stop-timeout", str(stop_timeout),
            "--only-summary", "--loglevel", "WARNING",
        ]
        env = dict(os.environ, LOAD_SUMMARY_FILE=str(summary))
        print(f"load: {users} people for {seconds} s against {base_url} ({db})", flush=True)
        try:
            finished = subprocess.run(command, cwd=ROOT, env=env, stdout=subprocess.PIPE,
                                      stderr=subprocess.STDOUT, text=True,
                                      timeout=seconds + stop_timeout + 120)
            status, output = finished.returncode, finished.stdout
        except subprocess.TimeoutExpired as error:
            output = error.stdout or ""
            output = output.decode(errors="replace") if isinstance(output, bytes) else output
            status, output = 1, output + "\nload: Locust did not stop in time\n"
    # Locust's own per-request tables, then the figures and the verdict.
    if summary.exists():
        output += summary.read_text()
    else:
        status, output = status or 1, output + "load: Locust wrote no summary: FAIL\n"
    summary.unlink(missing_ok=True)
    report.write_text(output)
    print(output, end="")
    print(f"load: written to {report.relative_to(ROOT)}")
    return status


if __name__ == "__main__":
    sys.exit(main())
