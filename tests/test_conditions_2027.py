"""The conditions of content release 2027.01 (docs/product.md#conditions, third release) in the
shipped content: each leads to its usual medicines and, where it has an emergency of its own, to
its own call-now question (docs/content-guide.md#medicine-knowledge-base)."""
import itertools

import pytest

from questionnaire.engine import Answers, recommend
from questionnaire.vocabulary import Goal, QuestionPriority, Stage

pytestmark = pytest.mark.django_db

#: condition: (group, usual goal, its usual medicine families, its own call-now question or None)
THIRD_RELEASE_CONDITIONS = {
    "hodgkin_lymphoma": ("cancer", "strengthen", {"pd1_pdl1_inhibitors", "antibody_drug_conjugates"}, None),
    "skin_squamous_cell_cancer": ("cancer", "strengthen", {"pd1_pdl1_inhibitors"}, None),
    "merkel_cell_cancer": ("cancer", "strengthen", {"pd1_pdl1_inhibitors"}, None),
    "prostate_cancer": ("cancer", "strengthen", {"treatment_vaccines"}, None),
    "small_cell_lung_cancer": ("cancer", "strengthen", {"pd1_pdl1_inhibitors", "t_cell_engagers"}, None),
    "giant_cell_arteritis": ("autoimmune", "dampen", {"systemic_steroids", "il6_blockers"}, "gca-call-now"),
    "polymyalgia_rheumatica": ("autoimmune", "dampen", {"systemic_steroids", "il6_blockers"}, "pmr-call-now"),
    "nmosd": ("autoimmune", "dampen", {"complement_inhibitors", "b_cell_therapies", "il6_blockers", "azathioprine",
                                       "mycophenolate"}, "nmosd-call-now"),
    "cidp": ("autoimmune", "modulate", {"immunoglobulin", "fcrn_blockers", "systemic_steroids"}, "cidp-call-now"),
    "eosinophilic_asthma": ("allergy", "modulate", {"il5_tslp_blockers", "il4_il13_blockers"}, None),
    "nasal_polyps": ("allergy", "modulate", {"il4_il13_blockers", "ige_blockers", "il5_tslp_blockers"}, None),
    "hereditary_angioedema": ("allergy", "modulate", {"c1_inhibitors", "kallikrein_blockers"}, "hae-call-now"),
    "primary_immunodeficiency": ("immune_deficiency", "modulate", {"immunoglobulin"}, "pid-call-now"),
}


def result_for(content, goal, condition, stage="starting", factors=(), medicines=()):
    return recommend(Answers(goal, condition, stage, tuple(factors), (), tuple(medicines)), content)


def medicine_slugs(result):
    return {getattr(m, "slug", m) for m in result.medicines}


def suggested_call_now(result):
    return [slug for slug in result.suggested if result.priorities[slug] == QuestionPriority.CALL_NOW]


@pytest.mark.parametrize("condition", THIRD_RELEASE_CONDITIONS)
def test_each_new_condition_is_in_its_group_with_its_usual_goal(content, condition):
    group, goal, _, _ = THIRD_RELEASE_CONDITIONS[condition]
    shipped = content.conditions[condition]
    assert (shipped.group, shipped.default_goal) == (group, goal)
    assert goal in shipped.usual_goals


@pytest.mark.parametrize("condition", THIRD_RELEASE_CONDITIONS)
def test_the_usual_goal_names_the_conditions_usual_medicines(content, condition):
    _, goal, medicines, _ = THIRD_RELEASE_CONDITIONS[condition]
    result = result_for(content, goal, condition)
    assert medicines <= medicine_slugs(result)
    assert not result.medicines_named


@pytest.mark.parametrize("condition", THIRD_RELEASE_CONDITIONS)
def test_the_conditions_own_emergency_is_its_suggested_call_now_question_whatever_the_aim_and_stage(
        content, condition):
    own = THIRD_RELEASE_CONDITIONS[condition][3]
    for goal, stage in itertools.product(Goal.values, Stage.values):
        result = result_for(content, goal, condition, stage)
        assert result.categories and result.treatments, (goal, stage)
        call_now = suggested_call_now(result)
        assert len(call_now) == 1, (goal, stage, call_now)
        if own:
            assert call_now == [own], (goal, stage)


@pytest.mark.parametrize("condition", THIRD_RELEASE_CONDITIONS)
def test_unsure_uses_the_usual_goal_and_no_other_groups_notes(content, condition):
    group, goal, _, _ = THIRD_RELEASE_CONDITIONS[condition]
    result = result_for(content, "unsure", condition)
    assert result.goal == goal
    other_groups = {"cancer", "autoimmune", "transplant", "allergy"} - {group}
    assert not [n.slug for n in result.notes if any(f"-{g}" in n.slug for g in other_groups)]


def test_tarlatamab_belongs_to_small_cell_lung_cancer_not_to_every_lung_cancer(content):
    assert "bispecific_antibodies" in {t.slug for t in result_for(content, "strengthen", "small_cell_lung_cancer").treatments}
    lung = result_for(content, "strengthen", "lung_cancer")
    assert "bispecific_antibodies" not in {t.slug for t in lung.treatments}
    assert "t_cell_engagers" not in medicine_slugs(lung)


def test_small_cell_lung_cancer_asks_about_cytokine_release_with_tarlatamab(content):
    result = result_for(content, "strengthen", "small_cell_lung_cancer")
    assert "cart-crs-signs" in result.suggested


@pytest.mark.parametrize("goal", ["strengthen", "modulate", "dampen", "unsure"])
def test_hereditary_angioedema_is_not_framed_as_an_allergy(content, goal):
    result = result_for(content, goal, "hereditary_angioedema")
    notes = {n.slug for n in result.notes}
    assert "mismatch-hae" in notes
    assert not notes & {"inferred-allergy", "mismatch-allergy-strengthen", "mismatch-allergy-dampen",
                        "call-now-allergy"}


@pytest.mark.parametrize("goal", ["strengthen", "modulate", "dampen", "unsure"])
def test_primary_immunodeficiency_explains_antibody_replacement_whatever_aim_was_given(content, goal):
    result = result_for(content, goal, "primary_immunodeficiency")
    assert result.goal == "modulate"
    assert [c.slug for c in result.categories] == ["modulating"]
    assert "mismatch-immune-deficiency" in {n.slug for n in result.notes}


def test_primary_immunodeficiency_asks_about_vaccines_for_the_person_and_the_household(content):
    assert "pid-vaccines-household" in result_for(content, "modulate", "primary_immunodeficiency").suggested


@pytest.mark.parametrize("condition", ["giant_cell_arteritis", "polymyalgia_rheumatica"])
def test_a_long_steroid_course_asks_about_bones_and_sick_day_rules(content, condition):
    result = result_for(content, "dampen", condition)
    assert {"gca-pmr-steroid-plan", "steroid-emergency-card"} <= result.suggested


def test_nasal_polyps_with_dampen_gets_no_systemic_immunosuppression_note(content):
    result = result_for(content, "dampen", "nasal_polyps")
    notes = {n.slug for n in result.notes}
    assert "mismatch-nasal-polyps-dampen" in notes
    assert "call-now-dampen" not in notes


def test_hodgkin_lymphoma_says_what_brentuximab_does(content):
    result = result_for(content, "strengthen", "hodgkin_lymphoma", "considering")
    assert "hodgkin-brentuximab-nerves" in result.suggested
    assert "antibody_drug_conjugates" in medicine_slugs(result)
