"""questionnaire/preload.py: what gunicorn's master loads once for all its workers."""
import pytest
from django.template import engines

from questionnaire.content import current_content
from questionnaire.preload import load_for_workers, project_templates

pytestmark = pytest.mark.django_db


def test_the_content_of_every_language_is_read_before_any_request(django_assert_num_queries):
    load_for_workers()
    for language in ("en", "es"):
        with django_assert_num_queries(1):  # the stamp only: the snapshot is already read
            assert current_content(language=language).language == language


def test_the_projects_templates_are_compiled_and_not_the_admins():
    (loader,) = engines["django"].engine.template_loaders
    loader.reset()
    load_for_workers()
    names = set(project_templates())
    assert {"base.html", "questionnaire/step.html", "questionnaire/result.html"} <= names
    assert names <= set(loader.get_template_cache)
    assert not [name for name in names if name.startswith("admin/")]
