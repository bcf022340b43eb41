"""The wizard's forms refuse what they cannot use, with a code (questionnaire/forms.py)."""
import pytest

from questionnaire.forms import (
    ANOTHER_AUTOIMMUNE_HINT, FACTOR_HINTS, NONE_OF_THESE_LABEL, ConditionForm, FactorsForm)
from questionnaire.models import Condition
from questionnaire.vocabulary import Factor


@pytest.mark.parametrize("planning", [["pregnancy_planning"], ["partner_pregnancy"],
                                      ["pregnancy_planning", "partner_pregnancy"]])
def test_pregnant_now_and_planning_cannot_both_be_chosen(planning):
    form = FactorsForm({"factors": ["pregnancy", *planning]})
    assert not form.is_valid()
    error = form.errors.as_data()["factors"][0]
    assert error.code == "pregnant_and_planning"
    assert set(error.params) == {"pregnant", "planning"}


@pytest.mark.parametrize("factors", [["pregnancy"], ["pregnancy", "breastfeeding"],
                                     ["pregnancy_planning", "partner_pregnancy", "breastfeeding"], []])
def test_every_other_combination_is_accepted(factors):
    assert FactorsForm({"factors": factors}).is_valid()


@pytest.mark.django_db
def test_a_parent_is_not_offered_a_childs_treatment_where_the_content_is_written_for_adults():
    from questionnaire.content_reading import read_content
    content = read_content()
    assert content.conditions["myeloma"].adults_only and not content.conditions["lupus"].adults_only
    offered = [value for value, _ in FactorsForm(condition="myeloma", content=content).fields["factors"].choices]
    assert "child" not in offered and "smoker" in offered
    assert "child" in dict(FactorsForm(condition="lupus", content=content).fields["factors"].choices)
    sent = FactorsForm({"factors": ["child"]}, condition="myeloma", content=content)
    assert not sent.is_valid() and sent.errors.as_data()["factors"][0].code == "invalid_choice"


def test_none_of_these_goes_alone():
    form = FactorsForm({"factors": ["none", "smoker"]})
    assert not form.is_valid()
    error = form.errors.as_data()["factors"][0]
    assert (error.code, error.params) == ("none_and_factors", {"none": str(NONE_OF_THESE_LABEL)})
    assert FactorsForm({"factors": ["none"]}).is_valid()


@pytest.mark.django_db
def test_none_of_these_is_the_last_choice_wherever_the_choices_are_narrowed(content):
    for condition in ["myeloma", "lupus", None]:
        assert FactorsForm(condition=condition, content=content).fields["factors"].choices[-1][0] == "none"


@pytest.mark.django_db
def test_someone_with_an_autoimmune_disease_is_not_given_it_as_an_example_of_another(content):
    """The hint under "another autoimmune disease" named rheumatoid arthritis to a person with it (issue 31)."""
    autoimmune = [c for c in content.conditions.values() if c.group == "autoimmune"]
    names = [c.label.split(",")[0].split(" (")[0].lower() for c in autoimmune]
    for condition in autoimmune:
        hint = str(FactorsForm(condition=condition.slug, content=content).hints[Factor.AUTOIMMUNE_HISTORY])
        assert hint == str(ANOTHER_AUTOIMMUNE_HINT)
        assert not [name for name in names if name in hint.lower()]
    assert FactorsForm(condition="melanoma", content=content).hints == FACTOR_HINTS


def open_groups(form):
    return [group for group, _, _, is_open, _, _ in form.choice_groups() if is_open]


def shown_groups(form):
    return [group for group, *_ in form.choice_groups()]


@pytest.mark.django_db
@pytest.mark.parametrize("goal, first_group, opened", [
    ("strengthen", "cancer", ["cancer", "other"]),
    # many autoimmune diseases are re-balanced too; primary immunodeficiency, one option, is one tap away
    ("modulate", "allergy", ["allergy", "autoimmune", "other"]),
    ("dampen", "transplant", ["transplant", "autoimmune", "other"])])
def test_the_condition_step_opens_the_group_that_fits_the_goal_best_and_folds_the_rest(goal, first_group, opened):
    form = ConditionForm(goal=goal)
    assert shown_groups(form)[0] == first_group
    assert shown_groups(form)[-1] == "other"
    assert open_groups(form) == opened


