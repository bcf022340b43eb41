"""Service pages: the health check and what a person sees when the database is away."""
from unittest import mock

import pytest
from django.db import OperationalError, connections
from django.test import Client
from django.urls import reverse

from tests.helpers.wizard import post_step, step_url

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _connection_kept():
    """A database error marks the connection to close when its request ends; the test's own
    connection holds the test's transaction, so it is kept open for the next test."""
    yield
    connections["default"].close_at = None


def database_away():
    """Every new query fails, as when the database server has gone."""
    return mock.patch.object(type(connections["default"]), "create_cursor", side_effect=OperationalError("gone"))


def test_healthz_is_200_when_the_database_answers(client):
    response = client.get("/healthz")
    assert response.status_code == 200 and response.content == b"ok\n"
    assert "sessionid" not in response.cookies


def test_healthz_is_503_when_the_database_is_away(client):
    with database_away():
        response = client.get("/healthz")
    assert response.status_code == 503


def test_the_database_going_away_mid_flow_gives_a_friendly_503_and_the_flow_goes_on():
    client = Client(raise_request_exception=False)
    client.get("/questions/")
    post_step(client, "goal", "dampen")
    with database_away():
        response = post_step(client, "condition", "lupus")
    assert response.status_code == 503
    page = response.content.decode()
    assert "not available right now" in page and "still there" in page
    assert "lupus" not in page.lower() and "dampen" not in page
    assert response["Retry-After"] == "30"
    assert post_step(client, "condition", "lupus").url == step_url("medicines")
    assert "dampen" in str(client.session["wizard_questionnaire_wizard"]["step_data"]["goal"])


def test_other_server_errors_get_the_plain_500_page():
    client = Client(raise_request_exception=False)
    with mock.patch("questionnaire.views.pages.render", side_effect=RuntimeError("boom")):
        response = client.get(reverse("questionnaire:about"))
    assert response.status_code == 500
    assert "Sorry, there is a problem with the service" in response.content.decode()


def test_healthz_is_503_when_the_tables_pages_need_are_gone_though_the_database_answers(client):
    """As on SQLite when the database file is gone: a new, empty file answers SELECT 1."""
    from django.db import connection
    from questionnaire.models import ContentStamp
    table = connection.ops.quote_name(ContentStamp._meta.db_table)
    with connection.cursor() as cursor:
        cursor.execute(f"ALTER TABLE {table} RENAME TO gone_for_the_test")
    assert client.get("/healthz").status_code == 503


def test_after_a_database_error_the_connection_is_opened_afresh_on_the_next_request():
    import time
    client = Client(raise_request_exception=False)
    with database_away():
        assert client.get(reverse("questionnaire:about")).status_code == 503
    assert connections["default"].close_at <= time.monotonic()
