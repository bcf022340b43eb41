"""The load test: simulated people completing the questionnaire at once (`make load`).

Run it through bench/run_load.py, which serves the app with gunicorn + PostgreSQL on
127.0.0.1 and runs Locust headless for a fixed time. Each simulated person:

1. starts with no cookies (a new browser), opens the start page and the first question;
2. answers every step with random answers of their own (GET the page, POST the form,
   follow the redirect), checking that each page is the step it should be;
3. confirms on "check your answers" (which must show their own condition and stage),
   is sent to the result, and checks that the result page and the plain-text list are
   for *their* condition (and stage): anything else is a session mix-up;
4. starts again as a new person, until the time is up (a person already in the
   flow then finishes it: --stop-timeout).

Any unexpected status, redirect or exception is an error. At the end it prints the
figures and exits non-zero when there was any error or mix-up, or no flow completed.
"""
import os
import random
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from locust import FastHttpUser, between, constant, events, task  # noqa: E402

import client  # noqa: E402

THINK = float(os.environ.get("LOAD_THINK_SECONDS", "0"))
#: `make cluster-load`: a request the load balancer could not complete (a node died under
#: it) is sent once more, as a person presses the button again; the answers must survive.
RETRY_FAILED = os.environ.get("LOAD_RETRY_FAILED") == "1"
#: A person presses again after a moment, not within the millisecond: a request sent again
#: at once could still reach the dying node's socket before the kernel had closed it.
RETRY_AFTER_SECONDS = 1.0
FAILED_STATUSES = {0, 502, 503, 504}

COUNTS = {"started": 0, "completed": 0, "errors": 0, "mixups": 0, "retried": 0}
FLOW_SECONDS = []
#: (when, method, path) of each request sent again (make cluster-load compares them with the kill).
RETRIED = []
PROBLEMS = []


class FlowError(Exception):
    def __init__(self, problem, status=None):
        super().__init__(problem)
        self.status = status


class Person(FastHttpUser):
    wait_time = between(THINK * 0.5, THINK * 1.5) if THINK else constant(0)
    default_headers = client.PROXY_HEADERS
    # A generous bound so a stalled server shows as an error rather than a hang.
    network_timeout = 30.0
    connection_timeout = 10.0

    def on_start(self):
        self.client.cookiejar.set_policy(client.SendSecureCookies())
        self.origin = "https://" + self.host.split("://", 1)[1].rstrip("/")

    def pause(self):
        if THINK:
            time.sleep(random.uniform(THINK * 0.5, THINK * 1.5))

    def expect(self, method, path, status, *, name=None, location=None, body=None, check=None, retry=RETRY_FAILED):
        """One request; returns its text. Anything unexpected is a Locust failure and a FlowError."""
        try:
            return self.request_once(method, path, status, name=name, location=location, body=body, check=check)
        except FlowError as error:
            if not (retry and error.status in FAILED_STATUSES):
                raise
            COUNTS["retried"] += 1
            RETRIED.append((time.time(), method, path))  # when it failed
            time.sleep(RETRY_AFTER_SECONDS)  # gevent's sleep, under Locust
            return self.request_once(method, path, status, name=name, location=location, body=body, check=check)

    def request_once(self, method, path, status, *, name=None, location=None, body=None, check=None):
        # Which simulated person sent it: `make cluster-load` logs it at the load balancer.
        headers = {"X-Load-Person": str(self.person)}
        if method == "POST":
            headers.update({"Origin": self.origin, "Content-Type": client.FORM_TYPE})
        with self.client.request(method, path, name=name or path, data=body,
                                 headers=headers, allow_redirects=False,
                                 catch_response=True) as response:
            problem = None
            if response.status_code != status:
                problem = f"{method} {path}: status {response.status_code}, expected {status}"
            elif location and response.headers.get("Location") != location:
                problem = (f"{method} {path}: redirected to {response.headers.get('Location')!r}, "
                           f"expected {location!r}")
            text = response.text or ""
            if problem is None and check:
                problem = check(text)
                if problem:
                    COUNTS["mixups"] += 1
                    problem = "MIX-UP " + problem
            if problem:
                response.failure(problem)
                raise FlowError(problem, response.status_code)
            response.success()
            return text

    @task
    def complete_the_flow(self):
        self.client.cookiejar.clear()  # a new person in a new browser
        answers = client.random_answers()
        COUNTS["started"] += 1
        self.person = COUNTS["started"]
        began = time.monotonic()
        try:
            self.expect("GET", "/", 200)
            self.expect("GET", "/questions/", 302, location="/questions/goal/")
            for step in client.STEPS:
                path = f"/questions/{step}/"
                check = (lambda page: client.check_page_mismatch(page, answers)) if step == "check" else None
                page = self.expect("GET", path, 200, check=check)
                if client.current_step(page) != step:
                    COUNTS["mixups"] += 1
                    raise FlowError(f"MIX-UP GET {path} shows step {client.current_step(page)!r}")
                self.pause()
                self.expect("POST", path, 302, location=client.next_url(step),
                            body=client.step_body(step, answers, client.csrf_token(page)))
            self.expect("GET", "/questions/done/", 302, location="/result/")
            page = self.expect("GET", "/result/", 200, check=lambda page: client.result_mismatch(page, answers))
            self.pause()
            # The person trims the list, adds a question of their own, saves it and takes the PDF.
            self.expect("POST", "/result/", 302, body=client.list_body(page, client.csrf_token(page)))
            self.expect("GET", "/result/", 200, check=lambda page: client.result_mismatch(page, answers))
            self.expect("GET", "/result/pdf/", 200)
            self.expect("GET", "/result/text/", 200, check=lambda text: client.text_mismatch(text, answers))
        except FlowError as error:
            COUNTS["errors"] += 1
            if len(PROBLEMS) < 20:
                PROBLEMS.append(str(error))
            return
        COUNTS["completed"] += 1
        FLOW_SECONDS.append(time.monotonic() - began)


