"""A person completes the questionnaire in a real browser."""
import io
import json
import re

import pytest
from playwright.sync_api import expect
from pypdf import PdfReader

from tests.helpers.browser import (
    choose, choose_and_continue, complete, open_for_care_team, print_dialog_opened)
from tests.helpers.pdf import layout_problems, page_count, pdf_text


pytestmark = pytest.mark.django_db(transaction=True)


@pytest.mark.every_database
@pytest.mark.parametrize("goal, condition, category", [
    ("strengthen", "melanoma", "stimulating"),
    ("modulate", "hay_fever", "modulating"),
    ("dampen", "kidney_transplant", "suppressive"),
    ("unsure", "kidney_transplant", "suppressive"),
])
def test_one_full_path_per_goal(page, site, goal, condition, category):
    from questionnaire.models import TherapyCategory
    complete(page, site, goal, condition)
    expect(page.get_by_role("heading", name=TherapyCategory.objects.get(pk=category).title)).to_be_visible()
    assert page.locator("input[name=keep]").count() >= 8


def test_back_link_browser_back_and_change_keep_the_answers(page, site):
    page.goto(site + "/questions/")
    choose_and_continue(page, "dampen")
    choose_and_continue(page, "lupus")
    page.get_by_role("link", name="Back").click()
    expect(page.locator("input[value=lupus]")).to_be_checked()
    page.go_back()
    expect(page.get_by_text("Question 3 of 7")).to_be_visible()
    page.go_back()
    page.go_back()
    expect(page.locator("input[value=dampen]")).to_be_checked()
    page.get_by_role("button", name="Continue").click()
    choose_and_continue(page, "lupus")
    choose_and_continue(page, [])
    choose_and_continue(page, "on_treatment")
    choose_and_continue(page, [])
    choose_and_continue(page, ["cost"])
    page.get_by_role("link", name="Change aim of the treatment").click()
    choose_and_continue(page, "modulate")
    expect(page.get_by_role("heading", name="Check your answers")).to_be_visible()
    expect(page.locator(".summary-list")).to_contain_text("Re-balance (modulate)")
    expect(page.locator(".summary-list")).to_contain_text("Lupus")
    expect(page.locator(".summary-list")).to_contain_text("Cost and insurance")


def test_start_over_at_home_leaves_nothing_for_the_back_button(page, site):
    complete(page, site, "dampen", "kidney_transplant", factors=["pregnancy"])
    page.locator("form.next-person button[type=submit]").click()
    expect(page).to_have_url(re.compile(r"/\?cleared=1$"))
    page.go_back()
    expect(page.locator("body")).not_to_contain_text("Kidney transplant")
    expect(page.locator("input[name=keep]")).to_have_count(0)


def choose_most_important(page):
    """From the list to the page "Which questions matter most to you?"."""
    page.get_by_role("button", name="Choose your 3 most important").click()
    expect(page.get_by_role("heading", name="Which questions matter most to you?")).to_be_visible()
    return page.locator("input[name=top]")


def test_larger_text_and_print_keep_unsaved_edits(page, site):
    complete(page, site, "dampen", "lupus")
    first = page.locator(".suggested-questions input[name=keep]").first
    first_id, first_slug = first.get_attribute("id"), first.get_attribute("value")
    first.uncheck()
    page.fill("#id_own", "Typed but not saved?")
    tops = choose_most_important(page)
    assert first_slug not in tops.evaluate_all("boxes => boxes.map(b => b.value)")  # unticked: not offered
    assert tops.evaluate_all("boxes => boxes.map(b => b.checked)")[:3] == [True, True, False]
    marked = tops.last.get_attribute("value")
    tops.nth(1).uncheck()
    tops.last.check()
    page.get_by_role("button", name="Larger text").click()
    expect(page.locator("html")).to_have_class("large-text")
    expect(page.locator(f"#top-{marked}")).to_be_checked()
    assert page.locator("input[name=top]:checked").count() == 2
    page.get_by_role("button", name="Save and go back to your list").click()
    expect(page.locator(".own-text")).to_have_text(["Typed but not saved?"])
    expect(page.locator(f"#{first_id}")).not_to_be_checked()
    expect(page.locator(f"label[for='keep-{marked}'] .top-mark")).to_be_visible()
    page.fill("#id_own", "Typed but not saved?\nAnd before printing?")
    page.get_by_role("button", name="Print").click()
    print_dialog_opened(page)
    expect(page.locator(".own-text")).to_have_text(["Typed but not saved?", "And before printing?"])
    assert page.locator(".suggested-questions .top-mark").count() == 2
    assert page.locator(".suggested-questions input[name=keep]").nth(1).get_attribute("value") == marked
    text = pdf_text(io.BytesIO(page.pdf(format="A4")))
    assert "And before printing?" in text and text.count("(most important)") == 2


