"""What a content change does to patients (questionnaire/content_diff.py), on small hand-built content."""
from dataclasses import replace

from questionnaire.content_diff import Case, Change, ItemChange, as_text, diff_content, every_case
from questionnaire.engine import answer_choices
from questionnaire.vocabulary import Goal, Stage
from tests.helpers.builders import build_content, note, question, with_item, with_rule, without_item

LUPUS_DAMPEN = {"given_goals": ("dampen",), "conditions": ("lupus",)}


def old_content():
    return build_content(
        rules=[{"slug": "lupus", **LUPUS_DAMPEN, "categories": ("suppressive",),
                "treatments": ("corticosteroids",), "questions": ("q-about", "q-how"), "notes": ("n-1",)}],
        questions=[question("q-about", "about", 1, priority="about"), question("q-how", "about", 2, priority="about")],
        notes=[note("n-1")])


def lupus_cases(**extra):
    return {Case("dampen", "lupus", stage, **extra) for stage in Stage.values}


def test_equal_content_changes_nothing():
    diff = diff_content(old_content(), old_content())
    assert diff.is_empty()
    assert (diff.changed_combinations(), diff.changed_single_answer_cases()) == (0, 0)


def test_every_combination_and_each_single_factor_and_concern_is_run():
    choices = answer_choices(build_content())
    plain, single = every_case(choices)
    combinations = len(choices["goal"]) * len(choices["condition"]) * len(choices["stage"])
    assert len(plain) == combinations
    assert len(single) == combinations * (len(choices["factors"]) + len(choices["concerns"]))
    assert all(bool(case.factor) != bool(case.concern) for case in single)


def test_a_reordered_suggested_list_is_reported_where_it_reaches():
    old = old_content()
    new = with_item(old, "questions", replace(old.questions["q-how"], order=0))
    diff = diff_content(old, new)
    assert set(diff.cases) == lupus_cases()
    assert diff.cases[Case("dampen", "lupus", "starting")] == (
        Change("suggested", "reordered", old=("q-about", "q-how"), new=("q-how", "q-about")),)
    assert diff.items == [ItemChange("question", "q-how", "changed", ("order",))]
    assert diff.changed_combinations() == 4


def test_questions_and_notes_added_and_removed_are_named_with_their_text():
    old = old_content()
    new = with_item(with_rule(old, "lupus", questions=("q-about", "q-new"), notes=()),
                    "questions", question("q-new", "cost", 3, priority="about"))
    changes = diff_content(old, new).cases[Case("dampen", "lupus", "on_treatment")]
    assert Change("notes", "removed", "n-1", "Title n-1") in changes
    assert Change("suggested", "removed", "q-how", "Question q-how?") in changes
    assert Change("suggested", "added", "q-new", "Question q-new?") in changes


def test_a_question_moving_out_of_the_short_list_is_one_change():
    many = [question(f"q-{n}", "about", n, priority="about") for n in range(8)]
    old = build_content(rules=[{"slug": "lupus", **LUPUS_DAMPEN, "questions": tuple(q.slug for q in many)}],
                        questions=many)
    new = with_item(old, "questions", question("q-9", "about", 9, priority="call_now"))
    new = with_rule(new, "lupus", questions=(*old.rules[0].questions, "q-9"))
    changes = diff_content(old, new).cases[Case("dampen", "lupus", "starting")]
    assert Change("suggested", "added", "q-9", "Question q-9?") in changes
    assert Change("other", "lowered", "q-7", "Question q-7?") in changes
    assert not any(c.change == "removed" for c in changes)


def test_a_factor_is_reported_for_what_it_changes_beyond_the_plain_answers():
    old = old_content()
    new = with_item(old, "questions", question("q-vaccines", "infections", 4, priority="safety"))
    new = new.replace(rules=[*new.rules, new.rules[0].__class__(
        slug="vaccines", priority=0, reason="You said vaccines.", **LUPUS_DAMPEN,
        factors=("vaccines_due",), questions=("q-vaccines",))])
    diff = diff_content(old, new)
    assert set(diff.cases) == lupus_cases(factor="vaccines_due")
    assert diff.changed_combinations() == 0
    assert diff.cases[Case("dampen", "lupus", "finished", factor="vaccines_due")] == (
        Change("suggested", "added", "q-vaccines", "Question q-vaccines?"),)


