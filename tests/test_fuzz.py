"""Bad input: random and hostile requests at every URL never give a 500 (issue 5).

Hypothesis throws random and hostile form data, step names, management-form
values, cookies, request bodies and signed-link payloads at every URL, from
random session states (nothing yet, part of the flow, a finished result, an
opened link, a changed text size). Every response must be below 500 and
readable: a redirect with a Location, an HTML page with a heading, a real PDF
or plain text; and the session must still work normally afterwards.

The number of examples per test is small enough for CI on 2 cores (the whole
file runs in about 30 seconds). For a deeper run, raise it:

    IMMUNOGUIDE_FUZZ_EXAMPLES=500 .venv/bin/python -m pytest tests/test_fuzz.py

The plain tests at the end are regressions for 500s the fuzzing found.
"""
import os
import re
from urllib.parse import quote, urlencode

import pytest
from django.core import signing
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from questionnaire.engine import Answers
from questionnaire.links import PURPOSE, make_token
from questionnaire.sealing import seal
from questionnaire.question_list import ListChoices
from questionnaire.vocabulary import Concern, Factor, Goal, Stage
from tests.helpers.builders import shipped_conditions

pytestmark = pytest.mark.django_db

EXAMPLES = int(os.environ.get("IMMUNOGUIDE_FUZZ_EXAMPLES", "30"))

fuzz = settings(
    max_examples=EXAMPLES,
    deadline=None,
    database=None,  # no example database; .hypothesis/ (Hypothesis' own cache) is git-ignored
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow,
                           HealthCheck.data_too_large],
)

PREFIX = "questionnaire_wizard"
MANAGEMENT = f"{PREFIX}-current_step"
STEPS = ["goal", "condition", "stage", "factors", "concerns", "check"]
VALID_ANSWERS = {
    "goal": list(Goal.values),
    "condition": sorted(shipped_conditions()),
    "stage": list(Stage.values),
    "factors": list(Factor.values),
    "concerns": list(Concern.values),
}
#: Never sent back unescaped: a page that shows it raw would run a person's input as HTML.
MARKER = "<x-fuzz-marker>"
URLS = ["/", "/questions/", "/result/", "/result/most-important/", "/result/pdf/", "/result/text/", "/result/link/",
        "/start-over/", "/text-size/", "/healthz"]
METHODS = ["GET", "POST", "HEAD", "PUT", "PATCH", "DELETE", "OPTIONS"]


# --- Checking a response -------------------------------------------------------------------------

def assert_readable(response, method="GET"):
    """No server error, and something a person (or their browser) can make sense of."""
    status = response.status_code
    where = f"{method} {response.request.get('PATH_INFO')} -> {status}"
    assert status < 500, where
    if 300 <= status < 400:
        assert response.get("Location"), where
        return
    if status == 405:
        assert response.get("Allow") is not None, where
        return
    if method in ("HEAD", "OPTIONS"):
        return  # no page is sent for these
    body = response.content
    content_type = response.get("Content-Type", "")
    if content_type.startswith("text/html"):
        page = body.decode("utf-8")
        # The admin's login page is Django's own, titled but with no <h1>.
        assert "<h1" in page or (where.split()[1].startswith("/admin/") and "<title>" in page), where
        assert MARKER not in page, f"{where}: input echoed unescaped"
    elif content_type.startswith("application/pdf"):
        assert body.startswith(b"%PDF"), where
    elif content_type.startswith("text/plain"):
        assert body.decode("utf-8").strip(), where


def new_client(enforce_csrf=False):
    return Client(raise_request_exception=False, enforce_csrf_checks=enforce_csrf)


def send(client, method, path, data=None, **extra):
    """One request by any method; a server error comes back as a 500 response."""
    data = data or {}
    if method == "GET":
        return client.get(path, data, **extra)
    if method == "HEAD":
        return client.head(path, data, **extra)
    if method == "POST":
        return client.post(path, data, **extra)
    if method == "OPTIONS":
        return client.options(path, urlencode(data, doseq=True), **extra)
    body = urlencode({k: v for k, v in data.items() if not hasattr(v, "read")}, doseq=True)
    return client.generic(method, path, body, content_type="application/x-www-form-urlencoded",
                          **extra)


# --- Strategies ----------------------------------------------------------------------------------

