"""Every page type passes axe-core at WCAG 2.2 A and AA and its best practices (one walk through
them all), and the flow works by keyboard alone."""
import re
import time
from datetime import timedelta
from unittest import mock

import pytest
from playwright.sync_api import expect

from tests.helpers.browser import (
    answer_all, axe_problems, choose, choose_and_continue, complete, open_for_care_team)

pytestmark = pytest.mark.django_db(transaction=True)

def go_to_step(page, site, step):
    """A new person's flow, up to the step."""
    page.context.clear_cookies()
    page.goto(site + "/questions/")
    for answered, value in zip(("goal", "condition", "medicines", "stage", "factors", "concerns"),
                               ("dampen", "lupus", [], "starting", [], [])):
        if answered == step:
            return
        choose_and_continue(page, value)


def submit_with_a_value_not_offered(page):
    page.locator("input[type=checkbox]").first.evaluate("box => { box.value = 'tampered'; box.checked = true; }")
    page.get_by_role("button", name="Continue").click()


STEPS = ["goal", "condition", "medicines", "stage", "factors", "concerns"]


class Walk:
    """Runs axe on each page type as the walk reaches it, and keeps every finding, so one run
    names all the pages that fail rather than the first."""

    def __init__(self):
        self.found = {}

    def check(self, page, page_type):
        problems = axe_problems(page)
        if problems:
            self.found[f"{page_type} ({page.url})"] = problems


def test_every_page_type_passes_axe(page, site, browser, settings):
    from questionnaire.models import ClinicProfile
    walk = Walk()
    for path, page_type in (("/", "start"), ("/about/", "about"), ("/?expired=1", "start after expiry")):
        page.goto(site + path)
        walk.check(page, page_type)

    for step in STEPS:
        go_to_step(page, site, step)
        walk.check(page, f"step {step}")
        if step in ("factors", "concerns"):
            submit_with_a_value_not_offered(page)
        elif step == "medicines":  # optional: its one error is "not sure" beside a named medicine
            page.locator("input[value='not_sure']").check()
            choose_and_continue(page, "methotrexate")
        else:
            page.get_by_role("button", name="Continue").click()
        expect(page.get_by_role("heading", name="There is a problem")).to_be_visible()
        walk.check(page, f"step {step} with an error")

    page.context.clear_cookies()
    answer_all(page, site, "strengthen", "lung_cancer", factors=["autoimmune_history"], concerns=["cost"])
    walk.check(page, "check answers")
    page.get_by_role("button", name="See my summary and questions").click()
    page.fill("#id_own", "My question?")
    page.get_by_role("button", name="Choose your 3 most important").click()
    walk.check(page, "most important")
    page.locator("input[name=top]").nth(3).check()
    page.get_by_role("button", name="Save and go back to your list").click()
    expect(page.get_by_role("heading", name="There is a problem")).to_be_visible()
    walk.check(page, "most important with an error")
    page.locator("input[name=top]").nth(0).uncheck()
    page.get_by_role("button", name="Save and go back to your list").click()
    walk.check(page, "result, list saved")
    page.fill("#id_own", "\n".join(["Mine?"] * 11))
    page.get_by_role("button", name="Save my list").click()
    expect(page.get_by_role("heading", name="There is a problem")).to_be_visible()
    walk.check(page, "result with an error")
    page.fill("#id_own", "Is \ue000 safe?")
    page.get_by_role("button", name="Save my list").click()
    expect(page.locator("#unprintable")).to_be_visible()
    walk.check(page, "result naming characters the PDF cannot show")

    page.context.clear_cookies()
    complete(page, site, "modulate", "hay_fever")
    page.get_by_role("button", name="Larger text").click()
    walk.check(page, "result in larger text")
    open_for_care_team(page)
    page.get_by_role("button", name="Copy link to this list").click()
    walk.check(page, "link")
    link = page.locator("#list-link").input_value()
    for url, status, page_type in [(link[:-8] + "AAAAAAA/", 400, "broken link"),
                                   (site + "/no-such-page/", 404, "not found")]:
        assert page.goto(url).status == status
        walk.check(page, page_type)
    with mock.patch("time.time", return_value=time.time() + timedelta(days=31).total_seconds()):
        assert page.goto(link).status == 410
    walk.check(page, "expired link")

    holder = browser.new_page()  # its own context: another browser
    complete(holder, site, "dampen", "lupus")
    holder.goto(link)
    expect(holder.get_by_role("heading", name="Open this list?")).to_be_visible()
    walk.check(holder, "opening a link while holding other answers")

    ClinicProfile.objects.create(name="Riverside Clinic", day_phone="(617) 555-0123",
                                 out_of_hours_phone="(617) 555-0199")
    page.context.clear_cookies()
    complete(page, site, "dampen", "lupus")
    walk.check(page, "result with a clinic")
    open_for_care_team(page)
    page.get_by_role("button", name="Check-in view for the nurse").click()
    expect(page.locator(".check-in-questions li")).to_have_count(3)
    walk.check(page, "check-in")
    page.goto(site + "/result/")
    page.locator(".header-actions").get_by_text("Start over", exact=True).click()
    walk.check(page, "start over")
    page.locator("form[action='/start-over/'] button[type=submit]").click()
    expect(page).to_have_url(re.compile(r"/\?cleared=1$"))
    walk.check(page, "start page after start over at home")

    page.context.clear_cookies()
    page.goto(site + "/clinic/")
    walk.check(page, "start page on a clinic device")
    complete(page, site, "modulate", "hay_fever")
    settings.IMMUNOGUIDE_IDLE_SECONDS = 10
    page.reload()
    expect(page.locator("#idle-warning")).to_be_visible(timeout=8_000)
    walk.check(page, "idle warning")
    expect(page).to_have_url(re.compile(r"/ready/\?idle=1$"), timeout=15_000)  # the page wipes itself
    walk.check(page, "ready for the next person")
    assert walk.found == {}


