"""The list as PDF and as plain text (questionnaire/documents.py)."""
import io
from datetime import date

from pypdf import PdfReader

from questionnaire.documents import ListDocument, as_pdf, as_text
from questionnaire.engine import Answers, recommend
from questionnaire.question_list import ListChoices, build_question_list
from tests.builders import build_content, question

TEXTS = {
    "a1": "What is this treatment and why does it fit me?",
    "a2": "How will it be given, and how often?",
    "c1": "How much will this cost me?",
}


def document(choices):
    content = build_content(
        rules=[{"slug": "base", "goals": ("dampen",), "questions": tuple(TEXTS)}],
        questions=[question(slug, "about" if slug[0] == "a" else "cost", n)
                   for n, slug in enumerate(TEXTS)])
    for slug, text in TEXTS.items():
        content.questions[slug].text = text
    result = recommend(Answers("dampen", "lupus", "starting"), content)
    return ListDocument(
        question_list=build_question_list(result, choices), date=date(2026, 11, 26),
        condition="Lupus", goal="Calm (dampen) the immune response",
        version="2026.11.0", last_reviewed=date(2026, 11, 20))


def pdf_text(data):
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)


def normalise(text):
    return " ".join(text.split())


def test_the_pdf_has_the_kept_and_own_questions_and_not_the_dropped_ones():
    choices = ListChoices(dropped=("a2",), top=("c1",), own=("Can I still go swimming?",))
    text = normalise(pdf_text(as_pdf(document(choices))))
    assert TEXTS["a1"] in text
    assert TEXTS["c1"] in text
    assert "Can I still go swimming?" in text
    assert TEXTS["a2"] not in text


def test_the_pdf_puts_the_most_important_first_and_carries_date_version_and_disclaimer():
    text = normalise(pdf_text(as_pdf(document(ListChoices(top=("c1",))))))
    assert text.index("Most important to me") < text.index(TEXTS["c1"]) < text.index(TEXTS["a1"])
    assert "26 November 2026" in text
    assert "content version 2026.11.0" in text
    assert "not medical advice" in text
    assert "Notes" in text


def test_the_pdf_copes_with_any_text_a_person_types():
    own = ("<script>alert(1)</script>", "Can I swim? 🏊", "שלום, מה שלומך?", "مرحبا؟", "x" * 300)
    data = as_pdf(document(ListChoices(own=own)))
    assert data.startswith(b"%PDF")
    assert "<script>alert(1)</script>" in pdf_text(data)


def test_a_typical_list_fits_on_two_pages():
    many = ListChoices(own=tuple(f"My own question number {n}?" for n in range(3)))
    assert len(PdfReader(io.BytesIO(as_pdf(document(many)))).pages) <= 2


def test_the_text_version_lists_kept_questions_with_tick_boxes():
    text = as_text(document(ListChoices(dropped=("a1",), own=("Mine? <b>",))))
    assert f"[ ] {TEXTS['a2']}" in text
    assert "[ ] Mine? <b>" in text
    assert TEXTS["a1"] not in text
    assert "For: Lupus" in text and "26 November 2026" in text


def test_the_file_name_says_what_it_is_and_the_date():
    assert document(ListChoices()).filename_stem == "immunoguide-questions-2026-11-26"
