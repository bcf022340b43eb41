"""One database's half of `make bench`: HTTP throughput, latency and page weight.

    .venv/bin/python bench/bench_http.py --db sqlite --out bench/results/bench-sqlite.json
    scripts/with-postgres .venv/bin/python bench/bench_http.py --db postgres --out ...

Serves the app with gunicorn (production settings, bench/server.py) on a free
127.0.0.1 port, then measures each endpoint with Locust (as a library, headless):
BENCH_USERS users (10) send that request back to back for BENCH_SECONDS (12) in
all, in BENCH_ROUNDS (12) turns taken with as many users of /healthz, after a
BENCH_WARMUP (1 s) warm-up: each endpoint's ratio to /healthz is measured in the
same seconds as /healthz (measure()).
Each user speaks for BENCH_PEOPLE (8) distinct people in turn, each with their own
session and their own answers drawn from the whole answer space (seeded), who
walked the flow as far as the endpoint needs: "POST stage" is a real stage answer
in a session that has a goal and a condition, and "GET result, list saved" and
"GET PDF" come from people who saved a list of their own (some questions unticked,
an own question). Redirects are not followed: a POST is timed alone.
Latencies are every request completed inside the measured windows; throughput is
their number divided by the windows' length.

Then it weighs every page as a first-time visitor gets it: the HTML and every
stylesheet, script and image it links, gzip-compressed (see weigh()).
"""
# Locust patches the standard library with gevent: import it before anything else.
from locust import FastHttpUser, constant, task  # isort: skip
from locust.env import Environment  # isort: skip

import argparse
import gzip
import json
import os
import random
import re
import sys
import time
import urllib.error
import urllib.request
from http.cookiejar import CookieJar
from pathlib import Path

import gevent

sys.path.insert(0, str(Path(__file__).resolve().parent))

import client  # noqa: E402
from server import served  # noqa: E402

USERS = int(os.environ.get("BENCH_USERS", "10"))
SECONDS = float(os.environ.get("BENCH_SECONDS", "12"))  # measured per endpoint (and as long for /healthz)
ROUNDS = int(os.environ.get("BENCH_ROUNDS", "12"))
WARMUP = float(os.environ.get("BENCH_WARMUP", "1"))
PEOPLE = int(os.environ.get("BENCH_PEOPLE", "8"))  # distinct people per user
PAGE_LIMIT = 30 * 1024


def endpoints():
    """(name, method, path, steps to answer first, expected status, expected Location)."""
    rows = [("/healthz", "GET", "/healthz", 0, 200, None),
            ("start page", "GET", "/", 0, 200, None)]
    for index, step in enumerate(client.STEPS):
        rows.append((f"GET {step}", "GET", f"/questions/{step}/", index, 200, None))
        rows.append((f"POST {step}", "POST", f"/questions/{step}/", index, 302, client.next_url(step)))
    rows.append(("GET result", "GET", "/result/", len(client.STEPS) + 1, 200, None))
    rows.append((SAVED, "GET", "/result/", len(client.STEPS) + 1, 200, None))
    rows.append(("GET PDF", "GET", "/result/pdf/", len(client.STEPS) + 1, 200, None))
    return rows


#: The result page of a person who saved a list of their own; the PDF is always of one.
SAVED = "GET result, list saved"


class Window:
    """What the request listener records: the requests of the endpoint whose turn it is."""

    open = False
    active = None
    times = {}
    failures = 0
    failure_examples = []
    ready = 0


def on_request(response_time, exception, name, **kwargs):
    if Window.open and name == Window.active:
        Window.times[name].append(response_time)
    if exception and name in (Window.active, "setup"):
        Window.failures += 1
        if len(Window.failure_examples) < 3:
            Window.failure_examples.append(f"{name}: {exception}")