@pytest.mark.django_db
@pytest.mark.parametrize("goal", ["strengthen", "modulate", "dampen", "unsure", None])
def test_the_open_groups_hold_at_most_about_two_phone_screens_of_options(goal):
    form = ConditionForm(goal=goal)
    opened = [radios for group, _, radios, is_open, _, _ in form.choice_groups() if is_open and group != "other"]
    assert sum(len(radios) for radios in opened) <= ConditionForm.OPEN_OPTIONS


@pytest.mark.django_db
@pytest.mark.parametrize("goal, common", [
    ("modulate", ["hay_fever", "allergic_asthma", "rheumatoid_arthritis", "multiple_sclerosis"]),
    ("dampen", ["kidney_transplant", "liver_transplant", "rheumatoid_arthritis", "lupus"]),
    ("strengthen", ["melanoma", "lung_cancer", "lymphoma"])])
def test_the_common_conditions_of_each_goal_are_in_sight(goal, common):
    """Modulate opened the allergies alone and folded rheumatoid arthritis away (issue 31)."""
    in_sight = [radio.data["value"] for _, _, radios, is_open, _, _ in ConditionForm(goal=goal).choice_groups()
                if is_open for radio in radios]
    assert set(common) <= set(in_sight)


@pytest.mark.django_db
@pytest.mark.parametrize("goal, anchor", [("modulate", "hay_fever"), ("dampen", "kidney_transplant"),
                                          ("unsure", "group-cancer-summary")])
def test_an_error_leads_to_the_first_thing_in_sight(goal, anchor):
    form = ConditionForm({}, goal=goal)
    assert not form.is_valid()
    radios = {radio.id_for_label: radio.data["value"] for radio in form["condition"]}
    target = form.error_anchors["condition"]
    assert radios.get(target, target) == anchor


@pytest.mark.django_db
def test_a_long_group_shows_its_most_common_conditions_and_folds_the_rest_under_more():
    """17 cancers since 2027.01: the first six show, the others are one tap away, and a fold holding
    the answer already given opens."""
    cancer = next(g for g in ConditionForm(goal="strengthen").choice_groups() if g[0] == "cancer")
    _, _, shown, is_open, more, more_open = cancer
    assert is_open and not more_open
    assert [r.data["value"] for r in shown][:3] == ["melanoma", "lung_cancer", "lymphoma"]
    assert len(shown) == ConditionForm.SHOWN_PER_GROUP and len(more) > 0
    chosen = more[-1].data["value"]
    again = next(g for g in ConditionForm({"condition": chosen}, goal="strengthen").choice_groups() if g[0] == "cancer")
    assert again[5]


@pytest.mark.django_db
def test_without_a_goal_that_fits_every_group_is_folded_but_not_listed():
    assert open_groups(ConditionForm(goal="unsure")) == ["other"]


@pytest.mark.django_db
def test_a_folded_group_opens_when_it_holds_the_answer_already_given():
    form = ConditionForm({"condition": "lupus"}, goal="dampen")
    assert "autoimmune" in open_groups(form)
    assert "cancer" in open_groups(ConditionForm(initial={"condition": "melanoma"}, goal="unsure"))


@pytest.mark.django_db
def test_every_condition_is_offered_whatever_is_folded():
    for goal in ["strengthen", "modulate", "dampen", "unsure"]:
        offered = [radio.data["value"] for _, _, radios, _, more, _ in ConditionForm(goal=goal).choice_groups()
                   for radio in radios + more]
        assert sorted(offered) == sorted(Condition.objects.values_list("slug", flat=True))


@pytest.mark.django_db
def test_the_concerns_step_promises_only_what_the_list_does(content):
    """It said "Questions on these come first", but safety, "about" and call-now questions
    come before them (issue 31). What it says now holds even with every concern chosen."""
    from questionnaire.engine import Answers, recommend
    from questionnaire.forms import CONCERNS_HELP, ConcernsForm
    from questionnaire.vocabulary import CONCERN_THEMES, Concern, Stage
    assert ConcernsForm.base_fields["concerns"].help_text == CONCERNS_HELP
    for condition in content.conditions.values():
        goal = (condition.usual_goals or ["unsure"])[0]
        for stage in Stage.values:
            result = recommend(Answers(goal, condition.slug, stage, concerns=tuple(Concern.values)), content)
            themes = {q.theme for q in result.questions}
            assert {CONCERN_THEMES[c] for c in Concern.values} <= themes, (condition.slug, stage)
