"""Which medicines a list speaks of, and which of their facts hold for a person (questionnaire/facts.py)."""
from dataclasses import replace

import pytest
from django.utils import translation

from questionnaire.engine import Answers, recommend
from questionnaire.facts import (
    call_now_signs, findings, medicines_in_plan, pregnancy_waits, vaccine_lead_times)
from questionnaire.vocabulary import EMERGENCY_SIGNS, Sign
from tests.helpers.builders import build_content, medicine, template, with_item

METHOTREXATE = medicine("methotrexate", "corticosteroids", pregnancy="avoid", avoid_live_vaccines=True,
                        tests_before=("hepatitis_b", "tb"), risks={"liver": ("starting", "on_treatment")})
HYDROXYCHLOROQUINE = medicine("hydroxychloroquine", "corticosteroids", tests_before=("eye_exam",))
ALLERGY_SHOTS = medicine("allergy_shots", "targeted_biologics", risks={"anaphylaxis": ("starting", "on_treatment")})
NASAL_STEROIDS = medicine("nasal_steroids", "corticosteroids")
CAR_T = medicine("car_t", "checkpoint_inhibitors", avoid_live_vaccines=True, revaccination=True,
                 risks={"cytokine_release": ("considering", "starting", "on_treatment")})


def content_with_medicines():
    content = build_content()
    for item in (METHOTREXATE, HYDROXYCHLOROQUINE, ALLERGY_SHOTS, NASAL_STEROIDS, CAR_T):
        content = with_item(content, "medicines", item)
    lupus = replace(content.conditions["lupus"], medicines={"all": ("hydroxychloroquine", "methotrexate")})
    hay_fever = replace(content.conditions["hay_fever"],
                        medicines={"modulate": ("allergy_shots",), "dampen": ("nasal_steroids",)})
    content = with_item(content, "conditions", lupus)
    content = with_item(content, "conditions", hay_fever)
    for item in (
            template("t-pregnant", "pregnant_now", "I am pregnant. Is {medicines} safe?", priority="more"),
            template("t-planning", "pregnancy_planning", "How long before trying do I stop {medicines}?"),
            template("t-tests", "tests_before", "Before {medicines}: {tests}?", theme="tests"),
            template("t-crs", "cytokine_release", "With {medicines}, who stays with me?", theme="side_effects"),
            template("t-anaphylaxis", "anaphylaxis", "Signs of anaphylaxis to {medicines}?", priority="call_now")):
        content = with_item(content, "questions", item)
    return content


def plan(content, goal="dampen", condition="lupus", medicines=()):
    answers = Answers(goal, condition, "starting", medicines=tuple(medicines))
    return [m.slug for m in medicines_in_plan(answers, content.conditions[condition], content)[0]]


class TestMedicinesInPlan:
    def test_the_conditions_usual_medicines_whatever_the_aim_where_the_aim_chooses_none(self):
        content = content_with_medicines()
        for goal in ("strengthen", "modulate", "dampen", "unsure"):
            assert plan(content, goal) == ["hydroxychloroquine", "methotrexate"]

    def test_an_aim_with_its_own_medicines_chooses_them_and_any_other_aim_keeps_them_all(self):
        content = content_with_medicines()
        assert plan(content, "modulate", "hay_fever") == ["allergy_shots"]
        assert plan(content, "dampen", "hay_fever") == ["nasal_steroids"]
        assert plan(content, "unsure", "hay_fever") == ["allergy_shots", "nasal_steroids"]
        assert plan(content, "strengthen", "hay_fever") == ["allergy_shots", "nasal_steroids"]

    def test_a_named_medicine_replaces_the_usual_ones(self):
        assert plan(content_with_medicines(), medicines=["car_t"]) == ["car_t"]