HOSTILE_STRINGS = [
    "", " ", "\x00", "a\x00b", "\r\n", "\t", "\u202e", "\ufeff", "\u2028", "😀" * 20, "שלום",
    "\u0600\u0301", "null", "None", "undefined", "NaN", "-1", "0", "1e309", "[]", "{}",
    "{'a': 1}", "' OR 1=1 --", "\"; DROP TABLE questionnaire_condition; --", "../../etc/passwd",
    "%00", "%2e%2e%2f", "%s%s%s%n", "{{ request }}", "{% debug %}", "${7*7}",
    "<script>alert(1)</script>", MARKER, "javascript:alert(1)", "//evil.example/",
    "http://evil.example/", "http://testserver/result/", "/\\evil.example", "\\\\evil.example",
    "questionnaire:start", "admin:index", "foo", "start", "result", "done", "check", "goal",
    "goal-goal", "lupus", "dampen", "x" * 301, "y\n" * 50,
]

short_text = st.one_of(
    st.sampled_from(HOSTILE_STRINGS),
    st.text(max_size=40),
    st.text(st.characters(codec="utf-8", exclude_categories=["Cs"]), max_size=40),
)
hostile_text = st.one_of(short_text, st.sampled_from([1_000, 50_000, 300_000]).map(lambda n: "é" * n))

field_names = st.one_of(
    st.sampled_from([
        MANAGEMENT, f"{MANAGEMENT}[]", f"{PREFIX}[current_step]", "goal-goal", "condition-condition",
        "stage-stage", "factors-factors", "concerns-concerns", "check-check", "goal-goal[0]",
        "goal-goal[]", "factors-factors[0][x]", "keep", "top", "own", "action", "size", "next",
        "return_to_check", "wizard_goto_step", "csrfmiddlewaretoken", "__proto__",
        "a[b][c][d]", "a.b.c", "", "\x00",
    ]),
    st.text(max_size=20),
)

answer_values = st.sampled_from([v for values in VALID_ANSWERS.values() for v in values])
field_values = st.one_of(
    hostile_text,
    answer_values,
    st.lists(st.one_of(hostile_text, answer_values), max_size=8),
    st.integers(0, 300).map(lambda n: ["lupus"] * n),  # many values for one name
)

step_names = st.one_of(
    st.sampled_from(STEPS + ["done", "DONE", "Goal", "check-answers", "__init__", "-", "_"]),
    st.text(st.characters(codec="utf-8", exclude_categories=["Cs"]), min_size=1, max_size=30),
    st.text("abcdefghijklmnopqrstuvwxyz_-0123456789", min_size=1, max_size=30),
)

management_values = st.one_of(
    st.none(),  # no management form at all
    st.sampled_from(STEPS),  # a real step, often not the one in the URL
    st.sampled_from(STEPS),
    st.sampled_from(["done", "", "nonsense", "Goal", " goal", "goal\x00", "goal\n"]),
    hostile_text,
    st.lists(st.sampled_from(STEPS), min_size=2, max_size=4),
)

post_data = st.dictionaries(field_names, field_values, max_size=8)

json_values = st.recursive(
    st.one_of(st.none(), st.booleans(), st.integers(), st.floats(), short_text, answer_values),
    lambda children: st.one_of(
        st.lists(children, max_size=6),
        st.dictionaries(st.one_of(st.sampled_from(["a", "d", "t", "o"]), st.text(max_size=5)),
                        children, max_size=6)),
    max_leaves=12,
)

# Signed lists that may be long: repetition keeps the link itself short, as it is compressed.
long_lists = st.tuples(st.integers(0, 5_000), st.one_of(short_text, answer_values)).map(
    lambda t: [t[1]] * t[0])


@st.composite
def real_answers(draw):
    return Answers(
        goal=draw(st.sampled_from(VALID_ANSWERS["goal"])),
        condition=draw(st.sampled_from(VALID_ANSWERS["condition"])),
        stage=draw(st.sampled_from(VALID_ANSWERS["stage"])),
        factors=tuple(draw(st.lists(st.sampled_from(VALID_ANSWERS["factors"]), unique=True))),
        concerns=tuple(draw(st.lists(st.sampled_from(VALID_ANSWERS["concerns"]), unique=True))),
    )


