"""Browser tests: Playwright driving Debian's Chromium against pytest-django's live server.

Chromium is never downloaded: the tests use /usr/bin/chromium (or
IMMUNOGUIDE_CHROMIUM). Where it is missing they are skipped with a message
saying how to install it, unless IMMUNOGUIDE_NO_SKIP=1 (as in CI),
which turns that skip into a failure.
"""
import os
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from django.core.management import call_command

from questionnaire.signals import one_stamp
from tests.helpers import FIXTURES
from tests.helpers.browser import CHROMIUM, browser_missing

# Playwright's sync API runs an event loop in this thread; Django must allow that.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

REQUIRE_BROWSER = os.environ.get("IMMUNOGUIDE_NO_SKIP") == "1"
ARTIFACTS = Path(os.environ.get("IMMUNOGUIDE_ARTIFACTS", Path(__file__).resolve().parents[2] / "test-artifacts"))

#: The page's own ``window.print()`` (print.js opens the dialog after "Print") is counted instead
#: of opened: a headless Chromium 156 holds a page "already being printed" until a dialog
#: nobody can close is closed, and every ``page.pdf()`` after it fails. Stubbed in the tests
#: alone; the product opens the real dialog.
PRINT_DIALOG_STUB = "window.printDialogsOpened = 0; window.print = function () { window.printDialogsOpened += 1; };"


def pytest_collection_modifyitems(config, items):
    """On PostgreSQL, only the browser tests marked ``every_database`` run.

    The browser sees the same pages whichever database serves them (a patient page
    reads one cached snapshot and writes nothing), and the whole browser suite takes
    5 minutes; the view tests and these few whole flows cover PostgreSQL.
    """
    from django.db import connection

    if connection.vendor != "postgresql":
        return
    skip = pytest.mark.skip(reason="browser test run on SQLite only; on PostgreSQL only every_database ones run")
    for item in items:
        if "tests/e2e/" in item.nodeid and item.get_closest_marker("every_database") is None:
            item.add_marker(skip)


@pytest.fixture(autouse=True)
def _chromium_present():
    reason = browser_missing()
    if reason and REQUIRE_BROWSER:
        pytest.fail(reason + " (IMMUNOGUIDE_NO_SKIP=1 forbids skipping)")
    if reason:
        pytest.skip(reason)


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    return {
        **browser_type_launch_args,
        "executable_path": CHROMIUM,
        "args": ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"],
    }


@pytest.fixture
def site(live_server):
    """The live server with the content loaded (live_server empties the database after each test).

    Loaded with ``loaddata`` alone: ``load_content`` would validate the same fixtures again
    for every browser test, and tests/test_content.py validates them once.
    """
    with one_stamp():
        call_command("loaddata", *FIXTURES, verbosity=0)
    return live_server.url


@pytest.fixture
def page(page, site):
    """A page that fails the test if anything is requested from a host other than the test server,
    or if a part of a page (a stylesheet, a script, an image, the icon) fails to load."""
    allowed = urlsplit(site).netloc
    outside = []

    def check(request):
        url = urlsplit(request.url)
        if url.scheme in ("http", "https", "ws", "wss") and url.netloc != allowed:
            outside.append(request.url)

    def check_loaded(response):
        # A page's own parts: its stylesheet, scripts, images and icon (not pages, nor the idle check's fetch).
        if response.status >= 400 and response.request.resource_type in ("stylesheet", "script", "image", "font", "other"):
            missing.append(f"{response.status} {response.url}")

    missing = []
    page.add_init_script(PRINT_DIALOG_STUB)
    page.on("request", check)
    page.on("response", check_loaded)
    yield page
    assert outside == [], f"Requests left the machine: {outside}"
    assert missing == [], f"Parts of a page did not load: {missing}"


@pytest.fixture(scope="session")
def artifacts():
    folder = ARTIFACTS / "screenshots"
    folder.mkdir(parents=True, exist_ok=True)
    return folder
