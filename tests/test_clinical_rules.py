"""The clinical rules that hold for every answer refuse content that breaks them, naming the rule
and the item (questionnaire/clinical_rules.py, docs/content-guide.md#clinical-rules).

Each test breaks one rule in the shipped content, narrowed to the conditions it needs so the
check over every answer stays quick.
"""
import glob
import re
from dataclasses import replace
from pathlib import Path

import pytest

from questionnaire.clinical_rules import ORGAN_TRANSPLANTS, medicine_rule_problems, rule_field
from questionnaire.engine import Answers, recommend
from questionnaire.content_reading import content_from_fixtures
from questionnaire.validation import validate_content
from questionnaire.vocabulary import Concern, Factor, Goal, Stage
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


# --- The corrections of content release 2027.01, as the results show them -----------------

GOALS = [g.value for g in Goal]
SINGLES = [((), ())] + [((f,), ()) for f in Factor.values] + [((), (c,)) for c in Concern.values]


def texts_shown(result):
    """(kind, slug, text) for what a result shows: its categories, treatment types, questions, notes and the
    matched rules' reasons."""
    return ([("category", c.slug, " ".join((c.summary, c.how_it_works, c.how_given, c.common_side_effects,
                                             c.serious_side_effects))) for c in result.categories]
            + [("treatment", t.slug, f"{t.title}. {t.description}") for t in result.treatments]
            + [("question", q.slug, q.text) for q in result.questions]
            + [("note", n.slug, f"{n.title}. {n.text}") for n in result.notes]
            + [("rule", r.slug, r.reason) for r in result.matched_rules])


def test_myelomas_hepatitis_b_question_names_cd38_antibodies_never_rituximab(shipped):
    """Correction 3: with daratumumab or isatuximab hepatitis B can come back; rituximab is a lymphoma medicine."""
    for content in (shipped, shipped.in_language("es")):
        for goal in GOALS:
            for stage in Stage.values:
                for medicines in [()] + [(m,) for m in shipped.medicines]:
                    result = recommend(Answers(goal, "myeloma", stage, (), (), medicines), content)
                    assert not [slug for kind, slug, text in texts_shown(result)
                                if kind in ("question", "note", "rule") and "rituximab" in text], (goal, stage, medicines)
    result = recommend(Answers("strengthen", "myeloma", "starting", (), (), ("local_steroids",)), shipped)
    assert "myeloma-hepb-test" in [q.slug for q in result.questions]
    for content in (shipped, shipped.in_language("es")):
        assert {"daratumumab", "isatuximab", "hepatitis B"} <= set(re.findall(r"daratumumab|isatuximab|hepatitis B",
                                                                              content.questions["myeloma-hepb-test"].text))
    lymphoma = recommend(Answers("strengthen", "lymphoma", "starting", (), (), ("local_steroids",)), shipped)
    assert "s-hepb-test" in [q.slug for q in lymphoma.questions]


@pytest.mark.parametrize("condition, own, others", [
    ("head_neck_cancer", "head-neck-tumor-markers", {"lung-tumor-markers", "breast-tumor-markers"}),
    ("breast_cancer", "breast-tumor-markers", {"lung-tumor-markers", "head-neck-tumor-markers"}),
    ("lung_cancer", "lung-tumor-markers", {"head-neck-tumor-markers", "breast-tumor-markers"}),
])
def test_each_cancer_gets_its_own_tumor_marker_question(shipped, condition, own, others):
    """Correction 4: head and neck (HPV/p16, PD-L1), breast (HER2, ER/PR, PD-L1 when triple-negative), lung."""
    for stage in Stage.values:
        listed = {q.slug for q in recommend(Answers("strengthen", condition, stage), shipped).questions}
        assert not listed & others
        assert own in listed or stage != "considering"
    words = {"head-neck-tumor-markers": ("HPV", "p16", "PD-L1"),
             "breast-tumor-markers": ("HER2", "ER", "PR", "triple-negative", "PD-L1"),
             "lung-tumor-markers": ("PD-L1",)}[own]
    assert all(word in shipped.questions[own].text for word in words)


