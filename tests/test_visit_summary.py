"""The visit summary as a document and as text (questionnaire/visit_summary.py)."""
import datetime
from types import SimpleNamespace

from django.utils import translation

from questionnaire.question_list import ListChoices, build_question_list
from questionnaire.visit import VisitNotes
from questionnaire.visit_summary import AskedQuestion, VisitSummary, as_text
from tests.test_visit import result

CLINIC = SimpleNamespace(name="Riverside Cancer Clinic", day_phone="(617) 555-0123",
                         out_of_hours_phone="(617) 555-0199", language="en")
NOTES = VisitNotes(asked=("s1", "s3", "own-1"), answers={"s1": "Every 3 weeks.", "own-1": "Yes, with a hat."},
                   teach_back={"s1": "I come back every third week.", "s3": "Not for a top question."},
                   other="Blood tests before each dose.", date=datetime.date(2026, 12, 8))


def summary(notes=NOTES, **more):
    qlist = build_question_list(result(), ListChoices(added=("m1",), top=("s1", "s2"), own=("Can I swim?",)))
    fields = {"date": notes.date or datetime.date(2026, 12, 8), "condition": "Lupus", "version": "2027.01.0",
              "last_reviewed": datetime.date(2026, 12, 1), **more}
    return VisitSummary.build(qlist, notes, **fields)


def test_asked_questions_carry_their_answer_and_the_own_words_of_a_most_important_one():
    asked = summary().asked
    assert [q.text for q in asked] == ["Question s1?", "Question s3?", "Can I swim?"]
    assert asked[0] == AskedQuestion("Question s1?", "Every 3 weeks.", "I come back every third week.")
    # s3 is not marked most important here: the page offered it no line for own words.
    assert asked[1] == AskedQuestion("Question s3?", "", "")
    assert asked[2].answer == "Yes, with a hat."


def test_questions_not_asked_are_for_next_time_in_the_list_s_order():
    assert [text for text, _ in summary().next_time] == ["Question s2?", "Question a1?", "Question n1?",
                                                         "Question m1?"]  # s2 most important, first


def test_the_text_gives_the_date_clinic_answers_next_time_and_other_in_that_order():
    text = as_text(summary(clinic=CLINIC, region="US"))
    order = ["My visit summary", "Visit on December 8, 2026", "Clinic: Riverside Cancer Clinic",
             "Call (617) 555-0123; at night or at weekends call (617) 555-0199.",
             "What I asked", "[x] Question s1?", "Answer: Every 3 weeks.", "In my own words: I come back every third week.",
             "[x] Question s3?", "No answer noted.", "For next time", "[ ] Question s2?",
             "Anything else the doctor said", "Blood tests before each dose.", "content version 2027.01.0"]
    positions = [text.index(part) for part in order]
    assert positions == sorted(positions)
    assert "Not for a top question." not in text


def test_the_date_follows_the_person_s_region_and_language():
    assert summary(region="GB").date_line() == "Visit on 8 December 2026"
    spanish = summary(language="es")
    assert spanish.filename_stem == "immunoguide-visit-2026-12-08"
    assert "Visita del 8 de diciembre de 2026" in as_text(spanish)
    with translation.override("en"):
        assert summary(region="US").date_line() == "Visit on December 8, 2026"


def test_with_nothing_noted_the_summary_says_so_rather_than_showing_empty_headings():
    text = as_text(summary(VisitNotes()))
    assert "No question is ticked as asked." in text and "Anything else the doctor said" not in text
    everything = VisitNotes(asked=("s1", "s2", "s3", "a1", "n1", "m1", "own-1"))
    assert "Every question on your list was asked." in as_text(summary(everything))


def test_the_link_to_the_next_visit_s_list_is_in_the_text_with_its_last_day():
    text = as_text(summary(link="https://example.test/list/abc/", link_until=datetime.date(2027, 1, 7), region="US"))
    assert "Open your list for next time until January 7, 2027:\nhttps://example.test/list/abc/" in text
    assert "/list/" not in as_text(summary())
