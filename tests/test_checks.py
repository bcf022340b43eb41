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
