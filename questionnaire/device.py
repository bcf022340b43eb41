"""Home or clinic: how this browser is used, which decides whether answers are wiped when idle.

At home a person's list stays until they clear it (or the session ends); on a shared
clinic device it is wiped after the idle limit and between people. The deployment sets
the mode (``IMMUNOGUIDE_DEVICE_MODE``), or, where it lets each browser choose, a small
cookie of its own does: "clinic" or nothing. It holds nothing of a person, and it is
not kept in the session, which ends two hours after it began and with the browser: a
clinic tablet left overnight must still be a clinic tablet in the morning.
"""
from django.conf import settings

HOME = "home"
CLINIC = "clinic"
#: The deployment lets each browser choose (home unless told otherwise).
CHOOSE = "choose"
DEPLOYMENT_MODES = (HOME, CLINIC, CHOOSE)

#: The cookie's value when the clinic's own address (/clinic/) made this a clinic device: a person
#: cannot switch it back to home from the start page, which would turn the idle wipe off on a
#: shared tablet. Staff undo it by clearing the browser's data for the site.
SET_BY_CLINIC = "clinic-address"

COOKIE_NAME = "immunoguide_device"
#: A clinic's tablet stays one for a year, the longest most browsers keep a cookie.
COOKIE_AGE = 60 * 60 * 24 * 365


def may_choose():
    """Whether this deployment lets a browser be switched between home and clinic."""
    return settings.IMMUNOGUIDE_DEVICE_MODE == CHOOSE


def device_mode(request):
    """HOME or CLINIC for this request's browser."""
    fixed = settings.IMMUNOGUIDE_DEVICE_MODE
    if fixed != CHOOSE:
        return fixed
    return CLINIC if request.COOKIES.get(COOKIE_NAME) in (CLINIC, SET_BY_CLINIC) else HOME


def is_clinic_device(request):
    return device_mode(request) == CLINIC


def may_switch_to_home(request):
    """Whether the start page may offer "Use at home": not where the clinic's address set the device."""
    return may_choose() and request.COOKIES.get(COOKIE_NAME) != SET_BY_CLINIC


def remember_mode(response, mode, by_clinic=False):
    """Make the browser a clinic device (``by_clinic``: from the clinic's address, for good), or a
    home one again (the default needs no cookie)."""
    if not may_choose():
        return response
    if mode == CLINIC:
        response.set_cookie(
            COOKIE_NAME, SET_BY_CLINIC if by_clinic else CLINIC, max_age=COOKIE_AGE, secure=settings.SESSION_COOKIE_SECURE,
            httponly=True, samesite="Lax")
    else:
        response.delete_cookie(COOKIE_NAME, samesite="Lax")
    return response
