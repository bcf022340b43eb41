"""The browser tests' shared parts: Debian's Chromium, the steps a person takes, and the axe check."""
import os
import shutil
import subprocess
from pathlib import Path

from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

CHROMIUM = os.environ.get("IMMUNOGUIDE_CHROMIUM", "/usr/bin/chromium")
INSTALL_HINT = "install it with: sudo apt-get install chromium (Debian's package; no browser is downloaded)"
STEP_VALUES = ("goal", "condition", "medicines", "stage", "factors", "concerns")


def choose(page, value):
    """Tick an option, first unfolding its group if it is folded away (the condition step)."""
    box = page.locator(f"input[value='{value}']")
    folded = box.locator("xpath=ancestor::details[not(@open)]/summary")
    if folded.count():
        folded.click()
    box.check()


def choose_and_continue(page, values):
    for value in values if isinstance(values, (list, tuple)) else [values]:
        choose(page, value)
    page.get_by_role("button", name="Continue").click()


def answer_all(page, site, goal, condition, stage="starting", factors=(), concerns=(), medicines=()):
    """From the start page to check answers."""
    page.goto(site + "/")
    page.get_by_role("link", name="Start now").click()
    for values in (goal, condition, list(medicines), stage, list(factors), list(concerns)):
        choose_and_continue(page, values)
    expect(page.get_by_role("heading", name="Check your answers")).to_be_visible()


def complete(page, site, goal, condition, **more):
    """All the way to the result page."""
    answer_all(page, site, goal, condition, **more)
    page.get_by_role("button", name="See my summary and questions").click()
    expect(page.get_by_role("heading", name="Your questions for the care team")).to_be_visible()


def open_for_care_team(page):
    """Unfold "For your care team" on the result page: the link, the health record, the check-in view."""
    care_team = page.locator("#for-care-team")
    if care_team.get_attribute("open") is None:
        care_team.locator("summary").click()


def print_dialog_opened(page):
    """Wait until the page has asked for the browser's Print dialog (stubbed in tests/e2e/conftest.py)."""
    page.wait_for_function("window.printDialogsOpened > 0")


#: WCAG 2.2 A and AA, and axe's best practices (landmarks, headings, target size...).
AXE_RULES = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa", "best-practice"]


def axe_problems(page):
    """What axe finds on the page as it stands: one line per rule broken, naming where."""
    results = Axe().run(page, options={"runOnly": {"type": "tag", "values": AXE_RULES}})
    return [f"{v['id']}: {v['help']} at {[n['target'] for n in v['nodes']]}"
            for v in results.response["violations"]]


def assert_no_violations(page):
    problems = axe_problems(page)
    assert problems == [], f"{page.url}: " + "\n".join(problems)


def browser_version():
    """What ``chromium --version`` says, for the test run's header (the print tests broke on a new one)."""
    if browser_missing():
        return "not installed"
    try:
        said = subprocess.run([CHROMIUM, "--version"], capture_output=True, text=True, timeout=30)
    except (OSError, subprocess.TimeoutExpired) as error:
        return f"unknown ({error})"
    return said.stdout.strip() or said.stderr.strip() or "unknown"


def browser_missing():
    if shutil.which(CHROMIUM) or Path(CHROMIUM).exists():
        return None
    return f"Chromium not found at {CHROMIUM}; {INSTALL_HINT}"
