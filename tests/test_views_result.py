"""The result page and the question list a person takes away (questionnaire/views/result.py)."""
import io
import random
import re
import time
from datetime import timedelta
from unittest import mock

import pytest
from django.middleware.csrf import CSRF_SESSION_KEY
from django.urls import reverse
from pypdf import PdfReader

from questionnaire.session_keys import LIST_SESSION_KEY
from questionnaire.sessions import BEGAN_SESSION_KEY
from tests.helpers.pdf import font_sizes, pdf_text
from tests.helpers.wizard import complete

pytestmark = pytest.mark.django_db
RESULT = reverse("questionnaire:result")
MOST_IMPORTANT = reverse("questionnaire:most_important")


@pytest.fixture
def finished(client):
    """A person who finished the flow; returns their result as the page shows it."""
    return complete(client, "dampen", "kidney_transplant", factors=["vaccines_due"]).context["result"]


@pytest.fixture
def listed(finished):
    """The slugs of the questions suggested to them, in order."""
    return [q.slug for q in finished.suggested_questions()]


@pytest.fixture
def more(finished):
    """The slugs of the other questions offered to them."""
    return [q.slug for q in finished.more_questions()]


def save(client, keep, top=None, own="", action="save"):
    """Send the list; with ``top``, first choose those as most important, as a person would."""
    if top is not None:
        client.post(RESULT, {"keep": list(keep), "own": own, "action": "save"})
        mark(client, top)
    return client.post(RESULT, {"keep": list(keep), "own": own, "action": action})


def mark(client, top, **more):
    """Choose ``top`` on the page "Which questions matter most to you?"."""
    return client.post(MOST_IMPORTANT, {"top": list(top), **more})


def error_of(response, field):
    """(code, params) of the form's first error on ``field``."""
    error = response.context["form"].errors.as_data()[field][0]
    return error.code, error.params


def texts(client, slugs):
    from questionnaire.models import Question
    return {q.slug: q.text for q in Question.objects.filter(slug__in=slugs)}


class TestChoosing:
    def test_the_suggested_questions_start_ticked_and_the_others_do_not(self, client, listed, more):
        context = client.get(RESULT).context
        assert 5 <= len(listed) <= 8 and more
        assert context["kept"] == set(listed)
        assert [q.slug for q in context["suggested_questions"]] == listed
        assert [q.slug for _, _, qs in context["more_groups"] for q in qs] == sorted(
            more, key=[q.slug for _, _, qs in context["more_groups"] for q in qs].index)

    def test_the_first_three_suggested_are_marked_most_important_until_the_person_chooses(self, client, listed):
        assert client.get(RESULT).context["top"] == set(listed[:3])
        assert client.get(MOST_IMPORTANT).context["chosen"] == set(listed[:3])
        mark(client, [])
        assert client.get(RESULT).context["top"] == set()

    def test_dropped_questions_stay_on_screen_unticked(self, client, listed):
        response = save(client, listed[2:], top=[])
        assert response.status_code == 302
        context = client.get(RESULT).context
        assert [q.slug for q in context["suggested_questions"]] == listed
        assert context["kept"] == set(listed[2:])
        assert client.session[LIST_SESSION_KEY]["dropped"] == listed[:2]

    def test_a_ticked_question_from_the_rest_joins_the_list(self, client, listed, more):
        save(client, [*listed, more[-1]])
        assert client.session[LIST_SESSION_KEY]["added"] == [more[-1]]
        assert more[-1] in client.get(RESULT).context["kept"]

    def test_most_important_questions_come_first(self, client, listed):
        save(client, listed, top=[listed[-1], listed[-2]])
        shown = [q.slug for q in client.get(RESULT).context["suggested_questions"]]
        assert shown[:2] == [listed[-2], listed[-1]]
        assert shown[2:] == listed[:-2]

    def test_an_unticked_question_leaves_the_list_with_its_most_important_mark(self, client, listed):
        mark(client, [listed[0], listed[1]])
        save(client, listed[1:])
        assert client.session[LIST_SESSION_KEY]["dropped"] == [listed[0]]
        assert client.session[LIST_SESSION_KEY]["top"] == [listed[1]]

    def test_unticking_one_of_the_first_three_marks_no_other_in_its_place(self, client, listed):
        save(client, listed[1:])
        assert client.session[LIST_SESSION_KEY]["top"] == listed[1:3]
        shown = [q.slug for q in client.get(RESULT).context["suggested_questions"]]
        assert shown == [listed[1], listed[2], listed[0], *listed[3:]]

    def test_a_slug_that_is_not_offered_is_a_form_error_not_a_crash(self, client, listed):
        response = save(client, ["not-a-question"])
        assert response.status_code == 200
        assert "Select only questions from your list" in response.content.decode()


