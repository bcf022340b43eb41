"""Kept fragments: bounded, least recently used dropped first, checked on demand (questionnaire/fragments.py)."""
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
