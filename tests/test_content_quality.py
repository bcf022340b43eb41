"""The quality of the shipped medical content: plain, sourced, free of traps, complete.

These tests read the content in fixtures/ (loaded into the test database by
tests/conftest.py) and name every item that fails, so a reviewer knows exactly
what to rewrite. docs/content-guide.md is the brief they enforce.
"""
import itertools
import re
from importlib.metadata import version
from urllib.parse import urlparse

import pytest
import textstat

from questionnaire.engine import Answers, recommend
from questionnaire.vocabulary import ConditionGroup, Stage, Theme, TREATMENT_GOALS
from tests.helpers.content import all_content_texts, patient_texts

pytestmark = pytest.mark.django_db

MAX_GRADE = 8.0
MAX_SENTENCE_WORDS = 25
#: Texts shorter than this (labels, titles, warning-sign phrases) are too short
#: for the Flesch-Kincaid formula to mean anything; they keep the sentence rule.
SHORT_LABEL_WORDS = 8


# --- Readability -------------------------------------------------------------------

#: Abbreviations whose full stop does not end a sentence.
ABBREVIATIONS = ("St.", "Dr.", "e.g.", "i.e.", "vs.", "etc.")


def sentences(text):
    """Split a text into sentences at ., ! or ? followed by a space (not after an abbreviation)."""
    parts, current = [], []
    for word in text.split():
        current.append(word)
        if word.endswith((".", "!", "?", '."', '?"', ".)", "?)")) and word not in ABBREVIATIONS:
            parts.append(" ".join(current))
            current = []
    if current:
        parts.append(" ".join(current))
    return parts


def word_count(text):
    return len(text.split())


def test_the_sentence_splitter_counts_words_per_sentence():
    assert [word_count(s) for s in sentences("One two. Three four five? St. John's wort is a herb.")] == [
        2, 3, 6]


def test_textstat_is_the_pinned_offline_version():
    # From 0.7.9 on, textstat fetches NLTK data at run time, which fails offline (issue 7).
    assert version("textstat") == "0.7.3"
    assert textstat.flesch_kincaid_grade("The cat sat on the mat. It was warm.") < 2


def test_every_patient_facing_text_reads_at_grade_8_or_lower(content):
    """Flesch-Kincaid grade (textstat 0.7.3) at most 8 for each text a patient reads.

    Covered: category summary, how_it_works, how_given, common_side_effects and
    serious_side_effects; treatment type descriptions; question texts; note texts;
    rule reasons ("Why am I seeing this?"); and the short labels listed below.

    Exempt from the grade formula (not from the sentence rule): short labels of
    fewer than 8 words -- condition labels and hints, category and treatment type
    titles, and the call-now warning-sign phrases. On so few words the formula
    swings wildly (a two-word name such as "Ulcerative colitis" scores grade 26).
    Treatment type ``examples`` are lists of medicine names, not sentences, and are
    not scored either; the trap scan still reads them.
    """
    failures = []
    for name, text, is_label in patient_texts(content):
        if is_label and word_count(text) < SHORT_LABEL_WORDS:
            continue
        grade = textstat.flesch_kincaid_grade(text)
        if grade > MAX_GRADE:
            failures.append(f"{name}: grade {grade}")
    assert failures == [], "Above US grade 8 (Flesch-Kincaid):\n" + "\n".join(failures)


#: Names a text gives rather than explains: the grade formula scores a lone "Anaphylaxis" at 32.
NAMES = (" label", " term", " name")