class TestMostImportant:
    """The page "Which questions matter most to you?" (docs/product.md#most-important)."""

    def test_offers_the_questions_kept_as_they_print_with_the_marked_ticked(self, client, listed, more):
        save(client, [*listed[1:], more[0]])
        context = client.get(MOST_IMPORTANT).context
        assert [q.slug for q in context["questions"]] == [*listed[1:], more[0]]
        assert context["chosen"] == set(listed[1:3])

    def test_the_list_page_saves_what_was_ticked_and_typed_on_the_way(self, client, listed, more):
        response = client.post(RESULT, {"keep": [*listed[1:], more[0]], "own": "Typed?", "action": "top"})
        assert response.url == MOST_IMPORTANT
        assert client.session[LIST_SESSION_KEY]["own"] == ["Typed?"]
        assert more[0] in {q.slug for q in client.get(MOST_IMPORTANT).context["questions"]}

    def test_a_mark_goes_only_on_a_question_kept(self, client, listed, more):
        save(client, listed[1:])
        response = mark(client, [listed[1], listed[0]])
        assert error_of(response, "top") == ("invalid_choice", {"value": listed[0]})
        assert response.context["chosen"] == {listed[0], listed[1]}
        assert client.session[LIST_SESSION_KEY]["top"] == listed[1:3]
        assert mark(client, [more[0]]).status_code == 200

    def test_marks_are_saved_and_the_list_shows_them_first(self, client, listed, more):
        save(client, [*listed, more[0]])
        response = mark(client, [more[0], listed[4]])
        assert response.url == RESULT + "#questions-heading"
        assert client.session[LIST_SESSION_KEY]["top"] == [listed[4], more[0]]
        context = client.get(RESULT).context
        assert context["top"] == {more[0], listed[4]}
        assert [q.slug for q in context["document"].question_list.top] == [listed[4], more[0]]

    def test_more_than_three_is_refused_and_the_ticks_shown_again(self, client, listed):
        save(client, listed, own="My own question?")
        response = mark(client, listed[:4])
        assert response.status_code == 200
        assert error_of(response, "top") == ("too_many_top", {"limit": 3, "count": 4})
        assert response.context["chosen"] == set(listed[:4])
        assert client.session[LIST_SESSION_KEY]["top"] == listed[:3]
        assert client.session[LIST_SESSION_KEY]["own"] == ["My own question?"]

    def test_a_list_sent_with_errors_shows_the_saved_marks_of_what_was_ticked(self, client, listed):
        mark(client, [listed[4], listed[5]])
        response = save(client, [*listed[:4], listed[5]], own="x\n" * 11)
        assert error_of(response, "own")[0] == "too_many_own"
        assert response.context["top"] == {listed[5]}

    def test_the_header_switch_saves_the_marks_and_comes_back_here(self, client, listed):
        response = mark(client, [listed[2]], size="large")
        assert response.url == MOST_IMPORTANT
        assert client.session["text_size"] == "large"
        assert client.session[LIST_SESSION_KEY]["top"] == [listed[2]]

    def test_marks_the_browser_cannot_carry_are_refused_and_the_saved_list_kept(self, client, listed):
        def own(length):
            return "\n".join(f"{n}: " + "".join(chr(0x4E00 + (n * 300 + i) * 7 % 20000) for i in range(length))
                             for n in range(10))
        mark(client, [])
        low, high = 0, 290  # the longest own questions the cookie can carry, found by halving
        while low < high:
            middle = (low + high + 1) // 2
            if save(client, listed, own=own(middle)).status_code == 302:
                low = middle
            else:
                high = middle - 1
        assert 0 < low < 290
        save(client, listed, own=own(low))
        response = mark(client, listed[-3:])
        assert response.status_code == 200
        error = response.context["form"].non_field_errors().as_data()[0]
        assert error.code == "too_big_to_keep" and error.params["size"] > error.params["limit"]
        assert response.context["chosen"] == set(listed[-3:])
        assert client.session[LIST_SESSION_KEY]["top"] == []

    def test_with_nothing_kept_it_says_so(self, client, listed):
        save(client, [])
        response = client.get(MOST_IMPORTANT)
        assert response.context["questions"] == [] and 'name="top"' not in response.content.decode()



