"""Listen: the result page reads a question, the treatment's summary and the call-now box aloud
with the browser's own speech (listen.js), in the language each part is written in.

Nothing in the page is replaced: an init script wraps ``speechSynthesis.speak`` and ``cancel``
to note each call (the utterance's text and language) and then makes the real call. Headless
Chromium has speech but no voices, so a real utterance fails within a millisecond and the
button turns back to "Listen"; the steps that need it still speaking run in one task of the page.
"""
import re

import pytest
from playwright.sync_api import expect

from tests.helpers.browser import assert_no_violations, complete

pytestmark = pytest.mark.django_db(transaction=True)

PHONE = {"width": 375, "height": 812}
NOTE_SPEECH = """
window.spoken = [];
if (window.speechSynthesis) {
  const speech = window.speechSynthesis, speak = speech.speak.bind(speech), cancel = speech.cancel.bind(speech);
  speech.speak = (utterance) => { window.spoken.push(["speak", utterance.text, utterance.lang]); speak(utterance); };
  speech.cancel = () => { window.spoken.push(["cancel"]); cancel(); };
}
"""


def spoken(page):
    return page.evaluate("window.spoken")


def question_and_button(page, n, word="Listen"):
    """The n-th suggested question's text and its Listen button, found by the name it has for everyone."""
    question = page.locator(".suggested-questions .question").nth(n)
    text = question.locator("[data-listen]").inner_text()
    return text, question.get_by_role("button", name=f"{word}: {text}", exact=True)


@pytest.fixture
def phone(page):
    page.set_viewport_size(PHONE)
    page.add_init_script(NOTE_SPEECH)
    return page


def test_on_a_phone_a_question_is_read_aloud_and_pressing_again_or_escape_stops_it(phone, site):
    page = phone
    complete(page, site, "dampen", "kidney_transplant", factors=["pregnancy"])
    text, button = question_and_button(page, 0)
    expect(button).to_be_visible()
    box = button.bounding_box()
    assert box["width"] >= 44 and box["height"] >= 44
    assert page.locator(".call-now").get_by_role("button", name="Listen: When to call straight away").is_visible()
    assert page.locator(".category").get_by_role("button", name=re.compile("^Listen: ")).count() >= 1
    assert_no_violations(page)

    page.evaluate("window.stillHere = true")
    button.click()
    assert spoken(page) == [["speak", text, "en"]]
    assert page.evaluate("window.stillHere"), "the button sent the list form"

    said = button.evaluate("""(button) => {
      const shown = [], name = () => button.querySelector(".visually-hidden").textContent;
      button.click(); shown.push(name());
      button.click(); shown.push(name());
      button.click();
      button.dispatchEvent(new KeyboardEvent("keydown", {key: "Escape", bubbles: true}));
      shown.push(name());
      return shown;
    }""")
    assert said == [f"Stop: {text}", f"Listen: {text}", f"Listen: {text}"]
    assert spoken(page)[1:] == [["speak", text, "en"], ["cancel"], ["speak", text, "en"], ["cancel"]]

    page.emulate_media(media="print")
    expect(page.locator("button.listen").first).to_be_hidden()


def test_one_thing_speaks_at_a_time_and_the_keyboard_starts_it(phone, site):
    page = phone
    complete(page, site, "dampen", "lupus")
    first, first_button = question_and_button(page, 0)
    second, second_button = question_and_button(page, 1)
    shown = page.evaluate("""([first, second]) => {
      const word = (button) => button.querySelector(".visually-hidden").textContent.split(":")[0];
      first.click(); second.click();
      return [word(first), word(second)];
    }""", [first_button.element_handle(), second_button.element_handle()])
    assert shown == ["Listen", "Stop"]
    assert spoken(page) == [["speak", first, "en"], ["cancel"], ["speak", second, "en"]]

    page.evaluate("window.spoken = []")
    page.locator(".suggested-questions .question").first.locator("input[name=keep]").focus()
    page.keyboard.press("Tab")
    expect(first_button).to_be_focused()
    page.keyboard.press("Enter")
    for _ in range(2):  # past the next question's tick, to its Listen button
        page.keyboard.press("Tab")
    expect(second_button).to_be_focused()
    page.keyboard.press("Space")
    assert [call[1] for call in spoken(page) if call[0] == "speak"] == [first, second]


def test_the_spanish_page_speaks_spanish(phone, site):
    page = phone
    complete(page, site, "dampen", "lupus")
    page.locator(".language-form button[lang=es]").click()
    expect(page.locator("html")).to_have_attribute("lang", "es")
    text, button = question_and_button(page, 0, word="Escuchar")
    button.click()
    assert spoken(page)[-1] == ["speak", text, "es"]
    assert button.evaluate("(b) => { b.click(); return b.querySelector('.visually-hidden').textContent; }") == f"Detener: {text}"


def test_without_speech_in_the_browser_there_is_no_listen_button(page, site):
    page.add_init_script("delete window.speechSynthesis;")
    complete(page, site, "dampen", "lupus")
    page.wait_for_load_state("load")
    assert page.evaluate("'speechSynthesis' in window") is False
    assert page.locator("[data-listen]").count() > 3
    assert page.locator("button.listen").count() == 0
