"""The list as a document (questionnaire/printout.py), a PDF (pdf.py) and plain text, in any script (fonts.py)."""
import io
import itertools
import random
import unicodedata
from collections import Counter
from dataclasses import replace
from datetime import date

import pytest
from django.db import connection
from django.utils import translation
from pypdf import PdfReader

from questionnaire.content_items import Clinic
from questionnaire.content_reading import read_content
from questionnaire.fonts import PLACEHOLDER, unprintable_characters
from questionnaire.pdf import LARGE_TYPE, NOTES_LINES, SMALLEST, as_pdf
from questionnaire.printout import OWN_FROM_LINK, ListDocument, as_text, long_date, paper_for_language, region_of
from questionnaire.engine import Answers, recommend
from questionnaire.question_list import ListChoices, build_question_list
from questionnaire.vocabulary import Concern, Factor, Goal, Stage
from tests.helpers.builders import build_content, question, shipped_conditions
from tests.helpers import skip_or_fail
from tests.helpers.pdf import font_sizes, fonts, layout_problems, page_count, pages, qr_codes

#: Own questions in scripts beyond Latin, each with the Debian package whose font prints it
#: (DejaVu Sans itself has Arabic and Hebrew).
OWN_IN_SCRIPTS = {
    "我的药会影响怀孕吗？": "fonts-noto-cjk",
    "क्या यह दवा मेरे बच्चे को प्रभावित करेगी?": "fonts-noto-core",
    "ยานี้มีผลข้างเคียงอะไรบ้าง": "fonts-noto-core",
    "هل يؤثر هذا الدواء على الحمل؟": "fonts-noto-core",
    "האם התרופה משפיעה על ההריון?": "fonts-noto-core",
    "薬は妊娠に影響しますか？": "fonts-noto-cjk",
    "이 약이 임신에 영향을 주나요?": "fonts-noto-cjk",
    "Can I swim? 🏊": "fonts-noto-color-emoji",
}
TEXTS = {
    "a1": "What is this treatment and why does it fit me?",
    "a2": "How will it be given, and how often?",
    "c1": "How much will this cost me?",
    "c2": "Is there help with paying for it?",
}


def small_result():
    content = build_content(
        rules=[{"slug": "base", "goals": ("dampen",), "questions": tuple(TEXTS)}],
        questions=[question(slug, "about" if slug[0] == "a" else "cost", n, priority="about")
                   for n, slug in enumerate(TEXTS)])
    content = content.replace(questions={slug: replace(q, text=TEXTS[slug]) for slug, q in content.questions.items()})
    return recommend(Answers("dampen", "lupus", "starting"), content)


def document(choices, result=None, paper="a4", **extra):
    result = result or small_result()
    return ListDocument(
        question_list=build_question_list(result, choices), date=date(2026, 11, 26),
        condition=result.condition.label, goal="Calm (dampen) the immune response",
        version="2026.11.0", last_reviewed=date(2026, 11, 20), paper=paper,
        source_names=["National Cancer Institute", "Mayo Clinic"], **extra)


CLINIC = Clinic("Riverside Rheumatology Clinic", "We look forward to going through your questions with you.",
                "(617) 555-0123", "(617) 555-0199", "12 River Street, Boston, MA 02114")
LINK = "https://clinic.example/list/gAAAAABpretendTokenThatIsLongEnoughToLookReal0123456789abcdef/"


def pdf_text(data):
    return " ".join(" ".join(line.text for line in page) for page in pages(data))


def test_the_pdf_has_the_kept_and_own_questions_and_not_the_dropped_ones():
    choices = ListChoices(dropped=("a2",), top=("c1",), own=("Can I still go swimming?",))
    text = pdf_text(as_pdf(document(choices)))
    assert TEXTS["a1"] in text
    assert TEXTS["c1"] in text
    assert "Can I still go swimming?" in text
    assert TEXTS["a2"] not in text


def test_the_pdf_puts_the_most_important_first_and_carries_date_version_and_disclaimer():
    data = as_pdf(document(ListChoices(top=("c1",))))
    text = pdf_text(data)
    assert text.index("Most important to me") < text.index(TEXTS["c1"]) < text.index(TEXTS["a1"])
    assert "26 November 2026" in text
    assert "Notes" in text
    footer = " ".join(" ".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages).split())
    assert "content version 2026.11.0" in footer and "not medical advice" in footer


