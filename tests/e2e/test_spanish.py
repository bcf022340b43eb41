"""A Spanish-speaking patient completes the flow in Spanish on a phone, and their nurse prints
one list that both of them and the doctor can read.

The browser asks for Spanish (``locale="es-US"``, so ``Accept-Language: es-US``). Button
and heading names come from the catalogue, as the page itself gets them.
"""
import io
import re

import pytest
from django.utils import translation
from playwright.sync_api import expect

from questionnaire.content_reading import read_content
from tests.helpers.browser import choose, open_for_care_team, print_dialog_opened
from tests.helpers.browser import assert_no_violations
from tests.helpers.pdf import pdf_text
from tests.helpers.pdf import page_count

pytestmark = pytest.mark.django_db(transaction=True)

PHONE = {"width": 375, "height": 812}


def es(message):
    """What the Spanish page calls a button, a link or a heading."""
    with translation.override("es"):
        return translation.gettext(message)


@pytest.fixture
def browser_context_args(browser_context_args):
    return {**browser_context_args, "locale": "es-US", "viewport": PHONE, "is_mobile": True, "has_touch": True}


def no_sideways_scrolling(page):
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth"), page.url


def continue_with(page, values, checks):
    for value in values if isinstance(values, (list, tuple)) else [values]:
        choose(page, value)
    checks(page)
    page.get_by_role("button", name=es("Continue")).click()


@pytest.mark.every_database
def test_a_patient_completes_the_flow_in_spanish_on_a_phone_and_prints_one_list_for_both(page, site, artifacts):
    def checks(page):
        expect(page.locator("html")).to_have_attribute("lang", "es")
        no_sideways_scrolling(page)
        assert_no_violations(page)

    page.goto(site + "/")
    checks(page)
    page.screenshot(path=str(artifacts / "es-phone-start.png"), full_page=True)
    page.get_by_role("link", name=es("Start now")).click()
    for step, values in (("goal", "dampen"), ("condition", "lupus"), ("medicines", []), ("stage", "starting"),
                         ("factors", ["vaccines_due"]), ("concerns", ["side_effects"])):
        if step == "condition":
            page.screenshot(path=str(artifacts / "es-phone-condition.png"), full_page=True)
        continue_with(page, values, checks)
    expect(page.get_by_role("heading", name=es("Check your answers"))).to_be_visible()
    checks(page)
    page.get_by_role("button", name=es("See my summary and questions")).click()
    expect(page.get_by_role("heading", name=es("Your questions for the care team"))).to_be_visible()
    checks(page)
    page.screenshot(path=str(artifacts / "es-phone-result.png"), full_page=True)

    content = read_content()
    spanish = content.in_language("es")
    shown = page.locator(".suggested-questions input[name=keep]").evaluate_all("boxes => boxes.map(b => b.value)")
    labels = page.locator(".suggested-questions .question-keep .choice-label").all_inner_texts()
    # A template's text is filled with the medicines: what comes before the first placeholder is the same.
    assert shown and all(spanish.questions[slug].text.split("{")[0] in label for slug, label in zip(shown, labels))

    # The nurse prints: Spanish for the patient, the English under each question for the doctor.
    expect(page.locator("#print-both")).to_be_checked()
    page.get_by_role("button", name=es("Print")).click()
    expect(page).to_have_url(re.compile(r"\?print=1"))
    print_dialog_opened(page)
    printed = page.pdf(format="Letter")
    assert page_count(printed) <= 2
    text = pdf_text(io.BytesIO(printed))
    for slug in shown:
        assert spanish.questions[slug].text.split("{")[0][:30] in text
        assert content.questions[slug].text.split("{")[0][:30] in text
    assert "Preguntas para mi cita / Questions for my appointment" in text


def test_switching_to_english_on_a_step_keeps_the_choice_not_yet_sent(page, site):
    page.goto(site + "/questions/")
    choose(page, "modulate")
    page.get_by_role("button", name="English").click()
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page.locator("input[value=modulate]")).to_be_checked()
    page.get_by_role("button", name="Español").click()
    expect(page.locator("html")).to_have_attribute("lang", "es")
    expect(page.locator("input[value=modulate]")).to_be_checked()


