"""Sealed values: unreadable, unchangeable, dated, and still open after a key rotation (questionnaire/sealing.py)."""
import base64
import time
from unittest import mock

import pytest

from questionnaire.sealing import CLOCK_SKEW, Expired, Unreadable, seal, unseal

VALUE = {"answers": ["dampen", "kidney_transplant"], "own": ["Am I pregnant-safe? 怀孕"]}


def later(seconds):
    return mock.patch("time.time", return_value=time.time() + seconds)


def test_a_sealed_value_opens_to_itself():
    assert unseal(seal(VALUE, "session"), "session", max_age=60) == VALUE


def test_nothing_of_the_value_can_be_read_from_the_sealed_text():
    token = seal(VALUE, "session")
    decoded = base64.urlsafe_b64decode(token + "=" * (-len(token) % 4))
    for secret in [b"dampen", b"kidney", "怀孕".encode(), b"pregnant"]:
        assert secret not in decoded and secret not in token.encode()


def test_a_changed_character_is_refused():
    token = seal(VALUE, "session")
    for at in (5, len(token) // 2, len(token) - 2):
        changed = token[:at] + ("A" if token[at] != "A" else "B") + token[at + 1:]
        with pytest.raises(Unreadable):
            unseal(changed, "session", max_age=60)


@pytest.mark.parametrize("token", ["", "x", "%%%%", "a" * 5000, "gAAAAA", "é" * 10])
def test_anything_else_is_refused(token):
    with pytest.raises(Unreadable):
        unseal(token, "session", max_age=60)


def test_a_cut_short_value_is_refused():
    with pytest.raises(Unreadable):
        unseal(seal(VALUE, "session")[:-10], "session", max_age=60)


def test_a_value_sealed_for_one_purpose_does_not_open_for_another():
    with pytest.raises(Unreadable):
        unseal(seal(VALUE, "list-link"), "session", max_age=60)


def test_an_old_value_has_expired():
    token = seal(VALUE, "session")
    with later(61), pytest.raises(Expired):
        unseal(token, "session", max_age=60)


def test_a_value_dated_in_the_future_is_refused():
    with later(CLOCK_SKEW + 5):
        token = seal(VALUE, "session")
    with pytest.raises(Unreadable):
        unseal(token, "session", max_age=3600)


def test_after_a_key_rotation_old_values_still_open_and_new_ones_use_the_new_key(settings):
    old_key = settings.SECRET_KEY
    token = seal(VALUE, "session")
    settings.SECRET_KEY, settings.SECRET_KEY_FALLBACKS = "a-new-secret-key-" * 3, [old_key]
    assert unseal(token, "session", max_age=60) == VALUE
    new_token = seal(VALUE, "session")
    settings.SECRET_KEY_FALLBACKS = []
    assert unseal(new_token, "session", max_age=60) == VALUE
    with pytest.raises(Unreadable):
        unseal(token, "session", max_age=60)