@st.composite
def tampered_answers(draw):
    """Real answers with one of them replaced by, wrapped in or joined with anything JSON holds."""
    values = list(draw(real_answers()).as_dict().values())
    i = draw(st.integers(0, len(values) - 1))
    bad = draw(json_values)
    how = draw(st.sampled_from(["replace", "wrap", "add"]))
    if how == "replace":
        values[i] = bad
    elif how == "wrap":
        values[i] = [bad]
    else:
        values[i] = (values[i] if isinstance(values[i], list) else [values[i]]) + [bad]
    return values


@st.composite
def hostile_payloads(draw):
    """Signed with the real salt, so only the structure inside can be wrong."""
    kind = draw(st.sampled_from(["anything", "shaped", "shaped"]))
    if kind == "anything":
        return draw(json_values)
    answers = real_answers().map(lambda a: list(a.as_dict().values()))
    payload = {
        "a": draw(st.one_of(answers, tampered_answers(), tampered_answers(),
                            st.lists(json_values, max_size=7), json_values,
                            answers.map(lambda a: [[v] if isinstance(v, str) else v for v in a]))),
        "d": draw(st.one_of(st.lists(hostile_text, max_size=10), long_lists, json_values)),
        "t": draw(st.one_of(st.lists(hostile_text, max_size=10), long_lists, json_values)),
        "o": draw(st.one_of(st.lists(hostile_text, max_size=15), long_lists, json_values)),
    }
    for key in draw(st.lists(st.sampled_from(["a", "d", "t", "o"]), unique=True, max_size=2)):
        del payload[key]
    if draw(st.booleans()):
        payload[draw(st.text(max_size=5))] = draw(json_values)
    return payload


list_choices = st.builds(
    ListChoices,
    dropped=st.lists(hostile_text, max_size=5).map(tuple),
    top=st.lists(hostile_text, max_size=5).map(tuple),
    own=st.lists(hostile_text.map(lambda s: s[:300]), max_size=10).map(tuple),
)


def mutate(token, data):
    """A real token cut short, with a character changed, added or removed."""
    how = data.draw(st.sampled_from(["cut", "change", "insert", "delete", "swap-parts", "case"]))
    i = data.draw(st.integers(0, max(len(token) - 1, 0)))
    char = data.draw(st.sampled_from("AZaz09-_:.~%/+= \x00é"))
    if how == "cut":
        return token[:i]
    if how == "change":
        return token[:i] + char + token[i + 1:]
    if how == "insert":
        return token[:i] + char + token[i:]
    if how == "delete":
        return token[:i] + token[i + 1:]
    if how == "swap-parts":
        return ":".join(reversed(token.split(":")))
    return token.swapcase()


def list_url(token):
    return "/list/" + quote(token, safe="") + "/"


# --- Session states ------------------------------------------------------------------------------

SESSION_STATES = ["fresh", "started", "partial", "complete", "complete", "opened_link",
                  "large_text", "started_over"]


def post_step(client, step, value=None):
    data = {MANAGEMENT: step}
    if value is not None:
        data[f"{step}-{step}"] = value
    return client.post(f"/questions/{step}/", data)


def answer_steps(client, answers, count):
    client.get("/questions/")
    values = [answers.goal, answers.condition, answers.stage, list(answers.factors),
              list(answers.concerns), None]
    for step, value in list(zip(STEPS, values))[:count]:
        assert_readable(post_step(client, step, value), "POST")


def prepare(client, state, data):
    """Bring a client into a random point of the flow, as a person could have left it."""
    if state == "fresh":
        return
    answers = data.draw(real_answers(), label="answers")
    if state == "started":
        assert_readable(client.get("/questions/"))
    elif state == "partial":
        answer_steps(client, answers, data.draw(st.integers(1, 5), label="steps answered"))
    elif state in ("complete", "started_over"):
        answer_steps(client, answers, len(STEPS))
        assert_readable(client.get("/questions/done/"))
        if state == "started_over":
            assert_readable(client.post("/start-over/"), "POST")
    elif state == "opened_link":
        choices = data.draw(list_choices, label="choices")
        assert_readable(client.get(list_url(make_token(answers, choices))))
    elif state == "large_text":
        assert_readable(client.post("/text-size/", {"size": "large", "next": "/"}), "POST")
        answer_steps(client, answers, data.draw(st.integers(0, 6), label="steps answered"))