def test_the_pdf_has_lines_for_name_appointment_date_and_clinician_and_says_how_to_use_it():
    first_page = pdf_text(as_pdf(document(ListChoices())))
    for label in ("Name", "Appointment date", "Clinician", "How to use this list"):
        assert label in first_page


def test_the_pdf_gives_each_question_two_ruled_lines():
    data = as_pdf(document(ListChoices(top=())))
    content = PdfReader(io.BytesIO(data)).pages[0].get_contents().get_data().decode("latin-1")
    rules_drawn = content.count(" l S")
    # name, date and clinician lines; two under each of 4 questions; the notes area's
    assert rules_drawn == 3 + 2 * len(TEXTS) + NOTES_LINES


@pytest.mark.parametrize("paper, width, height", [("a4", 595, 842), ("letter", 612, 792)])
def test_the_pdf_is_on_the_chosen_paper(paper, width, height):
    box = PdfReader(io.BytesIO(as_pdf(document(ListChoices(), paper=paper)))).pages[0].mediabox
    assert (round(box.width), round(box.height)) == (width, height)


@pytest.mark.parametrize("header, paper", [
    ("en-US,en;q=0.9", "letter"), ("es-MX", "letter"), ("en_CA", "letter"), ("en-GB,en;q=0.8", "a4"),
    ("de-DE", "a4"), ("en", "a4"), ("", "a4"), ("*", "a4"), ("en-us", "letter"),
])
def test_the_default_paper_follows_the_language_region(header, paper):
    assert paper_for_language(header) == paper


def test_the_pdf_copes_with_any_text_a_person_types():
    own = ("<script>alert(1)</script>", "Can I swim? 🏊", "שלום, מה שלומך?", "مرحبا؟", "x" * 300)
    data = as_pdf(document(ListChoices(own=own)))
    assert data.startswith(b"%PDF")
    assert "<script>alert(1)</script>" in pdf_text(data)


def require_fonts(texts):
    """Skip (or, in CI, fail) unless the fallback fonts for these texts are installed."""
    packages = sorted({OWN_IN_SCRIPTS[text] for text in texts if unprintable_characters([text])})
    if packages:
        skip_or_fail(f"No font prints some own questions: sudo apt-get install {' '.join(packages)}")


def characters(text):
    """Every printed character, counted, whatever form and order extraction gives them in."""
    return Counter(ch for ch in unicodedata.normalize("NFKC", text) if not ch.isspace())


def test_the_pdf_prints_every_character_of_own_questions_in_any_script():
    own = tuple(OWN_IN_SCRIPTS)
    require_fonts(own)
    data = as_pdf(document(ListChoices(own=own)))
    extracted = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)
    assert characters(" ".join(own)) - characters(extracted) == Counter()


@pytest.mark.django_db
def test_own_questions_in_any_script_still_print_after_a_page_break(content):
    """fpdf2 once lost the font of a fallback script's line on the second page: it printed blank."""
    own = tuple(OWN_IN_SCRIPTS)
    require_fonts(own)
    result = recommend(Answers("dampen", "kidney_transplant", "starting", ("pregnancy", "vaccines_due")), content)
    top = (result.suggested_questions()[1].slug,)
    data = as_pdf(document(ListChoices(top=top, own=own), result=result, paper="letter"))
    second_page = PdfReader(io.BytesIO(data)).pages[1].extract_text()
    assert own[-1].split()[-1] in second_page
    extracted = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)
    assert characters(" ".join(own)) - characters(extracted) == Counter()


def test_a_list_in_latin_letters_embeds_only_dejavu_sans():
    data = as_pdf(document(ListChoices(own=("Can I still go swimming? Ça va, Straße, Ærø",))))
    assert fonts(data) == {"DejaVuSansBook", "DejaVuSansBold"}


def test_a_list_embeds_only_the_fallback_fonts_its_scripts_need():
    require_fonts(["ยานี้มีผลข้างเคียงอะไรบ้าง"])
    data = as_pdf(document(ListChoices(own=("ยานี้มีผลข้างเคียงอะไรบ้าง", "האם התרופה משפיעה על ההריון?"))))
    assert fonts(data) == {"DejaVuSansBook", "DejaVuSansBold", "NotoSansThai"}


def test_a_mixed_script_list_keeps_to_the_printing_rules():
    own = tuple(OWN_IN_SCRIPTS)
    require_fonts(own)
    data = as_pdf(document(ListChoices(top=("c1",), own=own)))
    assert page_count(data) <= 2
    assert layout_problems(data, list(TEXTS.values()) + list(own)) == []


