"""The site in Spanish: chosen by the browser or the header's switch, on every page, nothing lost
(questionnaire/languages.py, Django's LocaleMiddleware and set_language)."""
import re
from html.parser import HTMLParser

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import translation
from django.utils.formats import date_format

from questionnaire.content_reading import read_content
from tests.helpers.pages import HTML_PAGES_EXCLUDED, page_text, visit_every_page_type
from tests.helpers.wizard import PREFIX, complete, post_step, step_url

pytestmark = pytest.mark.django_db

#: Words of English that Spanish never uses: one of them outside a lang="en" part of a
#: Spanish page is an English string left untranslated.
ENGLISH_WORDS = {"the", "your", "you", "and", "with", "what", "this", "which", "when", "about", "is", "are",
                 "of", "to", "for", "my", "or", "not", "it", "how", "page", "questions", "question", "back"}
#: Names that are the same in both languages.
SAME_IN_BOTH = {"ImmunoGuide", "PDF", "QR", "FHIR"}


class SpanishText(HTMLParser):
    """The text a person reads on a page, without what is marked as in another language."""

    VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}

    def __init__(self):
        super().__init__()
        self.stack, self.words = [], []

    def handle_starttag(self, tag, attrs):
        if tag in self.VOID:
            return
        attrs = dict(attrs)
        other = attrs.get("lang", "es") != "es" or tag in ("script", "style", "svg")
        self.stack.append(other or bool(self.stack and self.stack[-1]))

    def handle_endtag(self, tag):
        if tag not in self.VOID and self.stack:
            self.stack.pop()

    def handle_data(self, data):
        if not (self.stack and self.stack[-1]):
            data = re.sub(r"https?://\S+", " ", data)  # an address is in no language
            self.words += re.findall(r"[A-Za-zÁÉÍÓÚÜÑáéíóúüñ']+", data)


def english_left(html):
    parser = SpanishText()
    parser.feed(html)
    return sorted({word for word in parser.words if word.lower() in ENGLISH_WORDS})


def in_spanish(client):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "es"
    return client


def test_the_browser_s_language_chooses_the_first_page_s(client):
    page = client.get("/", HTTP_ACCEPT_LANGUAGE="es-US,es;q=0.9,en;q=0.5")
    assert page.context["LANGUAGE_CODE"] == "es"
    assert '<html lang="es"' in page.content.decode()
    assert client.get("/", HTTP_ACCEPT_LANGUAGE="en-US").context["LANGUAGE_CODE"] == "en"
    assert client.get("/", HTTP_ACCEPT_LANGUAGE="fr-FR").context["LANGUAGE_CODE"] == "en"


def test_the_switch_names_the_other_language_in_itself(client):
    english = client.get("/").content.decode()
    assert re.search(r'name="language" value="es" lang="es"[^>]*>Español<', english)
    spanish = in_spanish(client).get("/").content.decode()
    assert re.search(r'name="language" value="en" lang="en"[^>]*>English<', spanish)


def test_the_switch_keeps_the_choice_in_a_cookie_and_stays_on_the_page(client):
    response = client.post(reverse("set_language"), {"language": "es", "next": reverse("questionnaire:about")})
    assert response.status_code == 302 and response.url == reverse("questionnaire:about")
    assert response.cookies[settings.LANGUAGE_COOKIE_NAME].value == "es"
    assert client.get(reverse("questionnaire:about")).context["LANGUAGE_CODE"] == "es"
    # The browser's language no longer decides: the person chose.
    assert client.get("/", HTTP_ACCEPT_LANGUAGE="en").context["LANGUAGE_CODE"] == "es"


def test_the_switch_never_leads_off_the_site(client):
    response = client.post(reverse("set_language"), {"language": "es", "next": "https://example.com/"})
    assert response.url == "/"


def test_the_addresses_are_the_same_in_both_languages(client):
    assert client.get(reverse("questionnaire:about")).status_code == 200
    assert in_spanish(client).get(reverse("questionnaire:about")).status_code == 200
    assert reverse("questionnaire:about") == "/about/"


@pytest.mark.parametrize("language", ["en", "es"])
def test_pages_write_dates_in_the_languages_format(client, language):
    release = read_content().release
    if language == "es":
        in_spanish(client)
    with translation.override(language):
        published = date_format(release.published)
    assert published in page_text(client.get(reverse("questionnaire:about")))


def test_switching_on_a_step_keeps_the_choice_not_yet_sent(client):
    client.get(reverse("questionnaire:questions"))
    response = client.post(step_url("goal"), {f"{PREFIX}-current_step": "goal", "goal-goal": "dampen",
                                              "language": "es"})
    assert response.status_code == 302 and response.url == step_url("goal")
    assert response.cookies[settings.LANGUAGE_COOKIE_NAME].value == "es"
    page = client.get(response.url)
    assert page.context["LANGUAGE_CODE"] == "es"
    assert page.context["form"]["goal"].value() == "dampen"


