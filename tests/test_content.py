"""The shipped content in fixtures/: complete, valid and giving sensible results."""
import dataclasses
import itertools
from pathlib import Path

import pytest

from questionnaire.content_reading import content_from_fixtures
from questionnaire.pdf import as_pdf
from questionnaire.printout import ListDocument, sign_off_line
from questionnaire.engine import Answers, recommend
from questionnaire.question_list import ListChoices, build_question_list
from questionnaire.validation import validate_content
from questionnaire.vocabulary import Concern, Factor, Goal, QuestionPriority, Stage
from tests.helpers import FIXTURES

pytestmark = pytest.mark.django_db

PRODUCT_TREATMENTS = {
    "checkpoint_inhibitors": "stimulating", "cell_therapy": "stimulating",
    "monoclonal_antibodies": "stimulating", "cancer_vaccines": "stimulating",
    "cytokine_therapy": "stimulating", "allergen_immunotherapy": "modulating",
    "targeted_biologics": "modulating", "corticosteroids": "suppressive",
    "conventional_immunosuppressants": "suppressive", "transplant_antirejection": "suppressive",
    # added in the second release
    "bispecific_antibodies": "stimulating", "oncolytic_virus": "stimulating",
    "targeted_small_molecules": "modulating", "immunoglobulin": "modulating",
}
#: Every published condition slug with its group (docs/product.md#conditions): a slug once
#: published stays, in its group, since saved links and FHIR answers carry it.
PUBLISHED_CONDITIONS = {
    "cancer": ["melanoma", "lung_cancer", "lymphoma", "leukemia", "myeloma", "colorectal_cancer",
               "bladder_cancer", "other_cancer", "kidney_cancer", "head_neck_cancer", "breast_cancer",
               "liver_cancer", "hodgkin_lymphoma", "skin_squamous_cell_cancer", "merkel_cell_cancer",
               "prostate_cancer", "small_cell_lung_cancer"],
    "autoimmune": ["rheumatoid_arthritis", "lupus", "multiple_sclerosis", "type1_diabetes", "crohns_disease",
                   "ulcerative_colitis", "ankylosing_spondylitis", "psoriasis", "other_autoimmune",
                   "myasthenia_gravis", "vasculitis", "atopic_dermatitis", "giant_cell_arteritis",
                   "polymyalgia_rheumatica", "nmosd", "cidp"],
    "transplant": ["kidney_transplant", "liver_transplant", "heart_transplant", "lung_transplant",
                   "stem_cell_transplant", "other_transplant"],
    "allergy": ["hay_fever", "allergic_asthma", "insect_venom_allergy", "food_allergy", "other_allergy",
                "chronic_hives", "eosinophilic_esophagitis", "eosinophilic_asthma", "nasal_polyps",
                "hereditary_angioedema"],
    "immune_deficiency": ["primary_immunodeficiency"],
    "other": ["not_listed"],
}
SECOND_RELEASE_CONDITIONS = ["kidney_cancer", "head_neck_cancer", "breast_cancer", "liver_cancer",
                             "myasthenia_gravis", "vasculitis", "atopic_dermatitis", "chronic_hives",
                             "eosinophilic_esophagitis"]


def result_for(content, goal, condition, stage="starting", factors=(), concerns=(), medicines=()):
    return recommend(Answers(goal, condition, stage, tuple(factors), tuple(concerns), tuple(medicines)), content)


def test_the_shipped_content_passes_validation(content):
    assert [str(p) for p in validate_content(content)] == []


def test_has_the_three_categories_and_fourteen_treatment_types_of_the_product(content):
    assert {c.slug: c.goal for c in content.categories.values()} == {
        "stimulating": "strengthen", "modulating": "modulate", "suppressive": "dampen"}
    assert {t.slug: t.category for t in content.treatments.values()} == PRODUCT_TREATMENTS


def test_keeps_every_published_condition_in_its_group(content):
    published = {slug: group for group, slugs in PUBLISHED_CONDITIONS.items() for slug in slugs}
    assert {slug: content.conditions[slug].group for slug in published if slug in content.conditions} == published