def test_the_about_page_says_the_spanish_awaits_a_native_speaking_clinician(page, site):
    page.goto(site + "/about/")
    expect(page.get_by_text(es("The Spanish text awaits review by a native-speaking clinician."))).to_be_visible()
    assert_no_violations(page)


def test_the_whole_flow_in_spanish_without_javascript(browser, site, artifacts):
    context = browser.new_context(java_script_enabled=False, locale="es-US", viewport=PHONE)
    page = context.new_page()
    try:
        page.goto(site + "/")
        page.get_by_role("link", name=es("Start now")).click()
        for values in ("dampen", "kidney_transplant", [], "starting", [], []):
            for value in values if isinstance(values, list) else [values]:
                choose(page, value)
            page.get_by_role("button", name=es("Continue")).click()
        page.get_by_role("button", name=es("See my summary and questions")).click()
        page.fill("#id_own", "¿Puedo viajar después del trasplante?")
        page.get_by_role("button", name=es("Save my list")).click()
        expect(page.locator(".own-text")).to_have_text(["¿Puedo viajar después del trasplante?"])
        page.get_by_role("button", name="English").click()
        expect(page.locator("html")).to_have_attribute("lang", "en")
        expect(page.locator(".own-text")).to_have_text(["¿Puedo viajar después del trasplante?"])
        page.get_by_role("button", name="Español").click()
        page.get_by_role("button", name=es("Finish and start over")).click()
        expect(page.get_by_role("link", name=es("Start now"))).to_be_visible()
    finally:
        context.close()


def test_the_other_page_types_in_spanish_pass_axe(page, site):
    """Errors, the most important, the link, check-in, start over and not found: axe at WCAG 2.2 AA, in Spanish."""
    page.goto(site + "/questions/")
    page.get_by_role("button", name=es("Continue")).click()  # nothing chosen: the error summary
    expect(page.locator(".error-summary")).to_be_visible()
    assert_no_violations(page)
    for values in ("dampen", "lupus", [], "starting", [], []):
        for value in values if isinstance(values, list) else [values]:
            choose(page, value)
        page.get_by_role("button", name=es("Continue")).click()
    page.get_by_role("button", name=es("See my summary and questions")).click()
    page.fill("#id_own", "\n".join(f"¿Pregunta {n}?" for n in range(11)))
    page.get_by_role("button", name=es("Save my list")).click()
    expect(page.locator(".error-summary")).to_be_visible()
    assert_no_violations(page)
    page.fill("#id_own", "¿Pregunta?")
    page.get_by_role("button", name=es("Choose your %(count)s most important") % {"count": 3}).click()
    expect(page.get_by_role("heading", name=es("Which questions matter most to you?"))).to_be_visible()
    assert_no_violations(page)
    page.locator("input[name=top]:not(:checked)").first.check()
    page.get_by_role("button", name=es("Save and go back to your list")).click()
    expect(page.locator(".error-summary")).to_be_visible()
    assert_no_violations(page)
    page.locator("input[name=top]:checked").first.uncheck()
    page.get_by_role("button", name=es("Save and go back to your list")).click()
    expect(page.locator(".top-mark")).to_have_count(3)
    expect(page.locator(".top-mark").first).to_have_text(es("(most important)"))
    for action in ("Copy link to this list", "Check-in view for the nurse"):
        open_for_care_team(page)
        page.get_by_role("button", name=es(action)).click()
        expect(page.locator("html")).to_have_attribute("lang", "es")
        assert_no_violations(page)
        page.goto(site + "/result/")
    page.get_by_role("button", name=es("Start over")).first.click()
    assert_no_violations(page)
    page.goto(site + "/no-such-page/")
    expect(page.locator("html")).to_have_attribute("lang", "es")
    assert_no_violations(page)
