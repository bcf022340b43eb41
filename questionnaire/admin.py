"""The content admin, for staff who keep the medical content and rules correct."""
from django import forms
from django.contrib import admin
from django.db import router, transaction

from . import models
from .vocabulary import ConditionGroup, Concern, Factor, Goal, Stage
from .validation import validate_database


class _TrialSave(Exception):
    """Raised to roll back a save made only to see what it would break."""


class ValidatedContentForm(forms.ModelForm):
    """Refuses a save that would break content validation, and says why.

    The change is saved inside a transaction, the whole content is validated,
    and the transaction is rolled back; only problems the change would add are
    reported, so an edit elsewhere never blocks this one.
    """

    def _post_clean(self):
        super()._post_clean()
        if not self.errors:
            for problem in self.problems_if_saved():
                self.add_error(None, str(problem))

    def problems_if_saved(self):
        using = router.db_for_write(self._meta.model)
        before = {str(problem) for problem in validate_database(using)}
        instance = self.instance
        adding, pk = instance._state.adding, instance.pk
        after = []
        try:
            with transaction.atomic(using=using):
                instance.save(using=using)
                self._save_m2m()
                after = validate_database(using)
                raise _TrialSave
        except _TrialSave:
            pass
        finally:
            instance._state.adding = adding
            if adding and instance._meta.pk.auto_created:
                instance.pk = pk
        return [problem for problem in after if str(problem) not in before]


class ContentAdmin(admin.ModelAdmin):
    form = ValidatedContentForm


def vocabulary_field(choices, help_text):
    """A list of slugs stored as JSON, edited as ticks from the product's vocabulary."""
    return forms.TypedMultipleChoiceField(
        choices=choices, required=False, widget=forms.CheckboxSelectMultiple, help_text=help_text)


class RuleForm(ValidatedContentForm):
    """A rule's conditions as ticks from the vocabulary (PRODUCT.md's slugs), not JSON text."""

    goals = vocabulary_field(Goal.choices, "The goal the engine uses (after inferring one). None ticked: any.")
    given_goals = vocabulary_field(Goal.choices, "The goal as the person gave it. None ticked: any.")
    conditions = vocabulary_field((), "None ticked: any.")
    condition_groups = vocabulary_field(ConditionGroup.choices, "None ticked: any.")
    stages = vocabulary_field(Stage.choices, "None ticked: any.")
    factors = vocabulary_field(Factor.choices, "Holds when any ticked one was chosen. None ticked: any.")
    concerns = vocabulary_field(Concern.choices, "Holds when any ticked one was chosen. None ticked: any.")

    class Meta:
        model = models.Rule
        fields = "__all__"

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # The conditions are content: those in the database (and any the rule names already).
        known = dict(models.Condition.objects.values_list("slug", "label"))
        for slug in self.initial.get("conditions") or ():
            known.setdefault(slug, slug)
        self.fields["conditions"].choices = sorted(known.items(), key=lambda item: item[1])


@admin.register(models.Source)
class SourceAdmin(ContentAdmin):
    list_display = ["slug", "organisation", "title", "url"]
    search_fields = ["slug", "organisation", "title", "url"]


@admin.register(models.ContentRelease)
class ContentReleaseAdmin(ContentAdmin):
    list_display = ["version", "published", "last_reviewed"]


@admin.register(models.TherapyCategory)
class TherapyCategoryAdmin(ContentAdmin):
    list_display = ["slug", "title", "goal", "last_reviewed"]
    filter_horizontal = ["sources"]


@admin.register(models.TreatmentType)
class TreatmentTypeAdmin(ContentAdmin):
    list_display = ["slug", "title", "category", "last_reviewed"]
    list_filter = ["category"]
    filter_horizontal = ["sources"]


@admin.register(models.Condition)
class ConditionAdmin(ContentAdmin):
    list_display = ["slug", "label", "group", "default_goal"]
    list_filter = ["group"]


@admin.register(models.Question)
class QuestionAdmin(ContentAdmin):
    list_display = ["slug", "text", "theme", "priority", "last_reviewed"]
    list_filter = ["priority", "theme"]
    search_fields = ["slug", "text"]
    filter_horizontal = ["sources"]


@admin.register(models.Note)
class NoteAdmin(ContentAdmin):
    list_display = ["slug", "kind", "title", "call_now"]
    list_filter = ["kind", "call_now"]
    search_fields = ["slug", "text"]
    filter_horizontal = ["sources"]


@admin.register(models.Rule)
class RuleAdmin(ContentAdmin):
    form = RuleForm
    list_display = ["slug", "priority", "question_priority", "reason"]
    list_filter = ["question_priority"]
    search_fields = ["slug", "reason"]
    filter_horizontal = ["categories", "treatments", "questions", "notes"]


@admin.register(models.GlossaryTerm)
class GlossaryTermAdmin(ContentAdmin):
    list_display = ["slug", "term", "definition"]
    search_fields = ["term", "definition"]
    filter_horizontal = ["sources"]
