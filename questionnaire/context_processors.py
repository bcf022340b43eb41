from django.conf import settings

from .languages import request_region
from .device import is_clinic_device, may_choose, may_switch_to_home
from .session_keys import TEXT_SIZE_SESSION_KEY

#: Pages that carry answers in their address, which must never be echoed back.
ADDRESSES_NOT_TO_ECHO = {"open_list"}


def display(request):
    """The text size chosen for this session, where the size switch returns to, home or clinic,
    how long answers are kept (the idle limit on a clinic device, the session's age at home) and
    the region the dates follow.

    The switch returns to the same page, except from a page whose address may
    carry answers (a signed list link) or is unknown; those return to the start.
    """
    idle = settings.IMMUNOGUIDE_IDLE_SECONDS
    address = request.get_full_path()
    return {
        "large_text": large_text(request),
        "text_size_next": address if _may_echo(request) else "/",
        "clinic_device": is_clinic_device(request),
        "may_choose_device": may_choose(),
        "may_switch_to_home": may_switch_to_home(request),
        "idle_seconds": idle,
        "idle_minutes": max(1, round(idle / 60)),
        "session_hours": max(1, round(settings.SESSION_COOKIE_AGE / 3600)),
        # Orders the dates the pages write out (the long_date filter).
        "date_region": request_region(request),
    }


def _may_echo(request):
    match = getattr(request, "resolver_match", None)
    return match is not None and match.url_name not in ADDRESSES_NOT_TO_ECHO


def large_text(request):
    """Whether this browser asked for the larger text (its session holds nothing else of it)."""
    session = getattr(request, "session", None)
    return bool(session is not None and session.session_key and session.get(TEXT_SIZE_SESSION_KEY) == "large")
