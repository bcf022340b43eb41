"""Move the content stamp on every change to content, so cached copies are dropped."""
from django.db.models.signals import m2m_changed, post_delete, post_save

from . import models

CONTENT_MODELS = [
    models.Source, models.ContentRelease, models.TherapyCategory, models.TreatmentType,
    models.Condition, models.Question, models.Note, models.Rule, models.GlossaryTerm,
]


def content_changed(sender, using="default", action="post", **kwargs):
    if action.startswith("post"):
        models.ContentStamp.bump(using)


def connect():
    for model in CONTENT_MODELS:
        post_save.connect(content_changed, sender=model, dispatch_uid=f"stamp-save-{model.__name__}")
        post_delete.connect(content_changed, sender=model, dispatch_uid=f"stamp-delete-{model.__name__}")
        for field in model._meta.many_to_many:
            m2m_changed.connect(content_changed, sender=field.remote_field.through,
                                dispatch_uid=f"stamp-m2m-{model.__name__}-{field.name}")
