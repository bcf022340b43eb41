"""questionnaire/preload.py: what gunicorn's master loads once for all its workers."""
import pytest

from questionnaire.content_reading import current_content
from questionnaire.preload import load_for_workers

pytestmark = pytest.mark.django_db


def test_the_content_of_every_language_is_read_before_any_request(django_assert_num_queries):
    load_for_workers()
    for language in ("en", "es"):
        with django_assert_num_queries(1):  # the stamp only: the snapshot is already read
            assert current_content(language=language).language == language
