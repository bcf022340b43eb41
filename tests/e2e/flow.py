"""Steps a person takes in the browser, shared by the browser tests."""
from playwright.sync_api import expect

STEP_VALUES = ("goal", "condition", "stage", "factors", "concerns")


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


def answer_all(page, site, goal, condition, stage="starting", factors=(), concerns=()):
    """From the start page to check answers."""
    page.goto(site + "/")
    page.get_by_role("link", name="Start now").click()
    for values in (goal, condition, stage, list(factors), list(concerns)):
        choose_and_continue(page, values)
    expect(page.get_by_role("heading", name="Check your answers")).to_be_visible()


def complete(page, site, goal, condition, **more):
    """All the way to the result page."""
    answer_all(page, site, goal, condition, **more)
    page.get_by_role("button", name="See my summary and questions").click()
    expect(page.get_by_role("heading", name="Your questions for the care team")).to_be_visible()


def print_dialog_opened(page):
    """Wait until the page has asked for the browser's Print dialog (stubbed in tests/e2e/conftest.py)."""
    page.wait_for_function("window.printDialogsOpened > 0")
