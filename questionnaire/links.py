"""Links that reopen a question list later, with nothing stored on the server.

The answers and list choices travel inside the link, compressed and sealed
(:mod:`questionnaire.sealing`): whoever sees the address, in a proxy log, a
browser's history or a link scanner, can neither read nor change them. A link
expires after :data:`MAX_AGE`.
"""
from datetime import timedelta

import segno
from django.urls import reverse
from django.utils.safestring import mark_safe
from django.utils.translation import gettext

from .engine import ANSWER_KEYS, Answers, InvalidAnswers
from .question_list import ListChoices
from .sealing import Expired, Unreadable, seal, unseal

PURPOSE = "list-link"
MAX_AGE = timedelta(days=30)
#: No link longer than this is offered: some mail and message apps cut longer ones.
MAX_LINK_LENGTH = 2000


class LinkExpired(Exception):
    """The link was valid once but is older than :data:`MAX_AGE`."""


class LinkInvalid(Exception):
    """The link was changed, cut short, dated in the future, or never came from ImmunoGuide."""


def make_token(answers, choices):
    payload = {
        "a": [getattr(answers, key) for key in ANSWER_KEYS],
        "d": list(choices.dropped),
        "p": list(choices.added),
        "t": None if choices.top is None else list(choices.top),
        "o": list(choices.own),
    }
    return seal(payload, PURPOSE)


def read_token(token, content):
    """The (answers, choices) a token carries, checked against the content; raises LinkExpired
    or LinkInvalid."""
    try:
        payload = unseal(token, PURPOSE, max_age=MAX_AGE.total_seconds())
    except Expired:
        raise LinkExpired from None
    except Unreadable:
        raise LinkInvalid from None
    try:
        given = payload["a"]
        if len(given) not in (len(ANSWER_KEYS) - 1, len(ANSWER_KEYS)):  # links made before medicines had none
            raise ValueError("answers of the wrong length")
        answers = Answers.from_mapping(dict(zip(ANSWER_KEYS, given)), content)
        choices = ListChoices.from_dict(
            {"dropped": payload["d"], "added": payload.get("p", []), "top": payload["t"],
             "own": payload["o"]})
    except (InvalidAnswers, KeyError, TypeError, ValueError):
        raise LinkInvalid from None
    return answers, choices


def list_link(request, answers, choices):
    """A link that reopens this list on any device, its answers sealed inside; None if too long to offer."""
    token = make_token(answers, choices)
    link = request.build_absolute_uri(reverse("questionnaire:open_list", kwargs={"token": token}))
    # Mail and message apps cut longer links; print or download the list instead.
    return link if len(link) <= MAX_LINK_LENGTH else None


def qr_code(link):
    """The link as an inline SVG QR code, for the page and its printout."""
    return mark_safe(segno.make(link, error="m").svg_inline(
        scale=3, border=4, omitsize=True, svgclass="qr-code", title=gettext("QR code of the link to your list")))
