"""The wallet card for emergencies in the browser: reached from the result page on a phone, its
languages, and printed from the page as one card on one sheet."""
import io

from playwright.sync_api import expect
from pypdf import PdfReader

from tests.helpers.browser import assert_no_violations, complete
from tests.helpers.pdf import pdf_text


def test_a_person_gets_a_wallet_card_from_the_result_page_and_prints_it_on_one_page(page, site, artifacts):
    page.set_viewport_size({"width": 375, "height": 812})
    complete(page, site, "strengthen", "melanoma", stage="on_treatment", medicines=["pd1_pdl1_inhibitors"])
    page.get_by_role("button", name="Wallet card for emergencies").click()
    expect(page.get_by_role("heading", level=1, name="Wallet card for emergencies")).to_be_visible()
    card = page.locator(".wallet-card")
    expect(card).to_contain_text("PD-1 or PD-L1 blockers")
    expect(card).to_contain_text("Call your local emergency number for:")
    expect(card).to_contain_text("steroids may be needed")
    assert_no_violations(page)
    page.screenshot(path=str(artifacts / "wallet-card-phone.png"), full_page=True)

    page.get_by_label("English and Spanish").check()
    page.get_by_role("button", name="Show the card").click()
    # 14 signs: no room for both languages on the front; the doctor's back has both.
    expect(page.locator("#card-front-one-language")).to_be_visible()
    expect(card.locator(".card-back .card-side[lang=es]")).to_contain_text("Recibo tratamiento con bloqueadores de PD-1 o PD-L1")
    expect(page.get_by_label("English and Spanish")).to_be_checked()
    assert_no_violations(page)

    printed = io.BytesIO(page.pdf(format="A4"))
    assert len(PdfReader(printed).pages) == 1
    text = pdf_text(printed)
    assert "PD-1 or PD-L1 blockers" in text and "bloqueadores de PD-1 o PD-L1" in text
    for screen_only in ("Show the card", "Download the card as a PDF", "Language of the card", "Start over"):
        assert screen_only not in text
