"""The wallet card's content (questionnaire/wallet_card.py): what it names, the signs it lists,
whom it says to call, what it tells an emergency doctor, in English, Spanish or both."""
import re
from datetime import date

import pytest

from questionnaire.content_items import Clinic
from questionnaire.engine import Answers, recommend
from questionnaire.facts import call_now_signs
from questionnaire.vocabulary import Risk
from questionnaire.wallet_card import BOTH, build_card, card_languages, default_choice, ordered

pytestmark = pytest.mark.django_db

CLINIC = Clinic("Riverside Rheumatology Clinic", "", "(617) 555-0123", "(617) 555-0199")
STEROIDS_NEEDED = "steroids may be needed"


def card_for(content, *medicines, condition="lupus", stage="on_treatment", languages=("en",), clinic=None):
    answers = Answers("dampen", condition, stage, medicines=tuple(medicines))
    return build_card(answers, content, languages, clinic=clinic, date=date(2026, 12, 8))


def doctor_text(card, language=0):
    return " ".join(card.sides[language].doctor_lines)


def test_a_person_who_named_their_medicines_gets_them_by_name(content):
    side = card_for(content, "methotrexate", "systemic_steroids").sides[0]
    assert side.treatment_label == "My medicines:"
    assert side.treatment == "methotrexate and steroid tablets or drips"
    assert not side.write_medicine
    assert side.doctor_lines[0] == "I am treated with methotrexate and steroid tablets or drips."


def test_a_person_who_named_none_gets_their_kind_of_treatment_a_line_to_write_in_and_no_guessed_facts(content):
    result = recommend(Answers("dampen", "lupus", "on_treatment"), content)
    side = card_for(content).sides[0]
    assert side.treatment_label == "My treatment:"
    assert side.treatment == result.categories[0].title and len(result.categories) == 1
    assert side.write_medicine
    assert side.doctor_lines == (
        "I am on a treatment that acts on my immune system (written on the front).", "Please contact my care team.")


def test_the_signs_are_those_of_the_medicines_split_by_whom_to_call(content):
    side = card_for(content, "pd1_pdl1_inhibitors", condition="melanoma").sides[0]
    signs = call_now_signs([content.medicines["pd1_pdl1_inhibitors"]])
    assert side.emergency == signs.emergency and side.care_team == signs.care_team
    assert "Trouble breathing" in side.emergency and "A fever or chills" in side.care_team
    assert side.emergency_heading == "Call your local emergency number for:"
    assert side.care_team_heading == "Call your care team now for:"
    assert side.more_signs == "" and side.emergency_line == ""


def test_without_an_emergency_sign_the_card_gives_the_emergency_line(content):
    side = card_for(content, "methotrexate").sides[0]
    assert side.emergency == ()
    assert side.emergency_line == "In an emergency, call your local emergency number."


def test_cut_short_the_care_team_signs_say_others_are_on_the_list_in_each_language(content):
    card = card_for(content, "pd1_pdl1_inhibitors", condition="melanoma", languages=("en", "es")).trimmed(2)
    assert [len(side.care_team) for side in card.sides] == [2, 2]
    assert [side.more_signs for side in card.sides] == ["and other signs: see your list", "y otras señales: vea su lista"]
    assert len(card.sides[0].emergency) == len(call_now_signs([content.medicines["pd1_pdl1_inhibitors"]]).emergency)


def test_the_clinic_s_name_and_numbers_or_lines_to_write_them_in(content):
    with_clinic = card_for(content, "methotrexate", clinic=CLINIC).clinic_rows()
    assert with_clinic == [("My name:", ""), ("Care team:", CLINIC.name), ("Day phone:", CLINIC.day_phone),
                           ("Nights and weekends:", CLINIC.out_of_hours_phone)]
    assert [value for _, value in card_for(content, "methotrexate").clinic_rows()] == ["", "", "", ""]


def test_only_checkpoint_immune_side_effects_say_steroids_may_be_needed(content):
    """For every medicine family: infections, allergy or cytokine release are not treated that way."""
    for slug, medicine in content.medicines.items():
        text = doctor_text(card_for(content, slug))
        assert (STEROIDS_NEEDED in text) == (Risk.IMMUNE_SIDE_EFFECTS in medicine.risks), slug


