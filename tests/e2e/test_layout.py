"""Phone and tablet: screenshots for people to look at, and no sideways scrolling."""
import pytest

from tests.helpers.browser import answer_all, choose_and_continue, complete

pytestmark = pytest.mark.django_db(transaction=True)

SIZES = {"phone": (375, 812), "tablet": (1024, 768)}


def pages_to_see(page, site):
    """Visit each page type in turn, yielding its name once it is on screen."""
    page.goto(site + "/")
    yield "start"
    page.goto(site + "/questions/")
    for step, value in [("goal", "strengthen"), ("condition", "melanoma"), ("medicines", []), ("stage", "starting"),
                        ("factors", ["autoimmune_history"]), ("concerns", ["side_effects"])]:
        yield step
        choose_and_continue(page, value)
    yield "check"
    page.get_by_role("button", name="See my summary and questions").click()
    yield "result"


@pytest.mark.parametrize("screen", SIZES)
def test_screenshots_of_the_steps_and_the_result(page, site, artifacts, screen):
    width, height = SIZES[screen]
    page.set_viewport_size({"width": width, "height": height})
    names = []
    for name in pages_to_see(page, site):
        path = artifacts / f"{screen}-{width}x{height}-{name}.png"
        page.screenshot(path=str(path), full_page=True)
        assert path.stat().st_size > 5000
        names.append(name)
    assert names == ["start", "goal", "condition", "medicines", "stage", "factors", "concerns", "check", "result"]


def test_nothing_scrolls_sideways_at_320_pixels(page, site):
    page.set_viewport_size({"width": 320, "height": 640})
    wide = []
    for name in pages_to_see(page, site):
        width = page.evaluate("document.documentElement.scrollWidth")
        if width > 320:
            wide.append((name, width))
    page.locator(".header-actions").get_by_text("Start over", exact=True).click()
    page.get_by_role("button", name="Yes, wipe everything and start over").click()
    complete(page, site, "dampen", "kidney_transplant")
    page.get_by_role("button", name="Larger text").click()
    if page.evaluate("document.documentElement.scrollWidth") > 320:
        wide.append(("result, large text", page.evaluate("document.documentElement.scrollWidth")))
    assert wide == []


@pytest.mark.parametrize("goal, condition, factors", [
    ("dampen", "kidney_transplant", ["pregnancy", "vaccines_due"]),
    ("strengthen", "rheumatoid_arthritis", []),  # a mismatch note comes before the list
    ("unsure", "not_listed", []),
])
def test_on_a_phone_the_first_suggested_question_is_within_two_screens(page, site, goal, condition, factors):
    width, height = SIZES["phone"]
    page.set_viewport_size({"width": width, "height": height})
    complete(page, site, goal, condition, factors=factors)
    first = page.locator(".suggested-questions .question").first
    box = first.bounding_box()
    assert box["y"] + box["height"] <= 2 * height, box
    if not page.locator(".note-mismatch").count():  # without a note before the list, it starts on the first screen
        tick_box = first.locator("input[name=keep]").bounding_box()
        assert tick_box["y"] + tick_box["height"] <= height, tick_box


@pytest.mark.parametrize("goal", ["strengthen", "modulate", "dampen", "unsure"])
def test_on_a_phone_the_condition_step_is_at_most_two_screens_long(page, site, artifacts, goal):
    width, height = 375, 667
    page.set_viewport_size({"width": width, "height": height})
    page.goto(site + "/questions/")
    choose_and_continue(page, goal)
    page.screenshot(path=str(artifacts / f"phone-condition-{goal}.png"), full_page=True)
    question = page.locator("h1").bounding_box()
    button = page.get_by_role("button", name="Continue").bounding_box()
    assert button["y"] + button["height"] - question["y"] <= 2 * height


def test_a_folded_group_of_conditions_opens_by_keyboard(page, site):
    page.goto(site + "/questions/")
    choose_and_continue(page, "strengthen")
    summary = page.locator("#group-transplant summary")
    summary.focus()
    page.keyboard.press("Enter")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.value") == "kidney_transplant"
    page.keyboard.press("Space")
    assert page.locator("#group-transplant input:checked").count() == 1


#: WCAG 2.2's enhanced target size, and Apple's and GOV.UK's: 44 by 44 CSS pixels.
TARGET = 44


def too_small(locator):
    """The targets under TARGET pixels either way, each as (its text, width, height)."""
    found = []
    for n in range(locator.count()):
        box = locator.nth(n).bounding_box()
        if box["width"] < TARGET or box["height"] < TARGET:
            found.append((locator.nth(n).inner_text(), round(box["width"]), round(box["height"])))
    return found


def test_on_a_phone_the_small_controls_are_targets_of_44_pixels(page, site):
    """"Change", "Most important" and the footer's links were 22 to 43 pixels high (issue 31); the
    most important are now chosen on a page of their own, its boxes as big as every step's."""
    page.set_viewport_size({"width": 375, "height": 812})
    answer_all(page, site, "dampen", "rheumatoid_arthritis", factors=["pregnancy"], concerns=["cost"])
    changes, footer = page.locator(".summary-action a"), page.locator(".site-footer a")
    assert changes.count() == 6 and footer.count()
    assert too_small(changes) == [] and too_small(footer) == []
    page.get_by_role("button", name="See my summary and questions").click()
    choose = page.locator("button[value=top]")
    assert too_small(choose) == [] and too_small(page.locator(".site-footer a")) == []
    choose.click()
    most_important = page.locator("#id_top-fieldset .choice-label")
    assert most_important.count() >= 5
    assert too_small(most_important) == []
