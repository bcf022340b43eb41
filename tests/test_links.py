"""Sealed links that reopen a list with nothing stored (questionnaire/links.py)."""
import time
from datetime import timedelta
from unittest import mock

import pytest

from questionnaire.engine import Answers
from questionnaire.links import PURPOSE, LinkExpired, LinkInvalid, make_token, read_token
from questionnaire.sealing import seal
from questionnaire.question_list import ListChoices
from tests.helpers.builders import build_content

CONTENT = build_content()
ANSWERS = Answers("dampen", "kidney_transplant", "starting", ("pregnancy", "vaccines_due"), ("cost",))
OWN = tuple(f"Question {n}: can I keep working my night shifts while I take this medicine?"
            for n in range(1, 11))


def test_a_token_carries_the_answers_and_choices():
    choices = ListChoices(dropped=("a", "b"), top=("c",), own=("Mine? <b>", "שלום 😀"))
    assert read_token(make_token(ANSWERS, choices), CONTENT) == (ANSWERS, choices)


def test_a_changed_token_is_refused():
    token = make_token(ANSWERS, ListChoices())
    tampered = token[:10] + ("A" if token[10] != "A" else "B") + token[11:]
    with pytest.raises(LinkInvalid):
        read_token(tampered, CONTENT)


@pytest.mark.parametrize("token", ["", "nonsense", "a:b:c", "%%%", "x" * 3000])
def test_malformed_tokens_are_refused(token):
    with pytest.raises(LinkInvalid):
        read_token(token, CONTENT)


def test_a_signed_token_with_answers_outside_the_vocabulary_is_refused():
    token = seal({"a": ["boost", "lupus", "starting", [], []], "d": [], "t": [], "o": []}, PURPOSE)
    with pytest.raises(LinkInvalid):
        read_token(token, CONTENT)


def days_later(days):
    """Pretend the clock moved on, as sealing reads it."""
    return mock.patch("time.time", return_value=time.time() + timedelta(days=days).total_seconds())


def test_a_token_older_than_30_days_has_expired():
    token = make_token(ANSWERS, ListChoices())
    with days_later(31), pytest.raises(LinkExpired):
        read_token(token, CONTENT)


def test_a_token_from_29_days_ago_still_opens():
    token = make_token(ANSWERS, ListChoices())
    with days_later(29):
        assert read_token(token, CONTENT)[0] == ANSWERS


def test_a_full_list_with_10_own_questions_stays_short_enough_to_paste():
    choices = ListChoices(dropped=("d-which-medicine", "tx-for-life", "cost-and-insurance"),
                          top=("tx-set-times", "tx-rejection-signs", "d-fever-plan"), own=OWN)
    link = "https://clinic.example.org/list/" + make_token(ANSWERS, choices) + "/"
    assert len(link) < 2000
