"""The content fields that have a Spanish text beside the English (django-modeltranslation).

Each field named here gets a ``<field>_es`` column and fixture key beside it; the
English stays in the field itself. Why this library: docs/translation.md.
"""
from modeltranslation.translator import TranslationOptions, register

from . import models


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