def assert_list_outputs(client, data):
    """The result page and every download of the list; the PDF (slow to build) only sometimes."""
    paths = ["/result/", "/result/text/", "/result/link/"]
    if data.draw(st.integers(0, 3), label="build the PDF?") == 0:
        paths.append("/result/pdf/")
    for path in paths:
        assert_readable(client.get(path))


def assert_still_usable(client):
    """After any bad request the person can carry on: every page still answers sensibly."""
    for path in ["/", "/questions/", "/questions/check/", "/result/", "/result/text/"]:
        assert_readable(client.get(path))


# A WSGI server hands headers over as bytes read as Latin-1, so any text arrives as its UTF-8 bytes.
cookie_values = st.one_of(
    hostile_text.map(lambda s: s[:4000]),
    st.text("abcdefghijklmnopqrstuvwxyz0123456789", min_size=32, max_size=32),
    st.sampled_from(["", "x" * 5000, '"', ";", "a=b; sessionid=c", "\\", "..", "\x7f"]),
).map(lambda s: s.encode("utf-8").decode("latin-1"))
raw_cookie_headers = st.text(st.characters(min_codepoint=0x20, max_codepoint=0xFF), max_size=300)


def spoil_cookies(client, data):
    """Replace, add or leave the session and CSRF cookies; returns extra WSGI environ."""
    for name in data.draw(st.lists(
            st.sampled_from(["sessionid", "csrftoken", "messages", "text_size", "random"]),
            unique=True, max_size=3), label="cookies to spoil"):
        client.cookies[name] = data.draw(cookie_values, label=f"{name} cookie")
    if data.draw(st.integers(0, 9), label="raw cookie header?") == 0:
        return {"HTTP_COOKIE": data.draw(raw_cookie_headers, label="raw cookie header")}
    return {}


# --- The fuzz tests ------------------------------------------------------------------------------

paths = st.one_of(
    st.sampled_from(URLS + ["/questions/done/", "/admin/", "/admin/login/", "/static/",
                            "/favicon.ico", "/robots.txt", "/list/", "/list//", "/result",
                            "/questions", "//", "/.env", "/static/../immunoguide/settings.py"]),
    step_names.map(lambda s: "/questions/" + quote(s, safe="") + "/"),
    st.text(max_size=40).map(lambda s: "/list/" + quote(s, safe="") + "/"),
    st.tuples(st.sampled_from(["", "/questions", "/result", "/list", "/static", "/admin",
                               "/text-size", "/healthz"]),
              st.lists(st.text(max_size=15), max_size=4)).map(
        lambda t: t[0] + "/" + "/".join(quote(part, safe="") for part in t[1])),
)


@fuzz
@given(data=st.data(), path=paths, method=st.sampled_from(METHODS), form=post_data,
       state=st.sampled_from(SESSION_STATES), query=st.dictionaries(field_names, hostile_text,
                                                                     max_size=3))
def test_any_url_any_method_any_data(db, data, path, method, form, state, query):
    client = new_client()
    prepare(client, state, data)
    if path.startswith("/admin") and method != "GET":
        method = "GET"  # a login POST runs the slow password hasher; admin is Django's own
    if query and method != "GET":
        path += "?" + urlencode(query)
    response = send(client, method, path, form if method != "GET" else {**form, **query})
    assert_readable(response, method)
    assert_still_usable(client)


@fuzz
@given(data=st.data(), state=st.sampled_from(SESSION_STATES), url_step=step_names,
       posted_step=st.one_of(st.sampled_from(STEPS), management_values),
       form=post_data, with_file=st.booleans(),
       answer_kind=st.sampled_from(["none", "valid", "valid", "hostile"]))