def test_the_saved_message_is_on_screen_beside_the_list(page, site):
    page.set_viewport_size({"width": 375, "height": 812})
    complete(page, site, "dampen", "lupus")
    page.get_by_role("button", name="Save my list").click()
    expect(page.locator(".question-list .banner[role=status]")).to_be_in_viewport()


def test_the_header_start_over_asks_first_and_no_keeps_everything(page, site):
    complete(page, site, "dampen", "lupus")
    page.fill("#id_own", "Mine?")  # typed, not saved
    page.locator(".header-actions").get_by_text("Start over", exact=True).click()
    expect(page.get_by_role("heading", name="Start over?")).to_be_visible()
    page.get_by_role("link", name="No, go back to where I was").click()
    expect(page.locator(".own-text")).to_have_text(["Mine?"])
    page.locator(".header-actions").get_by_text("Start over", exact=True).click()
    page.get_by_role("button", name="Yes, wipe everything and start over").click()
    expect(page.get_by_role("heading", name=re.compile("Prepare questions"))).to_be_visible()
    page.goto(site + "/result/")
    expect(page.get_by_role("heading", name=re.compile("Prepare questions"))).to_be_visible()


def wipe_by_next_person(page, settings):
    page.locator("form.next-person button[type=submit]").click()


def wipe_by_header_start_over(page, settings):
    page.locator(".header-actions").get_by_text("Start over", exact=True).click()
    page.get_by_role("button", name="Yes, wipe everything and start over").click()


def wipe_by_leaving_the_tablet_alone(page, settings):
    settings.IMMUNOGUIDE_IDLE_SECONDS = 3
    page.get_by_role("button", name="Save my list").click()  # a page with the short limit
    expect(page).to_have_url(re.compile(r"/ready/\?idle=1$"), timeout=10_000)


def answers_on_screen(page):
    """How many inputs show an answer: ticked boxes, chosen options, typed text."""
    return page.evaluate("""() => [...document.querySelectorAll('input, textarea')].filter(
        el => el.checked || (el.type !== 'hidden' && el.type !== 'radio' && el.type !== 'checkbox'
                             && el.value)).length""")


@pytest.mark.parametrize("wipe", [wipe_by_next_person, wipe_by_header_start_over, wipe_by_leaving_the_tablet_alone])
def test_after_any_wipe_no_back_press_brings_back_an_answer(page, site, settings, wipe):
    """On a clinic device, every history entry of the last person, pressed back to, shows no answer of theirs."""
    page.goto(site + "/clinic/")
    complete(page, site, "unsure", "kidney_transplant", factors=["pregnancy", "vaccines_due"])
    page.fill("#id_own", "Can I still breastfeed?")
    page.get_by_role("button", name="Save my list").click()
    wipe(page, settings)
    expect(page).to_have_url(re.compile(r"/ready/(\?idle=1)?$"))
    for press in range(9):
        page.go_back()
        page.wait_for_load_state()
        shown = answers_on_screen(page)
        assert shown == 0, f"back press {press + 1} at {page.url} shows {shown} answers"
        assert page.locator(".summary-list, input[name=keep]").count() == 0, page.url


def test_a_tablet_left_alone_asks_first_then_wipes_itself_and_every_tab(page, site, settings):
    page.goto(site + "/clinic/")
    complete(page, site, "dampen", "kidney_transplant", factors=["pregnancy"])
    other_tab = page.context.new_page()
    other_tab.goto(site + "/result/")
    settings.IMMUNOGUIDE_IDLE_SECONDS = 8  # the warning after 4 s, the wipe after 8
    page.reload()
    warning = page.locator("#idle-warning")
    expect(warning).to_be_visible(timeout=7_000)
    expect(page.get_by_role("button", name="I am still here")).to_be_focused()
    page.get_by_role("button", name="I am still here").click()
    expect(warning).to_be_hidden()
    expect(page).to_have_url(re.compile(r"/result/$"))
    expect(page).to_have_url(re.compile(r"/ready/\?idle=1$"), timeout=15_000)
    expect(page.locator("#ready h1")).to_be_visible()
    other_tab.reload()
    expect(other_tab.get_by_role("heading", name="Ready for the next person")).to_be_visible()
    assert other_tab.locator("input[name=keep]").count() == 0


