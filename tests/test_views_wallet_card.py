"""The wallet card's page and PDF (questionnaire/views/wallet_card.py): built from the session's
answers on each request, in the language chosen, and a clear message for a choice that is not one."""
import io

import pytest
from django.conf import settings
from django.urls import reverse
from pypdf import PdfReader

from questionnaire.models import ClinicProfile
from tests.helpers.pdf import pdf_text
from tests.helpers.wizard import complete

pytestmark = pytest.mark.django_db

CARD = reverse("questionnaire:wallet_card")
CARD_PDF = reverse("questionnaire:wallet_card_pdf")
RESULT = reverse("questionnaire:result")


@pytest.fixture
def finished(client):
    complete(client, "strengthen", "melanoma", stage="on_treatment", medicines=["pd1_pdl1_inhibitors"])
    return client


@pytest.mark.parametrize("address", [CARD, CARD_PDF])
def test_without_answers_the_card_sends_the_person_to_the_start(client, address):
    response = client.get(address)
    assert response.status_code == 302 and response.url == reverse("questionnaire:start") + "?expired=1"


def test_the_result_page_leads_to_the_card_keeping_the_list_sent(finished):
    response = finished.post(RESULT, {"own": "Can I travel?", "keep": [], "action": "wallet_card"})
    assert response.status_code == 302 and response.url == CARD
    assert 'value="wallet_card"' in finished.get(RESULT).content.decode()
    assert "Can I travel?" in finished.get(RESULT).context["question_list"].own


def test_the_card_page_shows_the_card_in_the_page_s_language_by_default(finished):
    response = finished.get(CARD)
    assert response.status_code == 200 and response["Cache-Control"].startswith("max-age=0")
    card = response.context["card"]
    assert card.languages == ("en",) and response.context["card_choice"] == "en"
    assert card.sides[0].treatment == "PD-1 or PD-L1 blockers"
    page = response.content.decode()
    assert "PD-1 or PD-L1 blockers" in page and "steroids may be needed" in page
    assert f'href="{CARD_PDF}?language=en"' in page


def test_a_page_in_spanish_gives_both_languages_by_default_spanish_first(finished):
    finished.cookies[settings.LANGUAGE_COOKIE_NAME] = "es"
    response = finished.get(CARD)
    assert response.context["card"].languages == ("es", "en") and response.context["card_choice"] == "both"


@pytest.mark.parametrize("choice, languages", [("en", ("en",)), ("es", ("es",)), ("both", ("en", "es"))])
def test_the_person_chooses_the_card_s_language(finished, choice, languages):
    response = finished.get(CARD, {"language": choice})
    assert response.context["form"].errors == {} and response.context["card"].languages == languages
    assert f"?language={choice}" in response.content.decode()


@pytest.mark.parametrize("address", [CARD, CARD_PDF])
def test_an_unknown_language_choice_gets_a_clear_message_and_the_card_in_the_default(finished, address):
    response = finished.get(address, {"language": "klingon"})
    assert response.status_code == 200 and response["Content-Type"].startswith("text/html")
    errors = response.context["form"].errors.as_data()["language"]
    assert [(e.code, e.params) for e in errors] == [("invalid_choice", {"value": "klingon"})]
    assert 'id="error-summary"' in response.content.decode()
    assert response.context["card"].languages == ("en",)


def test_the_pdf_is_one_page_with_the_medicines_and_the_clinic_s_numbers(finished):
    ClinicProfile.objects.create(name="Riverside Clinic", day_phone="(617) 555-0123", out_of_hours_phone="(617) 555-0199")
    response = finished.get(CARD_PDF, {"language": "both"})
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith('attachment; filename="immunoguide-wallet-card-')
    assert len(PdfReader(io.BytesIO(response.content)).pages) == 1
    text = pdf_text(io.BytesIO(response.content))
    for expected in ("PD-1 or PD-L1 blockers", "bloqueadores de PD-1 o PD-L1", "(617) 555-0123", "(617) 555-0199",
                     "Riverside Clinic"):
        assert expected in text, expected


def test_nothing_of_the_card_is_kept_in_the_session(finished):
    before = dict(finished.session.items())
    finished.get(CARD, {"language": "both"})
    finished.get(CARD_PDF, {"language": "es"})
    assert dict(finished.session.items()) == before


def test_the_link_for_another_page_leads_to_the_card():
    from django.template.loader import render_to_string
    html = render_to_string("questionnaire/_wallet_card_link.html")
    assert f'href="{CARD}"' in html and "Wallet card for emergencies" in html
