"""A medicine's waits and lead times: ISO 8601 durations of one unit, read out in the person's
language (questionnaire/durations.py, docs/content-format.md#durations)."""
import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from questionnaire.durations import in_words, is_duration, longest, validate_duration


@pytest.mark.parametrize("value, english, spanish", [
    ("P1D", "1 day", "1 día"), ("P10D", "10 days", "10 días"), ("P6W", "6 weeks", "6 semanas"),
    ("P1M", "1 month", "1 mes"), ("P3M", "3 months", "3 meses"), ("P1Y", "1 year", "1 año"),
    ("P2Y", "2 years", "2 años")])
def test_a_duration_is_read_out_in_the_active_language(value, english, spanish):
    with translation.override("en"):
        assert in_words(value) == english
    with translation.override("es"):
        assert in_words(value) == spanish


@pytest.mark.parametrize("value", ["6 weeks", "P6", "P0W", "PT6H", "P1M2W", "p6w", "P6w", "", None, 6])
def test_only_one_unit_and_a_positive_number_is_a_duration(value):
    assert not is_duration(value)


def test_a_bad_duration_is_refused_with_its_code_and_value():
    with pytest.raises(ValidationError) as refused:
        validate_duration("6 weeks")
    assert refused.value.code == "bad_duration" and refused.value.params == {"value": "6 weeks"}
    validate_duration("")
    validate_duration("P6W")


def test_the_longest_of_durations_in_different_units():
    assert longest(["P4W", "P6W", ""]) == "P6W"
    assert longest(["P6W", "P1M"]) == "P6W"
    assert longest(["P3M", "P10W"]) == "P3M"
    assert longest(["P1Y", "P11M"]) == "P1Y"
    assert longest(["", ""]) == ""
