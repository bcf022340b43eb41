"""Answers are health information: they never reach the logs or the content tables."""
import gc
import io
import logging
import random
import re
import weakref

import pytest
from django.test import Client
from django.urls import reverse

from questionnaire.engine import Answers
from questionnaire.question_list import ListChoices
from questionnaire.visit import VisitNotes
from questionnaire.vocabulary import Concern, Factor, Goal, Stage
from tests.helpers.builders import adults_only_conditions, shipped_conditions
from tests.helpers.servers import gunicorn
from tests.helpers.wizard import complete

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
    client.post("/result/", {"own": "Is my secret question logged?", "keep": ["x"] * 5})
    client.post("/result/most-important/", {"top": ["x"] * 5})
    client.post("/result/", {"own": "Is my secret question logged?"})
    client.get("/result/pdf/")
    client.get("/result/fhir/")
    client.get("/result/check-in/")
    client.post("/result/visit/", {"asked": ["x"], "other": "The secret answer was noted."})
    client.post("/result/visit/", {"other": "The secret answer was noted."})
    client.get("/result/visit/summary/pdf/")
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
                   "fertility", "secret question", "secret answer", token[:20]]:
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
    for condition in ["melanoma", "lupus", "kidney_transplant"]:
        response = client.get(f"/list/{condition}-not-a-token/")
        assert response.status_code == 400
        assert condition not in response.content.decode()


def test_making_a_pdf_in_any_script_logs_nothing_of_its_text(written_log):
    client = Client()
    complete(client, "modulate", "hay_fever")
    client.post("/result/", {"own": "我的药会影响怀孕吗？\nยานี้มีผลข้างเคียงอะไรบ้าง", "keep": []})
    assert client.get("/result/pdf/").status_code == 200
    logged = written_log.getvalue()
    assert "fontTools" not in logged
    for secret in "药怀孕ยา":
        assert secret not in logged


def test_gunicorn_blanks_a_link_in_a_malformed_request_line(tmp_path):
    """gunicorn quotes a request line it cannot parse in its error log; the token must not be in it."""
    import socket
    import time

    from questionnaire.links import make_token

    token = make_token(Answers("dampen", "lupus", "starting"), ListChoices(own=("Secret?",)))
    with gunicorn(tmp_path) as (port, log):
        with socket.create_connection(("127.0.0.1", port), timeout=5) as connection:
            # No HTTP version: gunicorn logs the whole line as invalid.
            connection.sendall(f"GET /list/{token}/\r\nHost: localhost\r\n\r\n".encode())
            connection.recv(4096)
        time.sleep(0.5)
    written = log.read_text()
    assert "Invalid HTTP request line" in written, written
    assert "/list/[redacted]" in written
    assert token[:24] not in written


def _people_use_the_tool(typed):
    """Many people, each with their own answers, each saving a list with an own question and
    printing it; nothing of them is returned, so nothing of them stays referenced here."""
    draw = random.Random(7)
    adults_only = adults_only_conditions()
    for number in range(12):
        client = Client()
        condition = draw.choice(sorted(shipped_conditions()))
        factors = draw.sample([f.value for f in Factor if not (f == Factor.CHILD and condition in adults_only)], 2)
        if Factor.PREGNANCY in factors and {Factor.PREGNANCY_PLANNING, Factor.PARTNER_PREGNANCY} & set(factors):
            factors.remove(Factor.PREGNANCY)  # the form asks for one or the other
        complete(client, draw.choice(Goal.values), condition, stage=draw.choice([s.value for s in Stage]),
                 factors=factors, concerns=draw.sample([c.value for c in Concern], 2))
        client.get(reverse("questionnaire:result"))
        client.post(reverse("questionnaire:result"), {"action": "save", "own": f"{typed} {number}?"})
        for name in ("result", "result_pdf", "result_text", "result_fhir", "check_in", "result_link"):
            assert client.get(reverse(f"questionnaire:{name}")).status_code == 200
        visit = reverse("questionnaire:visit")
        first = client.get(visit).context["form"].items[0].key
        client.post(visit, {"asked": [first], f"answer-{first}": f"{typed} answer {number}.", "other": typed})
        for name in ("visit", "visit_summary", "visit_summary_pdf", "visit_summary_text"):
            assert client.get(reverse(f"questionnaire:{name}")).status_code == 200


