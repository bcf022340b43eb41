"""Home or clinic (questionnaire/device.py): who chooses, what each mode's pages offer, and that
nothing of the last person on a clinic device comes back on "Start now" or Back."""
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.urls import reverse

from questionnaire.device import COOKIE_NAME
from tests.helpers.wizard import complete, post_step, step_url

pytestmark = pytest.mark.django_db

START = reverse("questionnaire:start")
READY = reverse("questionnaire:ready")
RESULT = reverse("questionnaire:result")
CLINIC_ADDRESS = reverse("questionnaire:clinic_device")
SWITCH = reverse("questionnaire:device")


def mode_on_start(client):
    context = client.get(START).context
    return "clinic" if context["clinic_device"] else "home"


class TestWhoChooses:
    def test_a_browser_is_at_home_until_told_otherwise(self, client):
        context = client.get(START).context
        assert context["clinic_device"] is False
        assert context["may_choose_device"] is True

    def test_the_clinic_address_makes_this_browser_a_clinic_device_and_opens_the_start(self, client):
        response = client.get(CLINIC_ADDRESS)
        assert response.status_code == 302 and response.url == START
        cookie = response.cookies[COOKIE_NAME]
        assert cookie.value == "clinic-address"
        assert cookie["httponly"] and cookie["samesite"] == "Lax" and int(cookie["max-age"]) > 30 * 24 * 3600
        assert "no-store" in response["Cache-Control"]
        assert mode_on_start(client) == "clinic"

    def test_the_person_switches_on_the_start_page_both_ways(self, client):
        assert client.post(SWITCH, {"mode": "clinic"}).url == START
        assert mode_on_start(client) == "clinic"
        assert client.post(SWITCH, {"mode": "home"}).url == START
        assert mode_on_start(client) == "home"
        assert client.cookies[COOKIE_NAME].value == ""

    def test_an_unknown_mode_is_home(self, client):
        client.post(SWITCH, {"mode": "clinic"})
        client.post(SWITCH, {"mode": "kiosk"})
        assert mode_on_start(client) == "home"

    def test_a_tablet_the_clinic_address_set_up_cannot_be_switched_home_from_the_start_page(self, client):
        """"Use at home" on a shared tablet would turn its idle wipe off for the next people."""
        client.get(CLINIC_ADDRESS)
        start = client.get(START)
        assert start.context["may_switch_to_home"] is False
        assert 'name="mode" value="home"' not in start.content.decode()
        assert client.post(SWITCH, {"mode": "home"}).url == START
        assert mode_on_start(client) == "clinic"

    def test_the_switch_is_a_form_with_its_protection(self, client):
        client.handler.enforce_csrf_checks = True
        assert client.post(SWITCH, {"mode": "home"}).status_code == 403
        assert client.get(SWITCH).status_code == 405

    @pytest.mark.parametrize("deployment", ["home", "clinic"])
    def test_a_deployment_with_one_mode_offers_no_choice_and_ignores_the_address_and_the_switch(
            self, client, settings, deployment):
        settings.IMMUNOGUIDE_DEVICE_MODE = deployment
        response = client.get(CLINIC_ADDRESS)
        assert COOKIE_NAME not in response.cookies
        client.post(SWITCH, {"mode": "home" if deployment == "clinic" else "clinic"})
        assert mode_on_start(client) == deployment
        page = client.get(START)
        assert page.context["may_choose_device"] is False
        assert SWITCH not in page.content.decode()

    def test_the_mode_is_no_part_of_the_person(self, client):
        """A wipe keeps the device a clinic device; the session holds no mode to wipe."""
        client.get(CLINIC_ADDRESS)
        complete(client, "dampen", "lupus")
        client.post(reverse("questionnaire:start_over"))
        assert mode_on_start(client) == "clinic"


def test_a_mode_that_does_not_exist_stops_start_up_naming_the_setting():
    env = {**os.environ, "IMMUNOGUIDE_DEVICE_MODE": "kiosk"}
    done = subprocess.run([sys.executable, "manage.py", "check"], cwd=Path(__file__).resolve().parent.parent,
                          capture_output=True, text=True, env=env, timeout=120)
    assert done.returncode != 0
    assert "ImproperlyConfigured" in done.stderr and "IMMUNOGUIDE_DEVICE_MODE" in done.stderr


def test_the_device_cookie_is_secure_where_the_session_is(client, settings):
    settings.SESSION_COOKIE_SECURE = True
    assert client.get(CLINIC_ADDRESS).cookies[COOKIE_NAME]["secure"]


class TestStartPage:
    def test_at_home_it_offers_the_clinic_switch_and_says_how_long_answers_stay(self, client, settings):
        settings.SESSION_COOKIE_AGE = 3 * 3600
        response = client.get(START)
        page = response.content.decode()
        assert response.context["session_hours"] == 3
        assert 'id="kept-at-home"' in page and 'id="kept-on-clinic-device"' not in page
        assert 'name="mode" value="clinic"' in page

    def test_on_a_clinic_device_it_offers_the_way_home_and_names_the_idle_limit(self, client, settings):
        settings.IMMUNOGUIDE_IDLE_SECONDS = 300
        client.post(SWITCH, {"mode": "clinic"})
        response = client.get(START)
        page = response.content.decode()
        assert response.context["idle_minutes"] == 5
        assert 'id="kept-on-clinic-device"' in page and 'id="kept-at-home"' not in page
        assert 'name="mode" value="home"' in page


