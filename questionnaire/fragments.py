"""Pieces of a page rendered once and kept: what costs most in a page is rendering it.

A fragment is kept under a key that names everything it depends on (a step and
the answer chosen, the text size...), never under anything typed by a person.
Fragments that show content are kept with the content snapshot, so a content
change starts afresh; the page frame, which shows none, is kept here.

A form's CSRF token differs for every response, so a fragment is rendered with
:data:`CSRF_HOLE` in its place and the request's own token is put in on the way
out. With ``IMMUNOGUIDE_CHECK_FRAGMENTS`` on (the test suite turns it on), every
kept fragment is rendered again and compared, so a key that misses something
the fragment depends on fails a test instead of showing one person's page to
another.
"""
import threading
from collections import OrderedDict

from django.conf import settings
from django.contrib import messages
from django.http import HttpResponse
from django.middleware.csrf import get_token
from django.utils.translation import get_language

from .context_processors import frame_address, large_text

#: Stands for the CSRF token in a kept fragment; letters only, so escaping leaves it alone.
CSRF_HOLE = "csrfHoleKeptFragmentsFillThisWithTheRequestsToken"

#: How many fragments one store keeps (each 1-30 KB); the least recently used go first.
MAX_FRAGMENTS = 2000


class FragmentMismatch(AssertionError):
    """A kept fragment is not what rendering it now gives: its key misses something."""


class Fragments:
    """HTML kept by key, at most ``limit`` of them, the least recently used dropped first."""

    def __init__(self, limit=MAX_FRAGMENTS):
        self.limit = limit
        self._kept = OrderedDict()
        self._lock = threading.Lock()

    def get(self, key, render, keep=lambda: True):
        """The HTML kept under ``key``, else ``render()``'s, kept if ``keep()`` agrees."""
        with self._lock:
            html = self._kept.get(key)
            if html is not None:
                self._kept.move_to_end(key)
        if html is not None:
            if getattr(settings, "IMMUNOGUIDE_CHECK_FRAGMENTS", False) and render() != html:
                raise FragmentMismatch(f"the fragment kept as {key!r} is not what it renders to now")
            return html
        html = render()
        if keep():
            with self._lock:
                self._kept[key] = html
                while len(self._kept) > self.limit:
                    self._kept.popitem(last=False)
        return html

    def __contains__(self, key):
        return key in self._kept

    def __len__(self):
        return len(self._kept)

    def keys(self):
        with self._lock:
            return list(self._kept)

    def __getitem__(self, key):
        return self._kept[key]

    def clear(self):
        with self._lock:
            self._kept.clear()


#: The page frame's fragments (header, idle warning): they show no content.
FRAME = Fragments()


def fill_csrf_hole(html, token):
    """``html`` with the request's CSRF token where the kept fragment has the hole."""
    return html.replace(CSRF_HOLE, str(token)) if CSRF_HOLE in html else html


def kept_response(request, fragments, key, respond):
    """A whole page kept in ``fragments`` under ``key``, sent with this request's CSRF token.

    ``respond(csrf_token)`` gives the page's TemplateResponse with that token in its
    context; it is called only to render a page not yet kept (or, with
    ``IMMUNOGUIDE_CHECK_FRAGMENTS``, to check a kept one). A ``key`` of None means
    the page is rendered afresh and kept nowhere. For pages that are the same for
    everyone who sees them with the key's values (a step with one answer shown):
    the key must name them all, and never anything a person typed.
    """
    if key is None:
        return respond(None)
    rendered = []

    def render():
        response = respond(CSRF_HOLE)
        if hasattr(response, "render"):
            response.render()
        rendered.append(response)
        return response.content.decode(response.charset)

    html = fragments.get(key, render)
    response = rendered[-1] if rendered else HttpResponse()
    response.content = fill_csrf_hole(html, get_token(request))
    return response


def display_key(request):
    """What a kept page shows of the request besides its own values: the text size, the
    idle limit, its address and the language; None when the page must be rendered
    afresh (a message to show once, an address with a query parameter of its own)."""
    address = frame_address(request)
    if address is None or messages.get_messages(request):
        return None
    return (large_text(request), settings.IMMUNOGUIDE_IDLE_SECONDS, address, get_language())