def test_has_a_question_bank_of_at_least_80_sourced_questions(content):
    assert len(content.questions) >= 80
    assert all(q.sources for q in content.questions.values())


def test_has_a_content_release(content):
    assert content.release.version and content.release.last_reviewed


def test_every_goal_condition_and_stage_gives_a_category_and_8_or_more_questions(content):
    gaps = []
    for goal, condition, stage in itertools.product(Goal.values, content.conditions, Stage.values):
        result = result_for(content, goal, condition, stage)
        if not result.categories or len(result.questions) < 8:
            gaps.append(f"{goal}/{condition}/{stage}: {len(result.categories)} categories, "
                        f"{len(result.questions)} questions")
    assert gaps == []


def test_melanoma_with_strengthen_leads_to_checkpoint_inhibitors(content):
    result = result_for(content, "strengthen", "melanoma")
    assert [c.slug for c in result.categories] == ["stimulating"]
    assert "checkpoint_inhibitors" in [t.slug for t in result.treatments]


def test_kidney_transplant_with_unsure_infers_dampen_with_missed_dose_and_infection_questions(content):
    result = result_for(content, "unsure", "kidney_transplant")
    assert (result.goal, result.goal_inferred) == ("dampen", True)
    assert "transplant_antirejection" in [t.slug for t in result.treatments]
    texts = " ".join(q.text.lower() for q in result.questions)
    assert "miss" in texts and "dose" in texts
    assert "infection" in texts


def test_strengthen_for_rheumatoid_arthritis_gives_a_kind_mismatch_note(content):
    result = result_for(content, "strengthen", "rheumatoid_arthritis")
    assert "mismatch" in [n.kind for n in result.notes]
    assert "stimulating" not in [c.slug for c in result.categories]
    assert result.questions


def test_lung_cancer_with_autoimmune_history_gives_a_safety_note_and_a_flare_question(content):
    result = result_for(content, "strengthen", "lung_cancer", factors=["autoimmune_history"])
    assert "safety" in [n.kind for n in result.notes]
    assert any("flare" in q.text.lower() for q in result.questions)


def test_a_condition_not_listed_still_gives_a_general_list(content):
    result = result_for(content, "unsure", "not_listed")
    assert result.goal == "unsure"
    assert len(result.categories) == 3
    assert len(result.questions) >= 8


@pytest.mark.parametrize("goal", ["strengthen", "modulate", "dampen"])
def test_each_goal_for_an_unlisted_condition_shows_its_own_category(content, goal):
    result = result_for(content, goal, "not_listed")
    assert [c.goal for c in result.categories] == [goal]


def test_no_result_repeats_an_item(content):
    for goal, condition in itertools.product(Goal.values, content.conditions):
        result = result_for(content, goal, condition, "on_treatment",
                            factors=["pregnancy", "other_medicines"], concerns=["cost"])
        for items in (result.categories, result.treatments, result.notes, result.questions):
            assert len(items) == len({i.slug for i in items})


def test_the_rule_index_gives_the_same_result_as_checking_every_rule(content):
    from unittest import mock
    for goal, condition, stage in itertools.product(Goal.values, content.conditions, ["starting", "finished"]):
        answers = Answers(goal, condition, stage, ("pregnancy", "age_65_plus"), ("cost",))
        indexed = recommend(answers, content).as_dict()
        with mock.patch.object(type(content), "rules_for", lambda self, c, g: self.rules):
            assert recommend(answers, content).as_dict() == indexed


def every_answer_set(content):
    """Every goal x condition x stage, alone and with every factor and concern at once."""
    for goal, condition, stage in itertools.product(Goal.values, content.conditions, Stage.values):
        yield Answers(goal, condition, stage)
        yield Answers(goal, condition, stage, tuple(Factor.values), tuple(Concern.values))