def test_switching_on_the_list_keeps_what_was_typed(client):
    complete(client, "dampen", "lupus")
    response = client.post(reverse("questionnaire:result"), {"own": "¿Puedo viajar?", "keep": [],
                                                             "language": "es"})
    assert response.status_code == 302
    page = client.get(reverse("questionnaire:result"))
    assert page.context["LANGUAGE_CODE"] == "es"
    assert page.context["question_list"].own == ["¿Puedo viajar?"]


def test_a_switch_to_a_language_not_offered_changes_nothing(client):
    client.get(reverse("questionnaire:questions"))
    response = client.post(step_url("goal"), {f"{PREFIX}-current_step": "goal", "goal-goal": "dampen",
                                              "language": "fr"})
    assert settings.LANGUAGE_COOKIE_NAME not in response.cookies
    assert client.get(step_url("condition")).context["LANGUAGE_CODE"] == "en"


def test_the_result_shows_the_spanish_content_and_the_same_list(client):
    english = complete(client, "dampen", "lupus", factors=["vaccines_due"])
    spanish_client = in_spanish(client)
    spanish = spanish_client.get(reverse("questionnaire:result"))
    content = read_content().in_language("es")
    assert [q.slug for q in spanish.context["suggested_questions"]] == [
        q.slug for q in english.context["suggested_questions"]]
    html = spanish.content.decode()
    for question in spanish.context["suggested_questions"]:
        if not question.fact:  # a template is filled with the medicines' names
            assert question.text == content.questions[question.slug].text
        assert f">{question.text}" in html.replace("&#x27;", "'").replace("&quot;", '"')
    assert spanish.context["untranslated"] == []


@pytest.mark.parametrize("language", ["es", "en"])
def test_every_page_is_in_its_language_with_its_lang(client, language):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    pages = visit_every_page_type(client)
    for name, response in pages.items():
        if name in HTML_PAGES_EXCLUDED:
            continue
        html = page_text(response)
        assert f'<html lang="{language}"' in html, name


def test_no_page_in_spanish_shows_english_outside_what_is_marked_english(client):
    pages = visit_every_page_type(in_spanish(client))
    left = {name: english_left(page_text(response)) for name, response in pages.items()
            if name not in HTML_PAGES_EXCLUDED}
    assert {name: words for name, words in left.items() if words} == {}


def test_the_detector_finds_english_left_in_a_spanish_page():
    assert english_left('<p>Escriba <strong>your</strong> pregunta.</p>') == ["your"]
    assert english_left('<p>Fuente: <span lang="en">Questions about the treatment</span></p>') == []


def test_the_downloads_are_in_the_page_s_language(client):
    complete(client, "dampen", "lupus")
    spanish_client = in_spanish(client)
    text = spanish_client.get(reverse("questionnaire:result_text")).content.decode()
    content = read_content().in_language("es")
    result = spanish_client.get(reverse("questionnaire:result"))
    first = result.context["suggested_questions"][0]
    assert content.questions[first.slug].text in text
    assert "Preguntas para mi cita" in text.splitlines()[0]


def test_a_partial_translation_shows_the_missing_item_in_english_marked_and_says_so(client):
    from questionnaire.models import ContentRelease, Question
    release = ContentRelease.objects.get()
    release.languages = {"es": {"status": "partial", "last_reviewed": "2026-12-01"}}
    release.save()
    Question.objects.filter(pk="d-infection-risk").update(text_es=None)
    in_spanish(client)
    page = complete(client, "dampen", "lupus")
    untranslated = [item.slug for item in page.context["untranslated"]]
    assert untranslated == ["d-infection-risk"]
    html = page.content.decode()
    assert 'id="untranslated"' in html
    assert re.search(r'for="keep-d-infection-risk" lang="en">', html)
    assert english_left(re.sub(r'<label[^>]*lang="en">.*?</label>', "", html, flags=re.S)) == []
    about = client.get(reverse("questionnaire:about"))
    assert about.context["translations"][0]["complete"] is False


def test_every_source_on_a_spanish_page_is_marked_as_english(client):
    page = complete(in_spanish(client), "dampen", "lupus")
    html = page.content.decode()
    sources = re.findall(r"<li([^>]*)>[^<]*: <a href=\"https://", html)
    assert sources and set(sources) == {' lang="en"'}


def test_a_condition_not_yet_translated_is_offered_in_english_marked(client):
    from questionnaire.models import ContentRelease, Condition
    release = ContentRelease.objects.get()
    release.languages = {"es": {"status": "partial"}}
    release.save()
    Condition.objects.filter(pk="lupus").update(label_es=None)
    in_spanish(client)
    client.get(reverse("questionnaire:questions"))
    post_step(client, "goal", "dampen")
    html = client.get(step_url("condition")).content.decode()
    assert re.search(r'<label class="choice-label" for="[^"]*"[^>]*lang="en">Lupus', html)
    assert html.count('lang="en">') >= 1 and 'lang="en">Rheumatoid' not in html
    for step, value in [("condition", "lupus"), ("stage", "starting"), ("factors", []), ("concerns", [])]:
        post_step(client, step, value)
    check = client.get(step_url("check"))
    assert [row["lang"] for row in check.context["answers"]] == ["", "en", "", "", "", ""]
    assert re.search(r'<dd class="summary-value" lang="en">\s*Lupus', check.content.decode())
