"""gunicorn settings for `make serve` and production; each can be set from the environment."""
import gc
import logging
import multiprocessing
import os
import sys

bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")
workers = int(os.environ.get("GUNICORN_WORKERS", multiprocessing.cpu_count() * 2 + 1))
threads = int(os.environ.get("GUNICORN_THREADS", "1"))
timeout = 30
graceful_timeout = 20
# Load the app once in the master (and its content: when_ready), so a worker that is
# recycled starts in milliseconds.
preload_app = True
max_requests = 2000
max_requests_jitter = 200
accesslog = os.environ.get("GUNICORN_ACCESS_LOG", "-")
errorlog = "-"
# The access log blanks signed list links, which carry answers.
logger_class = "questionnaire.logging.RedactingGunicornLogger"
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1")
wsgi_app = "immunoguide.wsgi:application"


def when_ready(server):
    """In the master, before the first workers are forked: what they all need (questionnaire/preload.py).

    Then the master lets go of the database (a forked worker must open its own
    connection) and freezes what it holds, so the workers' garbage collector never
    walks it: walking writes to every object, and copy-on-write would then copy them all.
    """
    from django.db import connections

    from questionnaire.preload import load_for_workers
    load_for_workers()
    connections.close_all()
    gc.freeze()


def worker_exit(server, worker):
    """A worker that leaves normally (recycled, or shut down) ends at once, as the children
    of Python's multiprocessing do: Python's own teardown would touch every object the
    worker inherited from the master, and copy-on-write would copy them all (0.4 s of CPU
    for each recycled worker, measured). Its logs are flushed and its database closed first.
    Any other exit (a worker that failed to boot) keeps its own exit code.
    """
    leaving = sys.exc_info()[1]
    if isinstance(leaving, SystemExit) and leaving.code in (0, None):
        from django.db import connections
        connections.close_all()
        logging.shutdown()
        sys.stdout.flush()
        sys.stderr.flush()
        os._exit(0)