def test_without_fallback_fonts_exactly_the_scripts_dejavu_sans_lacks_are_unprintable(settings):
    settings.IMMUNOGUIDE_PDF_FALLBACK_FONTS = []
    expected = set("我的药会影响怀孕吗？薬は妊娠に影響しますか？이약임신에영향을주나요")
    expected |= set("क्यायहदवामेरेबच्चेकोप्रभावितकरेगी") | set("ยานี้มีผลข้างเคียงอะไรบ้าง") | {"🏊"}
    assert unprintable_characters(OWN_IN_SCRIPTS) == sorted(expected)


def test_with_the_fallback_fonts_every_script_is_printable():
    require_fonts(OWN_IN_SCRIPTS)
    assert unprintable_characters(OWN_IN_SCRIPTS) == []


def test_a_fallback_font_file_that_is_not_there_is_skipped(settings, tmp_path):
    settings.IMMUNOGUIDE_PDF_FALLBACK_FONTS = [str(tmp_path / "gone.ttf"), (str(tmp_path / "gone.ttc"), 2)]
    assert unprintable_characters(["ยา"]) == ["ย", "า"]
    assert as_pdf(document(ListChoices(own=("ยา",)))).startswith(b"%PDF")


def test_a_character_no_font_has_is_named_and_printed_as_a_placeholder():
    assert unprintable_characters(["Private \ue000 use", "\ue000 again"]) == ["\ue000"]
    text = pdf_text(as_pdf(document(ListChoices(own=("Private \ue000 use",)))))
    assert f"Private {PLACEHOLDER} use" in text


def test_spaces_joiners_and_variation_selectors_need_no_font():
    assert unprintable_characters(["a\u200db\u200c\u200fc\ufe0f\U000e0100\n\t\u3000"]) == []


def test_the_text_version_lists_kept_questions_with_tick_boxes():
    text = as_text(document(ListChoices(dropped=("a1",), own=("Mine? <b>",))))
    assert f"[ ] {TEXTS['a2']}" in text
    assert "[ ] Mine? <b>" in text
    assert TEXTS["a1"] not in text
    assert "For: lupus" in text and "Date: 26 November 2026" in text


def test_the_file_name_says_what_it_is_and_the_date():
    assert document(ListChoices()).filename_stem == "immunoguide-questions-2026-11-26"


def test_the_layout_check_finds_a_heading_alone_and_a_last_page_without_questions():
    """The checks below must be able to fail: a hand-made bad PDF fails both."""
    from fpdf import FPDF

    bad = FPDF(format="A4")
    bad.set_font("Helvetica", size=10)
    bad.add_page()
    bad.set_y(240)
    bad.set_font("Helvetica", "B", 11)
    bad.cell(0, 6, "More of my questions")
    bad.add_page()
    bad.set_font("Helvetica", size=10)
    bad.cell(0, 6, "Sources: National Cancer Institute.")
    problems = layout_problems(bytes(bad.output()), ["What is this treatment?"])
    assert problems == ["page 1 ends with the heading 'More of my questions'",
                        "the last page (page 2) holds no question"]


#: Every factor a person can pick at once: pregnant now rules out planning (forms.FactorsForm).
MOST_FACTORS = tuple(f for f in Factor.values if f not in ("pregnancy_planning", "partner_pregnancy"))


def every_combination():
    return itertools.product(Goal.values, sorted(shipped_conditions()), Stage.values)


#: How many of the distinct lists a sampled sweep prints; a full sweep prints them all.
SAMPLE = 40


def sampled(items, sample):
    """All of ``items`` for a full sweep (``sample`` None), else a seeded sample of them."""
    items = list(items)
    return items if sample is None else random.Random(sample).sample(items, min(SAMPLE, len(items)))


@pytest.mark.django_db
@pytest.mark.skipif(connection.vendor == "postgresql",
                    reason="the PDFs depend only on the fixtures, so the SQLite run checks them once")
