"""The idle wipe on the server (questionnaire/middleware.py): on a clinic device a person's answers go
after the idle limit; at home they stay until the person clears them."""
import gzip
import re
import time

import pytest
from django.urls import reverse

from tests.helpers.wizard import complete, post_step, step_url

pytestmark = pytest.mark.django_db

RESULT = reverse("questionnaire:result")
CLEARED = reverse("questionnaire:ready") + "?idle=1"
#: Where a clinic device's pages that need answers lead once they are wiped (views.pages.answers_gone_url).
READY = reverse("questionnaire:ready")


@pytest.fixture
def clock(monkeypatch):
    """The server's clock, moved on by hand."""
    class Clock:
        now = time.time()

        def advance(self, seconds):
            self.now += seconds

    clock = Clock()
    monkeypatch.setattr("questionnaire.middleware.time.time", lambda: clock.now)
    return clock


@pytest.fixture
def clinic(client):
    """This browser made a clinic device, by the address a clinic gives its tablets."""
    client.get(reverse("questionnaire:clinic_device"))


@pytest.fixture
def limit(settings):
    settings.IMMUNOGUIDE_IDLE_SECONDS = 600
    return 600


def test_after_the_idle_limit_the_answers_are_wiped_and_the_page_says_why(client, clinic, clock, limit):
    complete(client, "dampen", "kidney_transplant")
    clock.advance(limit + 1)
    response = client.get(RESULT)
    assert response.url == CLEARED
    assert response["Clear-Site-Data"] == '"cache"'
    assert client.get(response.url).context["cleared_when_idle"] is True
    assert client.get(RESULT).url == READY


def test_within_the_limit_nothing_is_wiped(client, clinic, clock, limit):
    complete(client, "dampen", "kidney_transplant")
    for _ in range(3):
        clock.advance(limit - 1)
        assert client.get(RESULT).status_code == 200


def test_a_tab_left_open_cannot_send_an_answer_after_the_limit(client, clinic, clock, limit):
    client.get(reverse("questionnaire:questions"))
    post_step(client, "goal", "dampen")
    clock.advance(limit + 1)
    assert post_step(client, "condition", "lupus").url == CLEARED
    assert client.get(step_url("condition")).url == step_url("goal")  # nothing answered: from the start
    assert client.get(step_url("goal")).context["form"]["goal"].value() is None


def test_the_limit_is_a_setting(client, clinic, clock, settings):
    settings.IMMUNOGUIDE_IDLE_SECONDS = 60
    complete(client, "modulate", "hay_fever")
    clock.advance(61)
    assert client.get(RESULT).url == CLEARED


def test_the_wipe_keeps_the_devices_text_size(client, clinic, clock, limit):
    complete(client, "modulate", "hay_fever")
    client.post(reverse("questionnaire:text_size"), {"size": "large", "next": RESULT})
    clock.advance(limit + 1)
    client.get(RESULT)
    assert client.get(reverse("questionnaire:start")).context["large_text"] is True


def test_i_am_still_here_keeps_the_answers_for_another_full_limit(client, clinic, clock, limit):
    complete(client, "modulate", "hay_fever")
    clock.advance(limit - 10)
    assert client.post(reverse("questionnaire:still_here")).status_code == 204
    clock.advance(limit - 10)
    assert client.get(RESULT).status_code == 200


def test_i_am_still_here_after_the_limit_says_everything_is_gone(client, clinic, clock, limit):
    complete(client, "modulate", "hay_fever")
    clock.advance(limit + 1)
    assert client.post(reverse("questionnaire:still_here")).status_code == 410
    assert client.get(RESULT).url == READY


def test_a_browser_with_nothing_of_a_person_is_left_alone(client, clinic, clock, limit):
    client.post(reverse("questionnaire:text_size"), {"size": "large", "next": "/"})
    clock.advance(limit * 3)
    response = client.get(reverse("questionnaire:start"))
    assert response.status_code == 200
    assert response.context["large_text"] is True


def test_the_pages_timer_wipes_through_start_over(client, clinic):
    complete(client, "modulate", "hay_fever")
    response = client.post(reverse("questionnaire:start_over"), {"reason": "idle"})
    assert response.url == CLEARED
    assert client.get(RESULT).url == READY


@pytest.mark.parametrize("url", [step_url("goal"), RESULT, reverse("questionnaire:result_link"),
                                 reverse("questionnaire:visit")])