def test_wizard_steps_with_hostile_posts(db, data, state, url_step, posted_step, form,
                                         with_file, answer_kind):
    client = new_client()
    prepare(client, state, data)
    if posted_step is not None:
        form[MANAGEMENT] = posted_step
    step = posted_step if isinstance(posted_step, str) else url_step
    if answer_kind == "valid" and step in VALID_ANSWERS:
        choices = st.sampled_from(VALID_ANSWERS[step])
        form[f"{step}-{step}"] = data.draw(choices | st.lists(choices, unique=True), label="answer")
    elif answer_kind == "hostile":
        form[f"{step}-{step}"] = data.draw(field_values, label="answer")
    if with_file:
        form[data.draw(field_names, label="file field")] = SimpleUploadedFile(
            "answers.txt", b"\x00\xff" * 10, content_type="text/plain")
    url = data.draw(st.sampled_from([
        "/questions/" + quote(step, safe="") + "/", "/questions/" + quote(url_step, safe="") + "/",
        "/questions/", "/questions/done/", *(f"/questions/{s}/" for s in STEPS)]), label="url")
    assert_readable(client.post(url, form), "POST")
    assert_readable(client.get(url))
    assert_still_usable(client)


@fuzz
@given(data=st.data(), state=st.sampled_from(["complete", "opened_link", "opened_link"]),
       own=st.one_of(hostile_text, st.lists(hostile_text, max_size=15).map("\n".join),
                     st.lists(hostile_text, max_size=3)),
       action=st.one_of(st.none(), st.sampled_from(["pdf", "text", "link", "PDF", "save"]),
                        hostile_text, st.lists(st.sampled_from(["pdf", "text", "link"]))),
       extra=post_data)
def test_question_list_form_with_hostile_choices(db, data, state, own, action, extra):
    client = new_client()
    prepare(client, state, data)
    page = client.get("/result/")
    assert_readable(page)
    slugs = re.findall(r'name="keep" value="([^"]+)"', page.content.decode())
    picked = st.lists(st.one_of(st.sampled_from(slugs or ["none"]), hostile_text), max_size=10)
    form = {**extra, "keep": data.draw(picked, label="keep"), "top": data.draw(picked, label="top"),
            "own": own}
    if action is not None:
        form["action"] = action
    response = client.post("/result/", form)
    assert_readable(response, "POST")
    assert_list_outputs(client, data)


@fuzz
@given(payload=hostile_payloads(), data=st.data())
def test_signed_links_with_hostile_payloads(db, payload, data):
    client = new_client()
    prepare(client, data.draw(st.sampled_from(SESSION_STATES), label="state"), data)
    token = seal(payload, PURPOSE)
    response = client.get(list_url(token))
    assert_readable(response)
    if response.status_code == 302:
        # The link was taken: whatever it carried must show, print and download.
        assert_list_outputs(client, data)
    assert_still_usable(client)


@fuzz
@given(answers=real_answers(), choices=list_choices, data=st.data(),
       method=st.sampled_from(METHODS))
def test_real_links_mutated_or_garbage(db, answers, choices, data, method):
    client = new_client()
    token = make_token(answers, choices)
    kind = data.draw(st.sampled_from(["real", "mutated", "mutated", "garbage", "odd"]), label="kind")
    if kind == "mutated":
        token = mutate(token, data)
    elif kind == "garbage":
        token = data.draw(st.text(max_size=200), label="token")
    elif kind == "odd":
        token = data.draw(st.sampled_from([
            "", ".", "..", "%2F", "x" * 10_000, token * 3, token + ":" + token,
            seal("just a string", PURPOSE),
            seal({"a": []}, "session"),
            signing.dumps({"a": []}, salt="immunoguide.question-list", compress=True),
            seal({"a": []}, PURPOSE)]), label="token")
    response = send(client, method, list_url(token))
    assert_readable(response, method)
    if method == "GET" and response.status_code == 302:
        assert_list_outputs(client, data)
    assert_still_usable(client)


@fuzz
@given(data=st.data(), state=st.sampled_from(SESSION_STATES),
       path=st.sampled_from(URLS + ["/questions/goal/", "/questions/check/", "/questions/done/",
                                    "/list/garbage/"]),
       method=st.sampled_from(["GET", "POST"]), enforce_csrf=st.booleans(), form=post_data)
def test_garbage_cookies(db, data, state, path, method, enforce_csrf, form):
    client = new_client()
    prepare(client, state, data)
    client.handler.enforce_csrf_checks = enforce_csrf
    if enforce_csrf and data.draw(st.booleans(), label="real csrf token?"):
        client.get("/questions/goal/")  # a page with forms sets the CSRF cookie
        if "csrftoken" in client.cookies:
            form["csrfmiddlewaretoken"] = client.cookies["csrftoken"].value
    extra = spoil_cookies(client, data)
    if data.draw(st.booleans(), label="csrf header?"):
        extra["HTTP_X_CSRFTOKEN"] = data.draw(cookie_values, label="csrf header")
    response = send(client, method, path, form, **extra)
    assert_readable(response, method)
    assert_still_usable(client)


