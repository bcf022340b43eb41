"""Shared test set-up: the shipped content is loaded once into the test database."""
from pathlib import Path

import pytest
from django.core.management import call_command

FIXTURES = sorted(str(p) for p in (Path(__file__).resolve().parent.parent / "fixtures").glob("*.json"))


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        call_command("loaddata", *FIXTURES, verbosity=0)


@pytest.fixture
def content(db):
    from questionnaire.content import load_content
    return load_content()