def test_the_readability_figure_holds_over_every_text_titles_included(content):
    """The release gate of issue 29, on every patient text but names (conditions, glossary terms,
    medicines): at least 95% at grade 8 or below, none above 10, median at most 6."""
    grades = sorted(textstat.flesch_kincaid_grade(text) for name, text, _ in patient_texts(content)
                    if not name.endswith(NAMES))
    at_8 = sum(1 for grade in grades if grade <= MAX_GRADE)
    assert at_8 / len(grades) >= 0.95, f"{at_8} of {len(grades)} at grade 8 or below"
    assert grades[-1] <= 10
    assert grades[len(grades) // 2] <= 6


def test_no_sentence_runs_over_25_words(content):
    failures = []
    for name, text, _ in patient_texts(content):
        for sentence in sentences(text):
            if word_count(sentence) > MAX_SENTENCE_WORDS:
                failures.append(f"{name}: {word_count(sentence)} words in {sentence!r}")
    assert failures == [], "Sentences over 25 words:\n" + "\n".join(failures)


# --- Spanish ---------------------------------------------------------------------------

#: Fernández-Huerta (textstat 0.7.3, Spanish): 70 and up reads as "fairly easy" or easier,
#: the level of plain health material for the public.
MIN_FERNANDEZ_HUERTA = 70.0


def test_every_content_item_has_its_spanish(content):
    """The release marks Spanish complete, so no item may fall back to English."""
    spanish = content.in_language("es")
    assert content.language_state("es")["status"] == "complete"
    assert sorted(spanish.untranslated) == []
    items = [*spanish.categories.values(), *spanish.treatments.values(), *spanish.conditions.values(),
             *spanish.questions.values(), *spanish.notes.values(), *spanish.glossary.values(),
             *spanish.rules, spanish.release]
    assert {item.language for item in items} == {"es"}


def test_every_spanish_text_reads_at_fernandez_huerta_70_or_more(content):
    """The same texts as the English grade test, in Spanish: Fernández-Huerta (textstat
    0.7.3 with its Spanish syllable counts).

    Exempt: every text of fewer than 8 words, labels or not. Spanish words are
    longer, and on five words one long word moves the score by 15 points ("Usted
    dijo que está embarazada." scores 58, with "amamantando" in its place 70).
    The sentence rule still applies to them.
    """
    textstat.set_lang("es")
    failures = []
    try:
        for name, text, _ in patient_texts(content.in_language("es")):
            if word_count(text) < SHORT_LABEL_WORDS:
                continue
            score = textstat.fernandez_huerta(text)
            if score < MIN_FERNANDEZ_HUERTA:
                failures.append(f"{name}: {score}")
    finally:
        textstat.set_lang("en_US")
    assert failures == [], "Below Fernández-Huerta 70:\n" + "\n".join(failures)


def test_the_readability_gate_tells_plain_spanish_from_dense_spanish():
    textstat.set_lang("es")
    try:
        plain = textstat.fernandez_huerta("Pregunte a su equipo de atención médica. Ellos le pueden ayudar.")
        dense = textstat.fernandez_huerta(
            "La inmunosupresión farmacológica incrementa considerablemente la susceptibilidad a "
            "infecciones oportunistas potencialmente graves en pacientes trasplantados.")
    finally:
        textstat.set_lang("en_US")
    assert plain >= MIN_FERNANDEZ_HUERTA > dense


def test_no_spanish_sentence_runs_over_25_words(content):
    failures = []
    for name, text, _ in patient_texts(content.in_language("es")):
        for sentence in sentences(text):
            if word_count(sentence) > MAX_SENTENCE_WORDS:
                failures.append(f"{name}: {word_count(sentence)} words in {sentence!r}")
    assert failures == [], "Sentences over 25 words:\n" + "\n".join(failures)


def test_each_spanish_question_is_asked_with_opening_and_closing_marks(content):
    unbalanced = [slug for slug, question in content.in_language("es").questions.items()
                  if question.text.count("¿") != question.text.count("?") or "?" not in question.text]
    assert unbalanced == []


#: The traps (docs/content-guide.md#traps) in Spanish: the same claims, as a Spanish text would make them.
SPANISH_TRAP_PATTERNS = {
    "promises a cure": r"\bcura(s|r|do|da|ble)?\b",
    "hype: miracle": r"\bmilagr",
    "hype: revolutionary": r"\brevolucionari",
    "promises no side effects": r"\bsin (ningún )?efectos? secundarios?\b|\bno (tiene|causa) efectos secundarios\b",
    "calls it harmless": r"\binofensiv",
    "calls it risk-free": r"\bsin (ningún )?riesgos?\b",
    "promises safety": r"\b(completamente|totalmente|100 ?%) segur|\bgarantiz",
    "says it is milder than chemotherapy": r"\b(más suave|más segur[oa]|menos fuerte) que la quimio",
    "gives advice to take, stop or start": r"\busted (debe|tiene que|necesita) (tomar|dejar|empezar|comenzar)\b",
    "gives a dose": r"\b\d+(,\d+)?\s?(mg|mcg|µg|ml|mL|UI|unidades)\b|\b(miligramos?|microgramos?)\b",
}


def spanish_trap_claims(text):
    return sorted(name for name, pattern in SPANISH_TRAP_PATTERNS.items() if re.search(pattern, text, re.IGNORECASE))


@pytest.mark.parametrize("claim", [
    "Este tratamiento cura el cáncer.", "Es un medicamento milagroso.", "No tiene efectos secundarios.",
    "Es totalmente seguro.", "Usted debe tomar 20 mg al día.", "Es más suave que la quimioterapia."])
def test_the_spanish_trap_scanner_catches_a_planted_bad_claim(claim):
    assert spanish_trap_claims(claim)


def test_no_spanish_content_makes_a_trap_claim(content):
    spanish = content.in_language("es")
    texts = [(name, text) for name, text, _ in patient_texts(spanish)]
    texts += [(f"treatment type {slug!r} examples", t.examples) for slug, t in sorted(spanish.treatments.items())]
    found = [f"{name}: {claims}" for name, text in texts if (claims := spanish_trap_claims(text))]
    assert found == [], "Spanish text making a trap claim:\n" + "\n".join(found)


# --- Sources -------------------------------------------------------------------------

#: The reputable list (docs/content-guide.md#sources): an organisation name pattern and the web domain(s) it publishes on.
REPUTABLE_ORGANISATIONS = {
    "National Cancer Institute": (r"National Cancer Institute", ("cancer.gov",)),
    "American Cancer Society": (r"American Cancer Society", ("cancer.org",)),
    "Cancer.Net (ASCO)": (r"Cancer\.Net|American Society of Clinical Oncology", ("cancer.net", "ascopubs.org")),
    "AAAAI": (r"American Academy of Allergy, Asthma (and|&) Immunology", ("aaaai.org",)),
    "ACAAI": (r"American College of Allergy, Asthma (and|&) Immunology", ("acaai.org",)),
    "National Kidney Foundation": (r"National Kidney Foundation", ("kidney.org",)),
    "American Society of Transplantation": (r"American Society of Transplantation", ("myast.org",)),
    "Arthritis Foundation": (r"Arthritis Foundation", ("arthritis.org",)),
    "American College of Rheumatology": (r"American College of Rheumatology", ("rheumatology.org",)),
    "National Multiple Sclerosis Society": (r"National Multiple Sclerosis Society",
                                            ("nationalmssociety.org",)),
    "Crohn's & Colitis Foundation": (r"Crohn's (and|&) Colitis Foundation", ("crohnscolitisfoundation.org",)),
    "NHS": (r"\bNHS\b", ("nhs.uk",)),
    "MedlinePlus": (r"MedlinePlus", ("medlineplus.gov",)),
    "Mayo Clinic": (r"Mayo Clinic", ("mayoclinic.org",)),
    "Cleveland Clinic": (r"Cleveland Clinic", ("clevelandclinic.org",)),
    "CDC": (r"Centers for Disease Control|\bCDC\b", ("cdc.gov",)),
    "AHRQ": (r"Agency for Healthcare Research and Quality|\bAHRQ\b", ("ahrq.gov",)),
    # Federal agencies are the primary source for what is approved (FDA) and what is known of
    # supplements (NIH's NCCIH); docs/content-review.md lists them with docs/content-guide.md#sources.
    "FDA": (r"Food and Drug Administration|\bFDA\b", ("fda.gov",)),
    "NCCIH": (r"National Center for Complementary and Integrative Health", ("nccih.nih.gov",)),
}


def reputable_problem(source):
    """Why a source does not count as reputable, or None when it does."""
    if not (source.organisation or "").strip() or not (source.title or "").strip():
        return "needs an organisation and a page title"
    url = urlparse(source.url or "")
    if url.scheme != "https" or not url.hostname:
        return f"needs an https URL, has {source.url!r}"
    for pattern, domains in REPUTABLE_ORGANISATIONS.values():
        if re.search(pattern, source.organisation):
            if any(url.hostname == d or url.hostname.endswith("." + d) for d in domains):
                return None
            return f"URL {source.url!r} is not on {' or '.join(domains)}"
    return f"organisation {source.organisation!r} is not on the reputable list (docs/content-guide.md#sources)"


def test_every_source_is_a_reputable_organisation_with_title_and_https_url(content):
    problems = [f"source {slug!r}: {problem}" for slug, source in sorted(content.sources.items())
                if (problem := reputable_problem(source))]
    assert problems == []


def test_every_category_treatment_question_and_note_cites_a_reputable_source(content):
    pools = (("category", content.categories), ("treatment type", content.treatments),
             ("question", content.questions), ("note", content.notes),
             ("glossary term", content.glossary))
    missing = []
    for kind, items in pools:
        for slug, item in sorted(items.items()):
            if not any(reputable_problem(s) is None for s in content.sources_of([item])):
                missing.append(f"{kind} {slug!r} (cites {list(item.sources) or 'nothing'})")
    assert missing == [], "No reputable source cited by:\n" + "\n".join(missing)


def test_the_source_check_rejects_a_disreputable_or_insecure_source():
    from questionnaire.content_items import Source

    def S(**fields):
        return Source("a-source", **fields)
    assert reputable_problem(S(organisation="Wellness Blog", title="T", url="https://blog.example"))
    assert reputable_problem(S(organisation="Mayo Clinic", title="T", url="http://www.mayoclinic.org/x"))
    assert reputable_problem(S(organisation="Mayo Clinic", title="T", url="https://mayoclinic.example.com"))
    assert reputable_problem(S(organisation="Mayo Clinic", title="", url="https://www.mayoclinic.org/x"))
    assert reputable_problem(S(organisation="Mayo Clinic", title="T", url="https://www.mayoclinic.org/x")) is None


# --- Traps -------------------------------------------------------------------------

#: Claims docs/content-guide.md#traps lists as traps (or that break its voice rules), each with a regex.
TRAP_PATTERNS = {
    "promises a cure": r"\bcur(e|es|ed|ing|able)\b",
    "hype: miracle": r"\bmiracle",
    "hype: revolutionary": r"\brevolutionary\b",
    "hype: breakthrough": r"\bbreakthrough",
    "promises no side effects": r"\bno side[- ]effects?\b|\bwithout (any )?side[- ]effects?\b",
    "calls it harmless": r"\bharmless\b",
    "calls it risk-free": r"\brisk[- ]free\b|\bwithout (any )?risk\b|\bno risks?\b",
    "promises safety": r"\b(completely|totally|perfectly|100%) safe\b|\bguarantee",
    "says healthy cells are spared": r"\b(leaves?|spares?|leaving|sparing)\b[^.]{0,30}\bhealthy cells\b"
                                     r"|\bonly (attacks?|targets?|kills?) (the )?cancer",
    "says it is milder than chemotherapy": r"\b(milder|gentler|safer|kinder|easier) than chemo",
    "gives advice to take, stop or start": r"\byou (should|must|ought to|need to|have to) "
                                           r"(take|stop|start|skip|avoid taking)\b",
    "gives a dose": r"\b\d+(\.\d+)?\s?(mg|mcg|µg|g|ml|mL|IU|units?)\b|\b(mg|mcg|milligrams?|micrograms?)\b",
}

CHECKPOINT = (r"checkpoint|\bPD-L?1\b|\bCTLA-4\b|pembrolizumab|nivolumab|ipilimumab|atezolizumab|"
              r"durvalumab|brakes? off|release[sd]? [^.]{0,30}brakes")
AUTOIMMUNE = (r"autoimmune|rheumatoid|lupus|crohn|colitis|psoriasis|multiple sclerosis|"
              r"type 1 diabetes|spondylitis")
TREATING = r"\btreat|\bcontrol|\bcalm|\bhelp|\bease|\bused for\b|\bfor (an? )?(autoimmune|rheumatoid|lupus)"
NEGATION = r"\bnot\b|\bnever\b|\bno\b|n't\b|\bcannot\b"


#: A sentence that tells the reader to take, stop or start something ("Stop your ...").
IMPERATIVE = r"^(please )?(do not |don't |never )?(take|stop|start|skip|double|increase|lower) "
#: "Do not stop a medicine on your own" sends the reader to the care team (docs/content-guide.md#voice asks for it).
ON_YOUR_OWN = r"^(do not|don't|never) .* on your own\b"


def trap_claims(text):
    """The trap claims a text makes, by name; empty when it makes none."""
    found = [name for name, pattern in TRAP_PATTERNS.items() if re.search(pattern, text, re.IGNORECASE)]
    if any(re.search(IMPERATIVE, sentence, re.IGNORECASE) and not re.search(ON_YOUR_OWN, sentence, re.IGNORECASE)
           for sentence in sentences(text)):
        found.append("gives advice to take, stop or start")
    # Checkpoint inhibitors presented as treating autoimmune disease: a text that names
    # them with a sentence about treating an autoimmune disease that is not negated
    # ("They do not treat autoimmune disease" is the honest version and passes).
    if re.search(CHECKPOINT, text, re.IGNORECASE):
        for sentence in sentences(text):
            if (re.search(AUTOIMMUNE, sentence, re.IGNORECASE)
                    and re.search(TREATING, sentence, re.IGNORECASE)
                    and not re.search(NEGATION, sentence, re.IGNORECASE)):
                found.append("presents checkpoint inhibitors as a treatment for autoimmune disease")
                break
    return sorted(set(found))


@pytest.mark.parametrize("bad, claim", [
    ("This new medicine can cure stage 4 cancer.", "promises a cure"),
    ("A miracle treatment for arthritis.", "hype: miracle"),
    ("A revolutionary way to fight cancer.", "hype: revolutionary"),
    ("Allergy shots have no side effects.", "promises no side effects"),
    ("These drops are harmless.", "calls it harmless"),
    ("Allergen immunotherapy is risk-free.", "calls it risk-free"),
    ("Immunotherapy leaves healthy cells unharmed.", "says healthy cells are spared"),
    ("Immunotherapy is milder than chemotherapy.", "says it is milder than chemotherapy"),
    ("You should stop your prednisone before the visit.", "gives advice to take, stop or start"),
    ("You should take it with food.", "gives advice to take, stop or start"),
    ("Take 10 mg each morning.", "gives a dose"),
    ("The usual dose is 15 mg once a week.", "gives a dose"),
    ("Checkpoint inhibitors such as pembrolizumab can treat rheumatoid arthritis.",
     "presents checkpoint inhibitors as a treatment for autoimmune disease"),
    ("PD-1 blockers help calm lupus.",
     "presents checkpoint inhibitors as a treatment for autoimmune disease"),
    ("Checkpoint inhibitors are strong medicines. They are used for rheumatoid arthritis.",
     "presents checkpoint inhibitors as a treatment for autoimmune disease"),
    ("Stop your steroids two days before the scan.", "gives advice to take, stop or start"),
])
def test_the_trap_scanner_catches_a_planted_bad_claim(bad, claim):
    assert claim in trap_claims(bad)


@pytest.mark.parametrize("good", [
    "Checkpoint inhibitors do not treat autoimmune disease, and can cause it or make it worse.",
    "It can ease symptoms and cut the need for allergy medicines.",
    "All of these can cause anaphylaxis (a severe allergic reaction).",
    "Is the aim to get rid of the cancer, to control it, or to ease my symptoms?",
    "Do I need to take folic acid with methotrexate?",
    "Methotrexate for arthritis is taken once a week, not every day.",
    "Do not stop a transplant medicine or any other medicine on your own.",
    "Keep your skin safe from the sun, and ask about skin checks.",
])
def test_the_trap_scanner_lets_honest_text_through(good):
    assert trap_claims(good) == []


def test_no_content_makes_a_trap_claim(content):
    failures = [f"{name}: {', '.join(claims)}"
                for name, text in all_content_texts(content)
                if (claims := trap_claims(text))]
    assert failures == [], "Trap claims (docs/content-guide.md#traps):\n" + "\n".join(failures)


def test_checkpoint_inhibitors_are_never_shown_for_an_autoimmune_condition(content):
    autoimmune = [slug for slug, c in content.conditions.items() if c.group == ConditionGroup.AUTOIMMUNE]
    shown = []
    for goal, condition, stage in itertools.product(
            ["strengthen", "modulate", "dampen", "unsure"], autoimmune, Stage.values):
        result = recommend(Answers(goal, condition, stage), content)
        if "checkpoint_inhibitors" in [t.slug for t in result.treatments]:
            shown.append(f"{goal}/{condition}/{stage}")
    assert shown == []


# --- Coverage --------------------------------------------------------------------------

#: docs/content-guide.md#themes-to-cover, as the theme vocabulary names them.
CONTENT_THEMES = {
    Theme.ABOUT: "what the treatment is and why it fits me",
    Theme.GOALS: "the goal of treatment",
    Theme.ADMINISTRATION: "how and where it is given, how often and for how long",
    Theme.EFFECTIVENESS: "how we will know it is working, and when",
    Theme.SIDE_EFFECTS: "common and serious side effects, which mean calling, whom to call out of hours",
    Theme.TESTS: "tests before and during treatment",
    Theme.MEDICINES: "interactions with my other medicines and supplements",
    Theme.VACCINES: "vaccines",
    Theme.INFECTIONS: "infections and how to lower the risk",
    Theme.PREGNANCY: "pregnancy, fertility and breastfeeding",
    Theme.DAILY_LIFE: "daily life, work, travel, driving",
    Theme.COST: "cost and insurance",
    Theme.LONG_TERM: "long-term effects",
    Theme.STOPPING: "what happens if it does not work or if I stop",
    Theme.OPTIONS: "other options, including clinical trials",
}

#: "Stage changes the emphasis": themes that are not relevant at a stage. Once treatment
#: is under way, why it fits is settled; once it has finished, how it is given, its
#: goal and the tests "before and during treatment" are behind the person.
NOT_RELEVANT_AT = {
    Stage.CONSIDERING: set(),
    Stage.STARTING: set(),
    Stage.ON_TREATMENT: {Theme.ABOUT},
    Stage.FINISHED: {Theme.ABOUT, Theme.GOALS, Theme.ADMINISTRATION, Theme.TESTS},
}

#: Themes brought in by an answer rather than shown to everyone: each must be covered
#: under every one of the answers listed.
FACTOR_DRIVEN = {
    Theme.PREGNANCY: [{"factors": ("pregnancy",)}, {"factors": ("breastfeeding",)},
                      {"concerns": ("fertility",)}],
}


def conditions_for(content, goal):
    """The conditions whose treatments can have this goal (an empty usual_goals fits any)."""
    return sorted(slug for slug, c in content.conditions.items()
                  if not c.usual_goals or goal in c.usual_goals)


def themes_covered(content, goal, stage, factors=(), concerns=()):
    """The union of question themes over the goal's conditions at this stage."""
    themes = set()
    for condition in conditions_for(content, goal):
        result = recommend(Answers(goal, condition, stage, tuple(factors), tuple(concerns)), content)
        themes.update(q.theme for q in result.questions)
    return themes


def test_the_coverage_list_names_every_theme_of_the_vocabulary():
    assert set(CONTENT_THEMES) == set(Theme.values)


def test_each_goal_and_stage_covers_the_themes_content_md_lists(content):
    gaps = []
    for goal, stage in itertools.product([g.value for g in TREATMENT_GOALS], Stage.values):
        relevant = set(CONTENT_THEMES) - NOT_RELEVANT_AT[stage]
        plain = themes_covered(content, goal, stage)
        for theme in sorted(relevant - set(FACTOR_DRIVEN), key=list(Theme.values).index):
            if theme not in plain:
                gaps.append(f"{goal}/{stage}: no question on {Theme(theme).value!r} ({CONTENT_THEMES[theme]})")
        for theme, answer_sets in FACTOR_DRIVEN.items():
            if theme not in relevant:
                continue
            for answers in answer_sets:
                if theme not in themes_covered(content, goal, stage, **answers):
                    gaps.append(f"{goal}/{stage} with {answers}: no question on {Theme(theme).value!r} "
                                f"({CONTENT_THEMES[theme]})")
    assert gaps == [], "Coverage gaps:\n" + "\n".join(gaps)


# --- The corrections of content release 2027.01 ------------------------------------------

def every_text(content):
    """(name, text) for every text of the content in English and in Spanish, with the medicines'
    names and examples and the notes' titles, for the wording checks of the 2027.01 corrections."""
    texts = []
    for language in ("en", "es"):
        pool = content if language == "en" else content.in_language("es")
        texts += [(f"{language} {name}", text) for name, text in all_content_texts(pool)]
        for slug, medicine in sorted(pool.medicines.items()):
            texts += [(f"{language} medicine {slug!r} name", medicine.name),
                      (f"{language} medicine {slug!r} examples", medicine.examples)]
        texts += [(f"{language} note {slug!r} title", note.title) for slug, note in sorted(pool.notes.items())]
    return texts


def vocabulary_labels(language):
    """(name, label) for the vocabulary labels that fill a medicine's facts into a question."""
    from django.utils import translation

    from questionnaire.vocabulary import Given, Prevention, Risk, TestBeforeStarting
    with translation.override(language):
        return [(f"{language} {choices.__name__}.{value}", str(label))
                for choices in (TestBeforeStarting, Prevention, Risk, Given) for value, label in choices.choices]


#: Hydroxychloroquine and sulfasalazine barely raise infection risk: a sentence that names them and
#: infections says so, and no sentence lumps every medicine of their group in with infections.
MILD_ON_INFECTION = r"hydroxychloroquine|sulfasalazine|hidroxicloroquina|sulfasalazina"
INFECTION = r"\binfec"
LUMPED = r"\b(these|all (of )?these|such|both) medicines\b|\b(estos|todos estos|ambos) medicamentos\b"
BARELY = r"\bbarely\b|\blittle\b|\bnot\b|\bcasi no\b|\bno\b"


def infection_grouping_claims(text, names_them=False):
    found = []
    for sentence in sentences(text):
        if not re.search(INFECTION, sentence, re.IGNORECASE):
            continue
        if re.search(MILD_ON_INFECTION, sentence, re.IGNORECASE) and not re.search(BARELY, sentence, re.IGNORECASE):
            found.append(sentence)
        elif names_them and re.search(LUMPED, sentence, re.IGNORECASE):
            found.append(sentence)
    return found


@pytest.mark.parametrize("bad, names_them", [
    ("Methotrexate, hydroxychloroquine and sulfasalazine make infections more likely.", False),
    ("These medicines make infections more likely and need regular blood tests.", True),
    ("Estos medicamentos hacen más fácil que le den infecciones.", True),
])
def test_the_infection_grouping_check_catches_a_planted_claim(bad, names_them):
    assert infection_grouping_claims(bad, names_them)


def test_hydroxychloroquine_and_sulfasalazine_are_never_grouped_with_medicines_that_raise_infection_risk(content):
    """Release 2027.01, correction 1: they barely raise the risk of infection, in their facts and their words."""
    for slug in ("hydroxychloroquine", "sulfasalazine"):
        medicine = content.medicines[slug]
        assert "serious_infections" not in medicine.risks and medicine.infection_prevention == ()
    failures = []
    for language in ("en", "es"):
        pool = content if language == "en" else content.in_language("es")
        for slug, treatment in sorted(pool.treatments.items()):
            names_them = bool(re.search(MILD_ON_INFECTION, treatment.examples, re.IGNORECASE))
            failures += [f"{language} treatment type {slug!r}: {s!r}"
                         for s in infection_grouping_claims(treatment.description, names_them)]
    failures += [f"{name}: {s!r}" for name, text in every_text(content) for s in infection_grouping_claims(text)]
    assert failures == []


#: Antibodies that block growth signals or carry a medicine into cancer cells are not immune boosters.
CANCER_ANTIBODIES = (r"cetuximab|trastuzumab|pertuzumab|panitumumab|antibody-drug|growth signal|"
                     r"anticuerpos? conjugad|señales de crecimiento")
BOOSTER = r"\bboost|\bstrengthen|\bstimulat|\bfortalec|\bmás fuerza|\bestimul|\bpotenci"


def booster_claims(text):
    return [s for s in sentences(text) if re.search(CANCER_ANTIBODIES, s, re.IGNORECASE)
            and re.search(BOOSTER, s, re.IGNORECASE) and not re.search(NEGATION + r"|\bno\b", s, re.IGNORECASE)]


@pytest.mark.parametrize("bad", ["Trastuzumab and cetuximab boost the immune system against cancer.",
                                 "El cetuximab le da más fuerza a sus defensas."])
def test_the_booster_check_catches_a_planted_claim(bad):
    assert booster_claims(bad)


def test_cancer_antibodies_are_never_called_immune_boosters_and_say_what_they_do(content):
    """Release 2027.01, correction 2."""
    assert [f"{name}: {s!r}" for name, text in every_text(content) for s in booster_claims(text)] == []
    spanish = content.in_language("es")
    for text, blocks, carries in (
            (content.treatments["monoclonal_antibodies"].description, "growth signals", "carry a cancer drug"),
            (content.categories["stimulating"].how_it_works, "growth signals", "carry a medicine"),
            (spanish.treatments["monoclonal_antibodies"].description, "señales de crecimiento", "llevan un medicamento"),
            (spanish.categories["stimulating"].how_it_works, "señales de crecimiento", "llevan un medicamento")):
        assert blocks in text and carries in text
    assert content.medicines["growth_signal_antibodies"].treatment == "monoclonal_antibodies"
    assert "growth signals" in content.medicines["growth_signal_antibodies"].name


def test_cytokine_release_syndrome_is_not_car_t_only(content):
    """Release 2027.01, correction 5: bispecific antibodies, and teplizumab's cytokine reaction."""
    english = content.glossary["cytokine-release-syndrome"].definition
    spanish = content.in_language("es").glossary["cytokine-release-syndrome"].definition
    assert "CAR T" in english and "bispecific" in english and "eplizumab" in english
    assert "CAR-T" in spanish and "biespecífico" in spanish and "eplizumab" in spanish
    cytokine = {slug for slug, m in content.medicines.items() if "cytokine_release" in m.risks}
    assert {"car_t_cells", "t_cell_engagers", "teplizumab"} <= cytokine


#: Spanish says "triple viral (SRP)" for MMR and "pastillas", never "tabletas".
SPANISH_WORDING = {"MMR": r"(?<!d)\bMMR\b", "tableta": r"\btabletas?\b"}


def spanish_wording_problems(text):
    return sorted(name for name, pattern in SPANISH_WORDING.items() if re.search(pattern, text, re.IGNORECASE))


@pytest.mark.parametrize("bad", ["Las vacunas vivas, como la MMR, se evitan.", "¿Recibiré tabletas debajo de la lengua?",
                                 "Una tableta al día."])
def test_the_spanish_wording_check_catches_mmr_and_tabletas(bad):
    assert spanish_wording_problems(bad)


def test_the_spanish_wording_check_lets_dmmr_and_pastillas_through():
    assert spanish_wording_problems("¿Le hicieron la prueba de dMMR? Son pastillas, la triple viral (SRP).") == []


def test_spanish_says_triple_viral_srp_and_pastillas(content):
    """Release 2027.01, correction 8: every Spanish text, the vocabulary labels included."""
    spanish = [(name, text) for name, text in every_text(content) if name.startswith("es ")] + vocabulary_labels("es")
    assert [f"{name}: {found}" for name, text in spanish if (found := spanish_wording_problems(text))] == []
    assert all("(SRP" in text for _, text in spanish if "triple viral" in text)


#: Abbreviations a reader cannot know, each with the words that explain it in the same text.
EXPLAINED = {r"\bTPMT\b|\bNUDT15\b": r"blood test|análisis de sangre", r"\bRSV\b|\bVRS\b": r"\bvirus\b"}


def test_tpmt_and_rsv_are_explained_wherever_they_appear(content):
    """Release 2027.01, correction 9: the texts and the vocabulary labels that fill "{tests}"."""
    texts = every_text(content) + vocabulary_labels("en") + vocabulary_labels("es")
    unexplained = [f"{name}: {text!r}" for name, text in texts for word, words in EXPLAINED.items()
                   if re.search(word, text) and not re.search(words, text, re.IGNORECASE)]
    assert unexplained == []
    labels = dict(vocabulary_labels("en") + vocabulary_labels("es"))
    assert "breaks down" in labels["en TestBeforeStarting.tpmt"]
    assert "descompone" in labels["es TestBeforeStarting.tpmt"]


def test_every_title_reads_at_grade_8_or_lower_and_keeps_its_treatments_name(content):
    """Release 2027.01, correction 10: titles are exempt from the grade test for their few words, but
    the titles of the treatment types and categories are scored all the same."""
    grades = {slug: textstat.flesch_kincaid_grade(item.title)
              for slug, item in [*content.treatments.items(), *content.categories.items()]}
    assert {slug: grade for slug, grade in grades.items() if grade > MAX_GRADE} == {}
    assert content.treatments["bispecific_antibodies"].title.startswith("Bispecific antibodies")
    assert content.treatments["immunoglobulin"].title.startswith("Immunoglobulin")
