"""During and after the visit, in a real browser: a person with melanoma takes her list into the
consulting room on a phone or a tablet, loses the network, notes the answers, prints the summary,
and later opens her list for the next visit."""
import io
import re

import pytest
from playwright.sync_api import expect

from tests.helpers.browser import assert_no_violations, complete, print_dialog_opened
from tests.helpers.pdf import page_count, pdf_text

pytestmark = pytest.mark.django_db(transaction=True)


def words(text):
    return " ".join(text.split())


@pytest.mark.parametrize("width, height", [(375, 812), (1024, 768)], ids=["phone", "tablet"])
def test_she_notes_her_visit_offline_saves_when_back_online_prints_and_carries_the_rest_forward(
        page, site, browser, width, height):
    page.set_viewport_size({"width": width, "height": height})
    complete(page, site, "strengthen", "melanoma", medicines=["pd1_pdl1_inhibitors"])
    page.get_by_role("button", name="Use during my visit").click()
    expect(page.get_by_role("heading", name="During your visit")).to_be_visible()
    questions = [re.sub(r"^\d+\.\s*", "", text) for text in page.locator(".visit-question-text [data-listen]").all_inner_texts()]
    assert len(questions) >= 6
    assert_no_violations(page)

    page.context.set_offline(True)
    for number in range(4):
        page.locator("input[name=asked]").nth(number).check()
    answers = page.locator("textarea[name^=answer-]")
    answers.nth(0).fill("Every 3 weeks, through a drip.")
    answers.nth(1).fill("A blood test before each dose.")
    page.locator("textarea[name^=teach_back-]").first.fill("I call the day team if I get a fever.")
    page.get_by_role("button", name="Save my notes").click()
    offline = page.locator("#visit-offline")
    expect(offline).to_be_visible()
    expect(offline).to_contain_text("You are offline")
    expect(answers.nth(1)).to_have_value("A blood test before each dose.")
    expect(page.locator("input[name=asked]:checked")).to_have_count(4)

    page.context.set_offline(False)
    expect(page.locator("#visit-saved")).to_contain_text("Your notes are saved.")
    expect(page).to_have_url(re.compile(r"saved=1"))
    expect(page.locator("input[name=asked]:checked")).to_have_count(4)
    expect(page.locator("textarea[name^=answer-]").nth(0)).to_have_value("Every 3 weeks, through a drip.")

    page.get_by_role("button", name="Save and see my visit summary").click()
    expect(page.get_by_role("heading", name="My visit summary")).to_be_visible()
    assert_no_violations(page)
    next_time = page.locator(".visit-summary-next li").all_inner_texts()
    assert next_time == questions[4:]
    page.get_by_role("button", name="Print").click()
    print_dialog_opened(page)
    printed = page.pdf(format="A4")
    assert page_count(printed) == 1
    text = pdf_text(io.BytesIO(printed))
    for noted in ("Answer: Every 3 weeks, through a drip.", "Answer: A blood test before each dose.",
                  "In my own words: I call the day team if I get a fever.", "For next time"):
        assert noted in text
    for screen_only in ("Download PDF", "Start over", "Back to my visit notes"):
        assert screen_only not in text

    # Weeks later, on another browser: the link opens her list for the next visit.
    link = page.locator("#next-link").input_value()
    later = browser.new_context(viewport={"width": width, "height": height})
    try:
        next_visit = later.new_page()
        next_visit.goto(link)
        expect(next_visit.get_by_role("heading", name="Your questions for the care team")).to_be_visible()
        expect(next_visit.locator(".lead")).to_contain_text("I am having treatment now")
        ticked = [words(t) for t in next_visit.locator(
            ".question-keep:has(input[name=keep]:checked) .choice-label [data-listen]").all_inner_texts()]
        own = [words(t) for t in next_visit.locator(".own-text").all_inner_texts()]
        assert [q for q in next_time if words(q) not in ticked and words(q) not in own] == []
        assert [q for q in questions[:4] if words(q) in ticked] == []
    finally:
        later.close()


def test_without_javascript_the_notes_save_and_a_clinic_device_wipes_them(browser, site):
    context = browser.new_context(java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto(site + "/clinic/")
        complete(page, site, "strengthen", "melanoma")
        page.get_by_role("button", name="Use during my visit").click()
        page.locator("input[name=asked]").nth(0).check()
        page.locator("textarea[name^=answer-]").nth(0).fill("Every 3 weeks.")
        page.fill("#id_other", "x" * 601)
        page.get_by_role("button", name="Save my notes").click()
        expect(page.locator(".error-summary")).to_be_visible()
        expect(page.locator("textarea[name^=answer-]").nth(0)).to_have_value("Every 3 weeks.")
        expect(page.locator("input[name=asked]").nth(0)).to_be_checked()
        page.fill("#id_other", "Blood tests first.")
        page.get_by_role("button", name="Save my notes").click()
        expect(page.locator("#visit-saved")).to_be_visible()
        page.get_by_role("button", name="Save and see my visit summary").click()
        expect(page.locator(".visit-summary-asked")).to_contain_text("Answer: Every 3 weeks.")
        expect(page.get_by_role("button", name="Print")).to_be_hidden()  # the browser's own Print menu instead

        page.get_by_role("link", name="Back to your list").click()
        page.get_by_role("button", name="Finish and start over for the next person").click()
        expect(page.get_by_role("heading", name="Ready for the next person")).to_be_visible()
        for _ in range(2):
            page.go_back()
            expect(page.locator("body")).not_to_contain_text("Every 3 weeks.")
            expect(page.locator("body")).not_to_contain_text("Blood tests first.")
    finally:
        context.close()
