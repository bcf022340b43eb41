"""The questionnaire as a person uses it, through the test client (questionnaire/views/wizard.py, pages.py)."""
import re

import pytest
from django.middleware.csrf import CSRF_SESSION_KEY
from django.urls import reverse

from questionnaire.sessions import BEGAN_SESSION_KEY
from questionnaire.vocabulary import Factor
from tests.helpers.wizard import PREFIX, STEPS, complete, post_step, step_url

pytestmark = pytest.mark.django_db

class TestStartPage:
    def test_explains_what_the_tool_is_and_is_not(self, client):
        page = client.get(reverse("questionnaire:start")).content.decode()
        assert "about 3 minutes" in page
        assert "does not give medical advice" in page
        assert "call your local emergency number" in page

    def test_looking_at_it_keeps_nothing_but_its_forms_csrf_secret(self, client):
        client.get(reverse("questionnaire:start"))
        assert set(client.session.keys()) - {BEGAN_SESSION_KEY} == {CSRF_SESSION_KEY}

    def test_expired_flag_explains_why_answers_are_gone(self, client):
        page = client.get(reverse("questionnaire:start") + "?expired=1").content.decode()
        assert "Your answers are no longer here" in page


class TestEachGoal:
    def test_strengthen_for_melanoma(self, client):
        response = complete(client, "strengthen", "melanoma")
        assert [c.slug for c in response.context["result"].categories] == ["stimulating"]
        assert response.context["suggested_questions"]

    def test_modulate_for_hay_fever(self, client, content):
        page = complete(client, "modulate", "hay_fever").content.decode()
        assert content.categories["modulating"].title in page
        assert content.treatments["allergen_immunotherapy"].title in page

    def test_dampen_for_kidney_transplant(self, client, content):
        page = complete(client, "dampen", "kidney_transplant").content.decode()
        assert content.categories["suppressive"].title in page
        assert content.treatments["transplant_antirejection"].title in page

    def test_unsure_for_kidney_transplant_infers_dampen(self, client, content):
        page = complete(client, "unsure", "kidney_transplant").content.decode()
        assert content.categories["suppressive"].title in page
        assert content.categories["stimulating"].title not in page


