"""Phone numbers as a clinic types them: checked with Google's libphonenumber, dialled by tel: link.

A number may be written the local way ("(617) 555-0123", for the region in the
IMMUNOGUIDE_PHONE_REGION setting, "US" by default) or in international form
("+44 20 7946 0000"). It is shown as typed; only the link is normalised.
"""
import phonenumbers
from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext


def _parse(value):
    region = settings.IMMUNOGUIDE_PHONE_REGION
    try:
        number = phonenumbers.parse(value, region)
    except phonenumbers.NumberParseException:
        return None
    return number if phonenumbers.is_valid_number(number) else None


def validate_phone_number(value):
    if _parse(value) is None:
        raise ValidationError(
            gettext("Enter a phone number that can be dialled, such as %(example)s, or in international form "
                    "with its country code, such as +44 20 7946 0000. %(value)s is not one."),
            code="invalid_phone_number",
            params={"value": value, "example": "(617) 555-0123"})


def tel_uri(value):
    """The tel: link for a valid number (RFC 3966, in E.164 form), or "" for one that is not."""
    number = _parse(value) if value else None
    return f"tel:{phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)}" if number else ""
