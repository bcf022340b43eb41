"""A clinic's phone numbers: checked, and dialled by tel: link (questionnaire/phones.py)."""
import pytest
from django.core.exceptions import ValidationError

from questionnaire.phones import tel_uri, validate_phone_number


@pytest.mark.parametrize("typed, link", [
    ("(617) 555-0123", "tel:+16175550123"),
    ("617-555-0123", "tel:+16175550123"),
    ("+44 20 7946 0000", "tel:+442079460000"),
    ("1-800-555-0199", "tel:+18005550199"),
])
def test_a_number_typed_the_local_or_the_international_way_is_dialled_in_full(typed, link):
    validate_phone_number(typed)
    assert tel_uri(typed) == link


@pytest.mark.parametrize("typed", ["12", "555-1234", "call us", "020 7946 0000", ""])
def test_a_number_that_cannot_be_dialled_is_refused_and_named(typed):
    with pytest.raises(ValidationError) as error:
        validate_phone_number(typed)
    assert error.value.code == "invalid_phone_number"
    assert error.value.params["value"] == typed
    assert tel_uri(typed) == ""


def test_the_region_for_numbers_without_a_country_code_is_a_setting(settings):
    settings.IMMUNOGUIDE_PHONE_REGION = "GB"
    assert tel_uri("020 7946 0000") == "tel:+442079460000"
    assert tel_uri("(617) 555-0123") == ""