#: What a person's answers, list and visit notes are held in, in the app.
A_PERSONS = (Answers, ListChoices, VisitNotes)


def _people_alive():
    """Each set of answers and list choices alive in this process, by identity."""
    gc.collect()
    return weakref.WeakValueDictionary({id(thing): thing for thing in gc.get_objects() if isinstance(thing, A_PERSONS)})


def _held_in_memory(typed, alive_before):
    """Every live container in this process holding a string or bytes with ``typed`` in it,
    and every set of answers or list choices made since ``alive_before`` and still alive."""
    gc.collect()
    held, needle = [], typed.encode()
    for thing in gc.get_objects():
        if isinstance(thing, A_PERSONS):
            if alive_before.get(id(thing)) is not thing:
                held.append(repr(thing)[:80])
            continue
        if isinstance(thing, dict):
            items = [*thing.keys(), *thing.values()]
        elif isinstance(thing, (list, tuple, set, frozenset)):
            items = thing
        else:
            continue
        held.extend(repr(item)[:80] for item in items
                    if (isinstance(item, str) and typed in item) or (isinstance(item, bytes) and needle in item))
    return held


def test_nothing_a_person_answered_or_typed_outlives_their_requests_in_server_memory():
    """No page, fragment or key is kept under anyone's answers: once the requests are
    answered, none of their answers, list choices or typed text is left in the process."""
    typed = "Zq" + "".join(reversed("question-never-kept"))
    alive_before = _people_alive()
    _people_use_the_tool(typed)
    assert _held_in_memory(typed, alive_before) == []


def test_a_message_about_a_person_s_list_travels_only_inside_the_sealed_session(client):
    """"Your new answers took 1 question off your list: I am pregnant..." is health information:
    Django's default message storage would put it in a cookie of its own, readable without a key."""
    from django.urls import reverse
    from questionnaire.session_keys import LIST_SESSION_KEY
    from tests.helpers.wizard import complete, post_step, step_url
    first = complete(client, "dampen", "kidney_transplant", factors=["pregnancy"]).context["result"]
    client.post(reverse("questionnaire:result"), {"keep": [q.slug for q in first.suggested_questions()],
                                                  "action": "save"})
    assert LIST_SESSION_KEY in client.session
    client.get(step_url("factors") + "?change=1")
    post_step(client, "factors", [])
    response = post_step(client, "check")
    cookies = [name for name, morsel in response.cookies.items() if morsel.value]
    assert "messages" not in cookies and "messages" not in client.cookies
    page = client.get(client.get(response.url).url)
    assert [m.message for m in page.context["messages"]][0].startswith("Your new answers took")


def test_the_site_sets_the_cookies_the_readme_names_and_no_other(client):
    """README.md, "Privacy": the sealed session, the language chosen, and a clinic device's mode
    (which holds the word "clinic", or "clinic-address" when the clinic's address set it, and nothing else)."""
    from django.conf import settings
    from questionnaire.device import COOKIE_NAME
    from tests.helpers.pages import visit_every_page_type
    visit_every_page_type(client)
    client.post("/i18n/setlang/", {"language": "es", "next": "/"})
    assert set(client.cookies) <= {settings.SESSION_COOKIE_NAME, settings.LANGUAGE_COOKIE_NAME, COOKIE_NAME}
    client.get("/clinic/")
    assert client.cookies[COOKIE_NAME].value == "clinic-address"


def test_random_query_strings_fill_no_memory(client):
    """Nothing is kept per address: 300 result pages with made-up query strings leave no trace."""
    import gc
    import secrets
    import tracemalloc
    from django.urls import reverse
    from tests.helpers.wizard import complete
    complete(client, "dampen", "lupus")
    result = reverse("questionnaire:result")

    def visit(count):
        for _ in range(count):
            assert client.get(f"{result}?change={secrets.token_hex(16)}").status_code == 200

    visit(30)
    tracemalloc.start()
    try:
        gc.collect()
        before = tracemalloc.take_snapshot()
        visit(300)
        gc.collect()
        grown = sum(stat.size_diff for stat in tracemalloc.take_snapshot().compare_to(before, "filename"))
    finally:
        tracemalloc.stop()
    # A page kept per query string would add about 40 KB each (12 MB here); Django's test client
    # itself keeps about 1.5 KB per request (its signal handlers' finalizers).
    assert grown < 2_000_000, grown