class BenchUser(FastHttpUser):
    abstract = True
    wait_time = constant(0)
    default_headers = client.PROXY_HEADERS
    network_timeout = 30.0
    connection_timeout = 10.0
    endpoint = None
    counter = 0

    def on_start(self):
        self.client.cookiejar.set_policy(client.SendSecureCookies())
        self.origin = "https://" + self.host.split("://", 1)[1]
        self.people = [self.new_person() for _ in range(PEOPLE)]
        self.turn = 0
        Window.ready += 1

    def new_person(self):
        """Walk the flow as far as the endpoint needs as a new person; their cookies and the
        body they send, with the cookie jar left empty for the next."""
        BenchUser.counter += 1
        rng = random.Random(BenchUser.counter)
        answers = client.random_answers(rng)
        name, method, path, answered, _, _ = self.endpoint
        body = None
        if answered or method == "POST":
            token = client.csrf_token(self.call("GET", "/questions/goal/", 200))
            for step in client.STEPS[:answered]:
                self.call("POST", f"/questions/{step}/", 302, client.step_body(step, answers, token))
            if answered > len(client.STEPS):
                self.call("GET", "/questions/done/", 302)
                if name in (SAVED, "GET PDF"):
                    page = self.call("GET", "/result/", 200)
                    self.call("POST", "/result/", 302, client.list_body(page, client.csrf_token(page), rng))
            if method == "POST":
                body = client.step_body(path.strip("/").split("/")[-1], answers, token)
        cookies = "; ".join(f"{cookie.name}={cookie.value}" for cookie in self.client.cookiejar)
        self.client.cookiejar.clear()
        return cookies, body

    def call(self, method, path, status, body=None, name=None, location=None, cookies=None):
        headers = {"Origin": self.origin, "Content-Type": client.FORM_TYPE} if method == "POST" else {}
        if cookies:
            headers["Cookie"] = cookies
        with self.client.request(method, path, name=name or "setup", data=body, headers=headers,
                                 allow_redirects=False, catch_response=True) as response:
            if response.status_code != status:
                response.failure(f"status {response.status_code}, expected {status}")
            elif location and response.headers.get("Location") != location:
                response.failure(f"redirected to {response.headers.get('Location')}, expected {location}")
            else:
                response.success()
            return response.text or ""

    @task
    def hit(self):
        name, method, path, _, status, location = self.endpoint
        while Window.active != name:  # the other endpoint's turn
            gevent.sleep(0.001)
        cookies, body = self.people[self.turn % len(self.people)]
        self.turn += 1
        # Each request is sent as its person left the flow: what the server answers is not kept.
        self.call(method, path, status, body=body, name=name, location=location, cookies=cookies)
        self.client.cookiejar.clear()


def percentile(ordered, fraction):
    return ordered[min(len(ordered) - 1, int(round(fraction * (len(ordered) - 1))))] if ordered else None


def measure(base_url, endpoint, reference):
    """One endpoint against /healthz (``reference``), in turns of a second or so.

    This machine's speed moves by a third within seconds (a shared virtual machine), so
    a figure for /healthz taken a minute before says little about the machine while
    an endpoint is measured. Here both have their own users, set up at once, and take
    turns: ROUNDS rounds of a window of /healthz then a window of the endpoint, each
    SECONDS / ROUNDS long, only the users whose turn it is sending. Each endpoint's
    ratio is its requests over /healthz's in the same turns.
    """
    users = [type("ReferenceUser", (BenchUser,), {"endpoint": reference, "abstract": False, "fixed_count": USERS}),
             type("EndpointUser", (BenchUser,), {"endpoint": endpoint, "abstract": False, "fixed_count": USERS})]
    env = Environment(user_classes=users, host=base_url)
    env.events.request.add_listener(on_request)
    Window.open, Window.active, Window.failures, Window.failure_examples, Window.ready = False, None, 0, [], 0
    Window.times = {reference[0]: [], endpoint[0]: []}
    runner = env.create_local_runner()
    runner.start(2 * USERS, spawn_rate=2 * USERS)
    deadline = time.monotonic() + 60
    while Window.ready < 2 * USERS and time.monotonic() < deadline:
        gevent.sleep(0.05)
    window = SECONDS / ROUNDS
    for name in (reference[0], endpoint[0]):  # warm-up, not counted
        Window.active = name
        gevent.sleep(WARMUP / 2)
    turns, seconds = [], dict.fromkeys(Window.times, 0.0)
    Window.open = True
    for _ in range(ROUNDS):
        turn = []
        for name in (reference[0], endpoint[0]):
            before = len(Window.times[name])
            Window.active = name
            began = time.perf_counter()
            gevent.sleep(window)
            elapsed = time.perf_counter() - began
            seconds[name] += elapsed
            turn.append((len(Window.times[name]) - before) / elapsed)
        turns.append(turn)
    Window.open, Window.active = False, None
    runner.quit()
    return {"times": {name: list(times) for name, times in Window.times.items()}, "seconds": seconds,
            "turns": turns, "failures": Window.failures, "failure_examples": list(Window.failure_examples),
            "ready_users": Window.ready}


