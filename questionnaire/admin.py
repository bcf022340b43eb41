"""The content admin, for staff who keep the medical content and rules correct."""
from django.contrib import admin

from . import models


@admin.register(models.Source)
class SourceAdmin(admin.ModelAdmin):
    list_display = ["slug", "organisation", "title", "url"]
    search_fields = ["slug", "organisation", "title", "url"]


@admin.register(models.ContentRelease)
class ContentReleaseAdmin(admin.ModelAdmin):
    list_display = ["version", "published", "last_reviewed"]


@admin.register(models.TherapyCategory)
class TherapyCategoryAdmin(admin.ModelAdmin):
    list_display = ["slug", "title", "goal", "last_reviewed"]
    filter_horizontal = ["sources"]


@admin.register(models.TreatmentType)
class TreatmentTypeAdmin(admin.ModelAdmin):
    list_display = ["slug", "title", "category", "last_reviewed"]
    list_filter = ["category"]
    filter_horizontal = ["sources"]


@admin.register(models.Condition)
class ConditionAdmin(admin.ModelAdmin):
    list_display = ["slug", "label", "group", "default_goal"]
    list_filter = ["group"]


@admin.register(models.Question)
class QuestionAdmin(admin.ModelAdmin):
    list_display = ["slug", "text", "theme", "last_reviewed"]
    list_filter = ["theme"]
    search_fields = ["slug", "text"]
    filter_horizontal = ["sources"]


@admin.register(models.Note)
class NoteAdmin(admin.ModelAdmin):
    list_display = ["slug", "kind", "text"]
    list_filter = ["kind"]
    search_fields = ["slug", "text"]
    filter_horizontal = ["sources"]


@admin.register(models.Rule)
class RuleAdmin(admin.ModelAdmin):
    list_display = ["slug", "priority", "reason"]
    search_fields = ["slug", "reason"]
    filter_horizontal = ["categories", "treatments", "questions", "notes"]
