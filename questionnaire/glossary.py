"""Which glossary terms a page uses, so it can explain just those."""
import re


def terms_used(texts, glossary):
    """The glossary terms any of the texts mentions, in alphabetical order."""
    blob = " ".join(texts).lower()
    used = [
        term for term in glossary.values()
        if any(re.search(rf"(?<![\w-]){re.escape(match)}", blob) for match in term.matches)
    ]
    return sorted(used, key=lambda term: term.term.lower())


def result_texts(result):
    """Every text a result page shows from the content."""
    texts = []
    for category in result.categories:
        texts += [category.summary, category.how_it_works, category.how_given,
                  category.common_side_effects, category.serious_side_effects, *category.call_now_signs]
    for treatment in result.treatments:
        texts += [treatment.title, treatment.description, treatment.examples]
    texts += [note.text for note in result.notes] + [question.text for question in result.questions]
    return texts
