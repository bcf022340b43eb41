"""Parts of pages are rendered once and kept, under keys that name all they show (questionnaire/templatetags)."""
import pytest
from django.template import Context, Template, TemplateSyntaxError
from django.test import Client
from django.urls import reverse

from questionnaire.content import current_content
from questionnaire.engine import Answers
from questionnaire.fragments import CSRF_HOLE, FRAME, FragmentMismatch
from questionnaire.models import ContentStamp
from tests.test_views import PREFIX, complete, post_step, step_url

pytestmark = pytest.mark.django_db

RESULT = reverse("questionnaire:result")


def kept(name):
    """The keys of what the content snapshot keeps under ``name`` (a template or a {% once %} name)."""
    return [key for key in current_content().rendered.keys() if name in key[:2]]


def test_the_options_of_a_step_are_rendered_once_for_each_goal_and_answer(client):
    client.get(reverse("questionnaire:questions"))
    post_step(client, "goal", "dampen")
    client.get(step_url("condition"))
    first = [key for key in kept("questionnaire/_step_options.html") if key[1] == "condition"]
    client.get(step_url("condition"))
    assert [key for key in kept("questionnaire/_step_options.html") if key[1] == "condition"] == first
    assert first == [("questionnaire/_step_options.html", "condition", "dampen", (), "en")]
    post_step(client, "condition", "lupus")
    page = client.get(step_url("condition"))
    assert page.context["form"]["condition"].value() == "lupus"
    lupus = ("questionnaire/_step_options.html", "condition", "dampen", ("lupus",), "en")
    assert lupus in current_content().rendered
    assert "checked" in current_content().rendered[lupus]
    assert "checked" not in current_content().rendered[first[0]]


def test_an_answer_that_is_not_offered_is_shown_but_not_kept(client):
    client.get(reverse("questionnaire:questions"))
    response = post_step(client, "goal", "not-a-goal")
    assert response.status_code == 200
    assert all("not-a-goal" not in str(key) for key in current_content().rendered.keys())


def test_a_step_page_is_kept_under_its_answer_and_one_with_errors_is_not(client):
    client.get(reverse("questionnaire:questions"))
    client.get(step_url("goal"))
    client.get(step_url("goal"))
    assert [key[2][0] for key in kept("step")] == ["goal"]
    post_step(client, "goal", "")
    assert [key[2][0] for key in kept("step")] == ["goal"]


def test_a_choice_not_yet_sent_is_shown_but_kept_under_nothing(client):
    from tests.test_views import PREFIX
    client.get(reverse("questionnaire:questions"))
    response = client.post(step_url("goal"), {f"{PREFIX}-current_step": "goal", "goal-goal": "typed-junk",
                                              "size": "large"})
    assert client.get(response.url).status_code == 200
    keys = current_content().rendered.keys() + FRAME.keys()
    assert keys and all("typed-junk" not in str(key) for key in keys)


def test_a_content_change_starts_afresh(client):
    client.get(reverse("questionnaire:questions"))
    client.get(step_url("goal"))
    assert kept("step")
    ContentStamp.bump()
    assert len(current_content().rendered) == 0


def test_the_least_recently_used_are_dropped_beyond_the_limit(client):
    rendered = current_content().rendered
    rendered.limit = 3
    client.get(reverse("questionnaire:questions"))
    for _ in range(2):
        client.get(step_url("goal"))
    assert len(rendered) <= 3
    assert kept("step")


def test_the_result_pages_summary_is_kept_under_the_content_it_shows_not_the_answers(client):
    complete(client, "dampen", "kidney_transplant")
    client.post(reverse("questionnaire:result"), {"own": "Mine?", "keep": []})
    page = client.get(reverse("questionnaire:result"))
    about = kept("questionnaire/_result_about.html")
    assert about == [("questionnaire/_result_about.html", page.context["result"].shown(), "en")]
    assert page.context["answers"] not in about[0]
    assert current_content().rendered[about[0]] in page.content.decode()


def test_a_page_in_spanish_is_kept_apart_from_the_same_page_in_english(client):
    client.get(reverse("questionnaire:questions"))
    english = client.get(step_url("goal"))
    spanish = client.get(step_url("goal"), HTTP_ACCEPT_LANGUAGE="es")
    assert (english.context["LANGUAGE_CODE"], spanish.context["LANGUAGE_CODE"]) == ("en", "es")
    assert english.content != spanish.content
    languages = {key[-1] for key in current_content(language="es").rendered.keys()}
    assert languages == {"es"}
    assert {key[-1] for key in current_content(language="en").rendered.keys()} == {"en"}