class TestSteps:
    @pytest.mark.parametrize("number, step", list(enumerate(STEPS[:6], start=1)))
    def test_each_step_shows_its_progress(self, client, number, step):
        client.get(reverse("questionnaire:questions"))
        for earlier, value in zip(STEPS[:number - 1], ["dampen", "lupus", [], "starting", []]):
            post_step(client, earlier, value)
        page = client.get(step_url(step)).content.decode()
        assert f"Question {number} of 7" in page

    def test_missing_answer_shows_an_error_summary_linked_to_the_field(self, client):
        client.get(reverse("questionnaire:questions"))
        response = post_step(client, "goal")
        page = response.content.decode()
        assert response.status_code == 200
        assert "There is a problem" in page
        assert 'href="#id_goal-goal-fieldset"' in page
        assert 'id="id_goal-goal-fieldset"' in page
        assert "<title>Error:" in page

    @pytest.mark.parametrize("goal", ["strengthen", "modulate", "dampen", "unsure"])
    def test_the_condition_steps_error_summary_leads_to_something_in_sight(self, client, goal):
        """It linked to an option folded away, so following it showed nothing (issue 31)."""
        from html.parser import HTMLParser

        class Targets(HTMLParser):
            """Each id, with whether a closed <details> hides it (its own <summary> shows)."""
            def __init__(self):
                super().__init__()
                self.details, self.hidden, self.links = [], {}, []

            def handle_starttag(self, tag, attrs):
                attrs = dict(attrs)
                if tag == "details":
                    self.details.append("open" in attrs)
                folded = not all(self.details[:-1] if tag == "summary" else self.details)
                if "id" in attrs:
                    self.hidden[attrs["id"]] = (tag, folded)
                if tag == "a" and attrs.get("href", "").startswith("#") and self.in_summary:
                    self.links.append(attrs["href"][1:])
                self.in_summary = self.in_summary or attrs.get("class") == "error-summary-list"

            def handle_endtag(self, tag):
                if tag == "details":
                    self.details.pop()
                if tag == "ul":
                    self.in_summary = False

            in_summary = False

        client.get(reverse("questionnaire:questions"))
        post_step(client, "goal", goal)
        parser = Targets()
        parser.feed(post_step(client, "condition").content.decode())
        assert len(parser.links) == 1
        tag, folded = parser.hidden[parser.links[0]]
        assert tag in ("input", "summary") and not folded

    def test_a_value_that_is_not_offered_is_a_form_error(self, client):
        client.get(reverse("questionnaire:questions"))
        response = post_step(client, "goal", "<script>alert(1)</script>")
        assert response.status_code == 200
        assert "Select one of the options shown" in response.content.decode()
        assert "<script>alert(1)" not in response.content.decode()

    def test_optional_steps_may_be_left_empty(self, client):
        client.get(reverse("questionnaire:questions"))
        for step, value in [("goal", "dampen"), ("condition", "lupus"), ("medicines", []), ("stage", "starting")]:
            post_step(client, step, value)
        assert post_step(client, "factors", []).url == step_url("concerns")

    def test_none_of_these_is_offered_last_after_or_and_answers_no_factor(self, client):
        from questionnaire.session_keys import ANSWERS_SESSION_KEY
        client.get(reverse("questionnaire:questions"))
        for step, value in [("goal", "dampen"), ("condition", "lupus"), ("medicines", []), ("stage", "starting")]:
            post_step(client, step, value)
        page = client.get(step_url("factors")).content.decode()
        assert re.search(r'<p class="choices-divider">[^<]+</p>\s*<div class="choice">\s*<input type="checkbox" '
                         r'name="factors-factors" value="none"', page)
        refused = post_step(client, "factors", ["none", "smoker"])
        assert refused.context["form"].errors.as_data()["factors"][0].code == "none_and_factors"
        assert 'href="#id_factors-factors-fieldset"' in refused.content.decode()
        complete(client, "dampen", "lupus", factors=["none"])
        assert client.session[ANSWERS_SESSION_KEY]["factors"] == []

    def test_the_factors_step_gives_an_autoimmune_example_that_is_not_the_condition_chosen(self, client):
        from questionnaire.forms import ANOTHER_AUTOIMMUNE_HINT, FACTOR_HINTS
        client.get(reverse("questionnaire:questions"))
        for step, value in [("goal", "dampen"), ("condition", "rheumatoid_arthritis"), ("medicines", []),
                            ("stage", "starting")]:
            post_step(client, step, value)
        hints = client.get(step_url("factors")).context["hints"]
        assert hints[Factor.AUTOIMMUNE_HISTORY] == ANOTHER_AUTOIMMUNE_HINT
        assert hints[Factor.AUTOIMMUNE_HISTORY] != FACTOR_HINTS[Factor.AUTOIMMUNE_HISTORY]

    def test_conditions_that_fit_the_goal_come_first_and_not_listed_last(self, client):
        client.get(reverse("questionnaire:questions"))
        post_step(client, "goal", "strengthen")
        page = client.get(step_url("condition")).content.decode()
        assert page.index("Melanoma") < page.index("Kidney transplant")
        assert page.index("Kidney transplant") < page.index('value="not_listed"')

    def test_transplant_groups_come_first_for_dampen(self, client):
        client.get(reverse("questionnaire:questions"))
        post_step(client, "goal", "dampen")
        page = client.get(step_url("condition")).content.decode()
        assert page.index('value="kidney_transplant"') < page.index('value="melanoma"')

    def test_the_back_link_goes_to_the_previous_step_which_keeps_its_answer(self, client):
        client.get(reverse("questionnaire:questions"))
        post_step(client, "goal", "modulate")
        page = client.get(step_url("condition")).content.decode()
        assert f'class="back-link" href="{step_url("goal")}"' in page
        goal_page = client.get(step_url("goal")).content.decode()
        assert re.search(r'value="modulate"[^>]*checked', goal_page)

    def test_the_first_step_goes_back_to_the_start_page(self, client):
        page = client.get(step_url("goal"), follow=True).content.decode()
        assert f'class="back-link" href="{reverse("questionnaire:start")}"' in page

    def test_pages_with_answers_are_never_cached(self, client):
        client.get(reverse("questionnaire:questions"))
        response = client.get(step_url("goal"))
        assert "no-store" in response["Cache-Control"]