def test_a_nurses_next_patient_on_a_phone_sized_tablet_starts_at_question_one(page, site, artifacts):
    """After starting over and a few Back presses, "Start now" once opened "Question 4 of 6"."""
    page.set_viewport_size({"width": 375, "height": 812})
    page.goto(site + "/clinic/")
    page.locator("a.button-start").click()
    for values in ("dampen", "kidney_transplant", [], "starting"):
        choose_and_continue(page, values)
    expect(page).to_have_url(re.compile(r"/questions/factors/$"))
    page.locator(".header-actions a[href^='/start-over/']").click()
    page.locator("main form[action='/start-over/'] button[type=submit]").click()
    expect(page).to_have_url(re.compile(r"/ready/$"))
    expect(page.locator("#ready h1")).to_be_in_viewport()
    page.screenshot(path=artifacts / "ready-for-the-next-person-375.png", full_page=True)
    for press in range(2):  # the "Start over?" page, then the last person's question 5
        page.go_back()
        page.wait_for_load_state()
        assert answers_on_screen(page) == 0, f"back press {press + 1} at {page.url}"
    page.goto(site + "/")
    page.locator("a.button-start").click()
    expect(page).to_have_url(re.compile(r"/questions/goal/$"))
    expect(page.locator("input[name='goal-goal']").first).to_be_visible()
    assert answers_on_screen(page) == 0


def test_the_question_list_choices_print_cleanly(page, site):
    complete(page, site, "strengthen", "melanoma", stage="on_treatment")
    keep = page.locator(".suggested-questions input[name=keep]")
    texts = [page.locator(f"label[for='{keep.nth(i).get_attribute('id')}']").inner_text()
             for i in range(keep.count())]
    keep.nth(0).uncheck()
    keep.nth(1).uncheck()
    page.fill("#id_own", "Can I still go swimming?")
    page.get_by_role("button", name="Save my list").click()
    expect(page.locator(".question-list .banner[role=status]")).to_be_visible()

    printed = io.BytesIO(page.pdf(format="A4"))
    text = pdf_text(printed)
    assert len(PdfReader(printed).pages) <= 2
    assert "Can I still go swimming?" in text
    assert texts[0] not in text and texts[1] not in text
    assert [t for t in texts[2:] if t not in text] == []
    for screen_only in ("Save my list", "Download PDF", "Start over", "Larger text", "Why am I seeing this"):
        assert screen_only not in text
    assert "Content version" in text and "not medical advice" in text


@pytest.mark.parametrize("paper, clinic", [("A4", False), ("Letter", False), ("Letter", True)])
def test_the_suggested_list_prints_on_one_page_and_a_ticked_extra_joins_it(page, site, paper, clinic):
    if clinic:  # its lines and numbers must not push the short list onto a second page
        from questionnaire.models import ClinicProfile
        ClinicProfile.objects.create(
            name="Riverside Transplant Clinic", endorsement="We look forward to going through your questions with you.",
            day_phone="(617) 555-0123", out_of_hours_phone="(617) 555-0199", address="12 River Street, Boston")
    complete(page, site, "dampen", "kidney_transplant", factors=["pregnancy", "vaccines_due"])
    suggested = page.locator(".suggested-questions .question-keep .choice-label").all_inner_texts()
    extra = page.locator(".more-questions input[name=keep]").first
    extra_text = page.locator(f"label[for='{extra.get_attribute('id')}']").inner_text()

    printed = io.BytesIO(page.pdf(format=paper))
    text = pdf_text(printed)
    assert len(PdfReader(printed).pages) == 1
    assert [t for t in suggested if t not in text] == []
    assert extra_text not in text
    for label in ("Name", "Appointment date", "Clinician", "How to use this list", "When to call"):
        assert label in text
    # The signs to call the emergency number for, in the Notes' place; and the footer's line.
    assert text.count("emergency number") == 2
    assert "Call your local emergency number for: trouble breathing" in text
    assert ("Riverside Transplant Clinic" in text) == clinic and ("(617) 555-0199" in text) == clinic
    assert text.count("(most important)") == 3  # the first three, until the person marks their own

    extra.check()
    assert extra_text in pdf_text(io.BytesIO(page.pdf(format=paper)))


