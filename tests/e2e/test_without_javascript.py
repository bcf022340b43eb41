"""Everything works with JavaScript turned off."""
import pytest
from playwright.sync_api import expect

from tests.helpers.browser import complete, open_for_care_team

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def browser_context_args(browser_context_args):
    return {**browser_context_args, "java_script_enabled": False}


def test_the_full_flow_and_the_list_work_without_javascript(page, site):
    complete(page, site, "dampen", "lupus", stage="on_treatment", factors=["pregnancy"], concerns=["fertility"])
    page.get_by_role("button", name="Change your answers").click()
    page.get_by_role("link", name="Change where you are").click()
    page.locator("input[value=finished]").check()
    page.get_by_role("button", name="Continue").click()
    expect(page.get_by_role("heading", name="Check your answers")).to_be_visible()
    page.get_by_role("button", name="See my summary and questions").click()

    first = page.locator("input[name=keep]").first
    first_id = first.get_attribute("id")
    first.uncheck()
    page.fill("#id_own", "Can I plan a pregnancy next year?")
    page.get_by_role("button", name="Save my list").click()
    expect(page.locator(".own-text")).to_have_text(["Can I plan a pregnancy next year?"])
    expect(page.locator(f"#{first_id}")).not_to_be_checked()
    page.fill("#id_own", "Can I plan a pregnancy next year?\nAnd one more?")
    page.get_by_role("button", name="Print").click()
    expect(page.locator(".question-list .banner[role=status]")).to_be_visible()
    expect(page.locator(".own-text")).to_have_text(["Can I plan a pregnancy next year?", "And one more?"])

    page.get_by_role("button", name="Choose your 3 most important").click()
    boxes = page.locator("input[name=top]")
    assert first_id.removeprefix("keep-") not in boxes.evaluate_all("boxes => boxes.map(b => b.value)")
    marked = boxes.last.get_attribute("value")
    assert boxes.count() == 4
    for box in boxes.all():  # all four: one too many
        box.check()
    page.get_by_role("button", name="Save and go back to your list").click()
    expect(page.get_by_role("heading", name="There is a problem")).to_be_visible()
    expect(page.locator(f"#top-{marked}")).to_be_checked()
    page.locator("input[name=top]:checked").first.uncheck()
    page.get_by_role("button", name="Save and go back to your list").click()
    expect(page.locator(f"label[for='keep-{marked}'] .top-mark")).to_be_visible()
    assert page.locator(".suggested-questions .top-mark").count() == 3

    page.get_by_role("button", name="Larger text").click()
    expect(page.locator("html")).to_have_class("large-text")
    open_for_care_team(page)
    page.get_by_role("button", name="Copy link to this list").click()
    expect(page.locator("#list-link")).to_contain_text("/list/")
    page.get_by_role("link", name="Back to your list").first.click()
    page.get_by_role("button", name="Finish and start over", exact=True).click()
    expect(page.get_by_role("link", name="Start now")).to_be_visible()
