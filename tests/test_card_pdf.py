"""The wallet card as a PDF (questionnaire/card_pdf.py), read back from the file: one page, the
card at its real size folded in two, its words, its numbers, and no text below SMALLEST."""
import io
import re
from collections import Counter
from datetime import date

import pytest
from pypdf import PdfReader

from questionnaire.card_pdf import CARD_TOP, CARD_WIDTH, PANEL_HEIGHT, SMALLEST, TEXT_SIZES, as_pdf, fit
from questionnaire.content_items import Clinic
from questionnaire.engine import Answers
from questionnaire.fonts import unprintable_characters
from questionnaire.wallet_card import build_card
from tests.helpers import skip_or_fail
from tests.helpers.pdf import font_sizes, fonts, page_count, pdf_text

pytestmark = pytest.mark.django_db

MM = 72 / 25.4
CLINIC = Clinic("Riverside Rheumatology Clinic", "", "(617) 555-0123", "(617) 555-0199")
TOKYO = Clinic("東京免疫クリニック", "", "+81 3 1234 5678", "+81 3 1234 5679")


def card_for(content, *medicines, condition="lupus", languages=("en",), clinic=CLINIC, paper="a4"):
    return build_card(Answers("dampen", condition, "on_treatment", medicines=tuple(medicines)), content, languages,
                      clinic=clinic, paper=paper, date=date(2026, 12, 8))


def most_signs(content):
    """The medicine family with the most call-now signs (the checkpoint blockers: 14)."""
    return max(content.medicines.values(), key=lambda m: (len(m.call_now), m.slug)).slug


def card_sizes(data):
    """The width and height (mm) of each rectangle drawn on the page."""
    stream = PdfReader(io.BytesIO(data)).pages[0].get_contents().get_data().decode("latin-1")
    return [(round(abs(float(w)) / MM, 1), round(abs(float(h)) / MM, 1))
            for w, h in re.findall(r"[-\d.]+ [-\d.]+ ([-\d.]+) ([-\d.]+) re\b", stream)]


def text_positions(data):
    """(text, x, y from the top of the page in mm) of every piece of text."""
    page = PdfReader(io.BytesIO(data)).pages[0]
    height = float(page.mediabox.height)
    found = []

    def visit(text, cm, tm, font, size):
        if text.strip():
            found.append((text.strip(), (tm[4] * cm[0] + cm[4]) / MM, (height - (tm[5] * cm[3] + cm[5])) / MM))
    page.extract_text(visitor_text=visit)
    return found


def words(data):
    return " ".join(pdf_text(io.BytesIO(data)).split())


@pytest.mark.parametrize("paper, width, height", [("a4", 210, 297), ("letter", 215.9, 279.4)])
def test_one_page_on_the_person_s_paper_with_the_card_at_bank_card_size_folded_in_two(content, paper, width, height):
    data = as_pdf(card_for(content, "methotrexate", paper=paper))
    assert page_count(data) == 1
    box = PdfReader(io.BytesIO(data)).pages[0].mediabox
    assert (round(float(box.width) / MM, 1), round(float(box.height) / MM, 1)) == (width, height)
    assert (CARD_WIDTH, 2 * PANEL_HEIGHT) == (85.6, 108) and (85.6, 108.0) in card_sizes(data)


def test_the_front_holds_the_medicines_and_signs_and_the_back_the_doctor_s_lines_and_numbers(content):
    data = as_pdf(card_for(content, "pd1_pdl1_inhibitors", condition="melanoma"))
    positions = text_positions(data)
    left = (210 - CARD_WIDTH) / 2
    fold = CARD_TOP + PANEL_HEIGHT

    def where(start):
        return next((x, y) for text, x, y in positions if text.startswith(start))
    on_card = [(text, x, y) for text, x, y in positions if CARD_TOP < y < CARD_TOP + 2 * PANEL_HEIGHT]
    assert all(left < x < left + CARD_WIDTH for _, x, _ in on_card)
    assert CARD_TOP < where("Emergency card")[1] < where("Call your local emergency number")[1] < fold
    assert fold < where("For an emergency doctor")[1] < where("Day phone:")[1] < CARD_TOP + 2 * PANEL_HEIGHT
    text = words(data)
    for expected in ("PD-1 or PD-L1 blockers", "Trouble breathing", "A fever or chills", STEROIDS,
                     CLINIC.name, CLINIC.day_phone, CLINIC.out_of_hours_phone, "Print this page at actual size"):
        assert expected in text, expected