def test_every_short_list_has_one_call_now_question_and_at_most_eight(content):
    gaps = []
    for answers in every_answer_set(content):
        result = recommend(answers, content)
        tiers = [result.priorities[q.slug] for q in result.suggested_questions()]
        if not 1 <= len(tiers) <= 8 or tiers.count("call_now") != 1:
            gaps.append(f"{answers}: {tiers}")
    assert gaps == []


def test_every_short_list_puts_safety_first_and_concerns_last(content):
    rank = {p: n for n, p in enumerate(QuestionPriority.values)}
    for answers in every_answer_set(content):
        result = recommend(answers, content)
        tiers = [rank[result.priorities[q.slug]] for q in result.suggested_questions()]
        assert tiers == sorted(tiers), answers


def test_questions_a_factor_raises_come_first(content):
    plain = result_for(content, "modulate", "hay_fever", "starting")
    with_medicines = result_for(content, "modulate", "hay_fever", "starting", factors=["other_medicines"])
    assert "ait-beta-blockers" not in plain.suggested
    assert with_medicines.priorities["ait-beta-blockers"] == "safety"
    assert "ait-beta-blockers" in with_medicines.suggested


def the_tests_question(result):
    return next((q for q in result.questions if q.fact == "tests_before"), None)


def test_tb_and_hepatitis_b_tests_are_suggested_before_a_biologic(content):
    result = result_for(content, "modulate", "rheumatoid_arthritis", "starting", medicines=["tnf_blockers"])
    question = the_tests_question(result)
    assert question.slug in result.suggested
    assert "hepatitis B" in question.text and "tuberculosis (TB)" in question.text


def test_a_pregnant_kidney_transplant_patient_starting_treatment_sees_her_questions_first(content):
    """The short-list issue's "done means": safety questions her answers raise, a call-now question, at most 8."""
    result = result_for(content, "dampen", "kidney_transplant", "starting", factors=["pregnancy"])
    suggested = result.suggested_questions()
    assert len(suggested) <= 8
    assert [result.priorities[q.slug] for q in suggested[:3]] == ["safety"] * 3
    assert {"fact-pregnant-now", "tx-rejection-signs"} <= result.suggested
    assert "mycophenolate" in suggested[0].text  # the medicine to avoid, named in her first question
    assert "pregnant-now" in [note.slug for note in result.notes]
    assert [result.priorities[q.slug] for q in suggested].count("call_now") == 1


def test_the_same_answers_always_give_the_same_list(content):
    from questionnaire.content_reading import read_content
    for answers in itertools.islice(every_answer_set(content), 0, None, 37):
        assert recommend(answers, content).as_dict() == recommend(answers, read_content()).as_dict()


def test_note_titles_on_one_page_are_all_different(content):
    for answers in every_answer_set(content):
        titles = [note.title for note in recommend(answers, content).box_notes()]
        assert len(titles) == len(set(titles)), (answers, titles)


@pytest.mark.parametrize("condition", SECOND_RELEASE_CONDITIONS)
def test_each_new_condition_gives_a_category_a_treatment_type_and_a_call_now_question(content, condition):
    for goal, stage in itertools.product(Goal.values, Stage.values):
        result = result_for(content, goal, condition, stage)
        assert result.categories and result.treatments, (goal, stage)
        assert "call_now" in [result.priorities[slug] for slug in result.suggested], (goal, stage)


@pytest.mark.parametrize("goal, condition, expected", [
    ("strengthen", "melanoma", {"checkpoint_inhibitors", "cell_therapy", "oncolytic_virus"}),
    ("strengthen", "lymphoma", {"bispecific_antibodies", "cell_therapy"}),
    ("modulate", "rheumatoid_arthritis", {"targeted_biologics", "targeted_small_molecules"}),
    ("dampen", "crohns_disease", {"targeted_biologics"}),
    ("unsure", "ulcerative_colitis", {"targeted_biologics"}),
    ("modulate", "myasthenia_gravis", {"immunoglobulin", "targeted_biologics"}),
    ("modulate", "type1_diabetes", {"targeted_biologics"}),
])
def test_the_treatments_a_clinician_expects_are_shown(content, goal, condition, expected):
    assert expected <= {t.slug for t in result_for(content, goal, condition).treatments}


