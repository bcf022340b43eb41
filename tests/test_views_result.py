"""The result page and the question list a person takes away (questionnaire/views.py)."""
import io
import re
import time
from datetime import timedelta
from unittest import mock

import pytest
from django.urls import reverse
from pypdf import PdfReader

from questionnaire.views import LIST_SESSION_KEY
from tests.test_views import complete

pytestmark = pytest.mark.django_db
RESULT = reverse("questionnaire:result")


@pytest.fixture
def listed(client):
    """A person who finished the flow; returns the question slugs suggested to them."""
    page = complete(client, "dampen", "kidney_transplant", factors=["vaccines_due"]).content.decode()
    return re.findall(r'name="keep" value="([^"]+)"', page)


def save(client, keep, top=(), own="", action="save"):
    return client.post(RESULT, {"keep": list(keep), "top": list(top), "own": own, "action": action})


def texts(client, slugs):
    from questionnaire.models import Question
    return {q.slug: q.text for q in Question.objects.filter(slug__in=slugs)}


class TestChoosing:
    def test_every_suggested_question_starts_ticked(self, client, listed):
        page = client.get(RESULT).content.decode()
        assert len(listed) >= 8
        for slug in listed:
            assert re.search(rf'name="keep" value="{slug}"[^>]*checked', page)

    def test_dropped_questions_stay_on_screen_unticked(self, client, listed):
        response = save(client, listed[2:])
        assert response.status_code == 302
        page = client.get(RESULT).content.decode()
        for slug in listed[:2]:
            assert re.search(rf'name="keep" value="{slug}" id="keep-{slug}">', page)
        assert client.session[LIST_SESSION_KEY]["dropped"] == listed[:2]

    def test_most_important_questions_come_first(self, client, listed):
        save(client, listed, top=[listed[-1], listed[-2]])
        page = client.get(RESULT).content.decode()
        section = page[page.index("Most important to me"):]
        assert section.index(f'value="{listed[-1]}"') < section.index(f'value="{listed[0]}"')

    def test_a_question_marked_most_important_is_kept_even_if_unticked(self, client, listed):
        save(client, listed[1:], top=[listed[0]])
        assert listed[0] not in client.session[LIST_SESSION_KEY]["dropped"]

    def test_more_than_three_most_important_is_refused_and_nothing_typed_is_lost(self, client, listed):
        response = save(client, listed, top=listed[:4], own="My own question?")
        page = response.content.decode()
        assert response.status_code == 200
        assert "There is a problem" in page
        assert "Choose up to 3 most important questions. You chose 4." in page
        assert "My own question?</textarea>" in page
        assert LIST_SESSION_KEY not in client.session

    def test_a_slug_that_is_not_offered_is_a_form_error_not_a_crash(self, client, listed):
        response = save(client, ["not-a-question"])
        assert response.status_code == 200
        assert "Select only questions from your list" in response.content.decode()


class TestOwnQuestions:
    def test_are_shown_exactly_as_typed_and_never_as_html(self, client, listed):
        own = "<script>alert('x')</script>\nCan I swim? 🏊\nשלום, מה שלומך?\nمرحبا؟"
        save(client, listed, own=own)
        page = client.get(RESULT).content.decode()
        assert "<script>alert(" not in page
        assert "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;" in page
        for text in ["Can I swim? 🏊", "שלום, מה שלומך?", "مرحبا؟"]:
            assert f'<span class="own-text">{text}</span>' in page

    def test_more_than_ten_is_refused_with_everything_kept(self, client, listed):
        own = "\n".join(f"Question {n}?" for n in range(1, 13))
        page = save(client, listed, own=own).content.decode()
        assert "You can add up to 10 questions of your own. You have 12." in page
        assert "Question 12?</textarea>" in page

    def test_one_over_300_characters_is_refused_naming_it(self, client, listed):
        own = "Short?\n" + "y" * 301
        page = save(client, listed, own=own).content.decode()
        assert "Question 2 has 301" in page
        assert "y" * 301 in page

    def test_blank_lines_are_ignored(self, client, listed):
        save(client, listed, own="\n  \nOne?\n\n")
        assert client.session[LIST_SESSION_KEY]["own"] == ["One?"]