def focus_is_visible(page):
    return page.evaluate("""() => {
        const el = document.activeElement;
        const style = getComputedStyle(el);
        return el !== document.body && (
            (style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) >= 2) ||
            style.boxShadow !== 'none');
    }""")


def tab_to(page, selector, limit=80):
    """Press Tab until the element matching selector has the focus; check each focus is visible."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        assert focus_is_visible(page), page.evaluate("document.activeElement.outerHTML")
        if page.evaluate("s => document.activeElement.matches(s)", selector):
            return
    raise AssertionError(f"Tab never reached {selector}")


def enter(page):
    """Press Enter on a link or button and wait for the next page."""
    with page.expect_navigation():
        page.keyboard.press("Enter")


def test_the_whole_flow_by_keyboard_alone(page, site):
    page.goto(site + "/")
    tab_to(page, "a.button-start")
    enter(page)
    tab_to(page, "button[type=submit]:not(.button-small):not(.link-button)")
    enter(page)
    expect(page.locator("#error-summary")).to_be_focused()
    for step in ("goal", "condition", "medicines", "stage"):
        if step != "medicines":  # the medicine step is optional: Continue without naming one
            tab_to(page, "input[type=radio]")
            page.keyboard.press("Space")
        tab_to(page, "button.button:not(.button-small)")
        enter(page)
    for _ in ("factors", "concerns"):
        tab_to(page, "input[type=checkbox]")
        page.keyboard.press("Space")
        tab_to(page, "button.button:not(.button-small)")
        enter(page)
    expect(page.get_by_role("heading", name="Check your answers")).to_be_visible()
    tab_to(page, "form:not(.header-form) button")
    enter(page)
    expect(page.get_by_role("heading", name="Your questions for the care team")).to_be_visible()
    tab_to(page, "input[name=keep]")
    page.keyboard.press("Space")
    tab_to(page, "button[value=save]")
    enter(page)
    expect(page.locator(".question-list .banner[role=status]")).to_be_visible()
    assert page.locator(".suggested-questions input[name=keep]:not(:checked)").count() == 1


def test_enter_on_a_choice_moves_forward_on_every_step_and_keeps_the_language(page, site):
    """Enter on a radio button or a tick box once switched the site to Spanish (the header's
    language button was the form's first submit button)."""
    page.goto(site + "/questions/")
    for step, value in [("goal", "dampen"), ("condition", "lupus"), ("medicines", None), ("stage", "starting"),
                        ("factors", "pregnancy"), ("concerns", "cost")]:
        if value:
            choose(page, value)
            page.locator(f"input[value='{value}']").focus()
        else:
            page.locator("input[type=checkbox]").first.focus()
        page.keyboard.press("Enter")
        expect(page.locator("html")).to_have_attribute("lang", "en")
        expect(page).not_to_have_url(re.compile(f"/questions/{step}/"))
    expect(page.get_by_role("heading", name="Check your answers")).to_be_visible()


def tabs_to(page, selector, limit):
    """How many Tabs it takes from where the focus is to the element matching selector."""
    for count in range(1, limit + 1):
        page.keyboard.press("Tab")
        assert focus_is_visible(page), page.evaluate("document.activeElement.outerHTML")
        if page.evaluate("s => document.activeElement.matches(s)", selector):
            return count
    raise AssertionError(f"{limit} Tabs never reached {selector}")


def test_most_important_by_keyboard_and_screen_reader_at_one_tab_per_question(page, site):
    """Two boxes per question made 40 Tabs from the first question to Print (issue 31): now one box
    per question, the marks chosen on a page of their own, each box named by its whole question."""
    complete(page, site, "dampen", "rheumatoid_arthritis")
    questions = page.locator("input[name=keep]").count()
    page.locator("input[name=keep]").first.focus()
    listen = page.locator("#question-list-form button.listen").count()  # read-aloud, where the browser speaks
    assert tabs_to(page, "button[value=print]", limit=questions + listen + 6) == questions + listen + 4  # own, paper,
    # languages, Save

    page.reload()  # the focus starts from the top of the page again
    tab_to(page, "button[value=top]", limit=10)
    enter(page)
    expect(page.get_by_role("heading", name="Which questions matter most to you?", level=1)).to_be_visible()
    boxes = page.locator("input[name=top]")
    kept = boxes.evaluate_all("boxes => boxes.map(b => b.labels[0].textContent.trim())")
    snapshot = page.locator("#id_top-fieldset").aria_snapshot()
    assert snapshot.startswith('- group "Which questions matter most to you?"')
    assert snapshot.count("checkbox ") == len(kept)
    for text in kept:  # a screen reader names each box by its whole question
        expect(page.get_by_role("checkbox", name=text, exact=True)).to_have_count(1)
    assert "- paragraph: Choose up to 3. They come first on your list and print first." in snapshot

    tab_to(page, "input[name=top]:not(:checked)")
    chosen = page.evaluate("document.activeElement.value")
    page.keyboard.press("Space")
    tab_to(page, "button.button:not(.button-small)")
    enter(page)
    expect(page.locator("#error-summary")).to_be_focused()
    tab_to(page, "input[name=top]:checked")
    page.keyboard.press("Space")  # four is one too many: untick the first
    tab_to(page, "button.button:not(.button-small)")
    enter(page)
    expect(page.get_by_role("heading", name="Your questions for the care team")).to_be_visible()
    name = page.locator(f"#keep-{chosen}").evaluate("box => box.labels[0].textContent")
    assert page.get_by_role("checkbox", name=name.strip(), exact=True).is_checked()
    assert name.strip().endswith("(most important)")
    assert page.locator(".top-mark").count() == 3


def test_print_is_a_few_tabs_from_the_top_of_the_result(page, site):
    """It took 51 Tabs past every question's two boxes; the link beside the answers jumps there."""
    complete(page, site, "dampen", "rheumatoid_arthritis")
    page.evaluate("document.activeElement.blur(); window.scrollTo(0, 0)")
    page.locator("body").focus()
    tab_to(page, "a[href='#list-actions']", limit=8)
    page.keyboard.press("Enter")
    tab_to(page, "button[value=print]", limit=2)