def test_everything_ticked_prints_on_two_pages_at_most(page, site):
    complete(page, site, "strengthen", "lung_cancer", factors=["autoimmune_history", "pregnancy"],
             concerns=["side_effects", "cost"])
    for box in page.locator("input[name=keep]").all():
        box.check()
    printed = page.pdf(format="A4")
    assert page_count(printed) <= 2
    assert layout_problems(printed, page.locator(".question-keep .choice-label").all_inner_texts()) == []


@pytest.mark.parametrize("goal, condition, factors", [
    ("dampen", "kidney_transplant", ["vaccines_due", "pregnancy"]),
    ("modulate", "not_listed", ["other_medicines"]),
    ("unsure", "not_listed", []),
])
def test_the_emergency_number_is_said_once_on_screen(page, site, goal, condition, factors):
    complete(page, site, goal, condition, factors=factors)
    assert page.locator("body").inner_text().count("emergency number") == 1


@pytest.mark.every_database
def test_the_pdf_download_and_the_link_reopen_the_same_list(page, site, browser):
    complete(page, site, "dampen", "rheumatoid_arthritis")
    first = page.locator("input[name=keep]").first
    first_id = first.get_attribute("id")
    dropped = page.locator(f"label[for='{first_id}']").inner_text()
    first.uncheck()
    page.fill("#id_own", "Will this affect my plans to travel?")
    with page.expect_download() as download:
        page.get_by_role("button", name="Download PDF").click()
    assert re.fullmatch(r"immunoguide-questions-\d{4}-\d{2}-\d{2}\.pdf", download.value.suggested_filename)
    text = pdf_text(download.value.path())
    assert "Will this affect my plans to travel?" in text and dropped not in text

    page.goto(site + "/result/")
    open_for_care_team(page)
    page.get_by_role("button", name="Copy link to this list").click()
    link = page.locator("#list-link").input_value()
    fresh = browser.new_context()
    other = fresh.new_page()
    other.goto(link)
    expect(other.get_by_role("heading", name="Your questions for the care team")).to_be_visible()
    expect(other.locator(f"#{first_id}")).not_to_be_checked()
    expect(other.locator("input[name=keep]").nth(1)).to_be_checked()
    expect(other.locator(".own-text")).to_have_text(["Will this affect my plans to travel?"])
    fresh.close()


def test_the_health_record_download_holds_the_answers_and_the_list(page, site):
    from fhir.resources.R4B.questionnaireresponse import QuestionnaireResponse
    complete(page, site, "unsure", "lupus", factors=["vaccines_due"])
    page.fill("#id_own", "Can I still travel?")
    with page.expect_download() as download:
        open_for_care_team(page)
        page.get_by_role("button", name="Download for your health record").click()
    assert re.fullmatch(r"immunoguide-questions-\d{4}-\d{2}-\d{2}\.fhir\.json", download.value.suggested_filename)
    with open(download.value.path(), encoding="utf-8") as file:
        data = json.load(file)
    QuestionnaireResponse.model_validate(data)
    answers = {item["linkId"]: item["answer"] for item in data["item"]}
    assert answers["goal"][0]["valueCoding"]["code"] == "unsure"
    assert answers["factors"][0]["valueCoding"]["code"] == "vaccines_due"
    assert answers["own-questions"] == [{"valueString": "Can I still travel?"}]


def test_larger_text_on_a_step_keeps_the_choice_not_yet_sent(page, site):
    page.goto(site + "/questions/")
    choose_and_continue(page, "dampen")
    choose(page, "lupus")
    page.get_by_role("button", name="Larger text").click()
    expect(page.locator("html")).to_have_class("large-text")
    expect(page.locator("input[value=lupus]")).to_be_checked()
    expect(page.locator("input[value=lupus]")).to_be_visible()
    page.get_by_role("button", name="Continue").click()
    expect(page.get_by_text("Question 3 of 7")).to_be_visible()


def test_pages_with_answers_are_never_restored_from_the_back_forward_cache(page, site):
    complete(page, site, "modulate", "hay_fever")
    page.evaluate("window.restoredFromMemory = true")
    page.get_by_role("link", name="About this content").click()
    page.go_back()
    expect(page.get_by_role("heading", name="Your questions for the care team")).to_be_visible()
    assert page.evaluate("window.restoredFromMemory === undefined")


