"""gunicorn settings for `make serve` and production; each can be set from the environment."""
import multiprocessing
import os

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
# gunicorn's control socket has one fixed path per user: a second instance would take it over and
# remove it on exit. Off unless a path is given, one per instance.
control_socket = os.environ.get("GUNICORN_CONTROL_SOCKET", "")
control_socket_disable = not control_socket
# A request line as long as the longest list link (questionnaire/links.py), so the app's own page
# answers instead of gunicorn's bare 414.
limit_request_line = 8190  # gunicorn's largest


def when_ready(server):
    """In the master, before the first workers are forked: what they all need
    (questionnaire/preload.py); then it lets go of the database, as a forked worker
    must open its own connection."""
    from django.db import connections

    from questionnaire.preload import load_for_workers
    load_for_workers()
    connections.close_all()
