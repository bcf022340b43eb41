"""The content check: broken rules or questions show up in ``manage.py check``."""
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
