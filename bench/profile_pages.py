"""What each patient page costs inside the app, and where that time goes.

    .venv/bin/python bench/profile_pages.py                      # every page, ms per request
    .venv/bin/python bench/profile_pages.py --profile "GET result"   # and its cProfile

`make bench` measures pages through gunicorn and a client on the same cores; this
measures the app alone, so a change to a template or a view can be weighed in
seconds. The app runs with the production settings on a fresh SQLite file loaded
with the shipped content (bench/server.py's prepare()), and is called as a WSGI
application in this process: no server, no socket, no test client. A person walks
the flow with their own cookie first, as in the benchmark; each page is then asked
again and again with that cookie. No page is kept between requests (nothing a person
answered may be held in server memory), so every figure is the page's whole cost.
"list saved" is the result page once a person has saved a list of their own.

The figure is the best of several rounds (other work on the machine only ever adds
time), judged against the targets in docs/performance.md.
"""
import argparse
import cProfile
import io
import json
import os
import pstats
import random
import re
import sys
import tempfile
import time
from http.cookies import SimpleCookie
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import client  # noqa: E402
from server import prepare  # noqa: E402

ANSWERS = {"goal": "dampen", "condition": "lupus", "medicines": ["methotrexate"], "stage": "starting",
           "factors": ["pregnancy", "vaccines_due"], "concerns": ["side_effects", "infections"]}


class Browser:
    """One person's cookies, sent to the WSGI application as gunicorn would."""

    def __init__(self, app):
        self.app = app
        self.cookies = {}

    def environ(self, method, path, body=b""):
        path, _, query = path.partition("?")
        return {
            "REQUEST_METHOD": method, "PATH_INFO": path, "QUERY_STRING": query,
            "SERVER_NAME": "127.0.0.1", "SERVER_PORT": "8000", "SERVER_PROTOCOL": "HTTP/1.1",
            "HTTP_HOST": "127.0.0.1:8000", "HTTP_X_FORWARDED_PROTO": "https",
            "HTTP_ORIGIN": "https://127.0.0.1:8000", "HTTP_ACCEPT_ENCODING": "gzip",
            "HTTP_ACCEPT_LANGUAGE": "en-GB,en;q=0.9",
            "HTTP_COOKIE": "; ".join(f"{k}={v}" for k, v in self.cookies.items()),
            "CONTENT_TYPE": client.FORM_TYPE, "CONTENT_LENGTH": str(len(body)),
            "REMOTE_ADDR": "127.0.0.1", "wsgi.input": io.BytesIO(body), "wsgi.url_scheme": "http",
            "wsgi.errors": sys.stderr, "wsgi.multithread": False, "wsgi.multiprocess": True,
            "wsgi.run_once": False, "wsgi.version": (1, 0),
        }

    def call(self, method, path, body=b"", keep_cookies=True):
        status_headers = []
        chunks = self.app(self.environ(method, path, body),
                          lambda status, headers, exc_info=None: status_headers.append((status, headers)))
        content = b"".join(chunks)
        getattr(chunks, "close", lambda: None)()
        status, headers = status_headers[0]
        if keep_cookies:
            for name, value in headers:
                if name.lower() == "set-cookie":
                    for morsel in SimpleCookie(value).values():
                        self.cookies[morsel.key] = morsel.value
        return int(status.split()[0]), dict(headers), content


def walk(app, answered):
    """A browser that has answered the first ``answered`` steps (one more: it has seen the result)."""
    browser = Browser(app)
    status, _, page = browser.call("GET", "/questions/goal/")
    page = _text(page)
    token = client.csrf_token(page)
    for step in client.STEPS[:answered]:
        status, headers, _ = browser.call("POST", f"/questions/{step}/",
                                          client.step_body(step, ANSWERS, token).encode())
        assert status == 302 and headers["Location"] == client.next_url(step), (step, status, headers)
    if answered > len(client.STEPS):
        status, _, _ = browser.call("GET", "/questions/done/")
        assert status == 302, status
    return browser, token


def _text(content):
    import gzip
    return (gzip.decompress(content) if content[:2] == b"\x1f\x8b" else content).decode()


def pages():
    """(name, method, path, steps answered first, expected status)."""
    rows = [("/healthz", "GET", "/healthz", 0, 200), ("start page", "GET", "/", 0, 200)]
    for index, step in enumerate(client.STEPS):
        rows.append((f"GET {step}", "GET", f"/questions/{step}/", index, 200))
        rows.append((f"POST {step}", "POST", f"/questions/{step}/", index, 302))
    rows.append(("GET result", "GET", "/result/", len(client.STEPS) + 1, 200))
    rows.append((SAVED, "GET", "/result/", len(client.STEPS) + 1, 200))
    return rows