def measure_all(base_url):
    """Every endpoint against /healthz (see measure()); /healthz's row is all its windows together."""
    reference, *others = endpoints()
    measured = {endpoint[0]: measure(base_url, endpoint, reference) for endpoint in others}
    rows = [summarise(reference[0], [(m["times"][reference[0]], m["seconds"][reference[0]])
                                     for m in measured.values()], {"ratio": 1.0, "ratio_turns": []})]
    for name, m in measured.items():
        rps, reference_rps = (len(m["times"][n]) / m["seconds"][n] for n in (name, reference[0]))
        rows.append(summarise(name, [(m["times"][name], m["seconds"][name])], {
            "ratio": rps / reference_rps if reference_rps else 0.0,
            "reference_rps": reference_rps,
            "ratio_turns": [rate / ref if ref else 0.0 for ref, rate in m["turns"]],
            "failures": m["failures"], "failure_examples": m["failure_examples"][:3],
            "ready_users": m["ready_users"]}))
        print(f"  {name:<16} done", flush=True)
    return rows


def summarise(name, windows, extra):
    """One endpoint's requests in all its windows: throughput, latency, its ratio to /healthz."""
    ordered = sorted(t for times, _ in windows for t in times)
    seconds = sum(seconds for _, seconds in windows)
    row = {
        "name": name, "requests": len(ordered), "seconds": seconds,
        "rps": len(ordered) / seconds if seconds else 0.0,
        "p50": percentile(ordered, .50), "p90": percentile(ordered, .90), "p95": percentile(ordered, .95),
        "p99": percentile(ordered, .99), "max": ordered[-1] if ordered else None,
        "failures": 0, "failure_examples": [], "ready_users": 2 * USERS,
    }
    row.update(extra)
    return row


# ---- page weight -------------------------------------------------------------------

class NoRedirects(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


class Browser:
    """A first-time visitor with gzip: one cookie jar, no cache, no redirects followed."""

    def __init__(self, base_url):
        self.base_url = base_url
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(CookieJar(policy=client.SendSecureCookies())), NoRedirects())

    def fetch(self, path, body=None):
        headers = {**client.PROXY_HEADERS, "Accept-Encoding": "gzip"}
        if body is not None:
            headers.update({"Origin": "https://" + self.base_url.split("://", 1)[1],
                            "Content-Type": client.FORM_TYPE})
        request = urllib.request.Request(self.base_url + path, data=body and body.encode(), headers=headers)
        try:
            response = self.opener.open(request, timeout=30)
        except urllib.error.HTTPError as error:  # 3xx (not followed) and 4xx/5xx
            response = error
        wire = response.read()
        header_bytes = len(f"HTTP/1.1 {response.status} X\r\n") + len(str(response.headers).encode())
        compressed = response.headers.get("Content-Encoding") == "gzip"
        body_bytes = gzip.decompress(wire) if compressed else wire
        return {"status": response.status, "wire": len(wire), "headers": header_bytes,
                "gzip": len(wire) if compressed else len(gzip.compress(body_bytes, 6)),
                "sent_compressed": compressed, "raw": len(body_bytes),
                "text": body_bytes.decode("utf-8", "replace"),
                "location": response.headers.get("Location")}

    def answer(self, answers, upto=len(client.STEPS)):
        token = client.csrf_token(self.fetch("/questions/goal/")["text"])
        for step in client.STEPS[:upto]:
            response = self.fetch(f"/questions/{step}/", client.step_body(step, answers, token))
            assert response["status"] == 302, (step, response["status"])
        if upto == len(client.STEPS):
            assert self.fetch("/questions/done/")["status"] == 302


ASSET = re.compile(r'<(?:link[^>]*rel="stylesheet"[^>]*href|script[^>]*src|img[^>]*src)="([^"]+)"')