class TestOwnQuestions:
    def test_are_shown_exactly_as_typed_and_never_as_html(self, client, listed):
        own = "<script>alert('x')</script>\nCan I swim? 🏊\nשלום, מה שלומך?\nمرحبا؟"
        save(client, listed, own=own)
        page = client.get(RESULT).content.decode()
        assert "<script>alert(" not in page
        assert "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;" in page
        for text in ["Can I swim? 🏊", "שלום, מה שלומך?", "مرحبا؟"]:
            assert f'<span class="own-text" dir="auto">{text}</span>' in page

    def test_more_than_ten_is_refused_with_everything_kept(self, client, listed):
        own = "\n".join(f"Question {n}?" for n in range(1, 13))
        response = save(client, listed, own=own)
        assert error_of(response, "own") == ("too_many_own", {"limit": 10, "count": 12})
        assert response.context["form"]["own"].value() == own

    @pytest.mark.parametrize("hidden", ["\x07", "\x1b[2J", "\u202e", "\u2066", "\x9b"])
    def test_a_hidden_control_character_is_refused_naming_the_question(self, client, listed, hidden):
        own = f"Short?\nCan I {hidden}swim?"
        response = save(client, listed, own=own)
        assert error_of(response, "own") == ("own_hidden_character", {"numbers": [2], "which": "2"})
        assert response.context["form"]["own"].value() == own

    def test_one_over_300_characters_is_refused_naming_it(self, client, listed):
        own = "Short?\n" + "y" * 301
        response = save(client, listed, own=own)
        code, params = error_of(response, "own")
        assert (code, params["numbers"], params["limit"]) == ("own_too_long", [2], 300)
        assert response.context["form"]["own"].value() == own

    def test_more_than_the_browser_can_carry_is_refused_and_the_saved_list_kept(self, client, listed):
        save(client, listed, own="Kept?")
        own = "\n".join(f"{n}: " + "".join(chr(0x4E00 + (n * 300 + i) * 7 % 20000) for i in range(290))
                        for n in range(10))
        response = save(client, listed, own=own)
        code, params = error_of(response, "own")
        assert code == "too_big_to_keep" and params["size"] > params["limit"] == 4000
        assert response.context["form"]["own"].value() == own
        assert client.session[LIST_SESSION_KEY]["own"] == ["Kept?"]
        assert len(client.cookies["sessionid"].value) <= 4000

    def test_ten_long_questions_in_plain_english_fit(self, client, listed):
        own = "\n".join(f"Question {n}: can I keep working night shifts and travelling abroad while "
                        "I have this treatment, and what should I tell my employer about it? " * 2
                        for n in range(10))
        save(client, listed, own=own)
        assert len(client.session[LIST_SESSION_KEY]["own"]) == 10
        assert len(client.cookies["sessionid"].value) <= 4000

    def test_blank_lines_are_ignored(self, client, listed):
        save(client, listed, own="\n  \nOne?\n\n")
        assert client.session[LIST_SESSION_KEY]["own"] == ["One?"]


class TestDownloads:
    def test_a_client_makes_six_costly_pdfs_a_minute_and_any_number_of_plain_ones(self, client, listed):
        from questionnaire.pdf_limit import COSTLY_PDFS_PER_MINUTE
        pdf = reverse("questionnaire:result_pdf")
        save(client, listed, own="Can I swim?")
        assert [client.get(pdf).status_code for _ in range(COSTLY_PDFS_PER_MINUTE + 2)] == [200] * 8
        save(client, listed, own="我可以游泳吗？")
        statuses = [client.get(pdf).status_code for _ in range(COSTLY_PDFS_PER_MINUTE + 1)]
        assert statuses == [200] * COSTLY_PDFS_PER_MINUTE + [429]
        page = client.get(pdf)
        assert page.status_code == 429 and page["Retry-After"] == "60" and page.context["limit"] == 6
        assert client.get(RESULT).context["form"]["own"].value() == "我可以游泳吗？"  # the list is kept

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


