"""The content system check (questionnaire/checks.py)."""
import pytest

from questionnaire.checks import check_content
from questionnaire.models import Rule, TherapyCategory, TreatmentType

pytestmark = pytest.mark.django_db


def test_sound_content_passes_the_check():
    assert check_content() == []


def test_broken_content_is_an_error_naming_the_rule_and_field():
    rule = Rule.objects.first()
    Rule.objects.filter(pk=rule.pk).update(factors=["smoking"])
    errors = check_content()
    assert [e.id for e in errors] == ["questionnaire.E001"]
    assert f"rule '{rule.pk}', field 'factors'" in errors[0].msg


def test_an_empty_database_is_a_warning_with_the_command_to_run():
    Rule.objects.all().delete()
    TreatmentType.objects.all().delete()
    TherapyCategory.objects.all().delete()
    warnings = check_content()
    assert [w.id for w in warnings] == ["questionnaire.W001"]
    assert "loaddata" in warnings[0].hint


# The stale-content check (questionnaire.W002): items not reviewed for over two years.

def test_the_shipped_content_is_not_overdue_for_review():
    from questionnaire.checks import check_stale_content
    assert check_stale_content() == []


def test_an_item_not_reviewed_for_over_two_years_is_a_warning_naming_it():
    from datetime import date

    from questionnaire.checks import check_stale_content
    from questionnaire.models import ContentRelease, Question

    question = Question.objects.order_by("pk").first()
    Question.objects.filter(pk=question.pk).update(last_reviewed=date(2024, 5, 31))
    release = ContentRelease.objects.first()
    ContentRelease.objects.filter(pk=release.pk).update(last_reviewed=date(2024, 5, 31))

    warnings = check_stale_content(today=date(2026, 6, 1))
    assert [w.id for w in warnings] == ["questionnaire.W002", "questionnaire.W002"]
    assert f"question '{question.pk}' was last reviewed on 2024-05-31" in warnings[0].msg
    assert f"content release '{release.version}'" in warnings[1].msg
    assert "last_reviewed" in warnings[0].hint
    # Exactly two years is not yet overdue.
    assert check_stale_content(today=date(2026, 5, 31)) == []


def test_the_stale_check_names_every_kind_of_content_item():
    from datetime import date

    from questionnaire.checks import check_stale_content
    from questionnaire.models import Note, TherapyCategory, TreatmentType

    old = date(2020, 1, 1)
    TherapyCategory.objects.filter(pk="stimulating").update(last_reviewed=old)
    TreatmentType.objects.filter(pk="corticosteroids").update(last_reviewed=old)
    Note.objects.filter(pk="age-65-plus").update(last_reviewed=old)
    messages = [w.msg for w in check_stale_content(today=date(2026, 11, 26))]
    assert any(m.startswith("therapy category 'stimulating'") for m in messages)
    assert any(m.startswith("treatment type 'corticosteroids'") for m in messages)
    assert any(m.startswith("note 'age-65-plus'") for m in messages)
    assert len(messages) == 3


def test_the_stale_check_is_registered_with_the_system_checks():
    from datetime import date

    from django.core import checks as django_checks

    from questionnaire.models import Note

    Note.objects.filter(pk="age-65-plus").update(last_reviewed=date(2000, 1, 1))
    found = django_checks.run_checks(tags=["content"], include_deployment_checks=False,
                                     databases=["default"])
    assert "questionnaire.W002" in [m.id for m in found]