@fuzz
@given(path=st.sampled_from(URLS + ["/questions/goal/", "/questions/check/", "/list/x/"]),
       content_type=st.one_of(
           st.sampled_from(["multipart/form-data", "multipart/form-data; boundary=",
                            "multipart/form-data; boundary=xyz",
                            "multipart/form-data; boundary=" + "b" * 200,
                            "application/x-www-form-urlencoded",
                            "application/x-www-form-urlencoded; charset=utf-16",
                            "application/x-www-form-urlencoded; charset=nonsense",
                            "application/json", "text/plain", "", "*/*"]),
           st.text(max_size=40)),
       body=st.one_of(st.binary(max_size=500),
                      st.sampled_from([b"--xyz\r\nContent-Disposition: form-data; name=\"goal-goal\""
                                       b"\r\n\r\ndampen\r\n--xyz--\r\n", b"\xff\xfe\x00",
                                       b"a=%ZZ&b=%&=&&&", b"a=" + b"%E9" * 1000,
                                       b"&".join(b"f%d=1" % n for n in range(1200))])),
       state=st.sampled_from(["fresh", "partial", "complete"]), data=st.data())
def test_raw_request_bodies(db, path, content_type, body, state, data):
    client = new_client()
    prepare(client, state, data)
    response = client.generic("POST", path, body, content_type=content_type)
    assert_readable(response, "POST")
    assert_still_usable(client)


@fuzz
@given(size=st.one_of(st.sampled_from(["normal", "large", "LARGE", ""]), hostile_text),
       next_url=st.one_of(hostile_text, st.sampled_from(URLS), st.none()),
       state=st.sampled_from(SESSION_STATES), data=st.data())
def test_text_size_switch(db, size, next_url, state, data):
    client = new_client()
    prepare(client, state, data)
    form = {"size": size}
    if next_url is not None:
        form["next"] = next_url
    response = client.post("/text-size/", form)
    assert_readable(response, "POST")
    if response.status_code == 302:
        assert_readable(client.get(response["Location"]))
    assert_still_usable(client)


# --- Regressions: 500s the fuzzing found ---------------------------------------------------------

def test_text_size_next_that_looks_like_a_view_name_is_a_plain_redirect(db):
    """``redirect("foo")`` tried to reverse "foo" as a view name: NoReverseMatch, a 500."""
    client = new_client()
    for next_url in ["foo", "start", "result"]:
        response = client.post("/text-size/", {"size": "large", "next": next_url})
        assert response.status_code == 302, next_url
        assert response["Location"] == next_url
    # Looks like a scheme, so it is not a safe address: back to the start.
    response = client.post("/text-size/", {"size": "large", "next": "questionnaire:start"})
    assert response["Location"] == "/"


def test_a_file_sent_with_a_step_is_ignored(db):
    """formtools raised NoFileStorageConfigured (a 500) when a step POST carried a file."""
    client = new_client()
    client.get("/questions/")
    response = client.post("/questions/goal/", {
        MANAGEMENT: "goal", "goal-goal": "dampen",
        "upload": SimpleUploadedFile("a.txt", b"x", content_type="text/plain")})
    assert response.status_code == 302
    assert response["Location"] == "/questions/condition/"


@pytest.mark.parametrize("answers", [
    ["dampen", "lupus", "starting", [1], []],
    ["dampen", "lupus", "starting", [], [{"x": 1}]],
    ["dampen", "lupus", "starting", [None, 2.5], []],
    ["dampen", "lupus", "starting", [["pregnancy"]], []],
])
def test_a_signed_link_with_answers_that_are_not_text_is_refused(db, answers):
    """Answers.from_mapping called .strip() on a number or dict from a link: a 500."""
    token = seal({"a": answers, "d": [], "t": [], "o": []}, PURPOSE)
    response = new_client().get(list_url(token))
    assert response.status_code == 400
    assert "This link does not work" in response.content.decode()
