"""Every page type passes axe-core at WCAG 2.2 A and AA and its best practices, and the flow works by keyboard alone."""
import time
from datetime import timedelta
from unittest import mock

import pytest
from playwright.sync_api import expect

from tests.helpers.browser import answer_all, assert_no_violations, choose_and_continue, complete

pytestmark = pytest.mark.django_db(transaction=True)

def go_to_step(page, site, step):
    page.goto(site + "/questions/")
    for answered, value in zip(("goal", "condition", "stage", "factors", "concerns"),
                               ("dampen", "lupus", "starting", [], [])):
        if answered == step:
            return
        choose_and_continue(page, value)


def submit_with_a_value_not_offered(page):
    page.locator("input[type=checkbox]").first.evaluate("box => { box.value = 'tampered'; box.checked = true; }")
    page.get_by_role("button", name="Continue").click()


STEPS = ["goal", "condition", "stage", "factors", "concerns"]


def test_start_page(page, site):
    page.goto(site + "/")
    assert_no_violations(page)


def test_about_page(page, site):
    page.goto(site + "/about/")
    assert_no_violations(page)


def test_start_page_after_an_expired_session(page, site):
    page.goto(site + "/?expired=1")
    assert_no_violations(page)


@pytest.mark.parametrize("step", STEPS)
def test_each_step(page, site, step):
    go_to_step(page, site, step)
    assert_no_violations(page)


@pytest.mark.parametrize("step", STEPS)
def test_each_step_with_a_validation_error(page, site, step):
    go_to_step(page, site, step)
    if step in ("factors", "concerns"):
        submit_with_a_value_not_offered(page)
    else:
        page.get_by_role("button", name="Continue").click()
    expect(page.get_by_role("heading", name="There is a problem")).to_be_visible()
    assert_no_violations(page)


def test_check_answers(page, site):
    answer_all(page, site, "strengthen", "lung_cancer", factors=["autoimmune_history"], concerns=["cost"])
    assert_no_violations(page)


def test_result(page, site):
    complete(page, site, "strengthen", "lung_cancer", factors=["autoimmune_history"])
    page.locator("input[name=top]").nth(0).check()
    page.fill("#id_own", "My question?")
    page.get_by_role("button", name="Save my list").click()
    assert_no_violations(page)


def test_result_with_an_error(page, site):
    complete(page, site, "dampen", "kidney_transplant")
    for n in range(4):
        page.locator("input[name=top]").nth(n).check()
    page.get_by_role("button", name="Save my list").click()
    expect(page.get_by_role("heading", name="There is a problem")).to_be_visible()
    assert_no_violations(page)


def test_larger_text(page, site):
    complete(page, site, "modulate", "hay_fever")
    page.get_by_role("button", name="Larger text").click()
    assert_no_violations(page)


def test_start_over_page(page, site):
    complete(page, site, "modulate", "hay_fever")
    page.locator(".header-actions").get_by_text("Start over", exact=True).click()
    assert_no_violations(page)


def test_opening_a_link_while_holding_other_answers(page, site, browser):
    sender = browser.new_page()
    complete(sender, site, "strengthen", "melanoma")
    sender.get_by_role("button", name="Copy link to this list").click()
    link = sender.locator("#list-link").input_value()
    complete(page, site, "modulate", "hay_fever")
    page.goto(link)
    expect(page.get_by_role("heading", name="Open this list?")).to_be_visible()
    assert_no_violations(page)


def test_link_page(page, site):
    complete(page, site, "modulate", "hay_fever")
    page.get_by_role("button", name="Copy link to this list").click()
    assert_no_violations(page)


def test_check_in_page_with_a_clinic(page, site):
    from questionnaire.models import ClinicProfile
    ClinicProfile.objects.create(name="Riverside Clinic", day_phone="(617) 555-0123",
                                 out_of_hours_phone="(617) 555-0199")
    complete(page, site, "dampen", "lupus")
    assert_no_violations(page)
    page.get_by_role("button", name="Check-in view for the nurse").click()
    expect(page.locator(".check-in-questions li")).to_have_count(3)
    assert_no_violations(page)


def test_error_pages(page, site):
    complete(page, site, "modulate", "hay_fever")
    page.get_by_role("button", name="Copy link to this list").click()
    link = page.locator("#list-link").input_value()
    for url, status in [(link[:-8] + "AAAAAAA/", 400), (site + "/no-such-page/", 404)]:
        assert page.goto(url).status == status
        assert_no_violations(page)
    with mock.patch("time.time", return_value=time.time() + timedelta(days=31).total_seconds()):
        assert page.goto(link).status == 410
    assert_no_violations(page)


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
    for _ in ("goal", "condition", "stage"):
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
    expect(page.get_by_text("Your question list is saved.")).to_be_visible()
    assert page.locator(".suggested-questions input[name=keep]:not(:checked)").count() == 1


def test_the_idle_warning(page, site, settings):
    complete(page, site, "modulate", "hay_fever")
    settings.IMMUNOGUIDE_IDLE_SECONDS = 10
    page.reload()
    expect(page.locator("#idle-warning")).to_be_visible(timeout=8_000)
    assert_no_violations(page)


def test_the_result_naming_characters_the_pdf_cannot_show(page, site):
    complete(page, site, "modulate", "hay_fever")
    page.fill("#id_own", "Is \ue000 safe?")
    page.get_by_role("button", name="Save my list").click()
    expect(page.locator("#unprintable")).to_be_visible()
    assert_no_violations(page)
