"""The content models, in one list: what is loaded, exported, checked, edited and stamped.

Loading, ``export_content``, the reference check, the admin and the content stamp
all read this list, so a new content model is added here once and every one of
them covers it.
"""
from collections.abc import Mapping

from . import models

#: Each content model, the fixture file that holds it and where the content snapshot
#: (questionnaire/content.py, content_items.py) keeps its items, in loading order (what others refer to first).
CONTENT = [
    (models.Source, "sources.json", "sources"),
    (models.ContentRelease, "release.json", "release"),
    (models.TherapyCategory, "categories.json", "categories"),
    (models.TreatmentType, "treatments.json", "treatments"),
    (models.Medicine, "medicines.json", "medicines"),
    (models.Condition, "conditions.json", "conditions"),
    (models.Question, "questions.json", "questions"),
    (models.Note, "notes.json", "notes"),
    (models.Rule, "rules.json", "rules"),
    (models.GlossaryTerm, "glossary.json", "glossary"),
]

CONTENT_MODELS = [model for model, _, _ in CONTENT]
#: What a snapshot reads, so what moves the content stamp when saved: the content, and the
#: clinic's profile (set in the admin for each deployment, so not in the fixtures).
SNAPSHOT_MODELS = [*CONTENT_MODELS, models.ClinicProfile]
FIXTURE_FILES = {file_name: model for model, file_name, _ in CONTENT}


def reviewed(content):
    """(kind, slug, item) for every item of a snapshot that carries its own review date."""
    for model, _, pool in CONTENT:
        if not any(field.name == "last_reviewed" for field in model._meta.fields):
            continue
        items = getattr(content, pool)
        if isinstance(items, Mapping):
            for slug, item in sorted(items.items()):
                yield model._meta.verbose_name, slug, item
        elif items is not None:  # the release: one item, named by its version
            yield model._meta.verbose_name, items.version, items
