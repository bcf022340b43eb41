"""The session engine for patients: the whole session in one encrypted cookie.

Django's signed-cookie sessions, with the signature replaced by authenticated
encryption (:mod:`questionnaire.sealing`): the server writes nothing to a
database for a patient, keeps nothing after the browser goes, and the cookie
is unreadable to whoever sees it. Set as ``SESSION_ENGINE``.
"""
import json
import time

from django.contrib.sessions.backends import signed_cookies

from .sealing import Expired, Unreadable, seal, sealed_at, unseal

#: Browsers keep cookies up to 4,096 bytes, name and attributes included.
MAX_COOKIE_BYTES = 4000
#: When the session began, kept inside it: its age counts from here however often the cookie
#: is sealed again, so SESSION_COOKIE_AGE is a limit on the session, not on one cookie.
BEGAN_SESSION_KEY = "_began"


class SessionStore(signed_cookies.SessionStore):
    """Sent back to the browser only when it changed (or is half way to expiring).

    formtools marks the session modified whenever it so much as reads it, and a
    cookie sent back unchanged costs sealing on the server and parsing in the browser
    on every page.
    """

    _as_loaded = None

    def load(self):
        try:
            data = unseal(self.session_key, "session", max_age=self.get_session_cookie_age())
        except (Unreadable, Expired):
            # A changed, old or foreign cookie is a new, empty session: nothing to show, nothing lost.
            self.create()
            return {}
        began = data.get(BEGAN_SESSION_KEY)
        if not isinstance(began, int) or not 0 <= time.time() - began <= self.get_session_cookie_age():
            self.create()
            return {}
        if time.time() - sealed_at(self.session_key) < self.get_session_cookie_age() / 2:
            self._as_loaded = _as_json(data)
        return data

    @property
    def modified(self):
        return self._modified and _as_json(self._session) != self._as_loaded

    @modified.setter
    def modified(self, value):
        self._modified = value

    def _get_session_key(self):
        self._session.setdefault(BEGAN_SESSION_KEY, int(time.time()))
        return seal(self._session, "session")

    def cookie_size(self):
        """The bytes this session's cookie would take if it were saved now."""
        return len(self._get_session_key()) if self._session else 0


def _as_json(data):
    return json.dumps(data, sort_keys=True, default=str)
