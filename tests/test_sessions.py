"""The patient's session lives in one encrypted cookie; the server writes nothing (questionnaire/sessions.py)."""
import re
import time
from unittest import mock

import pytest
from django.conf import settings
from django.contrib.sessions.models import Session
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from questionnaire.sessions import MAX_COOKIE_BYTES
from tests.helpers.pages import visit_every_page_type
from tests.helpers.wizard import complete, post_step, step_url

pytestmark = pytest.mark.django_db

RESULT = reverse("questionnaire:result")
EXPIRED = reverse("questionnaire:start") + "?expired=1"
WRITE = re.compile(r"^\s*(INSERT|UPDATE|DELETE|REPLACE|CREATE|DROP|ALTER)\b", re.I)


def cookie(client):
    return client.cookies[settings.SESSION_COOKIE_NAME].value


def test_no_patient_page_or_post_writes_to_the_database(client):
    with CaptureQueriesContext(connection) as queries:
        pages = visit_every_page_type(client)
    assert len(pages) > 20
    writes = [q["sql"] for q in queries if WRITE.match(q["sql"])]
    assert writes == []
    assert Session.objects.count() == 0


def test_the_cookie_carries_no_answer_anyone_can_read(client):
    complete(client, "dampen", "kidney_transplant", factors=["pregnancy"])
    client.post(RESULT, {"own": "Can I breastfeed?", "keep": []})
    value = cookie(client)
    assert len(value) <= MAX_COOKIE_BYTES
    for secret in ["kidney", "pregnan", "breastfeed", "dampen"]:
        assert secret not in value


@pytest.mark.parametrize("spoil", [
    lambda v: v[:-12], lambda v: v[:20] + ("A" if v[20] != "A" else "B") + v[21:],
    lambda v: "garbage", lambda v: v + "x" * 10])
def test_a_spoilt_cookie_is_a_fresh_start_never_a_500(client, spoil):
    complete(client, "dampen", "kidney_transplant")
    client.cookies[settings.SESSION_COOKIE_NAME] = spoil(cookie(client))
    assert client.get(RESULT).url == EXPIRED
    assert client.get(step_url("check")).url == EXPIRED
    assert post_step(client, "stage", "starting").url == EXPIRED


def test_a_cookie_older_than_the_session_age_is_a_fresh_start(client):
    complete(client, "dampen", "kidney_transplant")
    with mock.patch("time.time", return_value=time.time() + settings.SESSION_COOKIE_AGE + 1):
        assert client.get(RESULT).url == EXPIRED


def test_a_cookie_dated_in_the_future_is_a_fresh_start(client):
    with mock.patch("time.time", return_value=time.time() + 3600):
        complete(client, "dampen", "kidney_transplant")
    assert client.get(RESULT).url == EXPIRED


def test_after_a_key_rotation_the_person_carries_on(client, settings):
    complete(client, "dampen", "kidney_transplant")
    settings.SECRET_KEY_FALLBACKS = [settings.SECRET_KEY]
    settings.SECRET_KEY = "a-rotated-secret-key-" * 3
    assert client.get(RESULT).status_code == 200


def test_a_step_keeps_only_its_own_answer_not_what_else_was_posted(client):
    client.get(reverse("questionnaire:questions"))
    response = client.post(step_url("goal"), {
        "questionnaire_wizard-current_step": "goal", "goal-goal": "dampen", "junk": "J" * 100_000})
    assert response.url == step_url("condition")
    assert len(cookie(client)) < 600
    stored = client.session["wizard_questionnaire_wizard"]["step_data"]
    assert stored == {"goal": {"goal-goal": ["dampen"]}}


def test_a_session_in_use_ends_two_hours_after_it_began_however_often_it_is_sealed_again(client):
    """The cookie is sealed again when used past half its age; the limit still counts from the start."""
    start = time.time()
    complete(client, "dampen", "kidney_transplant")
    for minutes in range(9, 120, 9):  # in use every 9 minutes, inside the idle limit
        with mock.patch("time.time", return_value=start + minutes * 60):
            assert client.get(RESULT).status_code == 200, minutes
    with mock.patch("time.time", return_value=start + settings.SESSION_COOKIE_AGE + 60):
        assert client.get(RESULT).url == EXPIRED
