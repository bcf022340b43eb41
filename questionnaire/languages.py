"""The language switch in the page header, sent alone or with a form's unsent answers.

Django's ``set_language`` view serves the plain pages; a step or the list sends its
own form with the switch (so nothing typed is lost) and keeps the choice here, in
the same cookie, which ``LocaleMiddleware`` reads on the next page.
"""
from django.conf import settings

from .printout import region_of


def posted_language(request):
    """The language the header's switch asks for in this POST, if it is one of ours."""
    language = request.POST.get("language")
    return language if language in dict(settings.LANGUAGES) else None


def request_region(request):
    """The region of the browser's first language ("US", or ""): it orders dates and picks the paper."""
    return region_of(request.headers.get("Accept-Language", ""))


def remember_language(response, language):
    """``response``, setting the language cookie as ``set_language`` does, when a language was chosen."""
    if language:
        response.set_cookie(
            settings.LANGUAGE_COOKIE_NAME, language, max_age=settings.LANGUAGE_COOKIE_AGE,
            path=settings.LANGUAGE_COOKIE_PATH, domain=settings.LANGUAGE_COOKIE_DOMAIN,
            secure=settings.LANGUAGE_COOKIE_SECURE, httponly=settings.LANGUAGE_COOKIE_HTTPONLY,
            samesite=settings.LANGUAGE_COOKIE_SAMESITE)
    return response
