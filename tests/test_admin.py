"""The content admin: staff only, and it refuses a save that would break the content."""
import pytest
from django.urls import reverse

from questionnaire.models import Condition, Question, Rule
from questionnaire.registry import CONTENT_MODELS
from tests.helpers.admin import change_form_data

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("model", CONTENT_MODELS, ids=lambda model: model.__name__)
def test_every_content_model_is_in_the_admin_and_checked_on_save(admin_client, model):
    from django.contrib import admin

    from questionnaire.admin import ValidatedContentForm
    assert admin_client.get(reverse(f"admin:questionnaire_{model._meta.model_name}_changelist")).status_code == 200
    assert issubclass(admin.site._registry[model].form, ValidatedContentForm)


def test_the_admin_is_for_staff_only(client, django_user_model):
    client.force_login(django_user_model.objects.create_user("visitor", password="a-long-password-123"))
    response = client.get(reverse("admin:questionnaire_rule_changelist"))
    assert response.status_code == 302 and "/login/" in response.url


def test_a_sound_edit_is_saved(admin_client):
    question = Question.objects.order_by("pk").first()
    url, data = change_form_data(admin_client, question)
    data["text_en"] = "A reworded question?"
    data["text_es"] = "¿Una pregunta con otras palabras?"
    response = admin_client.post(url, data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    saved = Question.objects.get(pk=question.pk)
    assert (saved.text_en, saved.text_es) == ("A reworded question?", "¿Una pregunta con otras palabras?")


def test_a_rule_left_with_no_conditions_is_refused_with_the_reason(admin_client):
    rule = Rule.objects.order_by("pk").first()
    url, data = change_form_data(admin_client, rule)
    for name in ("goals", "given_goals", "conditions", "condition_groups", "stages", "factors", "concerns"):
        data[name] = []  # every box unticked
    data["reason"] = "Changed."
    response = admin_client.post(url, data)
    assert response.status_code == 200
    assert f"rule {rule.pk!r}, field 'conditions': lists no condition" in response.content.decode().replace("&#x27;", "'")
    assert Rule.objects.get(pk=rule.pk).reason != "Changed."


def test_a_rules_conditions_are_ticks_from_the_vocabulary(admin_client):
    from django.forms import CheckboxSelectMultiple

    from questionnaire.vocabulary import Factor, Goal, Stage
    rule = Rule.objects.order_by("pk").first()
    form = admin_client.get(reverse("admin:questionnaire_rule_change", args=[rule.pk])).context["adminform"].form
    for name, vocabulary in (("goals", Goal), ("stages", Stage), ("factors", Factor)):
        assert isinstance(form.fields[name].widget, CheckboxSelectMultiple)
        assert [value for value, _ in form.fields[name].choices] == list(vocabulary.values)
    assert {value for value, _ in form.fields["conditions"].choices} == set(
        Condition.objects.values_list("slug", flat=True))


def test_ticking_a_rules_conditions_saves_them_as_slugs(admin_client):
    rule = Rule.objects.exclude(factors=[]).order_by("pk").first()
    url, data = change_form_data(admin_client, rule)
    data["factors"] = ["pregnancy", "vaccines_due"]
    response = admin_client.post(url, data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    assert Rule.objects.get(pk=rule.pk).factors == ["pregnancy", "vaccines_due"]


def test_a_question_with_an_unknown_goal_is_refused(admin_client):
    question = Question.objects.order_by("pk").first()
    url, data = change_form_data(admin_client, question)
    data["goals"] = '["boost"]'
    page = admin_client.post(url, data).content.decode().replace("&#x27;", "'")
    assert f"question {question.pk!r}, field 'goals': unknown value(s) 'boost'" in page
    assert Question.objects.get(pk=question.pk).goals != ["boost"]


def test_a_condition_whose_default_goal_is_not_usual_is_refused(admin_client):
    condition = Condition.objects.get(pk="melanoma")
    url, data = change_form_data(admin_client, condition)
    data["default_goal"] = "dampen"
    page = admin_client.post(url, data).content.decode().replace("&#x27;", "'")
    assert "condition 'melanoma', field 'default_goal': must be one of the usual goals" in page
    assert Condition.objects.get(pk="melanoma").default_goal == "strengthen"


def test_a_new_rule_that_adds_nothing_is_refused_and_not_created(admin_client):
    response = admin_client.post(reverse("admin:questionnaire_rule_add"), {
        "slug": "empty-rule", "priority": 1, "reason_en": "Because.", "goals": ["dampen"]})
    assert "rule 'empty-rule', field 'adds': adds nothing" in response.content.decode().replace("&#x27;", "'")
    assert not Rule.objects.filter(pk="empty-rule").exists()


@pytest.fixture
def rule_with_one_question(db):
    """A rule whose only addition is one question of its own: deleting the question empties it."""
    model = Question.objects.order_by("pk").first()
    question = Question.objects.create(
        slug="only-question", text="Is this the only one?", theme=model.theme, priority=model.priority,
        last_reviewed=model.last_reviewed)
    question.sources.set(model.sources.all())
    rule = Rule.objects.create(slug="only-rule", priority=1, reason="You said so.", goals=["dampen"])
    rule.questions.set([question])
    return rule, question


def test_a_delete_that_would_leave_a_rule_adding_nothing_is_refused_with_the_reason(admin_client, rule_with_one_question):
    rule, question = rule_with_one_question
    url = reverse("admin:questionnaire_question_delete", args=[question.pk])
    response = admin_client.post(url, {"post": "yes"}, follow=True)
    assert Question.objects.filter(pk=question.pk).exists()
    said = [str(m) for m in response.context["messages"]]
    assert any(m.startswith("Not deleted: rule 'only-rule', field 'adds'") for m in said), said


def test_delete_selected_deletes_none_if_that_would_break_the_content(admin_client, rule_with_one_question):
    rule, question = rule_with_one_question
    other = Question.objects.exclude(pk=question.pk).order_by("pk").first()
    response = admin_client.post(reverse("admin:questionnaire_question_changelist"), {
        "action": "delete_selected", "_selected_action": [question.pk, other.pk], "post": "yes"}, follow=True)
    assert Question.objects.filter(pk__in=[question.pk, other.pk]).count() == 2
    assert any(str(m).startswith("Not deleted:") for m in response.context["messages"])


def test_a_delete_that_breaks_nothing_goes_ahead(admin_client, rule_with_one_question):
    rule, question = rule_with_one_question
    admin_client.post(reverse("admin:questionnaire_rule_delete", args=[rule.pk]), {"post": "yes"})
    admin_client.post(reverse("admin:questionnaire_question_delete", args=[question.pk]), {"post": "yes"})
    assert not Question.objects.filter(pk=question.pk).exists()


def test_a_save_says_what_changed(admin_client):
    question = Question.objects.order_by("pk").first()
    url, data = change_form_data(admin_client, question)
    data["text_en"] = "Reworded for the test?"
    response = admin_client.post(url, data, follow=True)
    assert "Changed: Text [en]." in [str(m) for m in response.context["messages"]]


class TestFrontPage:
    """What a clinic manager meets first: the clinic and the content's sign-off, in the product's
    words (immunoguide/admin_site.py, docs/operations.md#the-admin)."""

    def test_the_clinic_profile_and_the_release_lead_the_first_section(self, admin_client):
        apps = admin_client.get(reverse("admin:index")).context["app_list"]
        assert [app["app_label"] for app in apps] == ["questionnaire", "auth", "otp_totp", "otp_static", "axes"]
        assert [model["object_name"] for model in apps[0]["models"][:2]] == ["ClinicProfile", "ContentRelease"]

    def test_without_a_clinic_it_offers_to_add_one_and_gives_the_sign_off_state(self, admin_client):
        from questionnaire.models import ContentRelease
        response = admin_client.get(reverse("admin:index"))
        release = ContentRelease.objects.order_by("-published").first()
        assert response.context["clinic"] is None and response.context["release"] == release
        html = response.content.decode()
        assert reverse("admin:questionnaire_clinicprofile_add") in html
        assert reverse("admin:questionnaire_contentrelease_change", args=[release.pk]) in html
        assert release.version in html

    def test_with_a_clinic_it_shows_its_numbers_and_where_to_change_them(self, admin_client):
        from tests.test_views_clinic import CLINIC
        from questionnaire.models import ClinicProfile
        clinic = ClinicProfile.objects.create(**CLINIC)
        html = admin_client.get(reverse("admin:index")).content.decode()
        assert clinic.day_phone in html and clinic.out_of_hours_phone in html
        assert reverse("admin:questionnaire_clinicprofile_change", args=[clinic.pk]) in html

    def test_the_profile_previews_the_printout_with_its_lines_and_numbers(self, admin_client, client):
        import io
        from pypdf import PdfReader
        from tests.test_views_clinic import CLINIC
        from questionnaire.models import ClinicProfile
        clinic = ClinicProfile.objects.create(**CLINIC)
        preview = reverse("admin:questionnaire_clinicprofile_preview")
        assert preview in admin_client.get(
            reverse("admin:questionnaire_clinicprofile_change", args=[clinic.pk])).content.decode()
        response = admin_client.get(preview)
        assert response["Content-Type"] == "application/pdf"
        pages = PdfReader(io.BytesIO(response.content)).pages
        text = " ".join(" ".join(page.extract_text() for page in pages).split())
        assert len(pages) == 1
        assert clinic.name in text and clinic.day_phone in text and clinic.out_of_hours_phone in text
        assert "When to call" in text
        assert client.get(preview).status_code == 302  # staff only

    def test_the_sections_and_titles_are_the_products_not_the_libraries(self, admin_client):
        from django.apps import apps as installed
        from django.contrib import admin
        from django.contrib.admin import AdminSite
        response = admin_client.get(reverse("admin:index"))
        assert response.context["site_header"] == admin.site.site_header != AdminSite.site_header
        assert response.context["site_title"] == admin.site.site_title != AdminSite.site_title
        for app in response.context["app_list"]:
            config = installed.get_app_config(app["app_label"])
            assert app["name"] == config.verbose_name and type(config).__module__ in (
                "immunoguide.apps", "questionnaire.apps")
