"""The content admin, for staff who keep the medical content and rules correct."""
import datetime

from django import forms
from django.contrib import admin, messages
from django.db import router, transaction
from django.shortcuts import redirect
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.urls import path, reverse
from modeltranslation.admin import TranslationAdmin

from . import models
from .content_items import SIGN_OFF_FIELDS
from .content_reading import current_content
from .engine import Answers, recommend
from .facts import medicine_names
from .pdf import as_pdf
from .printout import PAPER_SIZES, ListDocument, sign_off_line
from .question_list import ListChoices, build_question_list
from .translation import translated_fields
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


def problems_if_deleted(queryset):
    """What deleting these items would break (a rule left adding nothing, say), tried and rolled back."""
    using = queryset.db
    before = {str(problem) for problem in validate_database(using)}
    after = []
    try:
        with transaction.atomic(using=using):
            queryset.delete()
            after = validate_database(using)
            raise _TrialSave
    except _TrialSave:
        pass
    return [problem for problem in after if str(problem) not in before]


class ContentAdmin(admin.ModelAdmin):
    """Every save and delete is checked against the whole content; the page says what changed."""

    form = ValidatedContentForm

    def delete_view(self, request, object_id, extra_context=None):
        if request.method == "POST":
            refused = self.refuse_delete(request, self.get_queryset(request).filter(pk=object_id))
            if refused:
                return redirect(reverse(f"admin:{self.opts.app_label}_{self.opts.model_name}_change",
                                        args=[object_id]))
        return super().delete_view(request, object_id, extra_context)

    def get_actions(self, request):
        """"Delete selected" deletes all of them, or none if that would break the content."""
        actions = super().get_actions(request)
        if "delete_selected" in actions:
            delete_selected, name, description = actions["delete_selected"]

            def checked_delete(modeladmin, request, queryset):
                if request.POST.get("post") and modeladmin.refuse_delete(request, queryset):
                    return None  # back to the list, with the reasons
                return delete_selected(modeladmin, request, queryset)
            actions["delete_selected"] = (checked_delete, name, description)
        return actions

    def refuse_delete(self, request, queryset):
        problems = problems_if_deleted(queryset)
        for problem in problems:
            self.message_user(request, f"Not deleted: {problem}", level=messages.ERROR)
        return bool(problems)

    def save_model(self, request, obj, form, change):
        if change:
            request.content_before = stored_values(type(obj)._default_manager.get(pk=obj.pk))
        super().save_model(request, obj, form, change)

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        before = getattr(request, "content_before", None)
        if before is not None:
            after = stored_values(form.instance)
            changed = [name for name in after if after[name] != before.get(name)]
            if changed:
                self.message_user(request, f"Changed: {', '.join(changed)}.", level=messages.INFO)


class TranslatedContentAdmin(TranslationAdmin, ContentAdmin):
    """Content with a Spanish text beside the English: each translated field is edited as
    one box per language ("Text [en]", "Text [es]"), as django-modeltranslation lays them out."""


def stored_values(obj):
    """Each field's stored value by its name as the admin shows it, links as sorted slugs.

    A translated field is named per language ("Text [es]"); the field itself only
    mirrors the current language's, so it is left out.
    """
    mirrors = set(translated_fields(type(obj)))
    copies = {f.name for f in obj._meta.concrete_fields
              if any(f.name.startswith(f"{name}_") for name in mirrors)}
    # A translation not yet written may be stored as None or as empty: the same to the editor.
    values = {str(f.verbose_name).capitalize(): f.value_from_object(obj) or None if f.name in copies
              else f.value_from_object(obj)
              for f in obj._meta.concrete_fields if f.name not in mirrors}
    values.update({str(f.verbose_name).capitalize(): sorted(o.pk for o in getattr(obj, f.name).all())
                   for f in obj._meta.many_to_many})
    return values


def vocabulary_field(choices, help_text):
    """A list of slugs stored as JSON, edited as ticks from the product's vocabulary."""
    return forms.TypedMultipleChoiceField(
        choices=choices, required=False, widget=forms.CheckboxSelectMultiple, help_text=help_text)


class RuleForm(ValidatedContentForm):
    """A rule's conditions as ticks from the vocabulary (docs/product.md#vocabulary), not JSON text."""

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
class ContentReleaseAdmin(TranslatedContentAdmin):
    """The sign-off is shown, not edited: only ``sign_off`` records one, from a reviewed diff."""

    list_display = ["version", "published", "last_reviewed", "signed_off_by", "signed_off_on"]
    readonly_fields = SIGN_OFF_FIELDS


@admin.register(models.TherapyCategory)
class TherapyCategoryAdmin(TranslatedContentAdmin):
    list_display = ["slug", "title", "goal", "last_reviewed"]
    filter_horizontal = ["sources"]