@pytest.mark.parametrize("paper, clinic, sample", [("letter", CLINIC, None), ("a4", None, 1), ("letter", None, 2)])
def test_every_printout_keeps_to_the_printing_rules(paper, clinic, sample):
    """For every goal x condition x stage, and every factor and concern a person can pick at once
    (pregnant now and planning a pregnancy are one or the other, forms.FactorsForm):
    the short list prints on one page, everything ticked on at most two, with no
    heading alone at a page's foot and no last page without a question; each with
    its link's QR code. Every list is printed in the worst case (the shorter paper,
    with a clinic's lines and numbers); a sample of them on the other papers."""
    content = read_content()
    distinct = {}
    for answers in itertools.chain(
            (Answers(*combination) for combination in every_combination()),
            (Answers(g, c, "starting", MOST_FACTORS, tuple(Concern.values)) for g, c, _ in every_combination())):
        result = recommend(answers, content)
        distinct.setdefault(tuple(q.text for q in result.questions) + tuple(sorted(result.suggested)),
                            (answers, result))
    assert len(distinct) > 100
    problems = []
    for answers, result in sampled(distinct.values(), sample):
        # As printed: with the link's QR code and the sign-off line beside the Notes.
        extra = {"clinic": clinic, "link": LINK, "signs": result.signs(),
                 "link_until": date(2026, 12, 31), "sign_off": "This content is awaiting clinical sign-off."}
        short = as_pdf(document(ListChoices(), result, paper, **extra))
        if page_count(short) != 1:
            problems.append(f"{answers}: the short list takes {page_count(short)} pages")
        everything = ListChoices(added=tuple(q.slug for q in result.questions))
        full = as_pdf(document(everything, result, paper, **extra))
        if page_count(full) > 2:
            problems.append(f"{answers}: everything ticked takes {page_count(full)} pages")
        problems += [f"{answers}: {p}" for p in layout_problems(full, [q.text for q in result.questions])]
    assert problems == [], "\n".join(problems)


@pytest.mark.django_db
@pytest.mark.skipif(connection.vendor == "postgresql",
                    reason="the PDFs depend only on the fixtures, so the SQLite run checks them once")
def test_a_named_medicines_signs_print_in_the_notes_place_and_the_short_list_still_fits_one_page():
    """Each medicine named, for the first condition that lists it, with every factor and concern: the
    care team's signs join the emergency number's, beside the QR code, on one page of Letter with a
    clinic's lines (the worst case)."""
    content = read_content()
    problems = []
    for medicine in content.medicines:
        condition = next((c for c in content.conditions.values() if medicine in c.medicines), None)
        if condition is None:
            continue
        goal = condition.default_goal or "unsure"
        result = recommend(Answers(goal, condition.slug, "starting", MOST_FACTORS, tuple(Concern.values),
                                   (medicine,)), content)
        printed = document(ListChoices(), result, "letter", clinic=CLINIC, link=LINK, signs=result.signs(),
                           link_until=date(2026, 12, 31), medicines=medicine,
                           sign_off="This content is awaiting clinical sign-off.")
        data = as_pdf(printed)
        if page_count(data) != 1:
            problems.append(f"{medicine} ({condition.slug}): {page_count(data)} pages")
        text = " ".join(pdf_text(data).split())
        if any(" ".join(line.split()) not in text for line in printed.call_now_lines()):
            problems.append(f"{medicine}: the signs are not all printed")
    assert problems == []


def test_the_signs_print_under_when_to_call_and_an_empty_list_keeps_its_notes():
    from questionnaire.facts import Signs
    signs = Signs(emergency=("Trouble breathing",), care_team=("A fever or chills",))
    named = document(ListChoices(), signs=signs, medicines="methotrexate")
    assert named.call_now_lines() == ["Call your local emergency number for: trouble breathing.",
                                      "Call your care team now for: a fever or chills."]
    assert document(ListChoices(), signs=signs).call_now_lines() == [
        "Call your local emergency number for: trouble breathing."]
    text = " ".join(pdf_text(as_pdf(named)).split())
    assert "When to call" in text and "Notes" not in text
    assert "Call your care team now for: a fever or chills." in text
    empty = document(ListChoices(dropped=tuple(TEXTS)), signs=signs, medicines="methotrexate")
    assert empty.call_now_lines() == [] and "Notes" in " ".join(pdf_text(as_pdf(empty)).split())


def test_a_clinic_s_lines_head_the_list_and_its_numbers_are_in_the_header_not_on_a_question():
    result = small_result()
    printed = document(ListChoices(), result, clinic=CLINIC)
    numbers = f"Call {CLINIC.day_phone}; at night or at weekends call {CLINIC.out_of_hours_phone}."
    assert printed.numbers_line() == numbers
    texts = [text for _, section in printed.sections() for text, _ in section]
    assert numbers not in " ".join(texts)
    lines = as_text(printed).splitlines()
    assert lines[1:4] == printed.clinic_lines() and CLINIC.name in lines[1] and lines[2] == CLINIC.endorsement
    assert numbers in lines[:lines.index(printed.how_to_send())]
    text = " ".join(pdf_text(as_pdf(printed)).split())
    assert CLINIC.name in text and text.index(numbers) < text.index(TEXTS[next(iter(TEXTS))])
    assert document(ListChoices(), result).clinic_lines() == [] and document(ListChoices(), result).numbers_line() == ""


