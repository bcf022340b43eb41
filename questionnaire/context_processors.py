from django.conf import settings

from .session_keys import TEXT_SIZE_SESSION_KEY

#: Pages that carry answers in their address, which must never be echoed back.
ADDRESSES_NOT_TO_ECHO = {"open_list"}

#: The query parameters the pages use themselves. The page frame is kept under its
#: address only when it has no other: a kept key must hold nothing a person typed.
FRAME_QUERY = {"change", "print", "expired", "idle"}


def display(request):
    """The text size chosen for this session, where the size switch returns to, the idle limit.

    The switch returns to the same page, except from a page whose address may
    carry answers (a signed list link) or is unknown; those return to the start.
    """
    idle = settings.IMMUNOGUIDE_IDLE_SECONDS
    address = request.get_full_path()
    return {
        "large_text": large_text(request),
        "text_size_next": address if _may_echo(request) else "/",
        # The frame's fragment key (base.html): None renders it afresh.
        "frame_address": frame_address(request),
        "idle_seconds": idle,
        "idle_minutes": max(1, round(idle / 60)),
    }


def _may_echo(request):
    match = getattr(request, "resolver_match", None)
    return match is not None and match.url_name not in ADDRESSES_NOT_TO_ECHO


def frame_address(request):
    """The page's address, to keep its frame under; None when it holds what may not be kept."""
    return request.get_full_path() if _may_echo(request) and request.GET.keys() <= FRAME_QUERY else None


def large_text(request):
    """Whether this browser asked for the larger text (its session holds nothing else of it)."""
    session = getattr(request, "session", None)
    return bool(session is not None and session.session_key and session.get(TEXT_SIZE_SESSION_KEY) == "large")