def weigh(browser, name, path):
    """HTML (gzip) + each linked stylesheet, script and image (as whitenoise sends them with gzip)."""
    page = browser.fetch(path)
    assets = []
    for url in dict.fromkeys(ASSET.findall(page["text"])):
        asset = browser.fetch(url)
        assert asset["status"] == 200, (url, asset["status"])
        assets.append({"url": url, "gzip": asset["wire"], "raw": asset["raw"], "headers": asset["headers"],
                       "sent_compressed": asset["sent_compressed"]})
    css = sum(a["gzip"] for a in assets if ".css" in a["url"])
    script = sum(a["gzip"] for a in assets if ".js" in a["url"])
    other = sum(a["gzip"] for a in assets) - css - script
    headers = page["headers"] + sum(a["headers"] for a in assets)
    total = page["gzip"] + css + script + other
    return {
        "name": name, "path": path, "status": page["status"],
        "html_raw": page["raw"], "html_gzip": page["gzip"], "html_sent_compressed": page["sent_compressed"],
        "css_gzip": css, "script_gzip": script, "other_gzip": other, "headers": headers,
        "total_gzip": total, "total_gzip_with_headers": total + headers,
        "total_as_sent_now": page["wire"] + css + script + other + headers,
        "assets": assets, "text": page["text"],
    }


def page_weights(base_url):
    rows = [weigh(Browser(base_url), "start page", "/"),
            weigh(Browser(base_url), "about page", "/about/")]
    sample = client.random_answers(random.Random(1))
    for index, step in enumerate(client.STEPS):
        browser = Browser(base_url)
        if index:
            browser.answer(sample, upto=index)
        rows.append(weigh(browser, f"{step} step", f"/questions/{step}/"))
    # The result page depends on the answers: weigh it for every condition, with every
    # factor and every concern ticked (the longest lists), and keep the heaviest.
    heaviest, lightest = None, None
    for condition in sorted(client.CONDITION_LABELS):
        for goal in ("unsure", "strengthen"):
            answers = {"goal": goal, "condition": condition, "medicines": [], "stage": "starting",
                       "factors": list(client.FACTORS), "concerns": list(client.CONCERNS)}
            browser = Browser(base_url)
            browser.answer(answers)
            row = weigh(browser, "result page", "/result/")
            problem = client.result_mismatch(row["text"], answers)
            assert problem is None, problem
            # The mix-up check is not vacuous: another person's answers fail it.
            other = dict(answers, condition="melanoma" if condition != "melanoma" else "lupus")
            assert client.result_mismatch(row["text"], other), "mix-up check accepted a wrong page"
            row["answers"] = f"{condition}, goal {goal}, all factors and concerns"
            if heaviest is None or row["total_gzip"] > heaviest["total_gzip"]:
                heaviest = row
            if lightest is None or row["total_gzip"] < lightest["total_gzip"]:
                lightest = row
    heaviest = dict(heaviest, name="result page (heaviest)")
    rows.append(heaviest)
    browser = Browser(base_url)
    browser.answer(sample)
    rows.append(dict(weigh(browser, "result page (sample answers)", "/result/"),
                     answers="the sample answers"))
    rows.append(weigh(browser, "list link page", "/result/link/"))
    rows.append(weigh(Browser(base_url), "broken list link (400 page)", "/list/not-a-real-token/"))
    rows.append(weigh(Browser(base_url), "404 page", "/no-such-page/"))
    for row in rows:
        row.pop("text", None)
        row["under_limit"] = row["total_gzip_with_headers"] < PAGE_LIMIT
    return rows


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", choices=("sqlite", "postgres"), required=True)
    parser.add_argument("--out", required=True)
    args = parser.parse_args(argv)
    load_before = os.getloadavg()
    results_dir = Path(args.out).parent
    with served(args.db, log_name=results_dir / f"bench-gunicorn-{args.db}.log") as base_url:
        print(f"bench: {args.db} at {base_url}: {USERS} users, {SECONDS:g} s per endpoint "
              f"in {ROUNDS} rounds", flush=True)
        rows = measure_all(base_url)
        for row in rows:
            print(f"  {row['name']:<16} {row['rps']:8.1f} req/s  {row['ratio']:5.2f} of /healthz  "
                  f"p50 {row['p50'] or 0:7.1f} ms  p95 {row['p95'] or 0:7.1f} ms  p99 {row['p99'] or 0:7.1f} ms  failures {row['failures']}",
                  flush=True)
        pages = page_weights(base_url)
    workers = os.environ.get("GUNICORN_WORKERS") or str(os.cpu_count() * 2 + 1)
    report = {
        "db": args.db, "users": USERS, "seconds": SECONDS, "rounds": ROUNDS, "warmup": WARMUP,
        "gunicorn_workers": int(workers), "cpus": os.cpu_count(),
        "loadavg_before": load_before, "loadavg_after": os.getloadavg(),
        "endpoints": rows, "pages": pages, "page_limit": PAGE_LIMIT,
    }
    Path(args.out).write_text(json.dumps(report, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