def percentile(values, fraction):
    ordered = sorted(values)
    if not ordered:
        return float("nan")
    return ordered[min(len(ordered) - 1, int(round(fraction * (len(ordered) - 1))))]


@events.test_start.add_listener
def remember_start(environment, **kwargs):
    COUNTS["began"] = time.monotonic()
    COUNTS["load_before"] = os.getloadavg()


@events.quitting.add_listener
def report(environment, **kwargs):
    stats = environment.stats.total
    seconds = time.monotonic() - COUNTS.get("began", time.monotonic())
    users = environment.parsed_options.num_users if environment.parsed_options else "?"
    lines = [
        "",
        "== ImmunoGuide load test ==",
        f"simulated people at once:  {users}",
        f"think time per page:       {THINK:g} s (±50 %)",
        f"wall time:                 {seconds:.1f} s",
        "machine load average before / after (1, 5, 15 min): "
        + " / ".join(", ".join(f"{x:.2f}" for x in load)
                     for load in (COUNTS.get("load_before", (0, 0, 0)), os.getloadavg())),
        f"flows started / completed: {COUNTS['started']} / {COUNTS['completed']}",
        f"completed flows per second: {COUNTS['completed'] / seconds:.2f}" if seconds else "",
        f"flow time p50 / p95 / max: {percentile(FLOW_SECONDS, .5):.2f} / "
        f"{percentile(FLOW_SECONDS, .95):.2f} / {max(FLOW_SECONDS, default=float('nan')):.2f} s",
        f"requests:                  {stats.num_requests} ({stats.num_requests / seconds:.1f}/s)"
        if seconds else "",
        f"request latency p50 / p95 / p99 / max: {stats.get_response_time_percentile(.5):.0f} / "
        f"{stats.get_response_time_percentile(.95):.0f} / {stats.get_response_time_percentile(.99):.0f} / "
        f"{stats.max_response_time:.0f} ms",
        f"failed requests:           {stats.num_failures}",
        f"failed requests sent again: {COUNTS['retried']}" if RETRY_FAILED else "",
        f"flows with an error:       {COUNTS['errors']}",
        f"flows cut off at the end:  {COUNTS['started'] - COUNTS['completed'] - COUNTS['errors']}",
        f"session mix-ups:           {COUNTS['mixups']}",
    ]
    lines += [f"  problem: {problem}" for problem in PROBLEMS]
    # With retries, a failed request is allowed only where it was sent again and then went through.
    failures_ok = stats.num_failures == (COUNTS["retried"] if RETRY_FAILED else 0)
    ok = failures_ok and COUNTS["errors"] == 0 and COUNTS["mixups"] == 0 and COUNTS["completed"] > 0
    lines.append("RESULT: PASS (zero errors, zero mix-ups)" if ok else "RESULT: FAIL")
    summary = "\n".join(line for line in lines if line != "")
    retried_file = os.environ.get("LOAD_RETRIED_FILE")
    if retried_file:
        Path(retried_file).write_text("".join(f"{when:.3f} {method} {path}\n" for when, method, path in RETRIED))
    out = os.environ.get("LOAD_SUMMARY_FILE")
    if out:  # bench/run_load.py prints it after Locust's own tables
        Path(out).write_text(summary + "\n")
    else:
        print(summary, flush=True)
    if not ok:
        environment.process_exit_code = 1
