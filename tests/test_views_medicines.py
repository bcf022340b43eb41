"""The optional medicine step, and a named medicine carried through the result, the check-answers
page, the downloads, the link and FHIR (questionnaire/forms.py MedicinesForm, views/wizard.py)."""
import re

import pytest
from django.urls import reverse

from questionnaire.forms import NOT_SURE
from tests.helpers.pages import page_text
from tests.helpers.wizard import complete, post_step, step_url

pytestmark = pytest.mark.django_db


def at_the_medicine_step(client, goal="dampen", condition="lupus"):
    client.get(reverse("questionnaire:questions"))
    post_step(client, "goal", goal)
    post_step(client, "condition", condition)
    return client.get(step_url("medicines"))


class TestTheStep:
    def test_not_sure_comes_first_then_the_conditions_usual_medicines_open_then_the_others_folded(self, client, content):
        form = at_the_medicine_step(client).context["form"]
        groups = form.choice_groups()
        assert [box.data["value"] for box in groups[0][2]] == [NOT_SURE]
        key, _, boxes, opened = groups[1]
        usual = content.conditions["lupus"].medicines["all"]
        assert (key, [box.data["value"] for box in boxes], opened) == ("usual", list(usual), True)
        assert all(not opened for _, _, _, opened in groups[2:])
        offered = {box.data["value"] for _, _, boxes, _ in groups[2:] for box in boxes}
        assert offered == set(content.medicines) - set(usual)

    def test_it_is_optional(self, client):
        at_the_medicine_step(client)
        assert post_step(client, "medicines", []).url == step_url("stage")

    def test_not_sure_with_a_medicine_is_refused_with_both_kept(self, client):
        at_the_medicine_step(client)
        response = post_step(client, "medicines", [NOT_SURE, "mycophenolate"])
        errors = response.context["form"].errors.as_data()["medicines"]
        assert [e.code for e in errors] == ["not_sure_and_medicines"]
        assert re.search(r'value="mycophenolate"[^>]*checked', response.content.decode())

    def test_a_medicine_not_offered_is_a_form_error(self, client):
        at_the_medicine_step(client)
        response = post_step(client, "medicines", ["aspirin"])
        assert [e.code for e in response.context["form"].errors.as_data()["medicines"]] == ["invalid_choice"]

    def test_names_and_brand_names_are_shown_and_searchable_where_javascript_runs(self, client, content):
        page = at_the_medicine_step(client).content.decode()
        assert content.medicines["mycophenolate"].examples in page
        assert "data-medicine-search hidden" in page and "medicines.js" in page

    def test_not_sure_is_not_a_medicine_in_the_answers(self, client):
        complete(client, "dampen", "lupus", medicines=[NOT_SURE])
        assert client.session["immunoguide_answers"]["medicines"] == []


class TestANamedMedicine:
    def test_the_list_speaks_of_it_by_name(self, client):
        response = complete(client, "dampen", "multiple_sclerosis", stage="considering", medicines=["b_cell_therapies"])
        result = response.context["result"]
        assert [m.slug for m in result.medicines] == ["b_cell_therapies"] and result.medicines_named
        tests = next(q for q in result.suggested_questions() if q.fact == "tests_before")
        assert "B-cell therapies" in tests.text and "hepatitis B" in tests.text

    def test_check_answers_shows_it_with_a_change_link(self, client, content):
        client.get(reverse("questionnaire:questions"))
        for step, value in [("goal", "dampen"), ("condition", "lupus"), ("medicines", ["mycophenolate"]),
                            ("stage", "starting"), ("factors", []), ("concerns", [])]:
            post_step(client, step, value)
        rows = {row["step"]: row for row in client.get(step_url("check")).context["answers"]}
        assert rows["medicines"]["values"] == ["Mycophenolate"]
        assert rows["medicines"]["change_url"] == step_url("medicines") + "?change=1"

    def test_the_downloads_name_it(self, client):
        complete(client, "dampen", "lupus", medicines=["mycophenolate"])
        text = client.get(reverse("questionnaire:result_text")).content.decode()
        assert "Medicines: mycophenolate" in text
        fhir = client.get(reverse("questionnaire:result_fhir")).json()
        item = next(i for i in fhir["item"] if i["linkId"] == "medicines")
        assert [a["valueCoding"]["code"] for a in item["answer"]] == ["mycophenolate"]

    def test_a_link_carries_it_to_another_browser(self, client, django_user_model):
        from django.test import Client
        complete(client, "dampen", "lupus", medicines=["mycophenolate"])
        link = client.get(reverse("questionnaire:result_link")).context["link"]
        other = Client()
        other.get(link)
        assert other.session["immunoguide_answers"]["medicines"] == ["mycophenolate"]

    def test_in_spanish_the_list_names_it_in_spanish(self, client):
        client.cookies["django_language"] = "es"
        response = complete(client, "dampen", "kidney_transplant", factors=["pregnancy"], medicines=["mycophenolate"])
        assert "micofenolato" in page_text(response)
