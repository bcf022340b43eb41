"""The person's question list: keep, drop, most important, own (questionnaire/question_list.py)."""
from questionnaire.engine import Answers, recommend
from questionnaire.question_list import ListChoices, build_question_list
from tests.builders import build_content, question


def result():
    content = build_content(
        rules=[{"slug": "base", "goals": ("dampen",), "categories": ("suppressive",),
                "questions": ("a1", "a2", "c1", "c2")}],
        questions=[question("a1", "about", 1), question("a2", "about", 2),
                   question("c1", "cost", 1), question("c2", "cost", 2)])
    return recommend(Answers("dampen", "lupus", "starting"), content)


def slugs(qlist):
    return {
        "top": [q.slug for q in qlist.top],
        "groups": [(theme, [q.slug for q in qs]) for theme, _, qs in qlist.groups],
        "dropped": [q.slug for q in qlist.dropped],
    }


def test_by_default_every_question_is_kept_in_theme_order():
    assert slugs(build_question_list(result(), ListChoices())) == {
        "top": [], "groups": [("about", ["a1", "a2"]), ("cost", ["c1", "c2"])], "dropped": []}


def test_dropped_questions_leave_the_list_and_empty_themes_disappear():
    qlist = build_question_list(result(), ListChoices(dropped=("c1", "c2", "a2")))
    assert slugs(qlist) == {"top": [], "groups": [("about", ["a1"])], "dropped": ["a2", "c1", "c2"]}
    assert qlist.kept_count == 1


def test_most_important_questions_come_first_in_the_order_chosen_and_only_once():
    qlist = build_question_list(result(), ListChoices(top=("c2", "a1")))
    assert slugs(qlist)["top"] == ["c2", "a1"]
    assert slugs(qlist)["groups"] == [("about", ["a2"]), ("cost", ["c1"])]


def test_no_more_than_three_most_important():
    qlist = build_question_list(result(), ListChoices(top=("a1", "a2", "c1", "c2")))
    assert len(qlist.top) == 3


def test_unknown_slugs_from_an_old_link_are_ignored():
    qlist = build_question_list(result(), ListChoices(dropped=("gone",), top=("also-gone", "a2")))
    assert slugs(qlist)["top"] == ["a2"]
    assert slugs(qlist)["dropped"] == []


def test_own_questions_are_kept_as_typed():
    own = ("<b>Bold?</b>", "مرحبا؟", "Can I swim? 🏊")
    assert build_question_list(result(), ListChoices(own=own)).own == list(own)


def test_choices_survive_a_round_trip_through_a_dict():
    choices = ListChoices(dropped=("a1",), top=("c1",), own=("Mine?",))
    assert ListChoices.from_dict(choices.as_dict()) == choices


def test_choices_from_a_dict_are_bounded():
    choices = ListChoices.from_dict({"top": ["a", "b", "c", "d"], "own": ["x" * 500] * 12})
    assert len(choices.top) == 3
    assert len(choices.own) == 10 and all(len(q) == 300 for q in choices.own)
