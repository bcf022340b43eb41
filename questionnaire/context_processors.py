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
    session = getattr(request, "session", None)
    large = bool(session is not None and session.session_key and session.get(TEXT_SIZE_SESSION_KEY) == "large")
    match = getattr(request, "resolver_match", None)
    safe = match is not None and match.url_name not in ADDRESSES_NOT_TO_ECHO
    idle = settings.IMMUNOGUIDE_IDLE_SECONDS
    address = request.get_full_path()
    return {
        "large_text": large,
        "text_size_next": address if safe else "/",
        # The frame's fragment key (base.html): None renders it afresh.
        "frame_address": address if safe and request.GET.keys() <= FRAME_QUERY else None,
        "idle_seconds": idle,
        "idle_minutes": max(1, round(idle / 60)),
    }