class TestAnEmptyList:
    """Nothing ticked and nothing typed: no printout promises questions it does not hold."""

    def test_the_pdf_says_the_list_is_empty(self, client, listed):
        from questionnaire.printout import EMPTY_LIST, HOW_TO_USE
        response = client.get(save(client, [], action="pdf").url)
        assert response.status_code == 200
        text = pdf_text(io.BytesIO(response.content))
        assert EMPTY_LIST in text
        assert HOW_TO_USE.split(":")[0] not in text  # "How to use this list", which speaks of questions

    def test_the_page_printed_by_the_browser_says_so_too(self, client, listed):
        from questionnaire.printout import EMPTY_LIST
        response = client.get(save(client, [], action="print").url)
        assert response.context["document"].is_empty
        assert f'<p class="how-to-use">{EMPTY_LIST}</p>' in response.content.decode()

    def test_a_list_without_most_important_questions_does_not_speak_of_them(self, client, listed):
        from questionnaire.printout import HOW_TO_USE_NO_TOP, IN_A_MESSAGE_NO_TOP
        save(client, listed, top=[])
        assert f'<p class="how-to-use">{HOW_TO_USE_NO_TOP}</p>' in client.get(RESULT).content.decode()
        assert IN_A_MESSAGE_NO_TOP in client.get(reverse("questionnaire:result_text")).content.decode()

    def test_own_questions_alone_are_a_list(self, client, listed):
        from questionnaire.printout import HOW_TO_USE_NO_TOP
        save(client, [], own="Can I travel?")
        document = client.get(RESULT).context["document"]
        assert not document.is_empty and document.how_to_use() == HOW_TO_USE_NO_TOP


def test_a_list_with_one_most_important_question_is_not_told_of_three(client, listed):
    save(client, listed, top=listed[:1])
    document = client.get(RESULT).context["document"]
    assert len(document.question_list.top) == 1
    assert not re.search(r"\d", document.how_to_use() + document.how_to_send())


class TestTextDownload:
    """The text download is for a message to the care team, not for handing over at check-in."""

    @pytest.mark.parametrize("language", ["en", "es"])
    def test_is_worded_for_a_message(self, client, listed, settings, language):
        from django.utils import translation
        from questionnaire.printout import HOW_TO_USE, IN_A_MESSAGE
        client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
        body = client.get(reverse("questionnaire:result_text")).content.decode()
        with translation.override(language):
            in_a_message, handed_over = translation.gettext(IN_A_MESSAGE), translation.gettext(HOW_TO_USE)
        assert in_a_message in body and handed_over not in body
        assert (in_a_message == IN_A_MESSAGE) == (language == "en")  # the Spanish is translated


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
        assert fresh.get(RESULT).context["top"] == {listed[3]}
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

    def test_a_link_older_than_30_days_offers_to_start_again(self, client, listed):
        link = self.link(client, listed).replace("http://testserver", "")
        later = time.time() + timedelta(days=31).total_seconds()
        with mock.patch("time.time", return_value=later):
            response = client.get(link)
        assert response.status_code == 410
        page = response.content.decode()
        assert "This link has expired" in page and "Start again" in page
        assert response.context["max_age_days"] == 30 and "work for 30 days" in page


    def test_a_realistic_list_gives_a_link_under_1000_characters(self, client, listed):
        link = self.link(client, listed[1:], top=listed[1:4], own="Can I still work nights?\nWhat about travel?")
        assert len(link) < 1000

    def test_a_list_too_long_for_a_link_is_not_offered_one(self, client, listed):
        rng = random.Random(3)
        own = "\n".join("".join(rng.choice("abcdefghijklmnopqrstuvwxyz ") for _ in range(250)) + "?"
                        for _ in range(10))
        response = client.get(save(client, listed, own=own, action="link").url)
        assert len(client.session[LIST_SESSION_KEY]["own"]) == 10
        assert response.context["link"] is None
        assert response.context["limit"] == 2000

    def test_the_link_page_shows_it_as_a_qr_code(self, client, listed):
        response = client.get(save(client, listed, action="link").url)
        assert response.context["qr_code"].startswith("<svg")

    def test_the_pdf_and_the_text_carry_a_link_that_opens_the_same_list(self, client, listed):
        from django.test import Client
        save(client, listed[1:], own="Mine?")
        text = client.get(reverse("questionnaire:result_text")).content.decode()
        link = re.search(r"^(http://testserver/\S+)$", text, re.M).group(1)
        fresh = Client()
        assert fresh.get(link.replace("http://testserver", "")).url == RESULT
        assert list(fresh.get(RESULT).context["question_list"].own) == ["Mine?"]
        pdf = client.get(reverse("questionnaire:result_pdf")).content
        assert "Scan the code" in " ".join(" ".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages).split())

    def test_every_printout_of_the_page_carries_the_link_its_qr_code_image_draws(self, client, listed):
        """The browser's own Print too, not only the page's Print button: the image is print-only and
        lazy, so the code is drawn only when the browser prints (tests/e2e/test_flow.py)."""
        page = client.get(RESULT)
        assert page.context["document"].link.startswith("http://testserver/list/")
        assert f'src="{reverse("questionnaire:result_qr")}"' in page.content.decode()
        image = client.get(reverse("questionnaire:result_qr"))
        assert image["Content-Type"] == "image/svg+xml"
        assert "no-store" in image["Cache-Control"]  # the link holds the answers, sealed
        assert image.content.startswith(b"<svg")

    def test_the_qr_code_image_needs_answers_and_a_link_short_enough_to_carry(self, client, listed):
        from django.test import Client
        assert Client().get(reverse("questionnaire:result_qr")).status_code == 302
        with mock.patch("questionnaire.links.MAX_LINK_LENGTH", 10):
            page = client.get(RESULT)
            assert page.context["document"].link == ""
            assert reverse("questionnaire:result_qr") not in page.content.decode()
            assert client.get(reverse("questionnaire:result_qr")).status_code == 404

    def test_a_browser_holding_other_answers_asks_before_opening_a_link(self, client, listed):
        from django.test import Client
        other = Client()
        complete(other, "strengthen", "melanoma")
        link = self.link(other, [], own="Sent to you?").replace("http://testserver", "")
        response = client.get(link)
        assert response.status_code == 200
        assert response.templates[0].name == "questionnaire/open_list.html"
        assert client.get(RESULT).context["result"].condition.slug == "kidney_transplant"
        assert client.post(link).url == RESULT
        page = client.get(RESULT)
        assert page.context["result"].condition.slug == "melanoma"
        assert page.context["own_from_link"] == {"Sent to you?"}

    def test_opening_a_link_from_another_site_without_the_form_changes_nothing(self, listed):
        from django.test import Client
        patient = Client()
        complete(patient, "dampen", "lupus")
        person = Client(enforce_csrf_checks=True)
        person.cookies = patient.cookies
        sender = Client()
        complete(sender, "strengthen", "melanoma")
        link = self.link(sender, []).replace("http://testserver", "")
        assert person.post(link).status_code == 403
        assert person.get(RESULT).context["result"].condition.slug == "lupus"

    def test_a_browser_with_no_answers_opens_a_link_at_once(self, client, listed):
        from django.test import Client
        link = self.link(client, listed, own="Mine?").replace("http://testserver", "")
        fresh = Client()
        assert fresh.get(link).url == RESULT
        assert fresh.get(RESULT).context["own_from_link"] == {"Mine?"}
        assert client.get(link).url == RESULT  # the same list again: nothing to ask