def test_every_page_with_answers_carries_the_timer_and_a_no_script_refresh(client, clinic, limit, url):
    complete(client, "modulate", "hay_fever")
    response = client.get(url, follow=True)
    assert response.context["show_start_over"] is True
    assert response.context["idle_seconds"] == limit
    page = response.content.decode()
    assert f'data-idle-seconds="{limit}"' in page
    assert f'<noscript><meta http-equiv="refresh" content="{limit + 5}"></noscript>' in page


def test_a_link_opened_after_the_limit_opens_its_own_list(client, clinic, clock, limit):
    complete(client, "modulate", "hay_fever")
    link = client.get(reverse("questionnaire:result_link")).context["link"]
    clock.advance(limit + 1)
    assert client.get(link).url == RESULT
    assert client.get(RESULT).context["result"].condition.slug == "hay_fever"


class TestAtHome:
    """At home a break wipes nothing: no timer on the page, no wipe on the server."""

    def test_hours_without_use_wipe_nothing(self, client, clock, limit):
        complete(client, "dampen", "kidney_transplant")
        clock.advance(limit * 6)
        response = client.get(RESULT)
        assert response.status_code == 200
        assert response.context["result"].condition.slug == "kidney_transplant"

    def test_a_step_half_way_keeps_its_answers_after_a_break(self, client, clock, limit):
        client.get(reverse("questionnaire:questions"))
        post_step(client, "goal", "dampen")
        clock.advance(limit + 1)
        assert post_step(client, "condition", "lupus").url == step_url("medicines")

    @pytest.mark.parametrize("url", [step_url("goal"), RESULT])
    def test_pages_carry_no_timer(self, client, limit, url):
        complete(client, "modulate", "hay_fever")
        response = client.get(url)
        assert response.context["clinic_device"] is False
        page = response.content.decode()
        assert "data-idle-seconds" not in page and 'http-equiv="refresh"' not in page
        assert 'id="idle-warning"' not in page

    def test_a_deployment_for_homes_ignores_the_clinic_address(self, client, clock, limit, settings):
        settings.IMMUNOGUIDE_DEVICE_MODE = "home"
        client.get(reverse("questionnaire:clinic_device"))
        complete(client, "modulate", "hay_fever")
        clock.advance(limit + 1)
        assert client.get(RESULT).status_code == 200

    def test_a_deployment_for_clinics_wipes_every_browser(self, client, clock, limit, settings):
        settings.IMMUNOGUIDE_DEVICE_MODE = "clinic"
        complete(client, "modulate", "hay_fever")
        clock.advance(limit + 1)
        assert client.get(RESULT).url == CLEARED


def test_a_clinic_device_stays_one_after_a_wipe(client, clinic, clock, limit):
    """The next person on the tablet is wiped too: the mode is the device's, not the person's."""
    for _ in range(2):
        complete(client, "modulate", "hay_fever")
        clock.advance(limit + 1)
        assert client.get(RESULT).url == CLEARED


class TestCompression:
    """Pages go out gzip-compressed (GZipMiddleware), as plain gzip any browser reads."""

    def test_a_page_decompresses_to_the_page_sent_uncompressed(self, client):
        complete(client, "dampen", "lupus", factors=["pregnancy"])
        plain = client.get(RESULT)
        compressed = client.get(RESULT, HTTP_ACCEPT_ENCODING="gzip, deflate, br")
        assert "Content-Encoding" not in plain and compressed["Content-Encoding"] == "gzip"
        assert int(compressed["Content-Length"]) == len(compressed.content) < len(plain.content) / 3
        # The CSRF token is masked afresh for each response; everything else is the same.
        mask = re.compile(rb'name="csrfmiddlewaretoken" value="[^"]+"')
        assert mask.sub(b"", gzip.decompress(compressed.content)) == mask.sub(b"", plain.content)
        assert "Accept-Encoding" in compressed["Vary"]

    def test_the_header_is_padded_by_a_random_length_against_breach(self, client):
        lengths = set()
        for _ in range(8):
            body = client.get("/", HTTP_ACCEPT_ENCODING="gzip").content
            assert body[3] & gzip.FNAME
            lengths.add(body.index(b"\x00", 10) - 10)
        assert len(lengths) > 1

    def test_a_small_response_goes_as_it_is(self, client):
        response = client.get(reverse("healthz"), HTTP_ACCEPT_ENCODING="gzip")
        assert "Content-Encoding" not in response and response.content
