"""The person's question list: suggested, added, dropped, most important, own (questionnaire/question_list.py)."""
from questionnaire.engine import Answers, recommend
from questionnaire.question_list import ListChoices, build_question_list
from tests.helpers.builders import build_content, question

#: Six suggested questions (s1-s4 safety, a1 about, n1 call-now) and four more (m1-m4).
QUESTIONS = [
    question("s1", "tests", 1, priority="safety"), question("s2", "medicines", 2, priority="safety"),
    question("s3", "vaccines", 3, priority="safety"), question("s4", "infections", 4, priority="safety"),
    question("a1", "about", 1, priority="about"), question("n1", "side_effects", 1, priority="call_now"),
    question("m1", "cost", 1), question("m2", "cost", 2), question("m3", "options", 1),
    question("m4", "long_term", 1),
]


def result():
    content = build_content(
        rules=[{"slug": "base", "goals": ("dampen",), "categories": ("suppressive",),
                "questions": tuple(q.slug for q in QUESTIONS)}],
        questions=QUESTIONS)
    return recommend(Answers("dampen", "lupus", "starting"), content)


def slugs(qlist):
    return {
        "top": [q.slug for q in qlist.top],
        "suggested": [q.slug for q in qlist.suggested],
        "more": [(theme, [q.slug for q in qs]) for theme, _, qs in qlist.more_groups],
    }


def test_by_default_the_suggested_list_is_kept_with_its_first_three_marked_most_important():
    qlist = build_question_list(result(), ListChoices())
    assert slugs(qlist) == {"top": ["s1", "s2", "s3"], "suggested": ["s4", "a1", "n1"], "more": []}
    assert qlist.kept_count == 6


def test_unticked_suggested_questions_leave_the_list():
    qlist = build_question_list(result(), ListChoices(dropped=("s1", "a1")))
    assert slugs(qlist) == {"top": ["s2", "s3", "s4"], "suggested": ["n1"], "more": []}


def test_ticked_questions_from_the_rest_join_the_list_by_theme():
    qlist = build_question_list(result(), ListChoices(added=("m3", "m1", "m2")))
    assert slugs(qlist)["more"] == [("cost", ["m1", "m2"]), ("options", ["m3"])]
    assert qlist.kept_count == 9


def test_most_important_questions_come_first_in_the_order_chosen_and_only_once():
    qlist = build_question_list(result(), ListChoices(top=("n1", "m1"), added=("m1",)))
    assert slugs(qlist)["top"] == ["n1", "m1"]
    assert slugs(qlist)["suggested"] == ["s1", "s2", "s3", "s4", "a1"]
    assert slugs(qlist)["more"] == []


def test_choosing_no_most_important_is_kept_as_a_choice():
    assert build_question_list(result(), ListChoices(top=())).top == []


def test_a_question_not_on_the_list_cannot_be_most_important():
    qlist = build_question_list(result(), ListChoices(top=("m1", "s1"), dropped=("s1",)))
    assert slugs(qlist)["top"] == []


def test_no_more_than_three_most_important():
    qlist = build_question_list(result(), ListChoices(top=("s1", "s2", "s3", "s4")))
    assert len(qlist.top) == 3


def test_unknown_slugs_from_an_old_link_are_ignored():
    qlist = build_question_list(result(), ListChoices(dropped=("gone",), added=("also-gone",), top=("gone", "a1")))
    assert slugs(qlist)["top"] == ["a1"]
    assert qlist.kept_count == 6


def test_own_questions_are_kept_as_typed():
    own = ("<b>Bold?</b>", "مرحبا؟", "Can I swim? 🏊")
    assert build_question_list(result(), ListChoices(own=own)).own == list(own)


def test_choices_survive_a_round_trip_through_a_dict():
    for choices in (ListChoices(dropped=("a1",), added=("m1",), top=("c1",), own=("Mine?",)), ListChoices()):
        assert ListChoices.from_dict(choices.as_dict()) == choices


def test_choices_saved_by_the_first_release_still_read():
    choices = ListChoices.from_dict({"dropped": ["s1"], "top": [], "own": ["Mine?"]})
    assert choices == ListChoices(dropped=("s1",), top=(), own=("Mine?",))


def test_choices_from_a_dict_are_bounded():
    choices = ListChoices.from_dict({"top": ["a", "b", "c", "d"], "own": ["x" * 500] * 12})
    assert len(choices.top) == 3
    assert len(choices.own) == 10 and all(len(q) == 300 for q in choices.own)
