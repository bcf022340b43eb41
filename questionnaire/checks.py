"""The content checks: broken rules or questions, and content overdue for review,
show up in ``manage.py check --database default``."""
from datetime import date

from django.core import checks
from django.db import DatabaseError

from .content_reading import read_content
from .registry import reviewed
from .validation import dangling_references, validate_content


@checks.register("content", checks.Tags.database)
def check_content(app_configs=None, databases=None, today=None, **kwargs):
    """Broken content (E001), no content (W001) and content overdue for review (W002).

    A database check, as Django's own: run for the databases a command names
    (``check --database default``, ``migrate``, the test runner), each loaded once.
    """
    messages = []
    for alias in databases or ():
        try:
            content = read_content(alias)
        except DatabaseError:
            continue  # tables not created yet (before the first migrate): nothing to check
        if not content.categories and not content.rules:
            messages.append(checks.Warning(
                "No content is loaded.", hint="Run: python manage.py load_content", id="questionnaire.W001"))
            continue
        messages += [checks.Error(str(problem), id="questionnaire.E001")
                     for problem in dangling_references(alias) + validate_content(content)]
        messages += stale_warnings(content, today)
    return messages


#: How long a content item may go without a review (docs/content-guide.md#trust).
REVIEW_INTERVAL_YEARS = 2


def review_cutoff(today):
    """The date two years before ``today``; items reviewed before it are overdue."""
    try:
        return today.replace(year=today.year - REVIEW_INTERVAL_YEARS)
    except ValueError:  # 29 February, and the year two years back is not a leap year
        return today.replace(year=today.year - REVIEW_INTERVAL_YEARS, day=28)


def stale_items(content, today=None):
    """(kind, name, last_reviewed) for every item last reviewed more than two years ago."""
    cutoff = review_cutoff(today or date.today())
    return [(kind, slug, item.last_reviewed) for kind, slug, item in reviewed(content)
            if item.last_reviewed < cutoff]


def stale_warnings(content, today=None):
    """A warning (questionnaire.W002) for each content item not reviewed for more than two years."""
    return [
        checks.Warning(
            f"{kind} {name!r} was last reviewed on {reviewed_on.isoformat()}, "
            f"more than {REVIEW_INTERVAL_YEARS} years ago: it is due for review.",
            hint="Have a clinician re-review it, then update its last_reviewed date "
                 "(see docs/content-review.md).",
            id="questionnaire.W002")
        for kind, name, reviewed_on in stale_items(content, today)
    ]
