"""Each page makes a small, constant number of SQL queries, however much content there is."""
import random
from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from questionnaire.content_reading import current_content, forget_cached_content
from questionnaire.models import ContentStamp, Question, Rule, Source
from questionnaire.vocabulary import Concern, Factor, Goal, Stage, Theme
from tests.helpers.builders import shipped_conditions
from tests.helpers.wizard import post_step, step_url

pytestmark = pytest.mark.django_db

#: The most queries any page may make, cold (content just changed) and warm (only the content stamp).
BUDGET_COLD = 24
BUDGET_WARM = 1


def grow_content_tenfold():
    """Add nine times the shipped rules and questions, each rule linked like the real ones."""
    rng = random.Random(7)
    rules, questions = Rule.objects.count(), Question.objects.count()
    source = Source.objects.first()
    new_questions = Question.objects.bulk_create(
        Question(slug=f"generated-q-{n}", text=f"Generated question {n}?", order=n,
                 theme=rng.choice(Theme.values), goals=rng.sample(["strengthen", "modulate", "dampen"], 1),
                 stages=[], last_reviewed=date(2026, 11, 1))
        for n in range(9 * questions))
    Question.sources.through.objects.bulk_create(
        Question.sources.through(question_id=q.pk, source_id=source.pk) for q in new_questions)
    new_rules = Rule.objects.bulk_create(
        Rule(slug=f"generated-r-{n}", priority=rng.randint(0, 50), reason="Generated.",
             goals=[rng.choice(Goal.values)], conditions=rng.sample(sorted(shipped_conditions()), 3),
             stages=[rng.choice(Stage.values)], factors=rng.sample(Factor.values, 1),
             concerns=rng.sample(Concern.values, 1))
        for n in range(9 * rules))
    Rule.questions.through.objects.bulk_create(
        Rule.questions.through(rule_id=r.pk, question_id=q.pk)
        for r in new_rules for q in rng.sample(new_questions, 3))
    ContentStamp.bump()
    forget_cached_content()


def page_types(client):
    """(name, request) for every page type, in the order a person meets them."""
    result = reverse("questionnaire:result")
    steps = [("goal", "dampen"), ("condition", "kidney_transplant"), ("medicines", "not_sure"),
             ("stage", "starting"),
             ("factors", ["pregnancy"]), ("concerns", ["cost"])]
    yield "start", lambda: client.get("/")
    yield "healthz", lambda: client.get("/healthz")
    yield "questions", lambda: client.get(reverse("questionnaire:questions"))
    for step, value in steps:
        yield f"{step} GET", lambda step=step: client.get(step_url(step))
        yield f"{step} POST", lambda step=step, value=value: post_step(client, step, value)
    yield "check GET", lambda: client.get(step_url("check"))
    yield "check POST", lambda: post_step(client, "check")
    yield "done", lambda: client.get(step_url("done"))
    yield "result", lambda: client.get(result)
    yield "result POST", lambda: client.post(result, {"own": "Mine?"})
    yield "result again", lambda: client.get(result)
    yield "pdf", lambda: client.get(reverse("questionnaire:result_pdf"))
    yield "text", lambda: client.get(reverse("questionnaire:result_text"))
    yield "link", lambda: client.get(reverse("questionnaire:result_link"))


def count_queries(client, cold):
    """Queries per page type; cold: the content changed just before each page."""
    if not cold:
        current_content()
    counts = {}
    for name, request in page_types(client):
        if cold:
            forget_cached_content()
        with CaptureQueriesContext(connection) as queries:
            response = request()
        assert response.status_code < 400, name
        counts[name] = len(queries)
    return counts


@pytest.mark.parametrize("cold", [True, False], ids=["content just changed", "content cached"])
def test_every_page_stays_within_its_query_budget(client, cold):
    counts = count_queries(client, cold)
    budget = BUDGET_COLD if cold else BUDGET_WARM
    assert {name: n for name, n in counts.items() if n > budget} == {}


@pytest.mark.parametrize("cold", [True, False], ids=["content just changed", "content cached"])
def test_ten_times_the_content_makes_no_more_queries(client, cold):
    from django.test import Client
    shipped = count_queries(client, cold)
    grow_content_tenfold()
    grown = count_queries(Client(), cold)
    assert grown == shipped


def test_a_cached_result_page_reads_only_the_session_and_the_content_stamp(client):
    for name, request in page_types(client):
        request()
        if name == "result":
            break
    with CaptureQueriesContext(connection) as queries:
        client.get(reverse("questionnaire:result"))
    tables = " ".join(q["sql"] for q in queries.captured_queries)
    assert "questionnaire_rule" not in tables and "questionnaire_question" not in tables
    assert "questionnaire_contentstamp" in tables


def test_an_admin_edit_is_seen_by_the_next_request(client, admin_client):
    for name, request in page_types(client):
        request()
        if name == "result":
            break
    kept = [part.split('"')[0] for part in
            client.get(reverse("questionnaire:result")).content.decode().split('name="keep" value="')[1:]]
    question = Question.objects.filter(pk__in=kept, fact="").first()
    question.text = "A question changed a moment ago?"
    question.save()
    assert "A question changed a moment ago?" in client.get(reverse("questionnaire:result")).content.decode()