#: The result page once the person has saved their own list (one unticked, one own question).
SAVED = "GET result, list saved"

#: The in-process targets, ms (docs/performance.md): the result page, and every other page.
TARGET_MS = {"result": 2.5, "other": 1.5}


def target_ms(name):
    return TARGET_MS["result"] if "result" in name else TARGET_MS["other"]


def save_a_list(browser, token):
    """Save the suggested list as a person would (bench/client.py): some unticked, one own question."""
    page = _text(browser.call("GET", "/result/")[2])
    status, _, _ = browser.call("POST", "/result/", client.list_body(page, token, random.Random(1)).encode())
    assert status == 302, status


def request_for(app, row):
    """A function that sends this page's request once, from a browser that got as far as it needs."""
    name, method, path, answered, expected = row
    browser, token = walk(app, answered)
    if name == SAVED:
        save_a_list(browser, token)
    body = b""
    if method == "POST":
        body = client.step_body(path.strip("/").split("/")[-1], ANSWERS, token).encode()
    # A POST is repeated from the same state: the answer it sends is not kept.
    keep = method == "GET"

    def send():
        status, _, _ = browser.call(method, path, body, keep_cookies=keep)
        assert status == expected, (name, status)
    return send


def best_ms(senders, count, rounds):
    """Each page's best ms per request over ``rounds``, taken in turn across the pages so that
    a burst of other work on the machine falls on all of them alike."""
    for send in senders.values():
        for _ in range(20):
            send()
    best = dict.fromkeys(senders, float("inf"))
    for _ in range(rounds):
        for name, send in senders.items():
            start = time.perf_counter()
            for _ in range(count):
                send()
            best[name] = min(best[name], (time.perf_counter() - start) / count * 1000)
    return best


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--count", type=int, default=300, help="requests per round (300)")
    parser.add_argument("--rounds", type=int, default=5, help="rounds; the best is shown (5)")
    parser.add_argument("--profile", metavar="PAGE", help='also profile one page, e.g. "GET result"')
    parser.add_argument("--top", type=int, default=30, help="functions shown in the profile (30)")
    parser.add_argument("--only", metavar="REGEX", help="time only the pages whose name matches")
    parser.add_argument("--out", metavar="JSON", help="also write the figures here (make bench does)")
    args = parser.parse_args()

    workdir = tempfile.mkdtemp(prefix="immunoguide-profile-")
    os.environ.update(prepare("sqlite", workdir))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "immunoguide.settings")
    import django
    from django.core.wsgi import get_wsgi_application
    django.setup()
    app = get_wsgi_application()

    rows = [row for row in pages() if not args.only or re.search(args.only, row[0])]
    figures = best_ms({row[0]: request_for(app, row) for row in rows}, args.count, args.rounds)
    print(f"In-process ms per request, best of {args.rounds} × {args.count} (production settings, SQLite)")
    print(f"{'page':<24} {'ms':>7}  {'target':>6}")
    for name, figure in figures.items():
        if name == "/healthz":
            print(f"{name:<24} {figure:7.3f}")
            continue
        verdict = "ok" if figure <= target_ms(name) else "over"
        print(f"{name:<24} {figure:7.3f}  {target_ms(name):6.1f}  {verdict}")

    if args.out:
        Path(args.out).write_text(json.dumps({"rounds": args.rounds, "count": args.count, "pages": figures,
                                              "targets_ms": {name: target_ms(name) for name in figures}}, indent=1))

    if args.profile:
        row = next(row for row in pages() if row[0] == args.profile)
        send = request_for(app, row)
        best_ms({args.profile: send}, 50, 1)
        profiler = cProfile.Profile()
        profiler.enable()
        for _ in range(args.count):
            send()
        profiler.disable()
        out = io.StringIO()
        stats = pstats.Stats(profiler, stream=out).strip_dirs().sort_stats("tottime")
        stats.print_stats(args.top)
        print(f"\ncProfile of {args.profile}, {args.count} requests, by own time:")
        print(out.getvalue())
        out = io.StringIO()
        pstats.Stats(profiler, stream=out).strip_dirs().sort_stats("cumulative").print_stats(args.top)
        print(f"cProfile of {args.profile}, by cumulative time:")
        print(out.getvalue())


if __name__ == "__main__":
    main()
