"""The clinic's own list: its name and numbers on the page and every printout, or "your care team"."""
import io

import pytest
from django.urls import reverse
from pypdf import PdfReader

from questionnaire.models import ClinicProfile
from tests.helpers.wizard import complete

pytestmark = pytest.mark.django_db

CLINIC = {"name": "Riverside Rheumatology Clinic", "endorsement": "We look forward to your questions.",
          "day_phone": "(617) 555-0123", "out_of_hours_phone": "(617) 555-0199",
          "address": "12 River Street, Boston", "paper": "letter"}


@pytest.fixture
def clinic(db):
    return ClinicProfile.objects.create(**CLINIC)


def pdf_text(response):
    return " ".join(" ".join(page.extract_text() for page in PdfReader(io.BytesIO(response.content)).pages).split())


def test_the_result_page_names_the_clinic_and_gives_its_numbers_as_links(client, clinic):
    response = complete(client, "dampen", "lupus")
    document = response.context["document"]
    assert document.clinic.name == clinic.name and response.context["clinic"] == document.clinic
    page = response.content.decode()
    assert clinic.name in page and clinic.endorsement in page and clinic.address in page
    assert page.count('href="tel:+16175550123"') == 1  # in the call-now box, never glued onto a question
    assert page.count('href="tel:+16175550199"') == 1
    assert document.numbers_line() in page  # and once in the print header


def test_the_pdf_and_the_text_carry_the_clinic_and_its_numbers_in_the_header(client, clinic):
    response = complete(client, "dampen", "lupus")
    result, document = response.context["result"], response.context["document"]
    first = result.suggested_questions()[0]
    numbers = f"Call {clinic.day_phone}; at night or at weekends call {clinic.out_of_hours_phone}"
    for body in (pdf_text(client.get(reverse("questionnaire:result_pdf"))),
                 client.get(reverse("questionnaire:result_text")).content.decode()):
        body = " ".join(body.split())
        assert clinic.name in body and clinic.endorsement in body
        assert body.count(numbers) == 1 and body.index(numbers) < body.index(first.text)


def test_without_a_profile_the_list_speaks_of_the_care_team_and_names_no_clinic(client):
    response = complete(client, "dampen", "lupus")
    assert response.context["clinic"] is None and response.context["document"].clinic_lines() == []
    assert "tel:" not in response.content.decode()
    text = client.get(reverse("questionnaire:result_text")).content.decode()
    assert "Call your care team" in response.content.decode() and "Call (" not in text


def test_the_clinic_s_paper_is_the_default_until_the_person_chooses(client, clinic):
    response = complete(client, "dampen", "lupus")
    assert response.context["document"].paper == "letter"
    client.post(reverse("questionnaire:result"), {
        "keep": list(response.context["kept"]), "paper": "a4", "action": "save"})
    assert client.get(reverse("questionnaire:result")).context["document"].paper == "a4"


def test_a_clinic_without_a_paper_size_leaves_it_to_the_browser_s_language(client, clinic):
    clinic.paper = ""
    clinic.save()
    response = complete(client, "dampen", "lupus")
    assert response.context["document"].paper == "a4"
    assert client.get(reverse("questionnaire:result"), HTTP_ACCEPT_LANGUAGE="en-US").context["document"].paper == "letter"


def test_a_change_to_the_profile_shows_at_once(client, clinic):
    complete(client, "dampen", "lupus")
    clinic.name = "Hillside Clinic"
    clinic.save()
    assert "Hillside Clinic" in client.get(reverse("questionnaire:result")).content.decode()


def test_nurse_mode_shows_the_three_most_important_in_large_type(client, clinic):
    response = complete(client, "dampen", "lupus")
    suggested = [q.slug for q in response.context["result"].suggested_questions()]
    client.post(reverse("questionnaire:most_important"), {"top": suggested[3:5]})
    client.post(reverse("questionnaire:result"), {"keep": suggested, "action": "check_in"})
    check_in = client.get(reverse("questionnaire:check_in"))
    document = check_in.context["document"]
    assert [q.slug for q in document.question_list.top] == suggested[3:5]
    assert check_in.context["top"] == [q.text for q in document.question_list.top]
    assert 'class="check-in-questions"' in check_in.content.decode()


class TestAdmin:
    def test_a_malformed_number_is_refused_with_a_clear_message(self, admin_client):
        response = admin_client.post(reverse("admin:questionnaire_clinicprofile_add"),
                                     {**CLINIC, "day_phone": "555-12"})
        error = response.context["adminform"].form.errors.as_data()["day_phone"][0]
        assert (error.code, error.params["value"]) == ("invalid_phone_number", "555-12")
        assert not ClinicProfile.objects.exists()

    def test_the_first_profile_is_added_with_no_offer_of_a_second(self, admin_client):
        form = admin_client.get(reverse("admin:questionnaire_clinicprofile_add"))
        assert form.context["show_save_and_add_another"] is False
        assert admin_client.post(reverse("admin:questionnaire_clinicprofile_add"), CLINIC).status_code == 302
        assert ClinicProfile.objects.get().name == CLINIC["name"]

    def test_there_is_one_profile_per_deployment(self, admin_client, clinic):
        add = admin_client.get(reverse("admin:questionnaire_clinicprofile_add"))
        assert add.url == reverse("admin:questionnaire_clinicprofile_change", args=[clinic.pk])
        response = admin_client.post(reverse("admin:questionnaire_clinicprofile_change", args=[clinic.pk]),
                                     {**CLINIC, "name": "Hillside Clinic"})
        assert response.status_code == 302
        assert ClinicProfile.objects.get().name == "Hillside Clinic"


def test_in_spanish_the_clinic_s_endorsement_is_its_spanish_or_its_english_marked(client, clinic):
    client.cookies["django_language"] = "es"
    page = complete(client, "dampen", "lupus").content.decode()
    assert f'<p lang="en">{CLINIC["endorsement"]}</p>' in page
    ClinicProfile.objects.filter(pk=clinic.pk).update(endorsement_es="Esperamos sus preguntas.")
    clinic.refresh_from_db()
    clinic.save()  # as the admin saves it: the content stamp moves
    page = client.get(reverse("questionnaire:result")).content.decode()
    assert "<p>Esperamos sus preguntas.</p>" in page and CLINIC["endorsement"] not in page