class TestFindings:
    def found(self, content, factors=(), stage="starting", medicines=(), condition="lupus"):
        answers = Answers("dampen", condition, stage, tuple(factors), (), tuple(medicines))
        condition = content.conditions[condition]
        plan, named = medicines_in_plan(answers, condition, content)
        return findings(answers, condition, plan, named)

    def test_pregnant_now_names_only_the_medicines_to_avoid_and_is_raised_by_the_answer(self):
        found = self.found(content_with_medicines(), factors=["pregnancy"])["pregnant_now"]
        assert [m.slug for m in found.medicines] == ["methotrexate"] and found.raised

    def test_tests_before_starting_hold_while_considering_and_starting_only(self):
        content = content_with_medicines()
        assert self.found(content, stage="considering")["tests_before"].fills["tests"] == [
            "hepatitis B", "tuberculosis (TB)", "an eye exam"]
        assert "tests_before" not in self.found(content, stage="on_treatment")

    def test_a_risk_holds_from_the_stages_its_facts_name(self):
        content = content_with_medicines()
        assert "cytokine_release" in self.found(content, stage="considering", medicines=["car_t"])
        assert "cytokine_release" not in self.found(content, stage="finished", medicines=["car_t"])

    def test_interactions_hold_for_someone_taking_other_medicines_and_name_what_clashes(self):
        content = with_item(content_with_medicines(), "medicines",
                            replace(METHOTREXATE, interactions=("trimethoprim",)))
        assert "interactions" not in self.found(content)
        found = self.found(content, factors=["other_medicines"])["interactions"]
        assert [m.slug for m in found.medicines] == ["methotrexate"] and found.raised
        assert found.fills["interactions"] == ["the antibiotic trimethoprim"]

    def test_the_babys_live_vaccines_hold_in_pregnancy_for_a_medicine_that_reaches_the_baby(self):
        content = with_item(content_with_medicines(), "medicines", replace(HYDROXYCHLOROQUINE, baby_live_vaccines=True))
        assert "baby_live_vaccines" not in self.found(content, factors=["pregnancy_planning"])
        found = self.found(content, factors=["pregnancy"])["baby_live_vaccines"]
        assert [m.slug for m in found.medicines] == ["hydroxychloroquine"] and found.raised

    @pytest.mark.parametrize("situation", ["serious_side_effect_now", "surgery_or_dental_soon", "infection_now",
                                           "cancer_history", "heart_failure_or_demyelination", "smoker"])
    def test_a_situation_names_only_the_medicines_whose_facts_list_it_among_their_cautions(self, situation):
        content = with_item(content_with_medicines(), "medicines", replace(METHOTREXATE, cautions=(situation,)))
        assert situation not in self.found(content)
        found = self.found(content, factors=[situation])[situation]
        assert [m.slug for m in found.medicines] == ["methotrexate"] and found.raised

    def test_a_usual_medicines_risk_is_not_raised_but_a_named_ones_is(self):
        content = content_with_medicines()
        assert not self.found(content)["tests_before"].raised
        assert self.found(content, medicines=["methotrexate"])["tests_before"].raised


class TestTemplatesInTheList:
    def result(self, factors=(), goal="dampen", condition="lupus", stage="starting", medicines=()):
        return recommend(Answers(goal, condition, stage, tuple(factors), (), tuple(medicines)), content_with_medicines())

    def test_the_template_names_the_medicines_and_a_raised_safety_question_is_suggested(self):
        result = self.result(factors=["pregnancy"])
        question = next(q for q in result.questions if q.slug == "t-pregnant")
        assert question.text == "I am pregnant. Is methotrexate safe?"
        assert result.priorities["t-pregnant"] == "safety" and "t-pregnant" in result.suggested

    @pytest.mark.parametrize("goal", ["strengthen", "modulate", "dampen", "unsure"])
    def test_the_aim_never_changes_the_safety_questions(self, goal):
        result = self.result(factors=["pregnancy_planning"], goal=goal)
        texts = {q.slug: q.text for q in result.questions if q.fact}
        assert texts["t-planning"] == "How long before trying do I stop methotrexate?"

    def test_a_template_whose_fact_does_not_hold_is_not_shown(self):
        assert "t-anaphylaxis" not in {q.slug for q in self.result().questions}
        shots = self.result(goal="modulate", condition="hay_fever")
        assert shots.priorities["t-anaphylaxis"] == "call_now"

    def test_the_treatment_types_of_the_medicines_are_shown(self):
        result = self.result(medicines=["car_t"])
        assert "checkpoint_inhibitors" in {t.slug for t in result.treatments}
        assert result.as_dict()["medicines"] == [
            {"slug": "car_t", "name": "car t", "treatment": "checkpoint_inhibitors", "named": True}]


def test_a_live_agent_is_ruled_out_by_the_person_s_situation_not_by_the_other_choices_for_the_condition():
    """Every melanoma list once opened with "T-VEC is usually ruled out", because TIL therapy, another
    choice for melanoma, avoids live vaccines."""
    t_vec = medicine("t_vec", "checkpoint_inhibitors", risks={"live_agent": ("considering", "starting")})
    til = medicine("til", "checkpoint_inhibitors", avoid_live_vaccines=True)
    content = build_content()
    for item in (t_vec, til):
        content = with_item(content, "medicines", item)
    content = with_item(content, "conditions", replace(content.conditions["melanoma"],
                                                       medicines={"all": ("t_vec", "til")}))
    melanoma = content.conditions["melanoma"]

    def ruled_out(factors=(), medicines=()):
        answers = Answers("strengthen", "melanoma", "considering", factors, medicines=medicines)
        plan, named = medicines_in_plan(answers, melanoma, content)
        return "live_agent_ruled_out" in findings(answers, melanoma, plan, named)

    assert not ruled_out()
    assert ruled_out(factors=("pregnancy",)) and ruled_out(factors=("transplant_history",))
    assert ruled_out(medicines=("t_vec", "til"))