@pytest.mark.parametrize("medicine, says, never", [
    ("pd1_pdl1_inhibitors", ["immune side effects in any organ", STEROIDS_NEEDED], ["infections"]),
    ("methotrexate", ["Methotrexate can make infections more likely and more serious."], ["steroid"]),
    ("systemic_steroids", ["extra steroid is needed in a serious illness"], [STEROIDS_NEEDED]),
    ("allergy_shots", ["Allergy shots can cause a severe allergic reaction (anaphylaxis)."], ["infection", "steroid"]),
    ("car_t_cells", ["cytokine release syndrome", "the nerves and the brain", "infections"], ["steroid"]),
    ("bcg_bladder", ["an infection with a live germ or virus"], ["steroid"]),
    ("il4_il13_blockers", [], ["infection", "steroid", "allergic"]),
])
def test_the_emergency_doctor_is_told_only_what_the_medicine_s_facts_hold(content, medicine, says, never):
    text = doctor_text(card_for(content, medicine))
    assert text.endswith("Please contact my care team.")
    assert [phrase for phrase in says if phrase not in text] == []
    assert [word for word in never if word in text.split(".", 1)[1]] == []


def test_each_line_for_the_doctor_names_the_medicines_it_holds_for(content):
    lines = card_for(content, "mtor_inhibitors", "systemic_steroids", condition="kidney_transplant").sides[0].doctor_lines
    assert lines[1] == "mTOR inhibitors and steroid tablets or drips can make infections more likely and more serious."
    assert lines[2].startswith("Taken for more than a few weeks, steroid tablets or drips can")


def test_a_name_with_its_own_capitals_keeps_them_at_the_start_of_a_sentence(content):
    lines = card_for(content, "mtor_inhibitors", condition="kidney_transplant").sides[0].doctor_lines
    assert lines[1].startswith("mTOR inhibitors can make infections")


def test_after_treatment_the_card_says_was_and_keeps_only_what_still_matters(content):
    finished = doctor_text(card_for(content, "methotrexate", "pd1_pdl1_inhibitors", stage="finished"))
    assert finished.startswith("I was treated with methotrexate and PD-1 or PD-L1 blockers.")
    assert STEROIDS_NEEDED in finished  # immune side effects can start months after the last dose
    assert "infections" not in finished  # methotrexate's facts name the infection risk while on it
    assert "extra steroid" not in doctor_text(card_for(content, "systemic_steroids", stage="finished"))
    assert doctor_text(card_for(content, "methotrexate", stage="considering")).startswith(
        "I may start treatment with methotrexate.")


def test_the_card_in_spanish(content):
    side = card_for(content, "pd1_pdl1_inhibitors", condition="melanoma", languages=("es",), clinic=CLINIC).sides[0]
    assert side.language == "es" and side.title == "Tarjeta de emergencia: tratamiento inmunitario"
    assert side.treatment_label == "Mis medicamentos:" and side.treatment == "bloqueadores de PD-1 o PD-L1"
    assert side.doctor_lines[0] == "Recibo tratamiento con bloqueadores de PD-1 o PD-L1."
    assert "puede hacer falta dar esteroides" in side.doctor_lines[1]
    assert "Le cuesta respirar" in side.emergency
    assert side.emergency_heading == "Llame al número de emergencias local si tiene:"


def test_both_languages_on_one_card(content):
    card = card_for(content, "methotrexate", languages=("es", "en"), clinic=CLINIC)
    assert card.languages == ("es", "en")
    assert [side.treatment for side in card.sides] == ["metotrexato", "methotrexate"]
    assert card.title() == "Tarjeta de emergencia: tratamiento inmunitario / Emergency card: immune treatment"
    assert card.clinic_rows()[2] == ("Teléfono de día: / Day phone:", CLINIC.day_phone)


def test_the_language_choices_and_the_default(settings):
    assert card_languages("es") == ("es",) and card_languages(BOTH) == ("en", "es")
    assert ordered(("en", "es"), "es") == ("es", "en")
    assert default_choice("en") == "en" and default_choice("es") == BOTH


def test_the_card_never_gives_a_dose(content):
    dose = re.compile(r"\d\s*(mg|mcg|µg|ml|mL|units?|IU)\b")
    for slug in content.medicines:
        card = card_for(content, slug, languages=("en", "es"))
        assert [text for text in card.texts() if dose.search(text)] == [], slug