def test_melanoma_no_longer_leads_with_cytokines(content):
    assert "cytokine_therapy" not in {t.slug for t in result_for(content, "strengthen", "melanoma").treatments}


@pytest.mark.parametrize("goal, condition", [
    ("dampen", "rheumatoid_arthritis"), ("unsure", "crohns_disease"), ("dampen", "ulcerative_colitis"),
    ("dampen", "psoriasis"), ("dampen", "ankylosing_spondylitis"), ("dampen", "vasculitis"),
    ("modulate", "rheumatoid_arthritis"),
])
def test_a_biologic_comes_with_its_test_question_whatever_the_goal(content, goal, condition):
    result = result_for(content, goal, condition, "starting")
    assert "targeted_biologics" in {t.slug for t in result.treatments}
    assert "hepatitis B" in the_tests_question(result).text


@pytest.mark.parametrize("condition", ["type1_diabetes", "chronic_hives", "hay_fever"])
def test_no_tb_or_hepatitis_b_test_question_where_the_treatments_do_not_need_it(content, condition):
    result = result_for(content, "modulate", condition, "starting")
    assert not [q.slug for q in result.questions if "hepatitis B" in q.text or "(TB)" in q.text]


@pytest.mark.parametrize("goal", ["strengthen", "modulate", "dampen", "unsure"])
def test_a_woman_with_ra_planning_a_pregnancy_gets_the_same_safety_questions_whatever_aim_she_picks(content, goal):
    result = result_for(content, goal, "rheumatoid_arthritis", "considering", factors=["pregnancy_planning"])
    planning = next(q for q in result.suggested_questions() if q.fact == "pregnancy_planning")
    assert "methotrexate" in planning.text and "leflunomide" in planning.text
    baseline = result_for(content, "dampen", "rheumatoid_arthritis", "considering", factors=["pregnancy_planning"])
    assert {q.slug: q.text for q in result.questions if q.fact} == {q.slug: q.text for q in baseline.questions if q.fact}


def test_someone_who_names_ocrelizumab_is_asked_about_the_hepatitis_b_test_and_infections(content):
    result = result_for(content, "dampen", "multiple_sclerosis", "considering", medicines=["b_cell_therapies"])
    facts = {q.fact: q for q in result.suggested_questions() if q.fact}
    assert "hepatitis B" in facts["tests_before"].text
    assert "infections" in facts["infection_prevention"].text


def test_someone_deciding_on_epcoritamab_is_asked_about_cytokine_release_nerve_effects_and_who_stays(content):
    result = result_for(content, "strengthen", "lymphoma", "considering", medicines=["t_cell_engagers"])
    question = next(q for q in result.suggested_questions() if q.fact == "cytokine_release")
    assert "cytokine release" in question.text and "Who should stay with me" in question.text
    assert "epcoritamab" in result.content.medicines["t_cell_engagers"].examples


@pytest.mark.parametrize("condition", ["allergic_asthma", "multiple_sclerosis", "chronic_hives"])
def test_no_birth_control_question_where_no_medicine_shown_harms_a_pregnancy(content, condition):
    result = result_for(content, "dampen", condition, "on_treatment", factors=["pregnancy_planning"])
    assert "birth-control" not in {q.slug for q in result.questions}
    assert "pregnancy-dampen" not in {n.slug for n in result.notes}


def test_pregnant_and_breastfeeding_gets_no_planning_wording(content):
    result = result_for(content, "dampen", "kidney_transplant", "starting", factors=["pregnancy", "breastfeeding"])
    assert {"pregnant-now", "breastfeeding-medicines"} <= {n.slug for n in result.notes}
    assert not [n.slug for n in result.notes if "trying to get pregnant" in n.text]


