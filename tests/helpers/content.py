"""Every text the content holds, named, for the content checks."""
CATEGORY_FIELDS = ("summary", "how_it_works", "how_given", "common_side_effects",
                   "serious_side_effects")


def patient_texts(content):
    """(item name, text, is_short_label) for every text a patient reads.

    Short labels are condition labels, condition hints, category and treatment
    titles, medicine names and the call-now warning signs: phrases that name
    something rather than explain it.
    """
    texts = []
    for slug, cat in sorted(content.categories.items()):
        texts.append((f"category {slug!r} title", cat.title, True))
        for name in CATEGORY_FIELDS:
            texts.append((f"category {slug!r} {name}", getattr(cat, name), False))
        for number, sign in enumerate(cat.call_now_signs, 1):
            texts.append((f"category {slug!r} call_now_signs #{number}", sign, True))
    for slug, treatment in sorted(content.treatments.items()):
        texts.append((f"treatment type {slug!r} title", treatment.title, True))
        texts.append((f"treatment type {slug!r} description", treatment.description, False))
    for slug, medicine in sorted(content.medicines.items()):
        texts.append((f"medicine {slug!r} name", medicine.name, True))
    for slug, question in sorted(content.questions.items()):
        texts.append((f"question {slug!r}", question.text, False))
    for slug, note in sorted(content.notes.items()):
        texts.append((f"note {slug!r}", note.text, False))
    for slug, condition in sorted(content.conditions.items()):
        texts.append((f"condition {slug!r} label", condition.label, True))
        if condition.hint:
            texts.append((f"condition {slug!r} hint", condition.hint, True))
    for rule in content.rules:
        texts.append((f"rule {rule.slug!r} reason", rule.reason, False))
    for slug, term in sorted(content.glossary.items()):
        texts.append((f"glossary term {slug!r} term", term.term, True))
        texts.append((f"glossary term {slug!r} definition", term.definition, False))
    if content.release is not None:
        for name in ("written_by", "reviewed_by", "funding", "conflicts_of_interest", "update_policy"):
            texts.append((f"content release {name}", getattr(content.release, name), False))
    return texts


def all_content_texts(content):
    """Every text the content holds, for the trap scan: patient texts plus examples and the release."""
    texts = [(name, text) for name, text, _ in patient_texts(content)]
    for slug, treatment in sorted(content.treatments.items()):
        texts.append((f"treatment type {slug!r} examples", treatment.examples))
    if content.release is not None:
        texts.append((f"content release {content.release.version!r} summary", content.release.summary))
    return texts
