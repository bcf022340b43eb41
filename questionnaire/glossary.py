"""Which glossary terms a page uses, so it can explain just those.

Which terms each item's texts mention is worked out once per content snapshot
(:attr:`Content.glossary_index`), so a page only joins the sets of the items it shows.
"""
import re

#: The pools whose items a result page shows, with the texts of each that it shows.
SHOWN_TEXTS = {
    "categories": ("summary", "how_it_works", "how_given", "common_side_effects", "serious_side_effects",
                   "call_now_signs"),
    "treatments": ("title", "description", "examples"),
    "notes": ("text",),
    "questions": ("text",),
}


def terms_in(texts, glossary):
    """The slugs of the glossary terms any of the texts mentions."""
    blob = " ".join(texts).lower()
    return frozenset(
        term.slug for term in glossary.values()
        if any(re.search(rf"(?<![\w-]){re.escape(match)}", blob) for match in term.matches))


def _texts(item, fields):
    for name in fields:
        value = getattr(item, name)
        yield from (value if isinstance(value, (list, tuple)) else [value])


def index_terms(content):
    """``{(pool, slug): slugs of the terms its texts mention}`` for every item a result can show."""
    return {(pool, slug): terms_in(list(_texts(item, fields)), content.glossary)
            for pool, fields in SHOWN_TEXTS.items() for slug, item in getattr(content, pool).items()}


def _shown_items(result):
    """(pool, item) for each item of the content a result page shows."""
    shown = {"categories": result.categories, "treatments": result.treatments,
             "notes": result.notes, "questions": result.questions}
    return [(pool, item) for pool, items in shown.items() for item in items]


def result_texts(result):
    """Every text a result page shows from the content."""
    return [text for pool, item in _shown_items(result) for text in _texts(item, SHOWN_TEXTS[pool])]


def result_terms(result, content):
    """The glossary terms a result page mentions, in alphabetical order."""
    index = content.glossary_index
    # A filled template's text names the person's medicines: searched as shown, not from the index.
    slugs = set().union(*(terms_in(list(_texts(item, SHOWN_TEXTS[pool])), content.glossary)
                          if getattr(item, "fact", "") else index[pool, item.slug]
                          for pool, item in _shown_items(result)))
    return sorted((content.glossary[slug] for slug in slugs), key=lambda term: term.term.lower())
