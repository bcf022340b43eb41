"""Migrations keep an older database's content loadable (questionnaire/migrations/)."""
from importlib import import_module
from types import SimpleNamespace

import pytest
from django.apps import apps
from django.db import connection

from questionnaire.models import Note

pytestmark = pytest.mark.django_db


def test_notes_from_before_titles_get_one_so_the_new_fixtures_can_load_over_them():
    short_list = import_module("questionnaire.migrations.0005_short_list")
    Note.objects.filter(pk="age-65-plus").update(title="")
    Note.objects.filter(pk="pregnancy-dampen").update(title="")
    short_list.title_existing_notes(apps, SimpleNamespace(connection=connection))
    assert Note.objects.get(pk="age-65-plus").title == "Good to know"
    assert Note.objects.get(pk="pregnancy-dampen").title == "Safety"
    assert not Note.objects.filter(title="").exists()
