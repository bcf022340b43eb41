"""Keep answers out of the logs.

Answers never appear in URLs except inside a sealed list link
(``/list/<token>/``). The token is encrypted, but it is the person's list to
whoever holds it, so every log line has such tokens blanked before it is
written: Django's, runserver's and gunicorn's, its error log included (which
quotes a malformed request line whole).
"""
import logging
import re

from gunicorn.glogging import Logger as GunicornLogger

LIST_LINK = re.compile(r"/list/[^/\s\"']+")
REDACTED = "/list/[redacted]"
#: A sealed value (a Fernet token starts with version byte 0x80, "gAAAAA" in base64) anywhere.
SEALED = re.compile(r"gAAAAA[A-Za-z0-9_=-]{20,}")


def redact(text):
    return SEALED.sub("[redacted]", LIST_LINK.sub(REDACTED, text))


class RedactListLinks(logging.Filter):
    """A logging filter that blanks list-link tokens in the finished message."""

    def filter(self, record):
        message = record.getMessage()
        if LIST_LINK.search(message) or SEALED.search(message):
            record.msg, record.args = redact(message), None
        return True


class RedactingGunicornLogger(GunicornLogger):
    """Gunicorn's logs, with list-link tokens blanked: the access log's request line and
    every error-log message."""

    def setup(self, cfg):
        super().setup(cfg)
        self.error_log.addFilter(RedactListLinks())

    def atoms(self, resp, req, environ, request_time):
        atoms = super().atoms(resp, req, environ, request_time)
        for key in ("r", "U", "q", "f"):
            if key in atoms and isinstance(atoms[key], str):
                atoms[key] = redact(atoms[key])
        return atoms
