"""The session engine for patients: the whole session in one encrypted cookie.

Django's signed-cookie sessions, with the signature replaced by authenticated
encryption (:mod:`questionnaire.sealing`): the server writes nothing to a
database for a patient, keeps nothing after the browser goes, and the cookie
is unreadable to whoever sees it. Set as ``SESSION_ENGINE``.
"""
from django.contrib.sessions.backends import signed_cookies

from .sealing import Expired, Unreadable, seal, unseal

#: Browsers keep cookies up to 4,096 bytes, name and attributes included.
MAX_COOKIE_BYTES = 4000


class SessionStore(signed_cookies.SessionStore):
    def load(self):
        try:
            return unseal(self.session_key, "session", max_age=self.get_session_cookie_age())
        except (Unreadable, Expired):
            # A changed, old or foreign cookie is a new, empty session: nothing to show, nothing lost.
            self.create()
            return {}

    def _get_session_key(self):
        return seal(self._session, "session")

    def cookie_size(self):
        """The bytes this session's cookie would take if it were saved now."""
        return len(self._get_session_key()) if self._session else 0
