"""Medical words are explained where they are used (questionnaire/glossary.py)."""
import itertools
import re

import pytest

from questionnaire.engine import Answers, recommend
from questionnaire.vocabulary import Goal
from questionnaire.glossary import result_terms, result_texts, terms_in
from questionnaire.content_items import GlossaryTerm
from tests.helpers.content import all_content_texts
from tests.helpers.wizard import complete

#: Medical words a reader may not know. Where the content uses one, the glossary must explain it.
MEDICAL_WORDS = [
    "anaphylaxis", "antibody", "antibodies", "autoimmune", "bcg", "biologic", "car t", "checkpoint",
    "clinical trial", "cytokine", "cytokine release", "flare", "graft-versus-host", "immune-related",
    "immune system", "immunotherapy", "infusion", "live vaccine", "monoclonal", "rejection",
    "steroid", "t cell", "t-cell", "taper", "tumor",
]


def glossary():
    return {
        "t-cell": GlossaryTerm("t-cell", term="T cell", definition="A white blood cell.", matches=("t cell", "t-cell")),
        "infusion": GlossaryTerm("infusion", term="Infusion", definition="A drip.", matches=("infusion",)),
    }


def test_finds_the_terms_a_text_uses_in_any_form():
    assert terms_in(["Your T-cells are given back by infusion."], glossary()) == {"infusion", "t-cell"}


def test_ignores_a_word_that_only_contains_the_term():
    assert terms_in(["Confusion is a warning sign."], glossary()) == set()


@pytest.mark.django_db
def test_every_medical_word_the_content_uses_has_a_definition(content):
    text = " ".join(t for _, t in all_content_texts(content)).lower()
    matches = {m for term in content.glossary.values() for m in term.matches}
    used = [w for w in MEDICAL_WORDS if re.search(rf"(?<![\w-]){re.escape(w)}", text)]
    assert used, "the word list no longer matches the content"
    assert [w for w in used if not any(w.startswith(m) or m.startswith(w) for m in matches)] == []


@pytest.mark.django_db
def test_a_result_explains_the_words_it_uses(content):
    result = recommend(Answers("strengthen", "lymphoma", "considering"), content)
    terms = {t.slug for t in result_terms(result, content)}
    assert {"car-t-cell-therapy", "infusion", "immune-system"} <= terms


@pytest.mark.django_db
def test_the_terms_each_item_mentions_are_found_once_per_snapshot_and_match_a_search_of_the_page(content):
    """The index built with the snapshot gives what searching the whole result's texts gives."""
    for goal, condition in itertools.product(Goal.values, content.conditions):
        result = recommend(Answers(goal, condition, "on_treatment", (), ()), content)
        assert {t.slug for t in result_terms(result, content)} == terms_in(result_texts(result), content.glossary)


@pytest.mark.django_db
def test_the_result_page_shows_words_explained_without_javascript(client, content):
    page = complete(client, "strengthen", "melanoma").content.decode()
    assert "Words explained" in page
    assert content.glossary["checkpoint-inhibitor"].definition in page


@pytest.mark.django_db
def test_the_spanish_pages_explain_the_same_words_as_the_english(content):
    """Each term's Spanish ``matches`` find it in the Spanish texts where the English finds it, and
    nowhere else: "poco a poco" once explained "taper" beside doses that go up, not down."""
    spanish = content.in_language("es")
    differ = []
    for goal, condition in itertools.product(Goal.values, content.conditions):
        answers = Answers(goal, condition, "starting", (), ())
        in_english = {t.slug for t in result_terms(recommend(answers, content), content)}
        in_spanish = {t.slug for t in result_terms(recommend(answers, spanish), spanish)}
        if in_english != in_spanish:
            differ.append((goal, condition, sorted(in_english - in_spanish), sorted(in_spanish - in_english)))
    assert differ == []
