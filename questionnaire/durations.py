"""A medicine's waits and lead times, kept in the fixtures as ISO 8601 durations of one unit
("P6W", "P3M") and read out in the active language (docs/content-format.md#durations)."""
import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _, ngettext

DURATION = re.compile(r"^P([1-9][0-9]?)([DWMY])$")
#: Days in each unit, to tell which of two durations is longer.
_DAYS = {"D": 1, "W": 7, "M": 30, "Y": 365}


def is_duration(value):
    return isinstance(value, str) and DURATION.match(value) is not None


def validate_duration(value):
    if value and not is_duration(value):
        raise ValidationError(_('Write a duration such as "P6W" (6 weeks) or "P3M" (3 months).'),
                              code="bad_duration", params={"value": value})


def days(value):
    number, unit = DURATION.match(value).groups()
    return int(number) * _DAYS[unit]


def longest(values):
    """The longest of the durations given (blank ones left out), or "" when there are none."""
    values = [v for v in values if v]
    return max(values, key=days) if values else ""


def in_words(value):
    """"6 weeks", "1 year": the duration in the active language."""
    number, unit = DURATION.match(value).groups()
    n = int(number)
    words = {
        "D": ngettext("%(n)d day", "%(n)d days", n),
        "W": ngettext("%(n)d week", "%(n)d weeks", n),
        "M": ngettext("%(n)d month", "%(n)d months", n),
        "Y": ngettext("%(n)d year", "%(n)d years", n),
    }[unit]
    return words % {"n": n}
