import gzip
import secrets
import time

from django.conf import settings
from django.middleware import gzip as django_gzip
from django.shortcuts import redirect
from django.urls import Resolver404, resolve, reverse
from django.utils.cache import patch_vary_headers
from isal import isal_zlib

from .session_keys import LAST_ACTIVITY_SESSION_KEY, holds_a_person, wipe_person
from .views.pages import cleared_response


class GZipMiddleware(django_gzip.GZipMiddleware):
    """Django's, with pages compressed by ISA-L's fastest level rather than zlib's 6.

    zlib's level 6 took 0.4 ms of the result page's 2 ms, and its level 1 still
    0.25 ms in the server (each call sets up 256 KB of zlib state); ISA-L's level 0
    takes 0.08 ms for 3 % more bytes. The output is plain gzip. Like Django's, it
    pads the gzip header by a random length against BREACH. Streamed responses
    (downloads) are left to Django's.
    """

    LEVEL = 0

    def process_response(self, request, response):
        if response.streaming or len(response.content) < 200 or response.has_header("Content-Encoding"):
            return super().process_response(request, response)
        patch_vary_headers(response, ("Accept-Encoding",))
        if not django_gzip.re_accepts_gzip.search(request.META.get("HTTP_ACCEPT_ENCODING", "")):
            return response
        compressed = isal_zlib.compress(response.content, self.LEVEL, wbits=31)
        padding = b"a" * secrets.randbelow(self.max_random_bytes) + b"\x00"
        compressed = compressed[:3] + bytes([gzip.FNAME]) + compressed[4:10] + padding + compressed[10:]
        if len(compressed) >= len(response.content):
            return response
        response.content = compressed
        response.headers["Content-Length"] = str(len(compressed))
        etag = response.get("ETag")
        if etag and etag.startswith('"'):
            response.headers["ETag"] = "W/" + etag
        response.headers["Content-Encoding"] = "gzip"
        return response


class PermissionsPolicyMiddleware:
    """Add a Permissions-Policy header (Django has none built in): no camera, location and so on."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        policy = getattr(settings, "PERMISSIONS_POLICY", "")
        if policy:
            response.headers.setdefault("Permissions-Policy", policy)
        return response


class IdleTimeoutMiddleware:
    """Wipe a person's answers after ``IMMUNOGUIDE_IDLE_SECONDS`` without a request.

    The page's own timer (idle.js) wipes the screen; this is the server's side of
    it, so a tab left open, or a page kept in the browser, cannot bring the
    answers back once the time is up. Only a browser that already has a session
    is looked at, and the time is written at most every few seconds.
    """

    #: After a wipe these pages go on as asked: they hold no answers, answer for themselves
    #: ("I am still here") or bring a list of their own (a link).
    GO_ON_AFTER_WIPE = {"questionnaire:start", "questionnaire:about", "questionnaire:still_here",
                        "questionnaire:open_list", "healthz"}
    WRITE_EVERY = 5

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if settings.SESSION_COOKIE_NAME not in request.COOKIES:
            return self.get_response(request)
        session = request.session
        now = int(time.time())
        last = session.get(LAST_ACTIVITY_SESSION_KEY)
        if holds_a_person(session) and last is not None and now - last > settings.IMMUNOGUIDE_IDLE_SECONDS:
            wipe_person(request)
            if self.view_name(request) not in self.GO_ON_AFTER_WIPE:
                return cleared_response(redirect(reverse("questionnaire:start") + "?idle=1"))
        response = self.get_response(request)
        write_every = min(self.WRITE_EVERY, settings.IMMUNOGUIDE_IDLE_SECONDS // 10)
        if holds_a_person(session) and (last is None or now - last >= write_every):
            session[LAST_ACTIVITY_SESSION_KEY] = now
        return response

    @staticmethod
    def view_name(request):
        try:
            return resolve(request.path_info).view_name
        except Resolver404:
            return None
