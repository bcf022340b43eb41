"""Shared test set-up: the shipped content is loaded once into the test database."""
import pytest
from django.core.management import call_command

from tests.helpers import FIXTURES


def pytest_report_header(config):
    """The browser the browser tests drive, named in every run's output."""
    from tests.helpers.browser import CHROMIUM, browser_version
    return f"browser: {CHROMIUM}: {browser_version()}"


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        call_command("load_content", *FIXTURES, verbosity=0)


@pytest.fixture
def content(db):
    from questionnaire.content_reading import read_content
    return read_content()


@pytest.fixture(autouse=True)
def _fresh_content_cache():
    """Each test starts without a cached content snapshot from another test's data."""
    from questionnaire.content_reading import forget_cached_content
    forget_cached_content()
    yield
    forget_cached_content()


@pytest.fixture(autouse=True)
def _fresh_django_cache():
    """Each test starts with no count of costly PDFs from another test (questionnaire/pdf_limit.py)."""
    from django.core.cache import cache
    cache.clear()


@pytest.fixture(autouse=True)
def _english_after_each_test():
    """A request in Spanish leaves its thread in Spanish (LocaleMiddleware activates, and
    nothing deactivates); the next test starts in the default language."""
    from django.utils import translation
    yield
    translation.activate("en")