class TestFinishing:
    def test_at_home_start_over_lands_on_the_start_page_saying_it_is_cleared(self, client):
        complete(client, "dampen", "lupus")
        response = client.post(reverse("questionnaire:start_over"))
        assert response.url == START + "?cleared=1"
        assert client.get(response.url).context["cleared"] is True

    def test_at_home_there_is_no_next_person_to_be_ready_for(self, client):
        assert client.get(READY).url == START

    def test_on_a_clinic_device_finishing_leads_to_ready_for_the_next_person(self, client):
        client.get(CLINIC_ADDRESS)
        complete(client, "dampen", "lupus")
        response = client.post(reverse("questionnaire:start_over"))
        assert response.url == READY
        assert response["Clear-Site-Data"] == '"cache"'
        ready = client.get(READY)
        assert ready.status_code == 200
        assert [t.name for t in ready.templates][0] == "questionnaire/ready.html"
        assert ready.context["cleared_when_idle"] is False
        assert "no-store" in ready["Cache-Control"]
        assert f'href="{reverse("questionnaire:questions")}"' in ready.content.decode()

    def test_the_idle_wipe_says_so_on_the_ready_page(self, client):
        client.get(CLINIC_ADDRESS)
        complete(client, "dampen", "lupus")
        response = client.post(reverse("questionnaire:start_over"), {"reason": "idle"})
        assert response.url == READY + "?idle=1"
        assert client.get(response.url).context["cleared_when_idle"] is True

    def test_the_result_page_finishes_for_the_next_person_only_on_a_clinic_device(self, client):
        home = complete(client, "dampen", "lupus")
        assert home.context["clinic_device"] is False
        assert 'id="kept-at-home"' in home.content.decode()
        client.get(CLINIC_ADDRESS)
        clinic = client.get(RESULT)
        assert clinic.context["clinic_device"] is True
        assert 'id="kept-on-clinic-device"' in clinic.content.decode()
        assert 'id="kept-at-home"' not in clinic.content.decode()

    @pytest.mark.parametrize("clinic, kept_for, not_for", [(False, "3", "7"), (True, "7", "3")])
    def test_the_saved_message_names_how_long_the_list_is_kept(self, client, settings, clinic, kept_for, not_for):
        """At home the session's age (3 hours here), on a clinic device the idle limit (7 minutes)."""
        settings.SESSION_COOKIE_AGE = 3 * 3600
        settings.IMMUNOGUIDE_IDLE_SECONDS = 7 * 60
        if clinic:
            client.get(CLINIC_ADDRESS)
        page = complete(client, "dampen", "lupus")
        form = {"keep": [q.slug for q in page.context["suggested_questions"]], "action": "save"}
        saved = client.post(RESULT, form, follow=True)
        [message] = [str(m) for m in saved.context["messages"]]
        assert kept_for in message and not_for not in message


class TestNothingOfTheLastPersonOnBack:
    """Back after a wipe asks again for the pages it passed; each must hold nothing of the last person."""

    PAGES_WITH_ANSWERS = [step_url("goal"), step_url("stage"), step_url("check"), RESULT,
                          reverse("questionnaire:result_link"), reverse("questionnaire:check_in"),
                          reverse("questionnaire:visit"), reverse("questionnaire:visit_summary")]

    @pytest.mark.parametrize("url", PAGES_WITH_ANSWERS)
    def test_pages_with_answers_are_never_stored_by_the_browser(self, client, url):
        client.get(CLINIC_ADDRESS)
        complete(client, "dampen", "lupus")
        response = client.get(url)
        assert response.status_code == 200
        assert "no-store" in response["Cache-Control"]

    @pytest.mark.parametrize("url", PAGES_WITH_ANSWERS)
    def test_after_a_wipe_each_leads_away_from_the_last_person(self, client, url):
        client.get(CLINIC_ADDRESS)
        complete(client, "dampen", "lupus")
        client.post(reverse("questionnaire:start_over"))
        response = client.get(url)
        if url == step_url("goal"):
            assert response.status_code == 200 and response.context["form"]["goal"].value() is None
        else:
            assert response.status_code == 302 and response.url in (step_url("goal"), READY)

    def test_back_to_the_result_after_a_wipe_is_ready_for_the_next_person_and_at_home_says_why(self, client):
        client.post(SWITCH, {"mode": "clinic"})
        complete(client, "dampen", "lupus")
        client.post(reverse("questionnaire:start_over"))
        assert client.get(reverse("questionnaire:result")).url == READY
        client.post(SWITCH, {"mode": "home"})
        assert client.get(reverse("questionnaire:result")).url == START + "?expired=1"

    def test_start_now_after_finish_and_back_opens_the_first_question(self, client):
        client.get(CLINIC_ADDRESS)
        client.get(reverse("questionnaire:questions"))
        for step, value in [("goal", "dampen"), ("condition", "lupus"), ("medicines", []), ("stage", "starting")]:
            post_step(client, step, value)
        client.post(reverse("questionnaire:start_over"))
        for step in ("factors", "stage"):  # Back asks for these again
            client.get(step_url(step))
        assert client.get(reverse("questionnaire:questions")).url == step_url("goal")