class TestNextPerson:
    def test_start_over_clears_the_answers_and_the_list(self, client, listed):
        save(client, listed[1:], own="Private?")
        response = client.post(reverse("questionnaire:start_over"))
        assert response.url == reverse("questionnaire:start") + "?cleared=1"
        assert LIST_SESSION_KEY not in client.session
        for url in [RESULT, reverse("questionnaire:result_pdf"), reverse("questionnaire:result_text"),
                    reverse("questionnaire:result_link")]:
            assert client.get(url).url == reverse("questionnaire:start") + "?expired=1"

    def test_start_over_tells_the_browser_to_drop_its_cached_pages(self, client, listed):
        response = client.post(reverse("questionnaire:start_over"))
        assert response["Clear-Site-Data"] == '"cache"'

    def test_after_start_over_check_answers_sends_to_the_start(self, client, listed):
        client.post(reverse("questionnaire:start_over"))
        response = client.get(reverse("questionnaire:step", kwargs={"step": "check"}))
        assert response.url == reverse("questionnaire:start") + "?expired=1"

    def test_forms_that_hold_answers_ask_the_browser_not_to_restore_them(self, client, listed):
        from html.parser import HTMLParser

        class Forms(HTMLParser):
            found = []

            def handle_starttag(self, tag, attrs):
                if tag == "form":
                    self.found.append(dict(attrs))

        pages = [client.get(RESULT), client.get(reverse("questionnaire:step", kwargs={"step": "check"})),
                 client.get(reverse("questionnaire:step", kwargs={"step": "factors"}))]
        for response in pages:
            parser = Forms()
            parser.found = []
            parser.feed(response.content.decode())
            answer_forms = [f for f in parser.found if "/questions/" in f.get("action", "")
                            or f.get("action") == RESULT]
            assert answer_forms and all(f.get("autocomplete") == "off" for f in answer_forms)

    @pytest.mark.parametrize("name", ["result", "result_pdf", "result_text", "result_link"])
    def test_pages_that_show_answers_are_never_stored_by_the_browser(self, client, listed, name):
        response = client.get(reverse(f"questionnaire:{name}"))
        assert "no-store" in response["Cache-Control"]

    def test_the_result_page_offers_finish_and_start_over(self, client, listed):
        assert '<form class="next-person" method="post" action="/start-over/">' in client.get(RESULT).content.decode()


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
        secret = client.session[CSRF_SESSION_KEY]
        client.post(reverse("questionnaire:start_over"))
        assert 'class="large-text"' in client.get("/").content.decode()
        session = dict(client.session)
        assert session.pop(CSRF_SESSION_KEY) != secret  # the start page's forms get a new one
        session.pop(BEGAN_SESSION_KEY)  # when this new session began: nothing of the person
        assert session == {"text_size": "large"}

    def test_the_larger_text_carries_into_the_printout_and_the_pdf(self, client, listed):
        assert client.get(RESULT).context["document"].large_type is False
        client.post(reverse("questionnaire:text_size"), {"size": "large", "next": RESULT})
        assert client.get(RESULT).context["document"].large_type is True
        assert min(font_sizes(client.get(reverse("questionnaire:result_pdf")).content)) >= 11.25

    def test_never_redirects_to_another_site(self, client):
        response = client.post(reverse("questionnaire:text_size"),
                               {"size": "large", "next": "https://evil.example/"})
        assert response.url == reverse("questionnaire:start")