def test_own_questions_are_never_kept(client):
    complete(client, "dampen", "kidney_transplant")
    client.post(reverse("questionnaire:result"), {"own": "Is my secret question kept?", "keep": []})
    client.get(reverse("questionnaire:result"))
    assert all("secret" not in html for html in map(current_content().rendered.__getitem__,
                                                     current_content().rendered.keys()))
    assert all("secret" not in FRAME[key] for key in FRAME.keys())


def test_the_suggested_list_is_kept_and_a_saved_one_is_put_together_with_its_ticks_in_no_key(client):
    complete(client, "dampen", "kidney_transplant")
    first = client.get(RESULT)
    suggested = [q.slug for q in first.context["suggested_questions"]]
    client.post(RESULT, {"keep": suggested[1:], "action": "save"})
    second = client.get(RESULT)
    assert len(kept("question-list")) == 1
    assert f'value="{suggested[0]}" id="keep-{suggested[0]}" checked' in first.content.decode()
    assert f'value="{suggested[0]}" id="keep-{suggested[0]}" checked' not in second.content.decode()
    assert all(frozenset(suggested[1:]) not in key for key in current_content().rendered.keys())


class TestOnce:
    def render(self, source, **values):
        return Template("{% load questionnaire_tags %}" + source).render(Context({"csrf_token": "TOKEN1", **values}))

    def test_renders_once_for_each_key(self):
        first = self.render('{% once "t1" a %}{{ a }}-{{ b }}{% endonce %}', a=1, b="x")
        assert first == "1-x"
        assert ("once", "t1", 1, "en") in FRAME

    def test_the_language_is_part_of_every_key(self):
        from django.utils import translation
        with translation.override("es"):
            self.render('{% once "t6" a %}{{ a }}{% endonce %}', a=1)
        self.render('{% once "t6" a %}{{ a }}{% endonce %}', a=1)
        assert {key for key in FRAME.keys() if key[1] == "t6"} == {("once", "t6", 1, "es"), ("once", "t6", 1, "en")}

    def test_a_key_that_misses_what_is_shown_is_caught(self):
        self.render('{% once "t2" a %}{{ b }}{% endonce %}', a=1, b="x")
        with pytest.raises(FragmentMismatch):
            self.render('{% once "t2" a %}{{ b }}{% endonce %}', a=1, b="y")

    def test_a_key_of_none_renders_afresh_and_keeps_nothing(self):
        assert self.render('{% once "t3" a %}{{ b }}{% endonce %}', a=None, b="x") == "x"
        assert not [key for key in FRAME.keys() if key[1] == "t3"]

    def test_each_response_gets_its_own_csrf_token(self):
        source = '{% once "t4" %}<form>{% csrf_token %}</form>{% endonce %}'
        first = Template("{% load questionnaire_tags %}" + source).render(Context({"csrf_token": "TOKENA"}))
        second = Template("{% load questionnaire_tags %}" + source).render(Context({"csrf_token": "TOKENB"}))
        assert 'value="TOKENA"' in first and 'value="TOKENB"' in second
        assert CSRF_HOLE in FRAME[("once", "t4", "en")]

    def test_cannot_hold_a_block(self):
        with pytest.raises(TemplateSyntaxError):
            self.render('{% once "t5" %}{% block x %}{% endblock %}{% endonce %}')

    def test_needs_a_name(self):
        with pytest.raises(TemplateSyntaxError):
            self.render("{% once %}{% endonce %}")