class TestCheckAnswers:
    def answered(self, client):
        client.get(reverse("questionnaire:questions"))
        for step, value in [("goal", "dampen"), ("condition", "lupus"), ("medicines", []), ("stage", "on_treatment"),
                            ("factors", ["pregnancy"]), ("concerns", [])]:
            post_step(client, step, value)

    def test_lists_every_answer_in_words_with_a_change_link(self, client):
        self.answered(client)
        page = client.get(step_url("check")).content.decode()
        assert "Check your answers" in page
        assert "Lupus" in page
        assert str(Factor.PREGNANCY.label) in page
        assert "None selected" in page
        for step in STEPS[:6]:
            assert f'href="{step_url(step)}?change=1"' in page

    def test_a_change_returns_to_check_answers_and_keeps_later_answers(self, client):
        self.answered(client)
        page = client.get(step_url("goal") + "?change=1").content.decode()
        assert 'name="return_to_check"' in page
        response = client.post(step_url("goal"), {
            f"{PREFIX}-current_step": "goal", "goal-goal": "modulate", "return_to_check": "1"})
        assert response.url == step_url("check")
        page = client.get(step_url("check")).content.decode()
        assert "Re-balance (modulate)" in page
        assert "Lupus" in page

    def test_without_change_the_flow_goes_on_to_the_next_step(self, client):
        self.answered(client)
        assert post_step(client, "goal", "modulate").url == step_url("condition")


class TestChangeLinks:
    def test_back_from_a_change_page_returns_to_check_answers(self, client):
        complete(client, "dampen", "lupus")
        response = client.get(step_url("stage") + "?change=1")
        assert response.context["back_url"] == step_url("check")
        assert client.get(step_url("stage")).context["back_url"] == step_url("medicines")


class TestStartOver:
    def test_clears_every_answer_and_lands_on_the_start_page(self, client):
        complete(client, "dampen", "kidney_transplant")
        response = client.post(reverse("questionnaire:start_over"))
        assert response.url == reverse("questionnaire:start") + "?cleared=1"
        assert client.get(response.url).context["cleared"] is True
        assert client.get(reverse("questionnaire:result")).url == reverse("questionnaire:start") + "?expired=1"
        page = client.get(step_url("goal"), follow=True).content.decode()
        assert not re.search(r"<input[^>]*checked", page)

    def test_asks_first_on_a_page_of_its_own_which_wipes_nothing(self, client):
        complete(client, "dampen", "kidney_transplant")
        response = client.get(reverse("questionnaire:start_over") + "?back=/result/")
        assert response.status_code == 200
        assert response.context["back_url"] == "/result/"
        assert client.get(reverse("questionnaire:result")).status_code == 200

    def test_the_way_back_never_leads_to_another_site(self, client):
        response = client.get(reverse("questionnaire:start_over") + "?back=https://evil.example/")
        assert response.context["back_url"] == reverse("questionnaire:start")

    def test_wipes_only_on_post(self, client):
        assert client.put(reverse("questionnaire:start_over")).status_code == 405


class TestBrokenInput:
    def test_an_expired_session_mid_flow_goes_to_the_start_with_an_explanation(self, client):
        response = post_step(client, "stage", "starting")
        assert response.url == reverse("questionnaire:start") + "?expired=1"

    def test_a_result_without_answers_goes_to_the_start(self, client):
        assert client.get(reverse("questionnaire:result")).url == reverse("questionnaire:start") + "?expired=1"

    @pytest.mark.parametrize("management", [{}, {f"{PREFIX}-current_step": "nonsense"},
                                            {f"{PREFIX}-current_step": "done"}])
    def test_a_tampered_management_form_asks_again_without_a_500(self, client, management):
        client.get(reverse("questionnaire:questions"))
        response = client.post(step_url("goal"), {**management, "goal-goal": "dampen"}, follow=True)
        assert response.status_code == 200
        assert "could not be read" in response.content.decode()

    def test_an_unknown_step_in_the_url_redirects(self, client):
        client.get(reverse("questionnaire:questions"))
        response = client.get(step_url("nonsense"))
        assert response.status_code == 302

    def test_the_done_url_without_answers_goes_back_to_the_first_missing_step(self, client):
        client.get(reverse("questionnaire:questions"))
        assert client.get(step_url("done")).url == step_url("goal")

    def test_two_tabs_share_one_set_of_answers_and_the_latest_wins(self, client):
        client.get(reverse("questionnaire:questions"))
        for step, value in [("goal", "dampen"), ("condition", "lupus"), ("medicines", []), ("stage", "starting")]:
            post_step(client, step, value)
        post_step(client, "goal", "modulate")
        post_step(client, "factors", [])
        post_step(client, "concerns", [])
        client.get(post_step(client, "check").url)
        assert client.session["immunoguide_answers"]["goal"] == "modulate"


def test_the_result_page_is_never_cached(client):
    response = complete(client, "dampen", "lupus")
    assert "no-store" in response["Cache-Control"]