class TestNothingTypedIsLost:
    def test_print_saves_the_list_then_opens_ready_to_print(self, client, listed):
        response = save(client, listed[1:], own="Mine?", action="print")
        assert response.url == RESULT + "?print=1#questions-heading"
        assert client.session[LIST_SESSION_KEY]["own"] == ["Mine?"]
        assert client.get(RESULT + "?print=1").context["ready_to_print"] is True
        assert client.get(RESULT).context["ready_to_print"] is False

    def test_the_text_size_switch_on_the_result_page_saves_the_list_with_it(self, client, listed):
        response = client.post(RESULT, {"keep": listed[1:], "own": "Typed?", "size": "large"})
        assert response.url == RESULT + "#questions-heading"
        assert client.session["text_size"] == "large"
        assert client.session[LIST_SESSION_KEY]["own"] == ["Typed?"]
        assert client.session[LIST_SESSION_KEY]["dropped"] == [listed[0]]

    def test_change_your_answers_saves_the_list_then_goes_to_check_answers(self, client, listed):
        response = save(client, listed[1:], top=listed[1:2], own="Mine?", action="change")
        assert response.url == reverse("questionnaire:step", kwargs={"step": "check"})
        saved = client.session[LIST_SESSION_KEY]
        assert (saved["own"], saved["dropped"], saved["top"]) == (["Mine?"], [listed[0]], listed[1:2])