@pytest.mark.django_db
def test_the_larger_text_a_person_chose_prints_larger_in_the_pdf():
    """Every text a quarter larger, the questions at 12.5 pt and nothing under 11 pt; the short list
    of eight questions with a clinic's lines still fits on two pages."""
    normal, large = (font_sizes(as_pdf(document(ListChoices(), small_result(), clinic=CLINIC, large_type=chosen)))
                     for chosen in (False, True))
    assert sorted(set(large)) == pytest.approx(sorted({size * LARGE_TYPE for size in normal}), abs=0.01)
    assert min(large) >= 11.25 and 12.5 in large
    result = recommend(Answers("dampen", "kidney_transplant", "starting", ("pregnancy", "vaccines_due"), ("cost",)),
                       read_content())
    assert len(result.suggested) == 8
    printed = as_pdf(document(ListChoices(), result, "letter", clinic=CLINIC, link=LINK, signs=result.signs(),
                              link_until=date(2026, 12, 31), large_type=True))
    assert page_count(printed) <= 2
    assert layout_problems(printed, [q.text for q in result.questions]) == []


def test_no_text_in_the_pdf_is_smaller_than_9_points():
    """The small print, the footer and the second language's gloss included."""
    printed = document(ListChoices(), small_result(), clinic=CLINIC, link=LINK, link_until=date(2026, 12, 31),
                       sign_off="This content is awaiting clinical sign-off.", gloss_language="es",
                       glosses={slug: "¿Pregunta?" for slug in TEXTS})
    sizes = font_sizes(as_pdf(printed))
    assert sizes and min(sizes) >= SMALLEST == 9


def test_the_pdf_carries_the_link_as_a_qr_code_a_phone_can_read(tmp_path):
    data = as_pdf(document(ListChoices(), link=LINK, link_until=date(2026, 12, 26)))
    assert qr_codes(data, tmp_path) == [LINK]
    assert "until 26 December 2026" in pdf_text(data)


def test_a_pdf_without_a_link_has_no_qr_code(tmp_path):
    assert qr_codes(as_pdf(document(ListChoices())), tmp_path) == []


def test_the_text_version_carries_the_link():
    text = as_text(document(ListChoices(), link=LINK, link_until=date(2026, 12, 26)))
    assert f"until 26 December 2026:\n{LINK}\n" in text


def test_own_questions_from_someone_elses_link_say_so_in_print():
    choices = ListChoices(own=("Mine?", "Theirs?"))
    printed = document(choices, own_from_link=frozenset({"Theirs?"}))
    own = dict(printed.sections())["My own questions"]
    assert own == [("Mine?", ""), (f"Theirs? {OWN_FROM_LINK}", "")]
    assert f"[ ] Theirs? {OWN_FROM_LINK}" in as_text(printed)
    assert OWN_FROM_LINK in pdf_text(as_pdf(printed))


# --- In two languages --------------------------------------------------------------


def bilingual_document(result, content, language, gloss_language, choices=None, **extra):
    """The list of ``result`` (from ``content``) printed in ``language`` with ``gloss_language`` under each question."""
    own, other = content.in_language(language), content.in_language(gloss_language)
    result = recommend(result.answers, own)
    with translation.override(gloss_language):  # a template is filled in the gloss's language
        glossed = {q.slug: q.text for q in recommend(result.answers, other).questions}
    return ListDocument(
        question_list=build_question_list(result, choices or ListChoices()), date=date(2026, 12, 1),
        condition=result.condition.label, goal="", version="2026.12.0", last_reviewed=date(2026, 12, 1),
        language=language, gloss_language=gloss_language,
        glosses={q.slug: glossed[q.slug] for q in result.questions},
        gloss_condition=other.conditions[result.condition.slug].label, **extra)


@pytest.mark.django_db
def test_a_list_in_spanish_carries_the_english_under_each_question():
    content = read_content()
    result = recommend(Answers("dampen", "lupus", "starting"), content)
    printed = bilingual_document(result, content, "es", "en")
    text = pdf_text(as_pdf(printed))
    spanish, english = content.in_language("es"), content
    for question in build_question_list(result, ListChoices()).top:
        assert spanish.questions[question.slug].text[:40] in text
        assert english.questions[question.slug].text[:40] in text
    assert "Preguntas para mi cita / Questions for my appointment" in text
    assert "Para: Lupus / For: Lupus" in text
    plain = as_text(printed)
    top = build_question_list(result, ListChoices()).top[0]
    assert f"[ ] {spanish.questions[top.slug].text}\n    EN: {english.questions[top.slug].text}\n" in plain


