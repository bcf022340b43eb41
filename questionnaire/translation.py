"""The content fields that have a Spanish text beside the English (django-modeltranslation).

Each field named here gets a ``<field>_es`` column and fixture key beside it; the
English stays in the field itself. Why this library: docs/translation.md.
"""
import functools

from django.conf import settings
from modeltranslation.translator import NotRegistered, TranslationOptions, register, translator

from . import models
from .content_items import SOURCE_LANGUAGE
from .registry import CONTENT


@register(models.ContentRelease)
class ContentReleaseTranslation(TranslationOptions):
    fields = ("summary", "written_by", "reviewed_by", "funding", "conflicts_of_interest", "update_policy")


@register(models.TherapyCategory)
class TherapyCategoryTranslation(TranslationOptions):
    fields = ("title", "summary", "how_it_works", "how_given", "common_side_effects",
              "serious_side_effects", "call_now_signs")


@register(models.TreatmentType)
class TreatmentTypeTranslation(TranslationOptions):
    fields = ("title", "description", "examples")


@register(models.Medicine)
class MedicineTranslation(TranslationOptions):
    fields = ("name", "examples")


@register(models.Condition)
class ConditionTranslation(TranslationOptions):
    fields = ("label", "hint")


@register(models.Question)
class QuestionTranslation(TranslationOptions):
    fields = ("text",)


@register(models.Note)
class NoteTranslation(TranslationOptions):
    fields = ("title", "text")


@register(models.GlossaryTerm)
class GlossaryTermTranslation(TranslationOptions):
    fields = ("term", "definition", "matches")


@register(models.Rule)
class RuleTranslation(TranslationOptions):
    fields = ("reason",)


@register(models.ClinicProfile)
class ClinicProfileTranslation(TranslationOptions):
    fields = ("endorsement",)


def translated_languages():
    """The languages the content is translated into: every one offered but the source language."""
    return [code for code, _ in settings.LANGUAGES if code != SOURCE_LANGUAGE]


@functools.cache
def translated_fields(model):
    """The fields of a model that have a text per language (questionnaire/translation.py);
    asked for each field of each item a snapshot reads, and fixed once the apps are loaded."""
    try:
        return tuple(translator.get_options_for_model(model).fields)
    except NotRegistered:
        return ()


@functools.cache
def translated_fields_by_pool():
    """The fields each pool translates, as registered above."""
    fields = {pool: translated_fields(model) for model, _, pool in CONTENT}
    fields["clinic"] = translated_fields(models.ClinicProfile)
    return fields