@pytest.mark.every_database
def test_a_person_edits_enlarges_changes_an_answer_and_loses_nothing(page, site):
    complete(page, site, "dampen", "lupus")
    suggested = page.locator(".suggested-questions input[name=keep]")
    marked, dropped = suggested.nth(4).get_attribute("value"), suggested.nth(1).get_attribute("value")
    choose_most_important(page).first.uncheck()
    page.locator(f"#top-{marked}").check()
    page.get_by_role("button", name="Save and go back to your list").click()
    page.locator(f"#keep-{dropped}").uncheck()
    page.fill("#id_own", "Typed, never saved?")
    page.get_by_role("button", name="Larger text").click()
    page.get_by_role("button", name="Change your answers").click()
    page.get_by_role("link", name="Change what matters most to you").click()
    choose_and_continue(page, ["cost"])
    page.get_by_role("button", name="See my summary and questions").click()
    expect(page.locator(".own-text")).to_have_text(["Typed, never saved?"])
    expect(page.locator(f"label[for='keep-{marked}'] .top-mark")).to_be_visible()
    expect(page.locator(f"#keep-{dropped}")).not_to_be_checked()
    expect(page.locator("html")).to_have_class("large-text")


@pytest.mark.parametrize("paper", ["A4", "Letter"])
def test_a_full_short_list_from_the_print_button_fits_one_page_with_its_qr_code(page, site, paper, tmp_path):
    """Eight questions, the QR code beside the Notes: one page (it once pushed the Notes onto a second)."""
    from tests.helpers.pdf import qr_codes
    complete(page, site, "dampen", "kidney_transplant", factors=["vaccines_due"], concerns=["cost"])
    assert page.locator(".suggested-questions input[name=keep]").count() == 8
    page.get_by_role("button", name="Print").click()
    expect(page).to_have_url(re.compile(r"\?print=1"))
    print_dialog_opened(page)
    printed = page.pdf(format=paper)
    assert page_count(printed) == 1
    assert len(qr_codes(printed, tmp_path)) == 1


def test_the_printout_from_the_print_button_has_a_qr_code_that_reopens_the_list(page, site, browser, tmp_path):
    from tests.helpers.pdf import qr_codes
    complete(page, site, "dampen", "lupus")
    page.fill("#id_own", "Can I take this on holiday?")
    page.get_by_role("button", name="Print").click()
    expect(page).to_have_url(re.compile(r"\?print=1"))
    print_dialog_opened(page)
    codes = qr_codes(page.pdf(format="A4"), tmp_path)
    assert len(codes) == 1
    phone = browser.new_page()
    phone.goto(codes[0])
    expect(phone.locator(".own-text")).to_have_text(["Can I take this on holiday?"])
    phone.close()


def test_the_browsers_own_print_has_the_qr_code_and_an_own_question_not_yet_saved(page, site, browser, tmp_path):
    """Ctrl+P or the browser's menu, not the page's Print button: the code is drawn only then, and
    the question typed but not saved is printed, then gone from the page again."""
    from tests.helpers.pdf import qr_codes
    drawn = []
    page.on("request", lambda request: drawn.append(request.url) if "/result/qr.svg" in request.url else None)
    complete(page, site, "dampen", "lupus")
    page.wait_for_load_state("networkidle")
    assert drawn == []
    page.fill("#id_own", "Can I take this on holiday?")
    printed = page.pdf(format="A4")
    assert len(drawn) == 1
    assert "Can I take this on holiday?" in pdf_text(io.BytesIO(printed))
    expect(page.locator(".own-questions")).to_be_hidden()
    codes = qr_codes(printed, tmp_path)
    assert len(codes) == 1
    phone = browser.new_page()
    phone.goto(codes[0])
    expect(phone.get_by_role("heading", name="Your questions for the care team")).to_be_visible()
    phone.close()


def test_the_qr_code_on_the_link_page_opens_the_same_link(page, site):
    from PIL import Image
    import zxingcpp
    complete(page, site, "modulate", "hay_fever")
    page.fill("#id_own", "Can I travel?")
    open_for_care_team(page)
    page.get_by_role("button", name="Copy link to this list").click()
    link = page.locator("#list-link").input_value()
    code = page.locator(".qr-code")
    code.evaluate("svg => { svg.style.width = '600px'; }")  # a phone's camera sees it larger than this screenshot would
    image = Image.open(io.BytesIO(code.screenshot()))
    # QR codes only: a 1D reader can "see" a short code in the squares of a large one.
    assert [code.text for code in zxingcpp.read_barcodes(image, formats=zxingcpp.BarcodeFormat.QRCode)] == [link]
