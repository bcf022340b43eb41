"""The clinical rules that hold for every answer refuse content that breaks them, naming the rule
and the item (questionnaire/clinical_rules.py, docs/content-guide.md#clinical-rules).

Each test breaks one rule in the shipped content, narrowed to the conditions it needs so the
check over every answer stays quick.
"""
import glob
from dataclasses import replace
from pathlib import Path

import pytest

from questionnaire.clinical_rules import medicine_rule_problems, rule_field
from questionnaire.content_reading import content_from_fixtures
from questionnaire.validation import validate_content
from tests.helpers import FIXTURES
from tests.helpers.builders import with_item, with_rule


@pytest.fixture(scope="module")
def shipped():
    return content_from_fixtures({Path(path).name: Path(path).read_text(encoding="utf-8") for path in FIXTURES})


def narrowed(content, *conditions):
    return content.replace(conditions={slug: content.conditions[slug] for slug in conditions})


def broken(content):
    return {(p.kind, p.slug, p.field) for p in medicine_rule_problems(content)}


def without_rule_question(content, rule, question):
    old = next(r for r in content.rules if r.slug == rule)
    return with_rule(content, rule, questions=tuple(q for q in old.questions if q != question))


@pytest.mark.parametrize("conditions", [("bladder_cancer", "lupus"), ("kidney_transplant", "myasthenia_gravis"),
                                        ("stem_cell_transplant", "hay_fever")])
def test_the_shipped_content_keeps_every_rule(shipped, conditions):
    assert broken(narrowed(shipped, *conditions)) == set()


def test_7_a_live_agent_beside_a_transplant_needs_its_ruled_out_question(shipped):
    content = narrowed(shipped, "bladder_cancer")
    content = content.replace(questions={k: q for k, q in content.questions.items() if q.fact != "live_agent_ruled_out"})
    assert ("medicine", "bcg_bladder", rule_field(7)) in broken(content)


def test_10_each_concern_needs_a_question_at_every_stage(shipped):
    content = without_rule_question(narrowed(shipped, "lupus"), "concern-administration", "c-visits-from-now")
    assert ("concern", "administration", rule_field(10)) in broken(content)


def test_10_fertility_asks_about_saving_eggs_or_sperm_before_cyclophosphamide(shipped):
    content = narrowed(shipped, "lupus")
    content = content.replace(rules=[r for r in content.rules if r.slug != "concern-fertility-banking"])
    assert ("concern", "fertility", rule_field(10)) in broken(content)


def test_12_an_organ_transplant_is_never_ended(shipped):
    content = narrowed(shipped, "kidney_transplant")
    ended = replace(content.questions["tx-care-goes-on"], text="Now that treatment has ended, what care goes on?")
    assert ("question", "tx-care-goes-on", rule_field(12)) in broken(with_item(content, "questions", ended))


def test_12_nothing_before_starting_after_finishing(shipped):
    content = narrowed(shipped, "not_listed")
    note = replace(content.notes["pregnancy-general"], text="Ask your care team about this before you start.")
    assert ("note", "pregnancy-general", rule_field(12)) in broken(with_item(content, "notes", note))


def test_13_a_safety_note_on_screen_needs_its_printed_question(shipped):
    content = without_rule_question(narrowed(shipped, "myasthenia_gravis"), "myasthenia-gravis-call-now", "mg-call-now")
    assert ("note", "call-now-myasthenia", rule_field(13)) in broken(content)


def test_a_safety_note_names_the_questions_that_print_it(shipped):
    unprinted = replace(shipped.notes["pregnant-now"], printed_by=())
    misprinted = replace(shipped.notes["pregnant-now"], printed_by=("no-such-question",))
    for note in (unprinted, misprinted):
        problems = validate_content(narrowed(with_item(shipped, "notes", note), "lupus"))
        assert ("note", "pregnant-now", "printed_by") in {(p.kind, p.slug, p.field) for p in problems}


@pytest.mark.parametrize("factor", ["smoker", "surgery_or_dental_soon", "child"])
def test_14_a_situation_needs_its_own_suggested_question(shipped, factor):
    content = narrowed(shipped, "lupus")
    situation_rules = {"smoker": "situation-smoker", "surgery_or_dental_soon": "situation-surgery-or-dental-soon",
                       "child": "child"}
    content = content.replace(rules=[r for r in content.rules if r.slug != situation_rules[factor]])
    content = content.replace(questions={k: q for k, q in content.questions.items() if q.fact != factor})
    assert ("factor", factor, rule_field(14)) in broken(content)


def test_14_a_medicine_that_clashes_with_others_is_named_to_someone_taking_others(shipped):
    content = narrowed(shipped, "kidney_transplant")
    content = content.replace(questions={k: q for k, q in content.questions.items() if q.fact != "interactions"})
    assert ("medicine", "calcineurin_inhibitors,mtor_inhibitors,azathioprine", rule_field(14)) in broken(content)


def test_1_the_babys_live_vaccines_are_asked_when_pregnant_on_a_biologic_that_reaches_the_baby(shipped):
    content = narrowed(shipped, "crohns_disease")
    content = content.replace(
        questions={k: q for k, q in content.questions.items() if q.fact != "baby_live_vaccines"})
    assert any(kind == "medicine" and "tnf_blockers" in slug and field == rule_field(1)
               for kind, slug, field in broken(content))