class TestSnapshot:
    """questionnaire/content.py: one snapshot of plain, frozen data, whichever way it is read."""

    def test_the_database_and_the_fixture_files_give_the_same_snapshot(self, content):
        from_files = content_from_fixtures({Path(p).name: Path(p).read_text(encoding="utf-8") for p in FIXTURES})
        assert from_files == content
        assert from_files.fingerprint == content.fingerprint

    def test_it_cannot_be_changed_in_place(self, content):
        with pytest.raises(dataclasses.FrozenInstanceError):
            content.rules = ()
        with pytest.raises(dataclasses.FrozenInstanceError):
            next(iter(content.questions.values())).text = "Changed?"
        with pytest.raises(TypeError):
            content.questions["new"] = None

    def test_items_name_each_other_by_slug(self, content):
        assert all(isinstance(slug, str) and slug in content.sources
                   for q in content.questions.values() for slug in q.sources)
        assert all(t.category in content.categories for t in content.treatments.values())
        assert all(slug in content.questions for rule in content.rules for slug in rule.questions)

    def test_the_engine_the_documents_and_the_validation_read_no_database(
            self, content, django_assert_num_queries):
        result = result_for(content, "dampen", "lupus", factors=["vaccines_due"])
        with django_assert_num_queries(0):
            result = result_for(content, "dampen", "lupus", factors=["vaccines_due"])
            assert result.sources()
            assert validate_content(content) == []
            document = ListDocument(
                question_list=build_question_list(result, ListChoices()), date=content.release.published,
                condition=result.condition.label, goal="", version=content.release.version,
                last_reviewed=content.release.last_reviewed, sign_off=sign_off_line(content))
            assert as_pdf(document).startswith(b"%PDF")

    def test_the_fingerprint_follows_the_content_but_not_the_sign_off_record(self, content):
        question = next(iter(content.questions.values()))
        edited = content.replace(questions={**content.questions, question.slug: dataclasses.replace(
            question, text=question.text + " Really?")})
        assert edited.fingerprint != content.fingerprint
        signed = content.replace(release=dataclasses.replace(
            content.release, signed_off_by="A Reviewer", signed_off_role="Nurse",
            signed_off_on=content.release.published, signed_off_fingerprint=content.fingerprint))
        assert signed.fingerprint == content.fingerprint

    def test_a_sign_off_covers_only_the_content_it_names(self, content):
        assert content.sign_off is None  # the shipped content awaits a clinician's sign-off
        release = dataclasses.replace(
            content.release, signed_off_by="A Reviewer", signed_off_role="Nurse",
            signed_off_on=content.release.published, signed_off_fingerprint=content.fingerprint)
        signed = content.replace(release=release)
        assert signed.sign_off == release
        question = next(iter(content.questions.values()))
        changed = signed.replace(questions={**content.questions, question.slug: dataclasses.replace(
            question, text="Something else?")})
        assert changed.sign_off is None


