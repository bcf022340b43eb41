"""Kept fragments: bounded, least recently used dropped first, checked on demand (questionnaire/fragments.py)."""
import re

import pytest

from questionnaire.fragments import CSRF_HOLE, Fragments, FragmentMismatch, fill_csrf_hole


def test_a_kept_fragment_is_not_rendered_again(settings):
    settings.IMMUNOGUIDE_CHECK_FRAGMENTS = False
    fragments, calls = Fragments(), []
    render = lambda: calls.append(1) or "<p>hi</p>"  # noqa: E731
    assert fragments.get("k", render) == fragments.get("k", render) == "<p>hi</p>"
    assert calls == [1]


def test_the_least_recently_used_goes_first():
    fragments = Fragments(limit=2)
    fragments.get("a", lambda: "A")
    fragments.get("b", lambda: "B")
    fragments.get("a", lambda: "A")
    fragments.get("c", lambda: "C")
    assert sorted(fragments.keys()) == ["a", "c"]


def test_one_refused_is_rendered_but_not_kept():
    fragments = Fragments()
    assert fragments.get("a", lambda: "A", keep=lambda: False) == "A"
    assert "a" not in fragments


def test_checking_renders_again_and_refuses_a_difference(settings):
    settings.IMMUNOGUIDE_CHECK_FRAGMENTS = True
    fragments = Fragments()
    fragments.get("a", lambda: "A")
    assert fragments.get("a", lambda: "A") == "A"
    with pytest.raises(FragmentMismatch):
        fragments.get("a", lambda: "B")


def test_the_csrf_hole_takes_the_requests_token():
    assert fill_csrf_hole(f'<input value="{CSRF_HOLE}">', "abc") == '<input value="abc">'
    assert fill_csrf_hole("<p>no form</p>", "abc") == "<p>no form</p>"


class TestKeptResponse:
    """A whole page kept under a key and sent with each request's own CSRF token."""

    def respond(self, calls):
        from django.template import engines
        from django.template.response import TemplateResponse

        def respond(csrf_token):
            calls.append(csrf_token)
            context = {"csrf_token": csrf_token} if csrf_token else {}
            template = engines["django"].from_string('<form>{% csrf_token %}</form><p>{{ word }}</p>')
            return TemplateResponse(self.request, template, {"word": "hello", **context})
        return respond

    @pytest.fixture(autouse=True)
    def _request(self, rf, settings):
        settings.IMMUNOGUIDE_CHECK_FRAGMENTS = False
        self.request = rf.get("/")

    def test_a_kept_page_is_not_rendered_again_and_each_gets_its_own_token(self):
        from questionnaire.fragments import kept_response
        fragments, calls = Fragments(), []
        first = kept_response(self.request, fragments, ("page", 1), self.respond(calls))
        second = kept_response(self.request, fragments, ("page", 1), self.respond(calls))
        assert calls == [CSRF_HOLE]
        tokens = [re.search(rb'value="([^"]+)"', r.content).group(1) for r in (first, second)]
        assert tokens[0] != tokens[1] and CSRF_HOLE.encode() not in first.content + second.content
        assert first.content.replace(tokens[0], b"") == second.content.replace(tokens[1], b"")
        assert b"<p>hello</p>" in second.content

    def test_no_key_renders_afresh_and_keeps_nothing(self):
        from questionnaire.fragments import kept_response
        fragments, calls = Fragments(), []
        for _ in range(2):
            response = kept_response(self.request, fragments, None, self.respond(calls))
            response.render()
        assert calls == [None, None] and len(fragments) == 0
        assert CSRF_HOLE.encode() not in response.content

    def test_checking_renders_the_kept_page_again(self, settings):
        from questionnaire.fragments import kept_response
        settings.IMMUNOGUIDE_CHECK_FRAGMENTS = True
        fragments, calls = Fragments(), []
        kept_response(self.request, fragments, ("page", 1), self.respond(calls))
        kept_response(self.request, fragments, ("page", 1), self.respond(calls))
        assert calls == [CSRF_HOLE, CSRF_HOLE]
