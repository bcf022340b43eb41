"""The plain pages: start, about, start over, ready for the next person, home or clinic, the text
size and "I am still here"."""
import datetime
from functools import wraps

from django.http import HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect, render
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext, gettext_noop
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from ..content_reading import current_content
from ..translation import translated_languages
from ..languages import request_region
from ..printout import sign_off_line, translation_line
from ..device import (
    CLINIC, HOME, device_mode, is_clinic_device, may_choose, may_switch_to_home, remember_mode)
from ..session_keys import (
    LAST_ACTIVITY_SESSION_KEY, TEXT_SIZE_SESSION_KEY, TEXT_SIZES, cleared_response, holds_a_person, stored_answers,
    wipe_person)


def start_url(expired=False):
    return reverse("questionnaire:start") + ("?expired=1" if expired else "")


def answers_gone_url(request):
    """Where a page that needs answers sends a browser that has none: a clinic device to "Ready for
    the next person" (Back after a wipe shows nothing of the last one), a home one to the start,
    which says the answers are no longer here."""
    return reverse("questionnaire:ready") if is_clinic_device(request) else start_url(expired=True)


def with_answers(view):
    """Run ``view(request, answers, content, ...)``, or send a person with no answers away (answers_gone_url).

    Shared by the result's views and the visit's: every page that shows answers is never cached.
    """
    @never_cache
    @wraps(view)
    def wrapper(request, *args, **kwargs):
        content = current_content()
        answers = stored_answers(request, content)
        if answers is None:
            return redirect(answers_gone_url(request))
        return view(request, answers, content, *args, **kwargs)
    return wrapper


@require_GET
def start(request):
    """The start page. It stores nothing, and it is the same for every browser in the same mode."""
    return TemplateResponse(request, "questionnaire/start.html", {
        "expired": request.GET.get("expired") == "1",
        "cleared": request.GET.get("cleared") == "1",
    })


@require_GET
@never_cache
def ready(request):
    """A clinic device after a wipe: "Ready for the next person", and why the last one's answers went.

    At home there is no next person to be ready for: the start page says the list was cleared.
    """
    if not is_clinic_device(request):
        return redirect(start_url())
    return TemplateResponse(request, "questionnaire/ready.html", {
        "cleared_when_idle": request.GET.get("idle") == "1",
    })


@require_GET
@never_cache
def clinic_device(request):
    """The address a clinic gives its tablets: this browser becomes a clinic device, then the start.

    A GET, so it can be a bookmark or the browser's home page. It only turns the idle wipe
    on, never off, so a link to it from elsewhere can do no harm.
    """
    return _switched(request, CLINIC, by_clinic=True)


@require_POST
def device(request):
    """The start page's switch between "at home" and "a shared clinic device"."""
    mode = CLINIC if request.POST.get("mode") == CLINIC else HOME
    if mode == HOME and not may_switch_to_home(request):
        return redirect(start_url())  # the clinic set this tablet up: the idle wipe stays on
    return _switched(request, mode)


def _switched(request, mode, by_clinic=False):
    if may_choose() and device_mode(request) != mode:
        # The idle clock starts afresh in the new mode, never from a time it did not keep.
        request.session.pop(LAST_ACTIVITY_SESSION_KEY, None)
    return remember_mode(redirect(start_url()), mode, by_clinic)


@require_GET
def about(request):
    """About this content: who writes and reviews it, funding, update policy, version."""
    content = current_content()
    region = request_region(request)
    return render(request, "questionnaire/about.html", {
        "release": content.release,
        "sources": list(content.sources.values()),  # already in Source's order
        "sign_off": content.sign_off,
        "sign_off_line": sign_off_line(content.source, region),
        "translations": translations(content, region),
    })


#: The About page's heading for each translation of the content.
TRANSLATION_HEADINGS = {"es": gettext_noop("The text in Spanish")}


def translations(content, region=""):
    """Each translation of the content: its language, whether it is complete, when it was last
    reviewed, and whether a native-speaking clinician signed it off."""
    found = []
    for code in translated_languages():
        state = content.language_state(code)
        reviewed = state.get("last_reviewed")
        found.append({
            "heading": gettext(TRANSLATION_HEADINGS[code]),
            "complete": state["status"] == "complete",
            "last_reviewed": datetime.date.fromisoformat(reviewed) if reviewed else None,
            "review": translation_line(content, code, region),
        })
    return found




@require_http_methods(["GET", "POST"])
@never_cache
def start_over(request):
    """GET asks "Start over?" on a page of its own (no JavaScript dialog); POST wipes.

    On a clinic device it goes on to "Ready for the next person"; the page's idle timer
    posts here too, with ``reason=idle``, so that page can say why everything went.
    """
    if request.method == "GET":
        return render(request, "questionnaire/start_over.html", {
            "back_url": _this_site_or_start(request, request.GET.get("back", "")),
        })
    wipe_person(request)
    if not is_clinic_device(request):
        return cleared_response(redirect(reverse("questionnaire:start") + "?cleared=1"))
    idle = request.POST.get("reason") == "idle"
    return cleared_response(redirect(reverse("questionnaire:ready") + ("?idle=1" if idle else "")))


@require_POST
def still_here(request):
    """The idle warning's "I am still here": the middleware has noted the time; 410 if all is gone."""
    return HttpResponse(status=204 if holds_a_person(request.session) else 410)


@require_POST
def text_size(request):
    """Switch between normal and large text for this session; works without JavaScript."""
    size = request.POST.get("size")
    if size in TEXT_SIZES:
        request.session[TEXT_SIZE_SESSION_KEY] = size
    # Not redirect(): it would try a bare word such as "foo" as a view name (NoReverseMatch, a 500).
    return HttpResponseRedirect(_this_site_or_start(request, request.POST.get("next", "")))


def _this_site_or_start(request, url):
    """``url`` if it stays on this site, else the start page: never a way out to another site."""
    if url_has_allowed_host_and_scheme(url, allowed_hosts={request.get_host()}, require_https=request.is_secure()):
        return url
    return reverse("questionnaire:start")