class TestLanguages:
    """A snapshot in another language: each item's texts in it, or the whole item in English."""

    def test_each_item_has_its_spanish_texts_and_the_same_slugs(self, content):
        spanish = content.in_language("es")
        assert spanish.language == "es" and spanish.source is content
        assert spanish.questions.keys() == content.questions.keys()
        slug = "biologic-tb-hepb-tests"
        assert spanish.questions[slug].text == content.translations["es"]["questions"][slug]["text"]
        assert spanish.questions[slug].sources == content.questions[slug].sources
        assert spanish.release.summary == content.translations["es"]["release"][content.release.version]["summary"]

    def test_it_is_made_once_and_english_is_the_content_itself(self, content):
        assert content.in_language("es") is content.in_language("es-MX")
        assert content.in_language("en") is content
        assert content.in_language("es").in_language("en") is content

    def test_a_language_not_offered_gives_the_english(self, content):
        assert content.in_language("fr") is content
        assert content.in_language(None) is content

    @pytest.mark.parametrize("answers", [
        ("dampen", "lupus", "starting", ["vaccines_due"], []),
        ("strengthen", "melanoma", "on_treatment", [], ["side_effects"]),
        ("unsure", "kidney_transplant", "considering", ["pregnancy"], ["cost"]),
    ])
    def test_the_engine_gives_the_same_result_in_every_language(self, content, answers):
        goal, condition, stage, factors, concerns = answers
        english = result_for(content, goal, condition, stage, factors, concerns)
        spanish = result_for(content.in_language("es"), goal, condition, stage, factors, concerns)
        for pool in ("categories", "treatments", "notes", "questions", "matched_rules"):
            assert [i.slug for i in getattr(spanish, pool)] == [i.slug for i in getattr(english, pool)]
        assert spanish.suggested == english.suggested and spanish.priorities == english.priorities
        assert {q.language for q in spanish.questions} == {"es"}

    def test_an_item_missing_a_text_stays_whole_in_english(self, content):
        texts = {pool: dict(items) for pool, items in content.translations["es"].items()}
        texts["notes"] = {**texts["notes"], "age-65-plus": {"title": "Tener 65 años o más"}}  # no text
        partial = content.replace(translations={**content.translations, "es": texts}).in_language("es")
        note = partial.notes["age-65-plus"]
        assert (note.language, note.title, note.text) == ("en", content.notes["age-65-plus"].title,
                                                          content.notes["age-65-plus"].text)
        assert partial.untranslated == {("notes", "age-65-plus")}

    def test_a_spanish_sign_off_covers_its_texts_and_the_english_they_translate(self, content):
        def signed(snapshot):
            state = {"status": "complete", "signed_off_by": "Dra. A. Ejemplo", "signed_off_role": "Enfermera",
                     "signed_off_on": "2026-12-01", "signed_off_fingerprint": snapshot.translation_fingerprint("es")}
            return snapshot.replace(release=dataclasses.replace(snapshot.release, languages={"es": state}))
        assert content.language_sign_off("es") is None
        assert signed(content).language_sign_off("es")["signed_off_by"] == "Dra. A. Ejemplo"
        assert signed(content).in_language("es").language_sign_off("es") is not None
        texts = {**content.translations["es"], "questions": {**content.translations["es"]["questions"],
                                                              "biologic-tb-hepb-tests": {"text": "¿Otra?"}}}
        respelled = signed(content).replace(translations={"es": texts})
        assert respelled.language_sign_off("es") is None
        assert respelled.fingerprint == content.fingerprint  # English's own sign-off still holds


@pytest.mark.parametrize("factor, goal, condition, medicines, slug, names", [
    ("smoker", "dampen", "rheumatoid_arthritis", ["jak_inhibitors"], "fact-smoker", "JAK inhibitors"),
    ("heart_failure_or_demyelination", "dampen", "rheumatoid_arthritis", ["tnf_blockers"],
     "fact-heart-failure-or-demyelination", "TNF blockers"),
    ("cancer_history", "dampen", "psoriasis", ["jak_inhibitors"], "fact-cancer-history", "JAK inhibitors"),
    ("surgery_or_dental_soon", "dampen", "kidney_transplant", [], "fact-surgery-or-dental-soon", "calcineurin"),
    ("infection_now", "modulate", "hay_fever", [], "situation-infection-now", None),
    ("serious_side_effect_now", "strengthen", "melanoma", ["pd1_pdl1_inhibitors"], "fact-serious-side-effect-now",
     "PD-1"),
    ("other_medicines", "dampen", "kidney_transplant", [], "fact-interactions", "calcineurin"),
])
def test_each_situation_suggests_its_own_safety_question_naming_the_medicines_it_concerns(
        content, factor, goal, condition, medicines, slug, names):
    result = result_for(content, goal, condition, "starting", factors=[factor], medicines=medicines)
    question = next(q for q in result.questions if q.slug == slug)
    assert slug in result.suggested and result.priorities[slug] == QuestionPriority.SAFETY
    assert names is None or names in question.text


def test_a_parent_gets_questions_worded_for_their_child_and_how_to_read_the_rest(content):
    result = result_for(content, "dampen", "lupus", "starting", factors=["child"])
    assert {"child-fits-my-child", "child-vaccines"} <= result.suggested
    assert "child-read-as-parent" in {n.slug for n in result.notes}