class TestChangingAfterTheResult:
    def test_change_your_answers_from_the_result_brings_every_answer_back(self, client):
        complete(client, "dampen", "lupus", stage="on_treatment", factors=["pregnancy"])
        page = client.get(step_url("check")).content.decode()
        assert "Lupus" in page and str(Factor.PREGNANCY.label) in page

    def test_a_change_after_the_result_gives_a_new_result(self, client):
        complete(client, "dampen", "lupus", stage="on_treatment")
        response = client.post(step_url("stage"), {
            f"{PREFIX}-current_step": "stage", "stage-stage": "finished", "return_to_check": "1"})
        assert response.url == step_url("check")
        client.get(post_step(client, "check").url)
        assert client.session["immunoguide_answers"]["stage"] == "finished"
        assert client.session["immunoguide_answers"]["condition"] == "lupus"


class TestTextSizeOnAStep:
    """The header's switch sends the step's form, so a choice not yet sent survives it."""

    def switch(self, client, step, value, size="large", **more):
        data = {f"{PREFIX}-current_step": step, f"{step}-{step}": value, "size": size, **more}
        return client.post(step_url(step), data)

    def test_the_unsent_choice_is_shown_again_in_the_new_size_and_not_sent(self, client):
        client.get(reverse("questionnaire:questions"))
        post_step(client, "goal", "dampen")
        post_step(client, "condition", "lupus")
        post_step(client, "medicines", [])
        post_step(client, "stage", "starting")
        response = self.switch(client, "factors", ["pregnancy", "vaccines_due"])
        assert response.url == step_url("factors")
        page = client.get(step_url("factors"))
        assert page.context["large_text"] is True
        assert page.context["form"]["factors"].value() == ["pregnancy", "vaccines_due"]
        assert not page.context["form"].is_bound
        assert client.get(step_url("check")).context["answers"][4]["values"] == ["None selected"]

    def test_a_single_choice_survives_too_and_only_once(self, client):
        client.get(reverse("questionnaire:questions"))
        self.switch(client, "goal", "modulate")
        assert client.get(step_url("goal")).context["form"]["goal"].value() == "modulate"
        assert client.get(step_url("goal")).context["form"]["goal"].value() is None

    def test_only_choices_the_step_offers_are_kept_so_the_cookie_stays_small(self, client):
        client.get(reverse("questionnaire:questions"))
        response = self.switch(client, "goal", ["x" * 2000] * 50 + ["dampen"])
        assert len(response.cookies["sessionid"].value) < 2000
        assert client.get(step_url("goal")).context["form"]["goal"].value() == "dampen"

    def test_from_a_change_page_it_stays_a_change(self, client):
        complete(client, "dampen", "lupus")
        client.get(step_url("check"))
        response = self.switch(client, "stage", "finished", size="normal", return_to_check="1")
        assert response.url == step_url("stage") + "?change=1"

    def test_the_check_page_has_no_choice_to_carry(self, client):
        complete(client, "dampen", "lupus")
        assert client.get(step_url("check")).context["answers_form_id"] is None
        assert client.get(step_url("goal")).context["answers_form_id"] == "step-form"


class TestEnterMovesForward:
    """Enter in a field submits the form with its default button: the first submit button in the
    page that belongs to the form. The header's language and text-size buttons belong to the
    step's form too, so the page puts the form's own action before them (base.html)."""

    FIRST_SUBMIT = re.compile(r'<button[^>]*type="submit"[^>]*>')

    def first_submit(self, page):
        return self.FIRST_SUBMIT.search(page).group(0)

    def test_on_every_step_it_is_continue(self, client):
        client.get(reverse("questionnaire:questions"))
        for step, value in [("goal", "dampen"), ("condition", "lupus"), ("medicines", []), ("stage", "starting"),
                            ("factors", []), ("concerns", [])]:
            button = self.first_submit(client.get(step_url(step)).content.decode())
            assert 'class="default-action"' in button and "name=" not in button, (step, button)
            post_step(client, step, value)

    def test_on_the_result_page_it_saves_the_list(self, client):
        page = complete(client, "dampen", "lupus").content.decode()
        button = self.first_submit(page)
        assert 'name="action" value="save"' in button and 'form="question-list-form"' in button


def test_after_start_over_back_to_a_step_and_start_now_begin_at_the_first_question(client):
    """A nurse's next patient once started at "Question 4 of 7" after a few Back presses."""
    complete(client, "dampen", "lupus")
    client.post(reverse("questionnaire:start_over"))
    for step in ("factors", "stage"):  # the browser's Back button asks for these pages again
        assert client.get(step_url(step)).url == step_url("goal")
    assert client.get(reverse("questionnaire:questions")).url == step_url("goal")