class TestPage:
    @pytest.mark.parametrize("goal, condition, said", [
        ("unsure", "melanoma", "I am not sure"), ("strengthen", "allergic_asthma", "Strengthen the immune response")])
    def test_the_aim_shown_and_printed_is_the_one_the_person_gave(self, client, goal, condition, said):
        """"I am not sure" was printed as "Aim: Strengthen", and a mismatched aim as the usual one."""
        page = complete(client, goal, condition)
        assert page.context["document"].goal == said
        assert f"Aim: {said}" in " ".join(pdf_text(io.BytesIO(client.get(reverse("questionnaire:result_pdf")).content)).split())

    def test_an_ra_list_cites_no_page_about_another_condition_on_screen_or_in_print(self, client):
        """An RA printout cited the Crohn's & Colitis Foundation, and the page pages on MS and NMOSD."""
        page = complete(client, "dampen", "rheumatoid_arthritis", factors=["pregnancy"])
        shown = page.context["sources"]
        assert [s.slug for s in shown if s.conditions and "rheumatoid_arthritis" not in s.conditions] == []
        assert {"acr-rheumatoid-arthritis", "medlineplus-methotrexate"} <= {s.slug for s in shown}
        assert "Crohn" not in " ".join(page.context["document"].source_names)

    def test_the_emergency_line_is_left_to_the_page_and_never_repeated_by_the_content(self, client):
        """The page says it once on screen (the call-now box) and once in print (the footer);
        tests/e2e/test_flow.py counts what a person sees."""
        from questionnaire.glossary import result_texts
        for goal, condition, factors in [("dampen", "kidney_transplant", ["vaccines_due", "pregnancy"]),
                                         ("modulate", "not_listed", ["other_medicines"]),
                                         ("strengthen", "lymphoma", []), ("unsure", "not_listed", [])]:
            response = complete(client, goal, condition, factors=factors)
            assert response.context["emergency_line"]
            texts = result_texts(response.context["result"])
            assert not [text for text in texts if "emergency number" in text], (goal, condition)
            client.post(reverse("questionnaire:start_over"))

    def test_each_note_box_has_its_own_title_and_each_reason_is_given_once(self, client):
        result = complete(client, "dampen", "kidney_transplant",
                          factors=["vaccines_due", "pregnancy", "other_medicines"]).context["result"]
        titles = [note.title for note in result.box_notes()]
        assert len(titles) >= 3 and len(set(titles)) == len(titles)
        assert result.call_now_notes() and not set(result.call_now_notes()) & set(result.box_notes())
        assert len(result.reasons()) == len(set(result.reasons()))

    def test_the_call_now_box_lists_the_signs_of_every_category_shown(self, client):
        result = complete(client, "unsure", "not_listed").context["result"]
        assert not result.signs()
        for category in result.categories:
            assert set(category.call_now_signs) <= set(result.call_now_signs())

    def test_the_call_now_box_splits_the_medicines_signs_by_whom_to_call(self, client):
        """Trouble breathing on pembrolizumab is a call to the emergency number; diarrhea is a call
        to the care team now (docs/content-format.md#call-now-signs)."""
        from questionnaire.vocabulary import Sign
        response = complete(client, "strengthen", "melanoma", medicines=["pd1_pdl1_inhibitors"])
        signs = response.context["result"].signs()
        assert str(Sign.TROUBLE_BREATHING.label) in signs.emergency and str(Sign.DIARRHEA.label) in signs.care_team
        html = response.content.decode()
        for heading, listed in (("signs-emergency", signs.emergency), ("signs-care-team", signs.care_team)):
            box = re.search(rf'<ul class="list {heading}"[^>]*>(.*?)</ul>', html, re.S).group(1)
            assert re.findall(r"<li>(.*?)</li>", box) == list(listed)

    def test_the_signs_are_in_the_persons_language(self, client):
        from django.utils import translation
        from questionnaire.vocabulary import Sign
        client.post(reverse("set_language"), {"language": "es"})
        html = complete(client, "dampen", "lupus", medicines=["mycophenolate"]).content.decode()
        box = re.search(r'<ul class="list signs-care-team"[^>]*>(.*?)</ul>', html, re.S).group(1)
        with translation.override("es"):
            spanish = str(Sign.FEVER.label)
        with translation.override("en"):
            english = str(Sign.FEVER.label)
        assert re.findall(r"<li>(.*?)</li>", box)[0] == spanish != english