def test_a_change_to_every_result_is_not_repeated_for_each_factor():
    old = old_content()
    new = with_rule(old, "lupus", treatments=("corticosteroids", "transplant_antirejection"))
    diff = diff_content(old, new)
    assert set(diff.cases) == lupus_cases()
    assert diff.changed_single_answer_cases() == 0


def test_a_condition_this_content_did_not_offer_is_reported():
    new = old_content()
    old = without_item(new, "conditions", "vasculitis")
    diff = diff_content(old, new)
    assert diff.cases[Case("unsure", "vasculitis", "considering")] == (Change("condition", "offered"),)
    assert diff.changed_combinations() == len(Goal.values) * len(Stage.values)
    assert ItemChange("condition", "vasculitis", "added") in diff.items


def test_items_are_listed_added_removed_and_changed_field_by_field():
    old = old_content()
    new = with_item(without_item(with_rule(old, "lupus", notes=("n-2",)), "notes", "n-1"), "notes", note("n-2"))
    new = with_item(new, "questions", replace(old.questions["q-about"], text="New text?", stages=("starting",)))
    assert diff_content(old, new).items == [
        ItemChange("question", "q-about", "changed", ("text", "stages")),
        ItemChange("note", "n-1", "removed"),
        ItemChange("note", "n-2", "added"),
        ItemChange("rule", "lupus", "changed", ("notes",)),
    ]


def test_the_report_leads_with_the_summary_and_says_whom_each_change_reaches():
    old = old_content()
    new = with_item(old, "questions", replace(old.questions["q-how"], order=0))
    diff = diff_content(old, new)
    lines = as_text(diff, "old", "new").splitlines()
    assert lines[2] == diff.summary()
    assert lines[-2:] == ["    reaches 4:", "      goal dampen; condition lupus; stages all"]
    data = diff.as_dict()
    assert data["summary"]["combinations_changed"] == 4
    assert data["cases"][0] == {"goal": "dampen", "condition": "lupus", "stage": "considering", "changes": [
        {"part": "suggested", "change": "reordered", "old": ["q-about", "q-how"], "new": ["q-how", "q-about"]}]}


def test_with_a_concern_the_same_change_can_reach_differently():
    """A concern puts its theme first, so raising a question of that theme to the top
    reorders everyone's list but theirs: the diff leaves them out."""
    old = with_item(old_content(), "questions", question("q-effect", "effectiveness", 3, priority="about"))
    old = with_rule(old, "lupus", questions=("q-about", "q-how", "q-effect"))
    new = with_item(old, "questions", replace(old.questions["q-effect"], priority="safety"))
    diff = diff_content(old, new)
    assert Change("suggested", "reordered", old=("q-about", "q-effect", "q-how"),
                  new=("q-effect", "q-about", "q-how")) in diff.cases[Case("dampen", "lupus", "starting")]
    assert Case("dampen", "lupus", "starting", concern="effectiveness") not in diff.cases


def test_a_reworded_question_is_shown_with_its_old_and_new_text_where_it_is_shown():
    old = old_content()
    new = with_item(old, "questions", replace(old.questions["q-how"], text="How will it be given?"))
    diff = diff_content(old, new)
    change = Change("suggested", "reworded", "q-how", "How will it be given?", old=("Question q-how?",))
    assert diff.cases[Case("dampen", "lupus", "starting")] == (change,)
    assert change.as_dict()["old_text"] == "Question q-how?"
    report = as_text(diff, "old", "new")
    assert 'was: "Question q-how?"' in report and 'now: "How will it be given?"' in report
