"""The visit summary as a PDF (questionnaire/visit_pdf.py): a typical visit on one page, read back."""
import io

import pytest
from django.urls import reverse

from questionnaire.links import read_token
from questionnaire.models import ClinicProfile
from tests.helpers.pdf import page_count, pdf_text, qr_codes
from tests.helpers.wizard import complete
from tests.test_views_visit import RESULT, VISIT, noted

pytestmark = pytest.mark.django_db
PDF = reverse("questionnaire:visit_summary_pdf")


@pytest.fixture
def typical(client):
    """A typical visit: 8 questions on the list, 4 asked, 2 answers noted (and the first one's own words)."""
    outcome = complete(client, "strengthen", "melanoma", medicines=["pd1_pdl1_inhibitors"]).context["result"]
    suggested = [q.slug for q in outcome.suggested_questions()]
    more = [q.slug for q in outcome.more_questions()]
    keep = (suggested + more)[:7]
    client.post(RESULT, {"keep": keep, "top": keep[:3], "own": "Can I still swim in the sea?", "action": "save"})
    items = client.get(VISIT).context["form"].items
    assert len(items) == 8
    client.post(VISIT, noted(items, asked=4, answers=2))
    return items


@pytest.mark.parametrize("paper", ["a4", "letter"])
def test_a_typical_visit_fits_on_one_page_with_the_answers_noted(client, typical, paper):
    ClinicProfile.objects.create(name="Riverside Cancer Clinic", day_phone="(617) 555-0123",
                                 out_of_hours_phone="(617) 555-0199", paper=paper)
    response = client.get(PDF)
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith('attachment; filename="immunoguide-visit-')
    assert page_count(response.content) == 1
    text = pdf_text(io.BytesIO(response.content))
    for part in ("My visit summary", "What I asked", "For next time", "Anything else the doctor said",
                 "Answer: Answer 1.", "Answer: Answer 2.", "In my own words: I call the day team if I get a fever.",
                 "Blood tests first.", "Clinic: Riverside Cancer Clinic", "(617) 555-0199", "not medical advice"):
        assert part in text, part
    assert text.count("No answer noted.") == 2
    assert [item.text for item in typical if " ".join(item.text.split()) not in text] == []
    assert text.index(typical[3].text[:30]) < text.index("For next time") < text.index(typical[4].text[:30])


def test_the_printed_code_opens_the_next_visit_s_list(client, typical, tmp_path, content):
    def opens(link):
        return read_token(link.split("/list/")[1].rstrip("/"), content)
    link = client.get(reverse("questionnaire:visit_summary")).context["summary"].link
    printed = qr_codes(client.get(PDF).content, tmp_path)
    assert len(printed) == 1 and opens(printed[0]) == opens(link)
    assert opens(link)[0].stage == "on_treatment"


def test_the_pdf_is_in_spanish_for_a_spanish_page(client, typical):
    client.cookies["django_language"] = "es"
    text = pdf_text(io.BytesIO(client.get(PDF).content))
    assert "Resumen de mi consulta" in text and "Respuesta: Answer 1." in text and "Para la próxima vez" in text
