"""Answers are health information: they never reach the logs or the content tables."""
import io
import logging
import re

import pytest
from django.test import Client

from questionnaire.vocabulary import CONDITIONS, Concern, Factor
from tests.test_views import complete

pytestmark = pytest.mark.django_db

ANSWERS = {"goal": "dampen", "condition": "kidney_transplant", "stage": "on_treatment",
           "factors": ["pregnancy", "infection_history"], "concerns": ["fertility"]}


@pytest.fixture
def written_log():
    """What the configured log handlers really write, with every logger at DEBUG."""
    stream = io.StringIO()
    root = logging.getLogger()
    handlers = [h for name in ("", "django.server") for h in logging.getLogger(name).handlers
                if isinstance(h, logging.StreamHandler)]
    saved = [(h, h.stream) for h in handlers]
    level = root.level
    root.setLevel(logging.DEBUG)
    for handler in handlers:
        handler.setStream(stream)
    yield stream
    root.setLevel(level)
    for handler, original in saved:
        handler.setStream(original)


def test_a_full_flow_writes_no_answer_to_the_logs_at_any_level(written_log):
    client = Client(raise_request_exception=False)
    complete(client, ANSWERS["goal"], ANSWERS["condition"], stage=ANSWERS["stage"],
             factors=ANSWERS["factors"], concerns=ANSWERS["concerns"])
    client.post("/result/", {"own": "Is my secret question logged?", "top": ["x"] * 5})
    client.post("/result/", {"own": "Is my secret question logged?"})
    client.get("/result/pdf/")
    page = client.get("/result/link/").content.decode()
    token = re.search(r"/list/([^/]+)/", page).group(1)
    Client().get(f"/list/{token}/")
    Client().get(f"/list/x{token}/")
    Client().get(f"/list/{token}/nonsense")
    client.post("/start-over/")
    client.post("/questions/stage/", {"questionnaire_wizard-current_step": "stage",
                                      "stage-stage": "on_treatment"})
    logged = written_log.getvalue()
    assert "Bad Request" in logged or "Not Found" in logged, "the log capture saw nothing"
    for secret in ["kidney_transplant", "Kidney transplant", "pregnancy", "infection_history",
                   "fertility", "secret question", token[:20]]:
        assert secret not in logged


def test_no_content_table_grows_when_people_use_the_tool():
    from django.apps import apps
    models = apps.get_app_config("questionnaire").get_models()
    before = {model.__name__: model.objects.count() for model in models}
    complete(Client(), "strengthen", "melanoma", factors=[Factor.PREGNANCY], concerns=[Concern.COST])
    after = {model.__name__: model.objects.count() for model in apps.get_app_config("questionnaire").get_models()}
    assert after == before


def test_error_pages_never_echo_answers():
    client = Client(raise_request_exception=False)
    for condition in list(CONDITIONS)[:3]:
        response = client.get(f"/list/{condition}-not-a-token/")
        assert response.status_code == 400
        assert condition not in response.content.decode()