@admin.register(models.TreatmentType)
class TreatmentTypeAdmin(TranslatedContentAdmin):
    list_display = ["slug", "title", "category", "last_reviewed"]
    list_filter = ["category"]
    filter_horizontal = ["sources"]


@admin.register(models.Medicine)
class MedicineAdmin(TranslatedContentAdmin):
    list_display = ["slug", "name", "treatment", "pregnancy", "pregnancy_wait_kind", "avoid_live_vaccines",
                    "last_reviewed"]
    list_filter = ["treatment", "pregnancy", "pregnancy_wait_kind", "avoid_live_vaccines", "steroid_sick_day"]
    search_fields = ["slug", "name", "examples"]
    filter_horizontal = ["sources"]


@admin.register(models.Condition)
class ConditionAdmin(TranslatedContentAdmin):
    list_display = ["slug", "label", "group", "default_goal"]
    list_filter = ["group"]


@admin.register(models.Question)
class QuestionAdmin(TranslatedContentAdmin):
    list_display = ["slug", "text", "theme", "priority", "fact", "last_reviewed"]
    list_filter = ["priority", "theme", "fact"]
    search_fields = ["slug", "text"]
    filter_horizontal = ["sources"]


@admin.register(models.Note)
class NoteAdmin(TranslatedContentAdmin):
    list_display = ["slug", "kind", "title", "call_now"]
    list_filter = ["kind", "call_now"]
    search_fields = ["slug", "text"]
    filter_horizontal = ["sources"]


@admin.register(models.Rule)
class RuleAdmin(TranslatedContentAdmin):
    form = RuleForm
    list_display = ["slug", "priority", "question_priority", "reason"]
    list_filter = ["question_priority"]
    search_fields = ["slug", "reason"]
    filter_horizontal = ["categories", "treatments", "questions", "notes"]


@admin.register(models.GlossaryTerm)
class GlossaryTermAdmin(TranslatedContentAdmin):
    list_display = ["slug", "term", "definition"]
    search_fields = ["term", "definition"]
    filter_horizontal = ["sources"]


@admin.register(models.ClinicProfile)
class ClinicProfileAdmin(TranslationAdmin):
    """One profile per deployment: once there is one, it is edited, not added to."""

    list_display = ["name", "day_phone", "out_of_hours_phone", "paper"]

    def has_add_permission(self, request):
        return super().has_add_permission(request) and not models.ClinicProfile.objects.exists()

    def add_view(self, request, form_url="", extra_context=None):
        """With a profile there already, "add" opens it to edit, rather than a bare 403."""
        existing = models.ClinicProfile.objects.order_by("pk").first()
        if existing is not None:
            messages.info(request, "There is one clinic profile per deployment: edit it here.")
            return redirect(reverse("admin:questionnaire_clinicprofile_change", args=[existing.pk]))
        return super().add_view(request, form_url, {**(extra_context or {}), "show_save_and_add_another": False})

    def change_view(self, request, object_id, form_url="", extra_context=None):
        return super().change_view(request, object_id, form_url, {
            **(extra_context or {}), "show_save_and_add_another": False,
            "preview_url": reverse("admin:questionnaire_clinicprofile_preview")})

    def get_urls(self):
        preview = path("preview.pdf", self.admin_site.admin_view(self.preview_view),
                       name="questionnaire_clinicprofile_preview")
        return [preview, *super().get_urls()]

    def preview_view(self, request):
        """The saved profile on a sample printout (rheumatoid arthritis, planning a pregnancy), as the
        PDF a patient downloads: how the clinic's lines and numbers will look before a patient sees them."""
        if not self.has_view_permission(request):
            raise PermissionDenied
        start = request.build_absolute_uri(reverse("questionnaire:start"))
        response = HttpResponse(sample_printout(start), content_type="application/pdf")
        response["Content-Disposition"] = 'inline; filename="immunoguide-clinic-preview.pdf"'
        return response


def sample_printout(link):
    """The PDF of a sample short list with the clinic's saved profile: the admin's preview (its QR
    code opens ``link``)."""
    content = current_content()
    outcome = recommend(Answers("dampen", "rheumatoid_arthritis", "starting", ("pregnancy_planning",), (),
                                ("methotrexate",)), content)
    question_list = build_question_list(outcome, ListChoices())
    today = datetime.date.today()
    clinic = content.clinic
    return as_pdf(ListDocument(
        question_list=question_list, date=today, condition=outcome.condition.label,
        goal=str(Goal(outcome.answers.goal).label), medicines=medicine_names(outcome.medicines),
        version=content.release.version if content.release else "-",
        last_reviewed=content.release.last_reviewed if content.release else today,
        paper=clinic.paper if clinic is not None and clinic.paper in PAPER_SIZES else "a4",
        source_names=sorted({s.organisation for s in outcome.sources_of(outcome.questions)}),
        sign_off=sign_off_line(content), clinic=clinic, signs=outcome.signs(),
        link=link, link_until=today + datetime.timedelta(days=30)))
