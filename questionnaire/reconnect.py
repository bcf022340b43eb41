"""After a database error, a fresh connection for the next request."""
from django.db import connections


def reconnect_after_this_request():
    """A connection that failed is closed when the request ends (Django closes one past its
    ``close_at``), so the next request opens a fresh one: a database that came back is seen
    at once, not after CONN_MAX_AGE (with SQLite, a file put back in place)."""
    for connection in connections.all(initialized_only=True):
        connection.close_at = 0
