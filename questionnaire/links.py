"""Links that reopen a question list later, with nothing stored on the server.

The answers and list choices travel inside the link, signed with Django's
signing so they cannot be changed, and compressed so the link stays short.
"""
from datetime import timedelta

from django.core import signing

from .engine import ANSWER_KEYS, Answers, InvalidAnswers
from .question_list import ListChoices

SALT = "immunoguide.question-list"
MAX_AGE = timedelta(days=90)


class LinkExpired(Exception):
    """The link was valid once but is older than :data:`MAX_AGE`."""


class LinkInvalid(Exception):
    """The link was changed, cut short, or never came from ImmunoGuide."""


def make_token(answers, choices):
    payload = {
        "a": [getattr(answers, key) for key in ANSWER_KEYS],
        "d": list(choices.dropped),
        "p": list(choices.added),
        "t": None if choices.top is None else list(choices.top),
        "o": list(choices.own),
    }
    return signing.dumps(payload, salt=SALT, compress=True)


def read_token(token):
    """The (answers, choices) a token carries; raises LinkExpired or LinkInvalid."""
    try:
        payload = signing.loads(token, salt=SALT, max_age=MAX_AGE)
    except signing.SignatureExpired:
        raise LinkExpired from None
    except (signing.BadSignature, ValueError, UnicodeError):
        raise LinkInvalid from None
    try:
        answers = Answers.from_mapping(dict(zip(ANSWER_KEYS, payload["a"], strict=True)))
        choices = ListChoices.from_dict(
            {"dropped": payload["d"], "added": payload.get("p", []), "top": payload["t"],
             "own": payload["o"]})
    except (InvalidAnswers, KeyError, TypeError, ValueError):
        raise LinkInvalid from None
    return answers, choices
