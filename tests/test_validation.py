"""Content validation names the broken item and field (questionnaire/validation.py)."""
import dataclasses

import pytest

from questionnaire.validation import validate_content
from tests.builders import Sources, build_content, item, note, question


def sound_content():
    return build_content(
        rules=[{"slug": "base", "goals": ("dampen",), "categories": ("suppressive",),
                "questions": ("q-1",), "notes": ("n-1",)},
               {"slug": "call-now", "given_goals": ("strengthen", "modulate", "dampen", "unsure"),
                "questions": ("q-call",)}],
        questions=[question("q-1"), question("q-call", "side_effects", priority="call_now")],
        notes=[note("n-1", "info", "N.")],
    )


def messages(content):
    return [str(problem) for problem in validate_content(content)]


def test_sound_content_has_no_problems():
    assert messages(sound_content()) == []


@pytest.mark.parametrize("change, expected", [
    ({"goals": ("boost",)}, "rule 'base', field 'goals': unknown value(s) 'boost'"),
    ({"conditions": ("flu",)}, "rule 'base', field 'conditions': unknown value(s) 'flu'"),
    ({"condition_groups": ("cancers",)}, "rule 'base', field 'condition_groups'"),
    ({"stages": ("after",)}, "rule 'base', field 'stages'"),
    ({"factors": ("smoking",)}, "rule 'base', field 'factors'"),
    ({"concerns": ("price",)}, "rule 'base', field 'concerns'"),
    ({"questions": ("q-missing",)},
     "rule 'base', field 'questions': refers to question 'q-missing', which does not exist"),
    ({"treatments": ("laser",)},
     "rule 'base', field 'treatments': refers to treatment type 'laser', which does not exist"),
    ({"categories": ("gentle",)}, "rule 'base', field 'categories'"),
    ({"notes": ("n-missing",)}, "rule 'base', field 'notes'"),
    ({"goals": ()}, "rule 'base', field 'conditions': lists no condition"),
    ({"categories": (), "questions": (), "notes": ()}, "rule 'base', field 'adds': adds nothing"),
    ({"reason": " "}, "rule 'base', field 'reason': must not be empty"),
])
def test_a_broken_rule_is_named_with_its_field(change, expected):
    content = sound_content()
    content.rules[0] = dataclasses.replace(content.rules[0], **change)
    assert any(expected in message for message in messages(content)), messages(content)


@pytest.mark.parametrize("field, value, expected", [
    ("theme", "weather", "question 'q-1', field 'theme': unknown theme 'weather'"),
    ("goals", ["boost"], "question 'q-1', field 'goals'"),
    ("stages", ["later"], "question 'q-1', field 'stages'"),
    ("text", "", "question 'q-1', field 'text': must not be empty"),
    ("sources", [], "question 'q-1', field 'sources': needs at least one source"),
    ("priority", "urgent", "question 'q-1', field 'priority': unknown priority 'urgent'"),
])
def test_a_broken_question_is_named_with_its_field(field, value, expected):
    content = sound_content()
    setattr(content.questions["q-1"], field, Sources(value) if field == "sources" else value)
    assert any(expected in message for message in messages(content)), messages(content)


def test_a_note_needs_a_known_kind_and_a_source():
    content = sound_content()
    content.notes["n-1"].kind = "rumour"
    content.notes["n-1"].sources = Sources()
    found = messages(content)
    assert any("note 'n-1', field 'kind'" in m for m in found)
    assert any("note 'n-1', field 'sources'" in m for m in found)


def test_each_goal_needs_exactly_one_category():
    content = sound_content()
    del content.categories["modulating"]
    assert any("exactly one category for the goal 'modulate'" in m for m in messages(content))


def test_a_category_needs_its_warning_signs():
    content = sound_content()
    content.categories["stimulating"].call_now_signs = []
    assert any("therapy category 'stimulating', field 'call_now_signs'" in m for m in messages(content))


def test_every_vocabulary_condition_must_be_in_the_content():
    content = sound_content()
    del content.conditions["lupus"]
    assert "condition 'lupus', field 'slug': is missing from the content" in messages(content)


def test_a_condition_in_the_wrong_group_is_refused():
    content = sound_content()
    content.conditions["lupus"].group = "cancer"
    assert any("condition 'lupus', field 'group'" in m for m in messages(content))


def test_a_default_goal_must_be_a_usual_goal():
    content = sound_content()
    content.conditions["melanoma"].default_goal = "dampen"
    assert any("condition 'melanoma', field 'default_goal'" in m for m in messages(content))


def test_a_treatment_must_belong_to_a_known_category():
    content = sound_content()
    content.treatments["corticosteroids"].category_id = "calming"
    assert any("treatment type 'corticosteroids', field 'category'" in m for m in messages(content))


def test_a_rule_can_only_raise_to_a_known_priority():
    content = sound_content()
    content.rules[0] = dataclasses.replace(content.rules[0], question_priority="urgent")
    assert any("rule 'base', field 'question_priority': unknown priority 'urgent'" in m
               for m in messages(content))


def test_a_note_needs_a_title():
    content = sound_content()
    content.notes["n-1"].title = " "
    assert "note 'n-1', field 'title': must not be empty" in messages(content)


def test_every_combination_needs_a_call_now_question_in_its_short_list():
    content = sound_content()
    content.rules[1] = dataclasses.replace(content.rules[1], stages=("starting", "on_treatment", "finished"))
    found = messages(content)
    assert len(found) == 4 * 29  # every goal and condition, at the one stage left without it
    assert all("field 'priority': no call-now question in the suggested list" in m for m in found)
    assert any("goal=dampen condition=lupus stage=considering" in m for m in found)
