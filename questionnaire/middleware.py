import time

from django.conf import settings
from django.shortcuts import redirect
from django.urls import Resolver404, resolve, reverse

from .device import is_clinic_device
from .session_keys import LAST_ACTIVITY_SESSION_KEY, cleared_response, holds_a_person, wipe_person


class PermissionsPolicyMiddleware:
    """Add a Permissions-Policy header (Django has none built in): no camera, location and so on."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        policy = settings.PERMISSIONS_POLICY
        if policy:
            response.headers.setdefault("Permissions-Policy", policy)
        return response


class IdleTimeoutMiddleware:
    """On a clinic device, wipe a person's answers after ``IMMUNOGUIDE_IDLE_SECONDS`` without a request.

    The page's own timer (idle.js) wipes the screen; this is the server's side of
    it, so a tab left open, or a page kept in the browser, cannot bring the
    answers back once the time is up. At home nothing is wiped for being idle: the
    list stays until the person clears it. Only a browser that already has a
    session is looked at, and the time is written at most every few seconds.
    """

    #: After a wipe these pages go on as asked: they hold no answers, answer for themselves
    #: ("I am still here") or bring a list of their own (a link).
    GO_ON_AFTER_WIPE = {"questionnaire:start", "questionnaire:about", "questionnaire:still_here",
                        "questionnaire:open_list", "questionnaire:ready", "questionnaire:device",
                        "questionnaire:clinic_device", "healthz"}
    WRITE_EVERY = 5

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if settings.SESSION_COOKIE_NAME not in request.COOKIES or not is_clinic_device(request):
            return self.get_response(request)
        session = request.session
        now = int(time.time())
        last = session.get(LAST_ACTIVITY_SESSION_KEY)
        if holds_a_person(session) and last is not None and now - last > settings.IMMUNOGUIDE_IDLE_SECONDS:
            wipe_person(request)
            if self.view_name(request) not in self.GO_ON_AFTER_WIPE:
                return cleared_response(redirect(reverse("questionnaire:ready") + "?idle=1"))
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