class TestKeptPages:
    """A step's whole page, and the start page, are kept: the same for everyone shown them."""

    @pytest.fixture(autouse=True)
    def _no_check(self, settings):
        settings.IMMUNOGUIDE_CHECK_FRAGMENTS = False

    def pages(self, name):
        return [key for key in current_content().rendered.keys() if key[:2] == ("page", name)]

    def test_a_step_shown_again_is_not_rendered_again_and_its_form_still_works(self, client):
        client.get(reverse("questionnaire:questions"))
        first = client.get(step_url("goal"))
        second = client.get(step_url("goal"))
        assert first.templates and not second.templates
        assert len(self.pages("goal")) == 1
        assert second.content != first.content  # each with its own CSRF token
        assert CSRF_HOLE.encode() not in second.content
        client.cookies.pop("csrftoken", None)
        assert post_step(client, "goal", "dampen").status_code == 302

    def test_each_answer_language_and_text_size_has_its_own_page(self, client):
        client.get(reverse("questionnaire:questions"))
        client.get(step_url("goal"))
        post_step(client, "goal", "dampen")
        client.get(step_url("goal"))
        client.get(step_url("goal"), HTTP_ACCEPT_LANGUAGE="es")
        client.post(reverse("questionnaire:text_size"), {"size": "large", "next": step_url("goal")})
        large = client.get(step_url("goal"))
        assert b'class="large-text"' in large.content
        keys = self.pages("goal") + [key for key in current_content(language="es").rendered.keys()
                                     if key[:2] == ("page", "goal")]
        assert {(key[3], key[-1], key[6]) for key in keys} == {
            (None, "en", False), (("dampen",), "en", False), (("dampen",), "es", False), (("dampen",), "en", True)}

    def test_a_page_with_a_message_an_error_or_another_address_is_rendered_afresh(self, client):
        client.get(reverse("questionnaire:questions"))
        client.post(step_url("goal"), {f"{PREFIX}-current_step": "no-such-step"})
        with_message = client.get(step_url("goal"))
        assert [str(m) for m in with_message.context["messages"]]
        assert post_step(client, "goal", "").status_code == 200
        client.get(step_url("goal") + "?anything=typed")
        assert self.pages("goal") == []
        keys = current_content().rendered.keys() + FRAME.keys()
        assert keys and all("typed" not in str(key) for key in keys)

    def test_check_answers_is_kept_under_every_answer(self, client):
        complete(client, "dampen", "lupus", factors=["pregnancy"])
        client.get(step_url("check"))
        client.get(step_url("check"))
        (key,) = self.pages("check")
        assert key[3] == (("dampen",), ("lupus",), ("starting",), ("pregnancy",), ())

    def test_the_result_page_is_kept_under_the_answers_and_served_to_the_next_person_with_them(
            self, client, django_user_model):
        first = complete(client, "dampen", "lupus", factors=["pregnancy"])
        again = client.get(RESULT)
        assert first.templates and not again.templates
        (key,) = self.pages("result")
        assert key[2] == Answers("dampen", "lupus", "starting", ("pregnancy",), ())
        assert CSRF_HOLE.encode() not in again.content
        assert again.content.split(b"<main")[1].split(b"csrfmiddlewaretoken")[0] == \
            first.content.split(b"<main")[1].split(b"csrfmiddlewaretoken")[0]
        other = Client()
        complete(other, "dampen", "lupus", factors=["pregnancy"])
        assert not other.get(RESULT).templates
        assert len(self.pages("result")) == 1
        complete(Client(), "dampen", "lupus")
        assert len(self.pages("result")) == 2

    def test_a_saved_list_and_the_printout_page_are_rendered_afresh_and_kept_nowhere(self, client):
        page = complete(client, "dampen", "lupus")
        suggested = [q.slug for q in page.context["suggested_questions"]]
        client.post(RESULT, {"keep": suggested[1:], "own": "Can I travel in May?", "action": "save"})
        assert client.get(RESULT).templates
        assert client.get(RESULT).context["kept"] == set(suggested[1:])
        assert client.get(RESULT + "?print=1").templates
        assert len(self.pages("result")) == 1  # the one seen before the list was saved
        assert all("travel" not in str(key) for key in current_content().rendered.keys())

    def test_each_paper_size_and_printout_language_has_its_own_result_page(self, client):
        complete(client, "dampen", "lupus", factors=["pregnancy"])
        client.get(RESULT, HTTP_ACCEPT_LANGUAGE="en-US")
        letter = client.get(RESULT, HTTP_ACCEPT_LANGUAGE="en-US")
        assert not letter.templates
        assert b'value="letter" id="paper-letter" checked' in letter.content
        client.get(RESULT, HTTP_ACCEPT_LANGUAGE="es")
        keys = [key for language in ("en", "es") for key in current_content(language=language).rendered.keys()
                if key[:2] == ("page", "result")]
        assert {(key[3], key[4], key[-1]) for key in keys} == {
            ("a4", "", "en"), ("letter", "", "en"), ("a4", "en", "es")}

    def test_the_start_page_is_kept_for_each_of_its_banners(self, client):
        for address in ("/", "/", "/?expired=1", "/?idle=1", "/?typed=secret"):
            response = client.get(address)
        assert response.status_code == 200
        pages = sorted(key[4] for key in FRAME.keys() if key[:2] == ("page", "start"))
        assert pages == ["/", "/?expired=1", "/?idle=1"]
        assert client.get("/?idle=1").content.split(b"<main")[1] != client.get("/").content.split(b"<main")[1]
        assert all("secret" not in str(key) for key in FRAME.keys())
