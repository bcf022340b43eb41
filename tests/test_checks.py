"""The content system check (questionnaire/checks.py): a database check, one content load per database."""
from datetime import date

import pytest
from django.core import checks as django_checks
from django.db import connection
from django.test.utils import CaptureQueriesContext

from questionnaire.checks import check_content
from questionnaire.models import ContentRelease, Medicine, Rule, TherapyCategory, TreatmentType
from questionnaire.registry import CONTENT_MODELS

pytestmark = pytest.mark.django_db


def ids(messages):
    return [m.id for m in messages]


def test_sound_content_passes_the_check():
    assert check_content(databases=["default"]) == []


def test_without_a_database_named_it_reads_none():
    with CaptureQueriesContext(connection) as queries:
        assert check_content() == []
    assert len(queries) == 0


def test_it_loads_the_content_once_however_many_checks_it_makes():
    with CaptureQueriesContext(connection) as once:
        check_content(databases=["default"])
    from questionnaire.content_reading import read_content
    with CaptureQueriesContext(connection) as load:
        read_content()
    loads = [q for q in once if q["sql"] == load[0]["sql"]]
    assert len(loads) == 1


def test_broken_content_is_an_error_naming_the_rule_and_field():
    rule = Rule.objects.first()
    Rule.objects.filter(pk=rule.pk).update(factors=["smoking"])
    errors = check_content(databases=["default"])
    assert ids(errors) == ["questionnaire.E001"]
    assert f"rule '{rule.pk}', field 'factors'" in errors[0].msg


def test_an_empty_database_is_a_warning_with_the_command_to_run():
    Rule.objects.all().delete()
    Medicine.objects.all().delete()
    TreatmentType.objects.all().delete()
    TherapyCategory.objects.all().delete()
    warnings = check_content(databases=["default"])
    assert ids(warnings) == ["questionnaire.W001"]
    assert "load_content" in warnings[0].hint


# Content overdue for review (questionnaire.W002): items not reviewed for over two years.

def test_the_shipped_content_is_not_overdue_for_review():
    assert "questionnaire.W002" not in ids(check_content(databases=["default"]))


def test_an_item_not_reviewed_for_over_two_years_is_a_warning_naming_it():
    from questionnaire.models import Question
    question = Question.objects.order_by("pk").first()
    Question.objects.filter(pk=question.pk).update(last_reviewed=date(2024, 5, 31))
    release = ContentRelease.objects.first()
    ContentRelease.objects.filter(pk=release.pk).update(last_reviewed=date(2024, 5, 31))

    warnings = check_content(databases=["default"], today=date(2026, 6, 1))
    assert ids(warnings) == ["questionnaire.W002", "questionnaire.W002"]
    messages = sorted(w.msg for w in warnings)
    assert messages[0].startswith(f"content release '{release.version}' was last reviewed on 2024-05-31")
    assert messages[1].startswith(f"question '{question.pk}' was last reviewed on 2024-05-31")
    assert "last_reviewed" in warnings[0].hint
    # Exactly two years is not yet overdue.
    assert check_content(databases=["default"], today=date(2026, 5, 31)) == []


@pytest.mark.parametrize("model", [m for m in CONTENT_MODELS if any(f.name == "last_reviewed" for f in m._meta.fields)],
                         ids=lambda model: model.__name__)
def test_every_kind_of_reviewed_content_can_be_overdue(model):
    item = model.objects.order_by("pk").first()
    model.objects.filter(pk=item.pk).update(last_reviewed=date(2020, 1, 1))
    messages = [w.msg for w in check_content(databases=["default"], today=date(2026, 11, 26))]
    assert len(messages) == 1
    assert messages[0].startswith(f"{model._meta.verbose_name} ")


def test_the_check_is_registered_as_a_database_check():
    from questionnaire.models import Note
    Note.objects.filter(pk="age-65-plus").update(last_reviewed=date(2000, 1, 1))
    assert "questionnaire.W002" in ids(django_checks.run_checks(tags=["content"], databases=["default"]))
    assert "questionnaire.W002" not in ids(django_checks.run_checks(tags=["content"]))
