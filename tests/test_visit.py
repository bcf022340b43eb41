"""A person's visit notes and the list they carry to the next visit (questionnaire/visit.py)."""
import datetime

from questionnaire.engine import Answers, recommend
from questionnaire.question_list import ListChoices, build_question_list
from questionnaire.visit import (
    MAX_ANSWER_LENGTH, MAX_OTHER_LENGTH, MAX_TEACH_BACK_LENGTH, VisitNotes, next_visit_answers, visit_items)
from tests.helpers.builders import build_content, question

#: Five suggested questions before the treatment starts (s1-s3 safety, a1 about, n1 call-now),
#: one suggested once it is under way (t1), and two more (m1, m2).
QUESTIONS = [
    question("s1", "tests", 1, priority="safety"), question("s2", "medicines", 2, priority="safety"),
    question("s3", "vaccines", 3, priority="safety"), question("a1", "about", 1, priority="about"),
    question("n1", "side_effects", 1, priority="call_now"),
    question("t1", "side_effects", 2, priority="safety", stages=("on_treatment",)),
    question("m1", "cost", 1), question("m2", "options", 1),
]
CONTENT = build_content(
    rules=[{"slug": "base", "goals": ("dampen",), "categories": ("suppressive",),
            "questions": tuple(q.slug for q in QUESTIONS)}],
    questions=QUESTIONS)


def result(stage="starting"):
    return recommend(Answers("dampen", "lupus", stage), CONTENT)


def kept(choices, outcome):
    qlist = build_question_list(outcome, choices)
    return [item.key for item in visit_items(qlist)], [q.slug for q in qlist.top]


class TestNotes:
    def test_the_notes_go_into_the_session_and_come_back_the_same(self):
        notes = VisitNotes(asked=("s1", "own-1"), answers={"s1": "Every 3 weeks."}, teach_back={"s1": "I go monthly."},
                           other="Blood test first.", date=datetime.date(2026, 12, 8))
        assert VisitNotes.from_dict(notes.as_dict()) == notes

    def test_empty_notes_cost_the_cookie_nothing(self):
        assert VisitNotes().as_dict() == {} and VisitNotes.from_dict(None).is_empty

    def test_notes_from_a_changed_cookie_are_cut_to_the_limits_and_odd_values_dropped(self):
        notes = VisitNotes.from_dict({
            "asked": ["s1", "s1", 7], "answers": {"s1": "x" * 999, "s2": "  "}, "teach_back": ["not", "a", "dict"],
            "other": "y" * 9999, "date": "not a date"})
        assert notes.asked == ("s1", "7")
        assert notes.answers == {"s1": "x" * MAX_ANSWER_LENGTH} and notes.teach_back == {}
        assert len(notes.other) == MAX_OTHER_LENGTH and notes.date is None
        assert VisitNotes.from_dict({"teach_back": {"s1": "z" * 999}}).teach_back["s1"] == "z" * MAX_TEACH_BACK_LENGTH
        assert VisitNotes.from_dict({"asked": "s1"}).asked == ()


class TestItems:
    def test_the_visit_lists_the_kept_questions_most_important_first_then_own_questions_by_place(self):
        choices = ListChoices(added=("m2",), top=("a1", "s2"), own=("Can I swim?", "Can I travel?"))
        items = visit_items(build_question_list(result(), choices))
        assert [item.key for item in items] == ["a1", "s2", "s1", "s3", "n1", "m2", "own-1", "own-2"]
        assert [item.key for item in items if item.top] == ["a1", "s2"]
        assert [(item.text, item.own) for item in items[-2:]] == [("Can I swim?", True), ("Can I travel?", True)]


class TestNextVisit:
    def test_the_stage_moves_on_from_about_to_start_to_on_treatment_and_no_further(self):
        answers = Answers("dampen", "lupus", "starting")
        assert next_visit_answers(answers).stage == "on_treatment"
        assert next_visit_answers(Answers("dampen", "lupus", "considering")).stage == "starting"
        for stage in ("on_treatment", "finished"):
            assert next_visit_answers(Answers("dampen", "lupus", stage)).stage == stage
        assert next_visit_answers(answers).condition == "lupus"

    def test_questions_not_asked_stay_ticked_asked_ones_go_and_new_suggestions_join(self):
        choices = ListChoices(added=("m1", "m2"), top=("s1", "a1"), own=("Can I swim?", "Can I travel?"))
        notes = VisitNotes(asked=("s1", "s2", "m1", "own-2"))
        following = notes.carried_forward(choices, result(), result("on_treatment"))
        keys, top = kept(following, result("on_treatment"))
        assert sorted(keys) == ["a1", "m2", "n1", "own-1", "s3", "t1"]
        assert top == ["a1"]
        assert following.own == ("Can I swim?",)

    def test_a_question_not_asked_and_no_longer_offered_carries_in_its_own_words(self):
        starting_only = question("b1", "about", 2, priority="about", stages=("starting",))
        content = build_content(
            rules=[{"slug": "base", "goals": ("dampen",), "categories": ("suppressive",),
                    "questions": tuple(q.slug for q in (*QUESTIONS, starting_only))}],
            questions=[*QUESTIONS, starting_only])
        before, after = (recommend(Answers("dampen", "lupus", stage), content) for stage in ("starting", "on_treatment"))
        following = VisitNotes().carried_forward(ListChoices(own=("Mine?",)), before, after)
        assert following.own == ("Mine?", "Question b1?")

    def test_with_nothing_asked_the_whole_list_carries_and_the_new_suggestion_joins(self):
        choices = ListChoices(dropped=("a1",), added=("m2",))
        following = VisitNotes().carried_forward(choices, result(), result("on_treatment"))
        keys, _ = kept(following, result("on_treatment"))
        assert sorted(keys) == ["m2", "n1", "s1", "s2", "s3", "t1"]
