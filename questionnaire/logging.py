"""Keep answers out of the logs.

Answers never appear in URLs except inside a signed list link
(``/list/<token>/``), and a token can be decoded, so every log line has such
tokens blanked before it is written: Django's, runserver's and gunicorn's.
"""
import logging
import re

from gunicorn.glogging import Logger as GunicornLogger

LIST_LINK = re.compile(r"/list/[^/\s\"']+")
REDACTED = "/list/[redacted]"


def redact(text):
    return LIST_LINK.sub(REDACTED, text)


class RedactListLinks(logging.Filter):
    """A logging filter that blanks list-link tokens in the finished message."""

    def filter(self, record):
        message = record.getMessage()
        if LIST_LINK.search(message):
            record.msg, record.args = redact(message), None
        return True


class RedactingGunicornLogger(GunicornLogger):
    """Gunicorn's access log, with list-link tokens blanked from the request line."""

    def atoms(self, resp, req, environ, request_time):
        atoms = super().atoms(resp, req, environ, request_time)
        for key in ("r", "U", "q", "f"):
            if key in atoms and isinstance(atoms[key], str):
                atoms[key] = redact(atoms[key])
        return atoms
