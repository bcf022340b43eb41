"""A step's options are rendered once per content snapshot and answer (questionnaire/templatetags)."""
import pytest
from django.urls import reverse

from questionnaire.content import current_content
from questionnaire.models import ContentStamp
from questionnaire.templatetags.questionnaire_tags import MAX_RENDERED_OPTIONS
from tests.test_views import post_step, step_url

pytestmark = pytest.mark.django_db


def kept_for(step):
    return {key[1:]: html for key, html in current_content().rendered.items()
            if key[:2] == ("questionnaire/_step_options.html", step)}


def test_the_options_of_a_step_are_rendered_once_for_each_goal_and_answer(client):
    client.get(reverse("questionnaire:questions"))
    post_step(client, "goal", "dampen")
    client.get(step_url("condition"))
    first = kept_for("condition")
    client.get(step_url("condition"))
    assert kept_for("condition") == first
    assert list(first) == [("condition", "dampen", ())]
    post_step(client, "condition", "lupus")
    page = client.get(step_url("condition"))
    assert page.context["form"]["condition"].value() == "lupus"
    assert set(kept_for("condition")) == {("condition", "dampen", ()), ("condition", "dampen", ("lupus",))}
    assert "checked" in kept_for("condition")[("condition", "dampen", ("lupus",))]
    assert "checked" not in first[("condition", "dampen", ())]


def test_an_answer_that_is_not_offered_is_shown_but_not_kept(client):
    client.get(reverse("questionnaire:questions"))
    response = post_step(client, "goal", "not-a-goal")
    assert response.status_code == 200
    assert all("not-a-goal" not in key[2] for key in kept_for("goal"))


def test_a_content_change_starts_afresh(client):
    client.get(reverse("questionnaire:questions"))
    client.get(step_url("goal"))
    assert kept_for("goal")
    ContentStamp.bump()
    assert current_content().rendered == {}


def test_no_more_than_a_bounded_number_is_kept(client):
    current_content().rendered.update({("filler", n, ()): "" for n in range(MAX_RENDERED_OPTIONS)})
    client.get(reverse("questionnaire:questions"))
    assert client.get(step_url("goal")).status_code == 200
    assert kept_for("goal") == {}


def test_the_result_pages_summary_is_rendered_once_for_each_set_of_answers(client):
    from tests.test_views import complete
    complete(client, "dampen", "kidney_transplant")
    client.post(reverse("questionnaire:result"), {"own": "Mine?", "keep": []})
    page = client.get(reverse("questionnaire:result"))
    about = [key for key in current_content().rendered if key[0] == "questionnaire/_result_about.html"]
    assert about == [("questionnaire/_result_about.html", page.context["answers"])]
    assert current_content().rendered[about[0]] in page.content.decode()