#: Words that say treatment is over (English and Spanish), never shown after an organ transplant.
ENDED = re.compile(
    r"treatment (has |is )?(ended|over|finished|done)|after (your |the )?treatment (ends|has ended|is over)"
    r"|finished (a|your|the) treatment|now that (your |the )?treatment"
    r"|(termin|acab)(ó|aron) (un|el|su) tratamiento|tratamiento (ya )?(terminó|se acabó|ha terminado)"
    r"|(después de que|cuando) (se acabe|termine) (el|su) tratamiento", re.IGNORECASE)


@pytest.mark.parametrize("text", [
    "You said you have finished a treatment after an organ transplant.", "Now that treatment has ended, what goes on?",
    "Usted dijo que ya terminó un tratamiento.", "Después de que termine el tratamiento, llame."])
def test_the_ended_words_catch_a_planted_text(text):
    assert ENDED.search(text)


def test_an_organ_transplant_at_finished_is_never_told_treatment_has_ended(shipped):
    """Correction 7: anti-rejection medicine is lifelong; every question, note and reason an organ-transplant
    person sees at "finished", in English and Spanish, for every goal and each single factor and concern."""
    found = set()
    for content in (shipped, shipped.in_language("es")):
        for condition in ORGAN_TRANSPLANTS:
            for goal in GOALS:
                for factors, concerns in SINGLES:
                    result = recommend(Answers(goal, condition, "finished", factors, concerns), content)
                    found |= {(content.language, kind, slug) for kind, slug, text in texts_shown(result)
                              if ENDED.search(text)}
    assert found == set()


def test_teplizumab_has_its_own_facts(shipped):
    """Correction 6: a cytokine reaction, infections, low white cells, vaccines first (no live ones around
    it), and pregnancy "avoid", each said from the time a person thinks about it."""
    teplizumab = shipped.medicines["teplizumab"]
    assert teplizumab.pregnancy == "avoid" and teplizumab.avoid_live_vaccines
    for risk in ("cytokine_release", "serious_infections", "blood_counts"):
        assert {"considering", "starting", "on_treatment"} <= set(teplizumab.risks[risk])
    assert "teplizumab" in shipped.conditions["type1_diabetes"].medicines["all"]
    for factors, fact in (((), "cytokine_release"), ((), "monitoring"), (("vaccines_due",), "live_vaccines"),
                          (("pregnancy",), "pregnant_now")):
        result = recommend(Answers("modulate", "type1_diabetes", "considering", factors), shipped)
        assert any(q.fact == fact and "teplizumab" in q.text for q in result.questions), (factors, fact)
    after = recommend(Answers("modulate", "type1_diabetes", "finished", ("vaccines_due",)), shipped)
    assert any(q.fact == "live_vaccines" and "teplizumab" in q.text for q in after.suggested_questions())


def test_the_open_items_of_the_last_clinical_read_are_in_the_facts(shipped):
    """Correction 11 (docs/content-review.md, "Open, for the 2027.01 release"), the items that need no new field."""
    medicines = shipped.medicines
    # Only tezepelumab's label avoids live vaccines (the third read): the family does not, and its
    # examples say so of tezepelumab until the family is split.
    il5_tslp = medicines["il5_tslp_blockers"]
    assert not il5_tslp.avoid_live_vaccines and "tezepelumab (Tezspire; live vaccines are avoided" in il5_tslp.examples
    assert not medicines["immunoglobulin"].avoid_live_vaccines
    for medicine, risk in (("methotrexate", "lungs"), ("il6_blockers", "bowel_tear"),
                           ("s1p_modulators", "rebound_after_stopping"), ("interferon", "mood"), ("ms_injectables", "mood")):
        assert risk in medicines[medicine].risks, (medicine, risk)
    assert {"jak_inhibitors", "pde4_tyk2_pills"} <= set(shipped.conditions["psoriasis"].medicines["all"])
    # Voclosporin is left out: its label differs from tacrolimus's in pregnancy, so it needs a family of
    # its own, not the transplant one (and its PJP and antiviral questions) in every lupus list.
    assert "calcineurin_inhibitors" not in shipped.conditions["lupus"].medicines["all"]
    assert "ruxolitinib" in medicines["jak_inhibitors"].examples
    assert {"ruxolitinib", "belumosudil"} <= set(re.findall(r"ruxolitinib|belumosudil",
                                                            shipped.treatments["targeted_small_molecules"].examples))