STEROIDS = "steroids may be needed"


def test_without_a_clinic_the_back_has_lines_to_write_the_numbers_in(content):
    text = words(as_pdf(card_for(content, "methotrexate", clinic=None)))
    assert "Care team: Day phone: Nights and weekends:" in text
    assert "(617)" not in text


def test_the_family_with_the_most_signs_in_two_languages_makes_one_card_no_smaller_than_the_floor(content):
    medicine = most_signs(content)
    card = card_for(content, medicine, condition="melanoma", languages=("en", "es"))
    size, fitted = fit(card)
    data = as_pdf(card)
    assert page_count(data) == 1
    sizes = font_sizes(data)
    assert size == min(sizes) == SMALLEST == 6 and TEXT_SIZES[0] == 7.5
    text = words(data)
    for side in fitted.front:
        assert [sign for sign in side.emergency if sign not in text] == []
        assert side.more_signs in text and [sign for sign in side.care_team if sign not in text] == []


def test_signs_that_do_not_fit_at_the_floor_are_cut_short_saying_so_with_every_emergency_sign_kept(content):
    medicines = ("c1_inhibitors", "calcineurin_inhibitors", "ctla4_inhibitors", "complement_inhibitors", "interferon",
                 "car_t_cells", "systemic_steroids")
    card = card_for(content, *medicines, clinic=None)
    size, fitted = fit(card)
    assert size == SMALLEST and len(fitted.sides[0].care_team) < len(card.sides[0].care_team)
    data = as_pdf(card)
    assert page_count(data) == 1 and min(font_sizes(data)) == SMALLEST
    text = words(data)
    assert len(card.sides[0].emergency) == 8  # every sign that calls the emergency number
    assert [sign for sign in card.sides[0].emergency if sign not in text] == []
    assert "and other signs: see your list" in text


def test_a_card_that_fits_keeps_every_sign_in_the_largest_size(content):
    card = card_for(content, "methotrexate")
    size, fitted = fit(card)
    assert size == TEXT_SIZES[0] and fitted == card
    assert min(font_sizes(as_pdf(card))) >= SMALLEST
    assert "see your list" not in words(as_pdf(card))


def test_even_every_medicine_at_once_makes_one_card_no_smaller_than_the_floor(content):
    card = card_for(content, *sorted(content.medicines), languages=("en", "es"))
    size, fitted = fit(card)
    data = as_pdf(card)
    assert page_count(data) == 1 and min(font_sizes(data)) >= SMALLEST
    assert fitted.languages == ("en",)  # the page says the card is in one language
    text = words(data)
    assert "and others" in text and "My care team can tell you more about my treatment" in text
    for sign in card.sides[0].emergency:
        assert sign in text


def test_a_clinic_name_in_another_script_prints(content):
    if unprintable_characters([TOKYO.name]):
        skip_or_fail("No font prints the clinic's name: sudo apt-get install fonts-noto-cjk")
    data = as_pdf(card_for(content, "methotrexate", clinic=TOKYO))
    extracted = PdfReader(io.BytesIO(data)).pages[0].extract_text()
    assert Counter(TOKYO.name) - Counter(extracted) == Counter()
    assert "NotoSansCJKsc-Regular" in fonts(data) or any("CJK" in name for name in fonts(data))


def test_the_card_in_spanish_prints_its_own_words(content):
    text = words(as_pdf(card_for(content, "methotrexate", languages=("es",))))
    assert "Mis medicamentos: metotrexato" in text and "Para el médico de urgencias" in text
    assert "Imprima esta página a tamaño real" in text


def test_two_languages_too_full_for_the_front_keep_the_person_s_language_there_and_both_for_the_doctor(content):
    card = card_for(content, languages=("es", "en"), clinic=None)  # no medicine named: every usual one's signs
    size, fitted = fit(card)
    assert fitted.front_in_first_language and fitted.languages == ("es", "en")
    text = words(as_pdf(card))
    assert "Mi tratamiento:" in text and "My treatment:" not in text
    assert "Para el médico de urgencias" in text and "For an emergency doctor" in text