class TestDownloads:
    def test_pdf_has_kept_and_own_questions_but_not_dropped_ones(self, client, listed):
        response = save(client, listed[2:], own="Can I still work nights?", action="pdf")
        assert response.url == reverse("questionnaire:result_pdf")
        response = client.get(response.url)
        assert response["Content-Type"] == "application/pdf"
        assert re.match(r'attachment; filename="immunoguide-questions-\d{4}-\d{2}-\d{2}\.pdf"',
                        response["Content-Disposition"])
        text = " ".join(" ".join(p.extract_text() for p in PdfReader(io.BytesIO(response.content)).pages).split())
        questions = texts(client, listed)
        for slug in listed[2:]:
            assert questions[slug] in text
        for slug in listed[:2]:
            assert questions[slug] not in text
        assert "Can I still work nights?" in text

    def test_text_download_is_plain_utf8(self, client, listed):
        response = client.get(save(client, listed[1:], own="Nights? 🌙", action="text").url)
        assert response["Content-Type"] == "text/plain; charset=utf-8"
        assert 'filename="immunoguide-questions-' in response["Content-Disposition"]
        body = response.content.decode("utf-8")
        assert "[ ] Nights? 🌙" in body
        assert texts(client, listed)[listed[0]] not in body


class TestLinks:
    def link(self, client, listed, **choices):
        response = client.get(save(client, listed, action="link", **choices).url)
        return re.search(r'id="list-link"[^>]*>([^<]+)</textarea>', response.content.decode()).group(1)

    def test_opens_the_same_list_in_a_fresh_browser(self, client, listed):
        from django.test import Client
        link = self.link(client, listed[2:], top=[listed[3]], own="Mine, & yours?")
        assert len(link) < 2000
        fresh = Client()
        response = fresh.get(link.replace("http://testserver", ""))
        assert response.url == RESULT
        page = fresh.get(RESULT).content.decode()
        assert re.search(rf'name="keep" value="{listed[0]}" id="keep-{listed[0]}">', page)
        assert re.search(rf'name="top" value="{listed[3]}"[^>]*checked', page)
        assert "Mine, &amp; yours?" in page

    def test_nothing_about_the_person_is_written_to_content_tables(self, client, listed):
        from questionnaire.models import Question, Rule
        before = (Question.objects.count(), Rule.objects.count())
        self.link(client, listed, own="Private question?")
        assert (Question.objects.count(), Rule.objects.count()) == before

    def test_a_tampered_link_gets_a_friendly_400(self, client, listed):
        link = self.link(client, listed)
        token = link.rstrip("/").rsplit("/", 1)[1]
        response = client.get(reverse("questionnaire:open_list", kwargs={"token": "X" + token[1:]}))
        assert response.status_code == 400
        assert "This link does not work" in response.content.decode()

    def test_a_link_older_than_90_days_offers_to_start_again(self, client, listed):
        link = self.link(client, listed).replace("http://testserver", "")
        later = time.time() + timedelta(days=91).total_seconds()
        with mock.patch("time.time", return_value=later):
            response = client.get(link)
        assert response.status_code == 410
        page = response.content.decode()
        assert "This link has expired" in page and "Start again" in page


class TestNextPerson:
    def test_start_over_clears_the_answers_and_the_list(self, client, listed):
        save(client, listed[1:], own="Private?")
        response = client.post(reverse("questionnaire:start_over"))
        assert response.url == reverse("questionnaire:start")
        assert LIST_SESSION_KEY not in client.session
        for url in [RESULT, reverse("questionnaire:result_pdf"), reverse("questionnaire:result_text"),
                    reverse("questionnaire:result_link")]:
            assert client.get(url).url == reverse("questionnaire:start") + "?expired=1"

    @pytest.mark.parametrize("name", ["result", "result_pdf", "result_text", "result_link"])
    def test_pages_that_show_answers_are_never_stored_by_the_browser(self, client, listed, name):
        response = client.get(reverse(f"questionnaire:{name}"))
        assert "no-store" in response["Cache-Control"]

    def test_the_result_page_offers_finish_and_start_over(self, client, listed):
        assert "Finish and start over for the next person" in client.get(RESULT).content.decode()


class TestTextSize:
    def test_large_text_persists_for_the_session_and_without_javascript(self, client):
        response = client.post(reverse("questionnaire:text_size"), {"size": "large", "next": "/questions/"})
        assert response.url == "/questions/"
        page = client.get(reverse("questionnaire:start")).content.decode()
        assert '<html lang="en" class="large-text">' in page
        client.post(reverse("questionnaire:text_size"), {"size": "normal", "next": "/"})
        assert 'class="large-text"' not in client.get("/").content.decode()

    def test_survives_start_over_which_keeps_nothing_else(self, client, listed):
        client.post(reverse("questionnaire:text_size"), {"size": "large", "next": "/"})
        client.post(reverse("questionnaire:start_over"))
        assert 'class="large-text"' in client.get("/").content.decode()
        assert dict(client.session) == {"text_size": "large"}

    def test_never_redirects_to_another_site(self, client):
        response = client.post(reverse("questionnaire:text_size"),
                               {"size": "large", "next": "https://evil.example/"})
        assert response.url == reverse("questionnaire:start")