def test_immunoglobulin_is_never_said_to_make_live_vaccines_unsafe(shipped):
    """Correction 11: it blunts MMR and chickenpox vaccines for a while; the list says so, never "avoided"."""
    for stage in Stage.values:
        for medicines in ((), ("immunoglobulin",)):
            result = recommend(Answers("modulate", "myasthenia_gravis", stage, ("vaccines_due",), (), medicines), shipped)
            live = [q for q in result.questions if q.fact == "live_vaccines"]
            assert not any("immunoglobulin" in q.text for q in live), (stage, medicines)
    result = recommend(Answers("modulate", "myasthenia_gravis", "on_treatment", ("vaccines_due",)), shipped)
    assert "ig-vaccine-timing" in {q.slug for q in result.suggested_questions()}
    assert "unsafe" in shipped.questions["ig-vaccine-timing"].text


def test_the_new_risks_reach_the_list(shipped):
    """Correction 11: methotrexate's lungs and the interferons' mood are checked; IL-6 blockers' rare bowel tear
    and the S1P pills' flare after stopping have their own questions."""
    checks = recommend(Answers("dampen", "rheumatoid_arthritis", "on_treatment", (), (), ("methotrexate",)), shipped)
    assert any(q.fact == "monitoring" and "the lungs" in q.text for q in checks.questions)
    mood = recommend(Answers("modulate", "multiple_sclerosis", "on_treatment", (), (), ("ms_injectables",)), shipped)
    assert any(q.fact == "monitoring" and "mood" in q.text for q in mood.questions)
    for condition, stage, question in (("rheumatoid_arthritis", "on_treatment", "il6-bowel-signs"),
                                       ("vasculitis", "starting", "il6-bowel-signs"),
                                       ("multiple_sclerosis", "on_treatment", "s1p-stopping"),
                                       ("multiple_sclerosis", "finished", "s1p-stopping")):
        assert question in {q.slug for q in recommend(Answers("unsure", condition, stage), shipped).questions}


@pytest.mark.parametrize("stage", ["considering", "starting", "on_treatment"])
def test_vasculitis_lists_pjp_prevention(shipped, stage):
    """Correction 11: rituximab, cyclophosphamide and steroids for vasculitis bring the PJP question."""
    result = recommend(Answers("dampen", "vasculitis", stage), shipped)
    assert any(q.fact == "infection_prevention" and "PJP" in q.text for q in result.questions)



def with_question_text(content, slug, text):
    return content.replace(questions={**content.questions, slug: replace(content.questions[slug], text=text)})


def test_2_the_planning_question_gives_each_medicines_wait_before_trying(shipped):
    content = with_question_text(narrowed(shipped, "lupus"), "fact-pregnancy-planning",
                                 "I may get pregnant. How long before trying must I stop {medicines}?")
    assert any(kind == "medicine" and field == rule_field(2) for kind, _slug, field in broken(content))


def test_3_the_vaccines_question_before_starting_gives_the_lead_times(shipped):
    content = with_question_text(narrowed(shipped, "lupus"), "fact-live-vaccines",
                                 "Which vaccines should I have before {medicines}, and how long before?")
    assert any(kind == "medicine" and field == rule_field(3) for kind, _slug, field in broken(content))


def test_the_shipped_planning_and_vaccines_questions_give_the_times(shipped):
    answers = Answers("dampen", "lupus", "starting", ("pregnancy_planning", "vaccines_due"),
                      medicines=("mycophenolate", "methotrexate", "cyclophosphamide"))
    texts = {q.fact: q.text for q in recommend(answers, shipped).suggested_questions() if q.fact}
    assert "stop mycophenolate 6 weeks before trying" in texts["pregnancy_planning"]
    assert "stop methotrexate and cyclophosphamide?" in texts["pregnancy_planning"]
    assert "at least 4 weeks before the first dose. Other vaccines are usually given at least 2 weeks" in texts[
        "live_vaccines"]
