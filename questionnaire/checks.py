"""The content checks: broken rules or questions, and content overdue for review,
show up in ``manage.py check``."""
from datetime import date

from django.core import checks
from django.db import DatabaseError

from .content import load_content
from .validation import dangling_references, validate_content


@checks.register("content")
def check_content(app_configs=None, **kwargs):
    try:
        content = load_content()
    except DatabaseError:
        # Tables not created yet (before the first migrate): nothing to check.
        return []
    if not content.categories and not content.rules:
        return [checks.Warning(
            "No content is loaded.",
            hint="Run: python manage.py loaddata fixtures/*.json",
            id="questionnaire.W001")]
    return [
        checks.Error(str(problem), id="questionnaire.E001")
        for problem in dangling_references() + validate_content(content)
    ]


#: How long a content item may go without a review (CONTENT.md, "Trust").
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
    pools = (
        ("therapy category", content.categories),
        ("treatment type", content.treatments),
        ("question", content.questions),
        ("note", content.notes),
    )
    stale = [
        (kind, slug, item.last_reviewed)
        for kind, items in pools
        for slug, item in sorted(items.items())
        if item.last_reviewed < cutoff
    ]
    release = content.release
    if release is not None and release.last_reviewed < cutoff:
        stale.append(("content release", release.version, release.last_reviewed))
    return stale


@checks.register("content")
def check_stale_content(app_configs=None, today=None, **kwargs):
    """Warn about each content item not reviewed for more than two years (questionnaire.W002)."""
    try:
        content = load_content()
    except DatabaseError:
        return []
    return [
        checks.Warning(
            f"{kind} {name!r} was last reviewed on {reviewed.isoformat()}, "
            f"more than {REVIEW_INTERVAL_YEARS} years ago: it is due for review.",
            hint="Have a clinician re-review it, then update its last_reviewed date "
                 "(see docs/content-review.md).",
            id="questionnaire.W002")
        for kind, name, reviewed in stale_items(content, today)
    ]