@pytest.mark.django_db
def test_the_reverse_english_with_the_spanish_under_each_question():
    content = read_content()
    result = recommend(Answers("strengthen", "melanoma", "on_treatment"), content)
    plain = as_text(bilingual_document(result, content, "en", "es"))
    top = build_question_list(result, ListChoices()).top[0]
    assert f"[ ] {top.text}\n    ES: " in plain
    assert plain.splitlines()[0] == "Questions for my appointment / Preguntas para mi cita"


@pytest.mark.django_db
def test_a_list_in_one_language_carries_no_gloss():
    content = read_content()
    result = recommend(Answers("dampen", "lupus", "starting"), content.in_language("es"))
    printed = ListDocument(
        question_list=build_question_list(result, ListChoices()), date=date(2026, 12, 1),
        condition=result.condition.label, goal="", version="v", last_reviewed=date(2026, 12, 1), language="es")
    assert all(gloss == "" for _, section in printed.sections() for _, gloss in section)
    assert printed.title() == "Preguntas para mi cita" and printed.gloss_line() == ""


@pytest.mark.django_db
@pytest.mark.skipif(connection.vendor == "postgresql",
                    reason="the PDFs depend only on the fixtures, so the SQLite run checks them once")
@pytest.mark.parametrize("language, gloss_language, sample", [("es", "en", None), ("en", "es", 3)])
def test_every_short_list_in_two_languages_fits_on_two_pages(language, gloss_language, sample):
    """The printing rule for the bilingual list (docs/product.md#printing): the suggested list on two pages at
    most, on the shorter paper, with a clinic's lines, its numbers and the link's QR code. Every list
    in Spanish with the English under it (the longer); a sample the other way round."""
    content = read_content()
    distinct = {}
    for combination in every_combination():
        result = recommend(Answers(*combination), content)
        distinct.setdefault(tuple(sorted(result.suggested)) + (combination[1],), (combination, result))
    assert len(distinct) > 100
    problems = []
    for combination, result in sampled(distinct.values(), sample):
        printed = bilingual_document(
            result, content, language, gloss_language, paper="letter", clinic=CLINIC,
            link=LINK, link_until=date(2026, 12, 31),
            sign_off="This content is awaiting clinical sign-off.")
        data = as_pdf(printed)
        if page_count(data) > 2:
            problems.append(f"{combination}: {page_count(data)} pages")
        texts = [text for _, section in printed.sections() for text, _ in section]
        problems += [f"{combination}: {p}" for p in layout_problems(data, texts)]
    assert problems == [], "\n".join(problems)


def test_the_fallback_fonts_can_be_set_from_the_environment():
    """A deployment without Debian's fonts names its own, a face of a collection after "#"."""
    import json
    import os
    import subprocess
    import sys
    script = ("import django, json; django.setup(); from django.conf import settings; "
              "print(json.dumps(settings.IMMUNOGUIDE_PDF_FALLBACK_FONTS))")
    said = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True, env={
        **os.environ, "DJANGO_SETTINGS_MODULE": "immunoguide.settings",
        "IMMUNOGUIDE_PDF_FALLBACK_FONTS": "/fonts/a.ttf:/fonts/cjk.ttc#2"})
    assert json.loads(said.stdout) == [["/fonts/a.ttf", 0], ["/fonts/cjk.ttc", 2]]


@pytest.mark.parametrize("language, region, written", [
    ("en", "", "7 December 2026"), ("en", "GB", "7 December 2026"), ("en", "US", "December 7, 2026"),
    ("es", "", "7 de diciembre de 2026"), ("es", "US", "7 de diciembre de 2026"), ("es", "MX", "7 de diciembre de 2026")])
def test_dates_are_written_in_the_languages_own_format_for_the_region(language, region, written):
    with translation.override(language):
        assert long_date(date(2026, 12, 7), region) == written


@pytest.mark.parametrize("header, region", [("en-US,en;q=0.9", "US"), ("es_mx", "MX"), ("en", ""), ("", ""), ("*", "")])
def test_the_region_is_the_first_language_regions(header, region):
    assert region_of(header) == region
