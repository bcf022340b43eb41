"""Content validation names the broken item and field (questionnaire/validation.py)."""
from dataclasses import replace

import pytest

from questionnaire.clinical_rules import BIOLOGICS_EXPECTED, SITUATION_FACTORS
from questionnaire.vocabulary import CONCERN_THEMES, Goal
from questionnaire.validation import validate_content
from questionnaire.content_items import Source
from tests.helpers.builders import (
    build_content, note, question, treatment, with_item, with_rule, without_item)


def sound_content():
    return build_content(
        rules=[{"slug": "base", "goals": ("dampen",), "categories": ("suppressive",),
                "questions": ("q-1",), "notes": ("n-1",)},
               {"slug": "call-now", "given_goals": ("strengthen", "modulate", "dampen", "unsure"),
                "questions": ("q-call",), "treatments": ("transplant_antirejection",)},
               {"slug": "biologics", "conditions": BIOLOGICS_EXPECTED, "treatments": ("targeted_biologics",),
                "questions": ("biologic-tb-hepb-tests",)},
               *({"slug": f"concern-{concern}", "given_goals": tuple(Goal.values), "concerns": (concern,),
                  "questions": (f"c-{concern}",), "question_priority": "concern"} for concern in CONCERN_THEMES),
               *({"slug": f"situation-{factor}", "given_goals": tuple(Goal.values), "factors": (factor,),
                  "questions": (f"s-{factor}",), "question_priority": "safety"} for factor in SITUATION_FACTORS)],
        questions=[question("q-1"), question("q-call", "side_effects", priority="call_now"),
                   question("biologic-tb-hepb-tests", "tests", stages=("considering", "starting")),
                   *(question(f"c-{concern}", theme) for concern, theme in CONCERN_THEMES.items() if concern != "fertility"),
                   replace(question("c-fertility", "pregnancy"), text="Can I save eggs or sperm first?"),
                   *(replace(question(f"s-{factor}"), subject=factor) for factor in SITUATION_FACTORS)],
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
    content = with_rule(sound_content(), "base", **change)
    assert any(expected in message for message in messages(content)), messages(content)


@pytest.mark.parametrize("field, value, expected", [
    ("theme", "weather", "question 'q-1', field 'theme': unknown theme 'weather'"),
    ("goals", ("boost",), "question 'q-1', field 'goals'"),
    ("stages", ("later",), "question 'q-1', field 'stages'"),
    ("text", "", "question 'q-1', field 'text': must not be empty"),
    ("sources", (), "question 'q-1', field 'sources': needs at least one source"),
    ("priority", "urgent", "question 'q-1', field 'priority': unknown priority 'urgent'"),
])
def test_a_broken_question_is_named_with_its_field(field, value, expected):
    content = sound_content()
    content = with_item(content, "questions", replace(content.questions["q-1"], **{field: value}))
    assert any(expected in message for message in messages(content)), messages(content)


def test_a_note_needs_a_known_kind_and_a_source():
    content = sound_content()
    content = with_item(content, "notes", replace(content.notes["n-1"], kind="rumour", sources=()))
    found = messages(content)
    assert any("note 'n-1', field 'kind'" in m for m in found)
    assert any("note 'n-1', field 'sources'" in m for m in found)


def test_each_goal_needs_exactly_one_category():
    content = without_item(sound_content(), "categories", "modulating")
    assert any("exactly one category for the goal 'modulate'" in m for m in messages(content))


def test_a_category_needs_its_warning_signs():
    content = sound_content()
    content = with_item(content, "categories", replace(content.categories["stimulating"], call_now_signs=()))
    assert any("therapy category 'stimulating', field 'call_now_signs'" in m for m in messages(content))


def test_a_rule_may_name_only_the_contents_own_conditions():
    content = with_rule(sound_content(), "call-now", conditions=("gout",))
    assert any(m.startswith("rule 'call-now', field 'conditions': unknown value(s) 'gout'") for m in messages(content))


def test_a_condition_in_an_unknown_group_is_refused():
    content = sound_content()
    content = with_item(content, "conditions", replace(content.conditions["lupus"], group="rare"))
    assert any("condition 'lupus', field 'group': unknown group 'rare'" in m for m in messages(content))


def test_a_default_goal_must_be_a_usual_goal():
    content = sound_content()
    content = with_item(content, "conditions", replace(content.conditions["melanoma"], default_goal="dampen"))
    assert any("condition 'melanoma', field 'default_goal'" in m for m in messages(content))


def test_a_treatment_must_belong_to_a_known_category():
    content = sound_content()
    content = with_item(content, "treatments", replace(content.treatments["corticosteroids"], category="calming"))
    assert any("treatment type 'corticosteroids', field 'category'" in m for m in messages(content))


def test_a_rule_can_only_raise_to_a_known_priority():
    content = with_rule(sound_content(), "base", question_priority="urgent")
    assert any("rule 'base', field 'question_priority': unknown priority 'urgent'" in m
               for m in messages(content))


def test_a_note_needs_a_title():
    content = sound_content()
    content = with_item(content, "notes", replace(content.notes["n-1"], title=" "))
    assert "note 'n-1', field 'title': must not be empty" in messages(content)


def test_every_combination_needs_a_call_now_question_in_its_short_list():
    content = with_rule(sound_content(), "call-now", stages=("starting", "on_treatment", "finished"))
    found = [m for m in messages(content) if "no call-now question" in m]
    assert len(found) == 4 * len(content.conditions)  # every goal and condition, at the one stage left without it
    assert all("question '-', field 'priority': no call-now question in the suggested list" in m for m in found)
    assert any("goal=dampen condition=lupus stage=considering" in m for m in found)


def with_question(text, rule, sources=()):
    """Sound content plus one question, added by one rule: a reviewer's change to check."""
    content = sound_content()
    planted = replace(question("q-planted", "about", sources=sources or ("a-source",)), text=text)
    base = next(r for r in content.rules if r.slug == "base")
    return with_item(content, "questions", planted).replace(rules=[
        *content.rules, replace(base, slug="planted", questions=("q-planted",), categories=(), notes=(), **rule)])


@pytest.mark.parametrize("text, rule, expected", [
    ("What birth control do I need during treatment?", {"goals": (), "given_goals": ("dampen",),
                                                        "factors": ("pregnancy",)},
     "speaks of birth control or trying for a baby to someone who is pregnant now"),
    ("What are the signs of rejection?", {"conditions": ("stem_cell_transplant",)},
     "speaks of rejection after a stem cell transplant"),
    ("Do I need a TB test before allergy shots?", {"goals": ("modulate",), "condition_groups": ("allergy",)},
     "speaks of TB or hepatitis B"),
    ("Is methotrexate safe for me?", {"goals": ("dampen",)},
     "names methotrexate, but no treatment type shown with it includes methotrexate"),
])
def test_a_lesson_of_the_clinical_review_cannot_come_back(text, rule, expected):
    found = [str(p) for p in validate_content(with_question(text, rule))]
    assert any(f"question 'q-planted', field 'text': {expected}" in m for m in found), found


@pytest.mark.parametrize("field, value", [("tests_before", ("tb", "x-ray")), ("interactions", ("coffee",)),
                                          ("cautions", ("pregnancy",)), ("given", ("by_mouth",))])
def test_a_medicine_fact_holds_the_vocabularys_slugs_only(field, value):
    """An unknown slug would never reach a question: the check names the field and the value."""
    from tests.helpers.builders import medicine
    content = with_item(sound_content(), "medicines", medicine("planted", **{field: value}))
    found = [p for p in validate_content(content) if p.slug == "planted"]
    assert [(p.field, p.code, p.params["values"]) for p in found] == [(field, "unknown_slug", [value[-1]])]


def test_a_medicine_risk_and_its_stages_come_from_the_vocabulary():
    from tests.helpers.builders import medicine
    content = with_item(sound_content(), "medicines", medicine("planted", risks={"liver": ("later",), "gloom": ()}))
    found = [p for p in validate_content(content) if p.slug == "planted"]
    assert sorted(v for p in found for v in p.params["values"]) == ["gloom", "later"]


def test_a_medicine_may_be_named_where_a_treatment_type_shown_includes_it():
    content = with_question("How long will I take tacrolimus?", {"goals": ("dampen",), "conditions": ("kidney_transplant",)})
    content = with_rule(content, "base", treatments=("transplant_antirejection",))
    assert messages(content) == []


def test_a_transplant_page_is_not_cited_where_no_transplant_was_mentioned():
    content = with_question("Which vaccines do I need?", {"goals": ("dampen",), "conditions": ("lupus",)},
                            sources=["nkf"])
    content = with_item(content, "sources", Source(
        "nkf", organisation="National Kidney Foundation", title="Immunosuppressants (Anti-rejection Medicines)",
        url="https://www.kidney.org/"))
    assert any("question 'q-planted', field 'sources': cites a transplant page" in m and "lupus" in m
               for m in messages(content))


def with_condition_page(content, slug, conditions):
    return with_item(content, "sources", Source(
        slug, organisation="Crohn's & Colitis Foundation", title="Medication Options for IBD",
        url="https://www.crohnscolitisfoundation.org/", conditions=conditions))


def test_an_item_citing_only_pages_about_other_conditions_is_refused_for_whom_it_reaches():
    content = with_question("Will I give myself shots at home?", {"goals": ("dampen",),
                            "conditions": ("lupus", "crohns_disease")}, sources=["ibd"])
    content = with_condition_page(content, "ibd", ("crohns_disease", "ulcerative_colitis"))
    found = [p for p in validate_content(content) if p.code == "no_source_for_condition"]
    assert [(p.kind, p.slug, p.field, p.params) for p in found] == [
        ("question", "q-planted", "sources", {"conditions": ["lupus"]})]


def test_a_page_about_the_persons_own_condition_or_every_condition_is_enough():
    content = with_question("Will I give myself shots at home?", {"goals": ("dampen",),
                            "conditions": ("lupus", "crohns_disease")}, sources=["ibd", "a-source"])
    content = with_condition_page(content, "ibd", ("crohns_disease",))
    assert [p for p in validate_content(content) if p.code == "no_source_for_condition"] == []


def test_a_rule_that_adds_a_question_its_goals_always_drop_is_refused():
    content = sound_content()
    content = with_item(content, "questions", replace(content.questions["q-1"], goals=("modulate",)))
    assert ("rule 'base', field 'questions': adds question 'q-1', whose goals (modulate) never include "
            "the rule's (dampen), so it is never shown") in messages(content)


def test_text_longer_than_its_column_is_refused_before_postgresql_would():
    content = sound_content()
    content = with_item(content, "treatments", replace(content.treatments["corticosteroids"], examples="x" * 501))
    assert "treatment type 'corticosteroids', field 'examples': is 501 characters; it may be at most 500" in messages(content)


@pytest.mark.parametrize("change, expected", [
    ({"rule": "call-now", "treatments": ()}, "no treatment type: a result must show at least one treatment type"),
    ({"rule": "call-now", "treatments": ("corticosteroids",)}, "steroid plan: steroid pills are avoided for psoriasis"),
    ({"rule": "biologics", "treatments": ()}, "no biologics: biologics belong in every rheumatoid_arthritis result"),
    ({"rule": "biologics", "questions": ()}, "no tests before biologics: rheumatoid_arthritis shows biologics"),
    ({"rule": "call-now", "treatments": ("transplant_antirejection", "cytokine_therapy")},
     "cytokines for melanoma"),
])
def test_a_lesson_about_treatment_types_cannot_come_back(change, expected):
    content = with_item(sound_content(), "treatments", treatment("cytokine_therapy", "stimulating", 5, "C"))
    content = with_rule(content, change.pop("rule"), **change)
    assert any(expected in m for m in messages(content)), messages(content)[:5]


def test_drops_under_the_tongue_are_named_with_their_us_status():
    content = sound_content()
    content = with_item(content, "treatments", replace(content.treatments["corticosteroids"], description="Some come as drops under the tongue."))
    assert any("treatment type 'corticosteroids', field 'description': speaks of drops under the tongue" in m
               for m in messages(content))


# --- Translations -------------------------------------------------------------------


def translated(content, status, texts):
    """The content with Spanish ``texts`` ({pool: {slug: {field: text}}}) and Spanish marked ``status``."""
    release = replace(content.release, languages={"es": {"status": status, "last_reviewed": "2026-12-01"}})
    return content.replace(release=release, translations={"es": texts})


def problems(content):
    return [(p.code, p.kind, p.slug, p.field) for p in validate_content(content)]


def test_a_language_marked_complete_refuses_any_missing_text():
    content = translated(sound_content(), "complete", {"questions": {"q-1": {"text": "¿Pregunta uno?"}}})
    found = problems(content)
    assert ("missing_translation", "question", "q-call", "text_es") in found
    assert ("missing_translation", "therapy category", "suppressive", "summary_es") in found
    assert ("missing_translation", "question", "q-1", "text_es") not in found


def test_a_language_marked_partial_may_miss_texts():
    content = translated(sound_content(), "partial", {"questions": {"q-1": {"text": "¿Pregunta uno?"}}})
    assert [p for p in problems(content) if p[0] == "missing_translation"] == []


def test_warning_signs_are_translated_one_for_one():
    content = translated(sound_content(), "partial", {"categories": {"suppressive": {"call_now_signs": ("a", "b")}}})
    assert ("translation_length", "therapy category", "suppressive", "call_now_signs_es") in problems(content)


def test_a_translation_longer_than_its_column_is_refused():
    content = translated(sound_content(), "partial", {"treatments": {"corticosteroids": {"examples": "x" * 501}}})
    assert ("too_long", "treatment type", "corticosteroids", "examples_es") in problems(content)


@pytest.mark.parametrize("languages, code", [
    ({"fr": {"status": "complete"}}, "unknown_language"),
    ({"es": {"status": "done"}}, "invalid_status"),
    ({"es": "complete"}, "invalid_status"),
    (["es"], "invalid_languages"),
])
def test_the_release_s_record_of_its_languages_is_checked(languages, code):
    content = sound_content()
    content = content.replace(release=replace(content.release, languages=languages))
    assert code in [p[0] for p in problems(content)]


@pytest.mark.parametrize("facts, field, code", [
    ({"pregnancy": "avoid"}, "pregnancy_wait_kind", "missing_wait"),
    ({"pregnancy": "avoid", "pregnancy_wait_kind": "fixed"}, "pregnancy_wait", "missing_wait"),
    ({"pregnancy": "avoid", "pregnancy_wait_kind": "ask", "pregnancy_wait": "P3M"}, "pregnancy_wait", "missing_wait"),
    ({"pregnancy": "avoid", "pregnancy_wait_kind": "soon"}, "pregnancy_wait_kind", "missing_wait"),
    ({"pregnancy": "discuss", "pregnancy_wait_kind": "ask"}, "pregnancy_wait_kind", "needless_wait"),
    ({"pregnancy": "avoid", "pregnancy_wait_kind": "fixed", "pregnancy_wait": "3 months"}, "pregnancy_wait",
     "bad_duration"),
    ({"live_vaccine_lead": "P4W"}, "live_vaccine_lead", "needless_lead"),
    ({"avoid_live_vaccines": True, "live_vaccine_lead": "P4W", "vaccine_lead": "2 weeks"}, "vaccine_lead",
     "bad_duration"),
    ({"call_now": ("fever", "feeling_off")}, "call_now", "unknown_slug"),
])
def test_a_medicine_says_how_long_to_wait_and_its_signs_in_the_vocabulary(facts, field, code):
    """The questions give these times and signs: a medicine missing one, or with one the engine
    cannot read out, is refused with the field named."""
    from tests.helpers.builders import medicine
    content = with_item(sound_content(), "medicines", medicine("planted", **facts))
    found = [p for p in validate_content(content) if p.slug == "planted"]
    assert [(p.field, p.code, p.params["field"]) for p in found] == [(field, code, field)]


def test_a_medicine_with_every_wait_and_sign_in_order_passes():
    from tests.helpers.builders import medicine
    planted = medicine("planted", pregnancy="avoid", pregnancy_wait_kind="fixed", pregnancy_wait="P6W",
                       avoid_live_vaccines=True, live_vaccine_lead="P4W", vaccine_lead="P2W",
                       call_now=("trouble_breathing", "fever"))
    content = with_item(sound_content(), "medicines", planted)
    assert [p for p in validate_content(content) if p.slug == "planted"] == []