class TestSentences:
    """The sentences a template's {waits} and {lead_times} hold, from the medicines' facts."""

    MYCOPHENOLATE = medicine("mycophenolate", pregnancy="avoid", pregnancy_wait_kind="fixed", pregnancy_wait="P6W",
                             avoid_live_vaccines=True, live_vaccine_lead="P4W", vaccine_lead="P2W")
    CYCLOPHOSPHAMIDE = medicine("cyclophosphamide", pregnancy="avoid", pregnancy_wait_kind="fixed",
                                pregnancy_wait="P1Y")
    JAK = medicine("jak_inhibitors", pregnancy="avoid", pregnancy_wait_kind="ask")
    LEFLUNOMIDE = medicine("leflunomide", pregnancy="avoid", pregnancy_wait_kind="washout")
    CAR_T = medicine("car_t", avoid_live_vaccines=True, live_vaccine_lead="P6W")

    def test_each_wait_kind_names_its_medicines_and_a_fixed_wait_gives_the_time(self):
        text = pregnancy_waits([self.MYCOPHENOLATE, self.JAK, self.CYCLOPHOSPHAMIDE, self.LEFLUNOMIDE])
        assert "mycophenolate 6 weeks and cyclophosphamide 1 year" in text
        assert "jak inhibitors" in text and "leflunomide" in text
        assert text.count("?") == 3

    def test_a_kind_with_no_medicine_says_nothing(self):
        assert pregnancy_waits([self.MYCOPHENOLATE]).count("?") == 1
        assert pregnancy_waits([]) == ""

    def test_the_waits_are_read_out_in_spanish(self):
        with translation.override("es"):
            assert "mycophenolate 6 semanas" in pregnancy_waits([self.MYCOPHENOLATE])

    def test_the_lead_times_are_the_longest_so_they_hold_for_each_medicine(self):
        text = vaccine_lead_times([self.MYCOPHENOLATE, self.CAR_T])
        assert "6 weeks" in text and "4 weeks" not in text and "2 weeks" in text
        assert "2 weeks" not in vaccine_lead_times([self.CAR_T])
        assert vaccine_lead_times([self.JAK]) == ""

    def test_a_medicine_that_rules_out_live_vaccines_with_no_lead_time_rules_them_out_before_it_too(self):
        cd20 = medicine("cd20_antibodies", avoid_live_vaccines=True, vaccine_lead="P2W")
        text = vaccine_lead_times([self.MYCOPHENOLATE, cd20])
        assert "cd20 antibodies" in text and "4 weeks" not in text and "2 weeks" in text
        alone = vaccine_lead_times([cd20])
        assert "cd20 antibodies" not in alone and "2 weeks" in alone and alone != text

    def test_the_sentences_fill_their_templates(self):
        content = content_with_medicines()
        mtx = replace(METHOTREXATE, pregnancy_wait_kind="fixed", pregnancy_wait="P3M", live_vaccine_lead="P4W")
        content = with_item(content, "medicines", mtx)
        content = with_item(content, "questions", template(
            "t-planning", "pregnancy_planning", "I may get pregnant. {waits} Which birth control?"))
        content = with_item(content, "questions", template(
            "t-vaccines", "live_vaccines", "Which vaccines before {medicines}? {lead_times}", theme="vaccines"))
        answers = Answers("dampen", "lupus", "starting", ("pregnancy_planning", "vaccines_due"))
        texts = {q.slug: q.text for q in recommend(answers, content).questions}
        assert "stop methotrexate 3 months before trying" in texts["t-planning"]
        assert "at least 4 weeks before the first dose" in texts["t-vaccines"]


class TestCallNowSigns:
    def test_signs_are_split_by_whom_to_call_each_once_in_the_vocabularys_order(self):
        signs = call_now_signs([medicine("a", call_now=("fever", "trouble_breathing")),
                                medicine("b", call_now=("chest_pain", "fever", "rash"))])
        assert signs.emergency == (Sign.TROUBLE_BREATHING.label, Sign.CHEST_PAIN.label)
        assert signs.care_team == (Sign.FEVER.label, Sign.RASH.label)

    def test_no_medicine_with_signs_gives_none(self):
        assert not call_now_signs([medicine("local", call_now=())])

    def test_every_emergency_sign_is_a_sign(self):
        assert EMERGENCY_SIGNS < set(Sign)