class TestPaper:
    def test_us_english_prints_on_letter_and_british_english_on_a4(self, client):
        complete(client, "dampen", "lupus")
        assert client.get(RESULT, HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9").context["document"].paper == "letter"
        assert client.get(RESULT, HTTP_ACCEPT_LANGUAGE="en-GB").context["document"].paper == "a4"

    def test_the_person_can_choose_and_the_pdf_follows(self, client, listed):
        client.post(RESULT, {"keep": listed, "paper": "letter", "action": "save"}, HTTP_ACCEPT_LANGUAGE="en-GB")
        assert client.get(RESULT, HTTP_ACCEPT_LANGUAGE="en-GB").context["document"].paper == "letter"
        pdf = client.get(reverse("questionnaire:result_pdf"), HTTP_ACCEPT_LANGUAGE="en-GB")
        box = PdfReader(io.BytesIO(pdf.content)).pages[0].mediabox
        assert (round(box.width), round(box.height)) == (612, 792)

    def test_an_unknown_paper_size_is_ignored(self, client, listed):
        client.post(RESULT, {"keep": listed, "paper": "a0", "action": "save"})
        assert client.get(RESULT).context["document"].paper == "a4"

    def test_the_browser_prints_on_the_same_paper(self, client):
        complete(client, "dampen", "lupus")
        page = client.get(RESULT, HTTP_ACCEPT_LANGUAGE="en-US").content.decode()
        assert 'media="print" id="paper-stylesheet" href="/static/questionnaire/paper-letter.css"' in page


class TestDates:
    """Dates follow the language and its region (questionnaire.printout.long_date)."""

    @pytest.mark.parametrize("language, header, written", [
        ("en", "en-US,en;q=0.9", "December 7, 2026"), ("en", "en-GB", "7 December 2026"),
        ("es", "es-US,es;q=0.9", "7 de diciembre de 2026")])
    def test_the_page_the_printout_and_the_text_write_them_so(self, client, settings, language, header, written):
        from datetime import date
        complete(client, "dampen", "lupus")
        client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
        with mock.patch("django.utils.timezone.localdate", return_value=date(2026, 12, 7)):
            page = client.get(RESULT, HTTP_ACCEPT_LANGUAGE=header)
            text = client.get(reverse("questionnaire:result_text"), HTTP_ACCEPT_LANGUAGE=header).content.decode()
            pdf = pdf_text(io.BytesIO(client.get(reverse("questionnaire:result_pdf"), HTTP_ACCEPT_LANGUAGE=header).content))
        assert page.context["document"].date_text() == written
        assert re.search(rf'<div class="print-only print-header">.*<p>[^<]*{written}\.', page.content.decode(), re.S)
        assert written in text and written in pdf

    def test_the_content_version_line_and_the_about_page_follow_the_region_too(self, client, content):
        from questionnaire.printout import long_date
        complete(client, "dampen", "lupus")
        written = long_date(content.release.last_reviewed, "US")
        assert written.split()[0].isalpha()  # the month first
        page = client.get(RESULT, HTTP_ACCEPT_LANGUAGE="en-US").content.decode()
        assert re.search(rf'<p class="content-version">[^<]*{written}\.', page)
        about = client.get(reverse("questionnaire:about"), HTTP_ACCEPT_LANGUAGE="en-US").content.decode()
        assert f'<dd class="summary-value">{written}</dd>' in about


class TestChangingAnAnswer:
    def change_stage(self, client, stage):
        from tests.helpers.wizard import PREFIX, post_step, step_url
        client.post(step_url("stage"), {f"{PREFIX}-current_step": "stage", "stage-stage": stage,
                                        "return_to_check": "1"})
        return client.get(post_step(client, "check").url, follow=True)

    def test_keeps_every_choice_that_still_applies_and_says_what_went(self, client, listed):
        from questionnaire.models import Question
        save(client, listed, top=[listed[0]], own="Mine?")
        before = set(client.get(RESULT).context["kept"])
        response = self.change_stage(client, "finished")
        gone = before - {q.slug for q in response.context["result"].questions}
        assert gone
        shown = [str(m) for m in response.context["messages"]]
        assert len(shown) == 1
        assert all(Question.objects.get(pk=slug).text in shown[0] for slug in gone)
        assert response.context["question_list"].own == ["Mine?"]

    def change_concerns(self, client, concerns):
        from tests.helpers.wizard import PREFIX, post_step, step_url
        client.post(step_url("concerns"), {f"{PREFIX}-current_step": "concerns", "concerns-concerns": concerns,
                                           "return_to_check": "1"})
        return client.get(post_step(client, "check").url, follow=True)

    def test_a_kept_question_stays_ticked_and_an_unticked_one_off_wherever_it_moves(self, client, listed, more):
        save(client, [*listed[1:], more[0]], top=[listed[2]], own="Mine?")
        kept_before = set(client.get(RESULT).context["kept"])
        response = self.change_concerns(client, ["cost", "side_effects", "fertility"])
        offered = {q.slug for q in response.context["result"].questions}
        kept_after = set(response.context["kept"])
        assert kept_before & offered <= kept_after
        assert listed[0] not in kept_after
        assert response.context["top"] == {listed[2]}

    def test_says_nothing_when_nothing_was_saved(self, client, listed):
        response = self.change_stage(client, "finished")
        assert [str(m) for m in response.context["messages"]] == []


class TestCharactersThePdfCannotShow:
    """Never a silent drop: the page names what the PDF cannot print (questionnaire/fonts.py)."""

    def test_the_page_names_each_character_no_font_has(self, client, listed):
        save(client, listed, own="Is \ue000 safe?")
        assert client.get(RESULT).context["unprintable"] == ["\ue000"]

    def test_without_the_fallback_fonts_a_chinese_question_is_named_too(self, client, listed, settings):
        settings.IMMUNOGUIDE_PDF_FALLBACK_FONTS = []
        save(client, listed, own="怀孕?")
        assert client.get(RESULT).context["unprintable"] == sorted("怀孕")

    def test_nothing_is_said_when_everything_prints(self, client, listed):
        save(client, listed, own="Can I travel?")
        assert client.get(RESULT).context["unprintable"] == []


def test_the_header_start_over_on_the_result_page_saves_the_list_before_asking(client, listed):
    response = save(client, listed[1:], own="Unsaved?", action="start_over")
    assert response.url == reverse("questionnaire:start_over") + "?back=" + RESULT
    assert client.session[LIST_SESSION_KEY]["own"] == ["Unsaved?"]
