"""The questionnaire: a start page, the step-by-step wizard and the result."""
import sys
from functools import lru_cache, wraps

import segno

from django import forms as django_forms
from django.contrib import messages
from django.db import DatabaseError, connection
from django.template import loader
from django.http import HttpResponse, HttpResponseRedirect
from django.middleware.csrf import CSRF_SESSION_KEY
from django.shortcuts import redirect, render
from django.urls import get_script_prefix, reverse
from django.utils import timezone
from django.utils.cache import add_never_cache_headers
from django.utils.functional import cached_property
from django.utils.datastructures import MultiValueDict
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.safestring import mark_safe
from django.utils.translation import ngettext
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods, require_POST
from formtools.wizard.forms import ManagementForm
from formtools.wizard.views import NamedUrlSessionWizardView

from . import forms
from .content import current_content
from .documents import (
    EMERGENCY_LINE, HOW_TO_USE, OWN_FROM_LINK, PAPER_SIZES, ListDocument, as_pdf, as_text,
    paper_for_language, unprintable_characters)
from .engine import Answers, InvalidAnswers, recommend
from .glossary import result_texts, terms_used
from .links import MAX_AGE, MAX_LINK_LENGTH, LinkExpired, LinkInvalid, make_token, read_token
from .question_list import ListChoices, build_question_list
from .sessions import MAX_COOKIE_BYTES
from .vocabulary import Concern, Factor, Goal, Stage

ANSWERS_SESSION_KEY = "immunoguide_answers"
LIST_SESSION_KEY = "immunoguide_list"
TEXT_SIZE_SESSION_KEY = "text_size"
PAPER_SESSION_KEY = "paper_size"
LAST_ACTIVITY_SESSION_KEY = "last_activity"
#: A step's choice not yet sent, kept across the text-size switch for one showing.
DRAFT_SESSION_KEY = "immunoguide_draft"
#: Own questions that came in a link, so the page can say who added them.
LINK_OWN_SESSION_KEY = "immunoguide_link_own"
TEXT_SIZES = ("normal", "large")
#: What a wipe keeps: the device's settings, which say nothing about the person.
#: Kept in a session that holds no person: the device's settings, and the secret its forms' CSRF tokens come from.
DEVICE_SESSION_KEYS = {TEXT_SIZE_SESSION_KEY, PAPER_SESSION_KEY, LAST_ACTIVITY_SESSION_KEY, CSRF_SESSION_KEY}

STEPS = [
    ("goal", forms.GoalForm),
    ("condition", forms.ConditionForm),
    ("stage", forms.StageForm),
    ("factors", forms.FactorsForm),
    ("concerns", forms.ConcernsForm),
    ("check", forms.CheckAnswersForm),
]

#: The short label of each answer on the check-answers page.
ANSWER_LABELS = {
    "goal": "Aim of the treatment",
    "condition": "What it is for",
    "stage": "Where you are",
    "factors": "Other things that apply",
    "concerns": "What matters most to you",
}


def server_error(request):
    """The 500 handler: a database that is away gets a calm 503 instead.

    Django calls this while handling the exception, so it can see which one it
    was. The page uses no session, no database and never echoes the request.
    """
    error = sys.exc_info()[1]
    if isinstance(error, DatabaseError):
        return render_plain("503.html", status=503)
    return render_plain("500.html", status=500)


def render_plain(template_name, status):
    response = HttpResponse(loader.render_to_string(template_name), status=status)
    if status == 503:
        response["Retry-After"] = "30"
    return response


@require_GET
def healthz(request):
    """For load balancers: 200 when the database answers a trivial query, else 503."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError:
        return HttpResponse("database unavailable\n", status=503, content_type="text/plain")
    return HttpResponse("ok\n", content_type="text/plain")


def start_url(expired=False):
    return reverse("questionnaire:start") + ("?expired=1" if expired else "")


@require_GET
def start(request):
    """The start page. It reads no session, so looking at it stores nothing."""
    return render(request, "questionnaire/start.html", {
        "expired": request.GET.get("expired") == "1",
        "cleared_when_idle": request.GET.get("idle") == "1",
    })


@require_GET
def about(request):
    """About this content: who writes and reviews it, funding, update policy, version."""
    content = current_content()
    return render(request, "questionnaire/about.html", {
        "release": content.release,
        "sources": list(content.sources.values()),  # already in Source's order
    })


def holds_a_person(session):
    """True when the session holds anything of a person: answers, a list, a message."""
    return any(key not in DEVICE_SESSION_KEYS for key in session.keys())


def wipe_person(request):
    """Forget everything of this person, in a new session; keep only the device's settings."""
    kept = {key: request.session.get(key) for key in (TEXT_SIZE_SESSION_KEY, PAPER_SESSION_KEY)}
    request.session.flush()
    for key, value in kept.items():
        if value:
            request.session[key] = value


def cleared_response(response):
    """Have the browser drop the pages it keeps for Back, so nothing of this person comes back."""
    response["Clear-Site-Data"] = '"cache"'
    add_never_cache_headers(response)
    return response


@require_http_methods(["GET", "POST"])
@never_cache
def start_over(request):
    """GET asks "Start over?" on a page of its own (no JavaScript dialog); POST wipes.

    The page's idle timer posts here too, with ``reason=idle``, so the start page
    can say why everything went.
    """
    if request.method == "GET":
        return render(request, "questionnaire/start_over.html", {
            "back_url": _this_site_or_start(request, request.GET.get("back", "")),
        })
    wipe_person(request)
    idle = request.POST.get("reason") == "idle"
    return cleared_response(redirect(reverse("questionnaire:start") + ("?idle=1" if idle else "")))


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


@lru_cache(maxsize=64)
def _step_url(url_name, step, script_prefix):
    return reverse(url_name, kwargs={"step": step})


class QuestionnaireWizard(NamedUrlSessionWizardView):
    """The questions, one per page, each step at its own URL.

    Decisions on formtools' edge cases (tested in tests/test_views.py):
    the Back link is a plain link, so what was typed on the current page and not
    sent is dropped, as on any web form; two tabs share one set of answers, and
    the latest answer sent wins.
    """

    form_list = STEPS

    @cached_property
    def content(self):
        """The content snapshot, looked up once per request (each lookup checks the stamp)."""
        return current_content()

    def get_step_url(self, step):
        """formtools' step URL, reversed once per step and script prefix: a page asks for up to seven."""
        return _step_url(self.url_name, step, get_script_prefix())

    def get_template_names(self):
        if self.steps.current == "check":
            return ["questionnaire/check_answers.html"]
        return ["questionnaire/step.html"]

    def get_form_kwargs(self, step=None):
        if step == "condition":
            goal = (self.storage.get_step_data("goal") or {}).get("goal-goal")
            return {"goal": goal if goal in Goal.values else None, "content": self.content}
        return {}

    def dispatch(self, request, *args, **kwargs):
        response = super().dispatch(request, *args, **kwargs)
        add_never_cache_headers(response)
        return response

    def get(self, *args, **kwargs):
        self.draft = self.request.session.pop(DRAFT_SESSION_KEY, None) or {}
        self.restore_saved_answers()
        if kwargs.get("step") == "check" and not self.storage.get_step_data(self.steps.first):
            # Nothing answered (a new visit, or after "Start over"): nothing to check.
            return redirect(start_url(expired=True))
        return super().get(*args, **kwargs)

    def get_form(self, step=None, data=None, files=None):
        """A step with a choice not yet sent (see ``switch_text_size``) shows that choice, unsent."""
        if (step or self.steps.current) in getattr(self, "draft", {}):
            data = files = None
        return super().get_form(step, data, files)

    def get_form_initial(self, step):
        draft = getattr(self, "draft", {})
        if step in draft:
            values = draft[step]
            if isinstance(self.form_list[step].base_fields[step], django_forms.MultipleChoiceField):
                return {step: values}
            return {step: values[0] if values else None}
        return super().get_form_initial(step)

    def switch_text_size(self, step, size):
        """The header's text-size switch sends this step's form: keep its choice, unsent, for the next showing."""
        self.request.session[TEXT_SIZE_SESSION_KEY] = size
        self.request.session[DRAFT_SESSION_KEY] = {step: self.request.POST.getlist(f"{step}-{step}")[:50]}
        change = "?change=1" if self.request.POST.get("return_to_check") else ""
        return redirect(self.get_step_url(step) + change)

    def restore_saved_answers(self):
        """Bring back the answers behind the result, so "Change your answers" works.

        formtools forgets its answers once the result is shown; the result keeps
        its own copy in the session, which refills the steps here.
        """
        if self.storage.data.get(self.storage.step_data_key):
            return
        saved = self.request.session.get(ANSWERS_SESSION_KEY) if self.request.session.session_key else None
        if not saved:
            return
        for step in self.get_form_list():
            value = saved.get(step)
            values = value if isinstance(value, list) else [value]
            self.storage.set_step_data(step, {} if step == "check" else {f"{step}-{step}": values})
        self.storage.current_step = self.steps.last

    def post(self, *args, **kwargs):
        """Guard against tampered forms and lost sessions before formtools sees them."""
        self.restore_saved_answers()
        management_form = ManagementForm(self.request.POST, prefix=self.prefix)
        posted_step = (management_form.cleaned_data.get("current_step")
                       if management_form.is_valid() else None)
        if posted_step not in self.get_form_list():
            messages.error(self.request, "That page could not be read. Please answer this question again.")
            return redirect(self.get_step_url(self.steps.current))
        if self.request.POST.get("size") in TEXT_SIZES and posted_step != "check":
            return self.switch_text_size(posted_step, self.request.POST["size"])
        if posted_step != self.steps.first and not self.storage.data.get(self.storage.step_data_key):
            # formtools would validate this as the first step and say "required".
            return redirect(start_url(expired=True))
        return super().post(*args, **kwargs)

    def get_form_step_data(self, form):
        """Keep only the step's own field, as cleaned: formtools would keep the whole POST, junk too."""
        data = MultiValueDict()
        for name, value in form.cleaned_data.items():
            data.setlist(form.add_prefix(name), value if isinstance(value, list) else [value] if value else [])
        return data

    def get_form_step_files(self, form):
        """No step asks for a file: one sent anyway is dropped, not stored (formtools would 500)."""
        return {}

    def render_next_step(self, form, **kwargs):
        """After a "Change", go straight back to check answers if nothing else is missing."""
        if self.request.POST.get("return_to_check") and all(
                self.storage.get_step_data(step) is not None
                for step in self.get_form_list() if step != "check"):
            self.storage.current_step = "check"
            return redirect(self.get_step_url("check"))
        return super().render_next_step(form, **kwargs)

    def get_context_data(self, form, **kwargs):
        context = super().get_context_data(form=form, **kwargs)
        step = self.steps.current
        previous = self.steps.prev
        returning_to_check = self.request.GET.get("change") == "1"
        if returning_to_check:
            back_url = self.get_step_url("check")  # a "Change" goes back where it came from
        else:
            back_url = self.get_step_url(previous) if previous else reverse("questionnaire:start")
        context.update({
            "step_name": step,
            "step_title": form.fields[step].label if step in form.fields else "",
            "back_url": back_url,
            "returning_to_check": returning_to_check,
            # Looked up by the options' template, only when they are not yet rendered.
            "hints": lambda: getattr(form, "hints", {}),
            "show_start_over": True,
            "answers_form_id": None if step == "check" else "step-form",
            "content": self.content,
        })
        if step == "check":
            context["answers"] = self.answer_rows()
        else:
            context["page_fragment"] = None if form.errors else (
                step, getattr(form, "goal", None), form[step].value(), returning_to_check,
                self.steps.step1, self.steps.count)
        return context

    def answer_rows(self):
        """Each answer in words, with the URL of the step that changes it.

        Read from what each step stored, which was checked when it was sent; a value
        the content no longer has is left out, as the step's own check would.
        """
        conditions = {slug: c.label for slug, c in self.content.conditions.items()}
        words = {
            "goal": dict(Goal.choices), "condition": conditions, "stage": dict(Stage.choices),
            "factors": dict(Factor.choices), "concerns": dict(Concern.choices),
        }
        steps = self.get_form_list()
        rows = []
        for step, label in ANSWER_LABELS.items():
            stored = self.storage.get_step_data(step) if step in steps else None
            values = stored.getlist(f"{step}-{step}") if stored is not None else []
            rows.append({
                "step": step,
                "label": label,
                "values": [words[step][v] for v in values if v in words[step]] or ["None selected"],
                "change_url": self.get_step_url(step) + "?change=1",
            })
        return rows

    def done(self, form_list, form_dict, **kwargs):
        """Keep the answers under their own key; formtools resets its storage next."""
        answers = {}
        for step, form in form_dict.items():
            answers.update(form.cleaned_data)
        new_answers = Answers.from_mapping(answers)
        self.tell_what_a_change_took_off(_stored_answers(self.request), new_answers)
        self.request.session[ANSWERS_SESSION_KEY] = new_answers.as_dict()
        return HttpResponseRedirect(reverse("questionnaire:result"))

    def tell_what_a_change_took_off(self, old_answers, new_answers):
        """A saved list keeps every choice that still applies; say which questions went.

        What the person kept stays kept, what they unticked stays off, their top 3
        and own questions stay (:meth:`ListChoices.carried_over`).
        """
        if old_answers is None or old_answers == new_answers or LIST_SESSION_KEY not in self.request.session:
            return
        content = self.content
        choices = _saved_choices(self.request)
        old_result, new_result = recommend(old_answers, content), recommend(new_answers, content)
        self.request.session[LIST_SESSION_KEY] = choices.carried_over(old_result, new_result).as_dict()
        before = build_question_list(old_result, choices).kept
        after = {q.slug for q in new_result.questions}
        gone = [content.questions[slug].text for slug in sorted(before - after) if slug in content.questions]
        if gone:
            messages.info(self.request, ngettext(
                "Your new answers took %(count)d question off your list: %(questions)s "
                "Everything else you chose is kept.",
                "Your new answers took %(count)d questions off your list: %(questions)s "
                "Everything else you chose is kept.", len(gone)) % {
                    "count": len(gone), "questions": " ".join(gone)})


def _stored_answers(request):
    """The answers kept in this session, or None if there are none (or they no longer fit)."""
    stored = request.session.get(ANSWERS_SESSION_KEY) if request.session.session_key else None
    if not stored:
        return None
    try:
        return Answers.from_mapping(stored)
    except InvalidAnswers:
        request.session.pop(ANSWERS_SESSION_KEY, None)
        return None


def _with_answers(view):
    """Run ``view(request, answers, ...)``, or send a person with no answers to the start."""
    @never_cache
    @wraps(view)
    def wrapper(request, *args, **kwargs):
        answers = _stored_answers(request)
        if answers is None:
            return redirect(start_url(expired=True))
        return view(request, answers, *args, **kwargs)
    return wrapper


def paper_size(request):
    """The paper the person chose, else the one their language's region uses (US English: Letter)."""
    chosen = request.session.get(PAPER_SESSION_KEY) if request.session.session_key else None
    if chosen in PAPER_SIZES:
        return chosen
    return paper_for_language(request.headers.get("Accept-Language", ""))


def _save_paper_size(request):
    if request.POST.get("paper") in PAPER_SIZES:
        request.session[PAPER_SESSION_KEY] = request.POST["paper"]


def _list_document(request, outcome, choices, release, link=None):
    question_list = build_question_list(outcome, choices)
    printed = [q for q in outcome.questions if q.slug in question_list.kept]
    return ListDocument(
        link=link or "",
        link_until=timezone.localdate() + MAX_AGE if link else None,
        own_from_link=frozenset(request.session.get(LINK_OWN_SESSION_KEY, ())),
        paper=paper_size(request),
        question_list=question_list,
        date=timezone.localdate(),
        condition=outcome.condition.label,
        goal=Goal(outcome.goal).label if outcome.goal != Goal.UNSURE else "",
        version=release.version if release else "-",
        last_reviewed=release.last_reviewed if release else timezone.localdate(),
        # The printout cites what it prints; the page lists every source it shows.
        source_names=sorted({source.organisation for q in printed for source in q.sources.all()}),
    )


@require_http_methods(["GET", "POST"])
@_with_answers
def result(request, answers):
    """The summary and the question list; POST saves the person's list choices."""
    content = current_content()
    outcome = recommend(answers, content)
    choices = _saved_choices(request)
    if request.method == "POST":
        form = forms.QuestionListForm(request.POST, questions=outcome.questions, suggested=outcome.suggested)
        if form.is_valid() and _keep_list(request, form):
            _save_paper_size(request)
            if request.POST.get("size") in TEXT_SIZES:
                # The header's text-size switch, sent with the list so nothing typed is lost.
                request.session[TEXT_SIZE_SESSION_KEY] = request.POST["size"]
                return redirect(reverse("questionnaire:result") + "#questions-heading")
            action = request.POST.get("action")
            if action == "change":
                return redirect("questionnaire:step", step="check")
            if action == "start_over":
                return redirect(reverse("questionnaire:start_over") + "?back=" + reverse("questionnaire:result"))
            if action in LIST_ACTIONS:
                return redirect(LIST_ACTIONS[action])
            if action == "print":
                messages.success(request, "Your question list is saved and ready to print.")
                return redirect(reverse("questionnaire:result") + "?print=1#questions-heading")
            messages.success(request, "Your question list is saved.")
            return redirect(reverse("questionnaire:result") + "#questions-heading")
        kept = set(form.data.getlist("keep")) | set(form.data.getlist("top"))
        top = set(form.data.getlist("top"))
    else:
        # Shown, not checked: it needs no questions to check against.
        form = forms.QuestionListForm(initial={"own": "\n".join(choices.own)})
    ready_to_print = request.method == "GET" and request.GET.get("print") == "1"
    # The printout carries a link back to the list, as a QR code; made only for it (it takes ms).
    link = _list_link(request, answers, choices) if ready_to_print else None
    document = _list_document(request, outcome, choices, content.release, link=link)
    if request.method == "GET":
        kept = set(document.question_list.kept)
        top = document.question_list.top_slugs
    suggested_questions = _top_first(outcome.suggested_questions(), document.question_list)
    more_groups = outcome.more_groups()
    return render(request, "questionnaire/result.html", {
        "result": outcome,
        "release": content.release,
        "document": document,
        "question_list": document.question_list,
        "suggested_questions": suggested_questions,
        "more_groups": more_groups,
        # The list as shown (questions in order, ticks), to keep its rendering under; none with errors.
        "list_fragment": None if form.errors else (
            tuple(q.slug for q in suggested_questions),
            tuple((theme, tuple(q.slug for q in questions)) for theme, _, questions in more_groups),
            frozenset(kept), frozenset(top)),
        "shown": outcome.shown(),
        "kept": kept,
        "top": top,
        "form": form,
        "paper_sizes": PAPER_SIZES,
        # Said on the page rather than dropped from the PDF without a word.
        "unprintable": unprintable_characters(document.question_list.own),
        "own_from_link": document.own_from_link,
        "own_from_link_label": OWN_FROM_LINK,
        "answers_form_id": "question-list-form",
        "list_form_start_over": True,
        "ready_to_print": ready_to_print,
        "print_qr_code": _qr_code(link) if link else None,
        "how_to_use": HOW_TO_USE,
        "emergency_line": EMERGENCY_LINE,
        "goal_labels": dict(Goal.choices),
        "stage_label": Stage(answers.stage).label,
        # Called by the template only when the fragments that show them are not yet rendered.
        "sources": outcome.sources,
        "glossary": lambda: terms_used(result_texts(outcome), content.glossary),
        "answers": answers,
        "content": content,
        "show_start_over": True,
    })


def _keep_list(request, form):
    """Put the list in the session, unless the cookie could then not carry it (the form says why)."""
    before = request.session.get(LIST_SESSION_KEY)
    request.session[LIST_SESSION_KEY] = form.choices().as_dict()
    size = request.session.cookie_size()
    if size <= MAX_COOKIE_BYTES:
        return True
    if before is None:
        del request.session[LIST_SESSION_KEY]
    else:
        request.session[LIST_SESSION_KEY] = before
    form.refuse_as_too_big_to_keep(size, MAX_COOKIE_BYTES)
    return False


def _top_first(suggested, question_list):
    """The short list on screen: the saved most important first, as they print."""
    suggested_slugs = {q.slug for q in suggested}
    top = [q for q in question_list.top if q.slug in suggested_slugs]
    return top + [q for q in suggested if q not in top]


def _saved_choices(request):
    return ListChoices.from_dict(request.session.get(LIST_SESSION_KEY))


def _saved_document(request, answers):
    """The list as saved in this session, ready to print or download, with a link that reopens it."""
    content = current_content()
    choices = _saved_choices(request)
    return _list_document(request, recommend(answers, content), choices, content.release,
                          link=_list_link(request, answers, choices))


def _list_link(request, answers, choices):
    """A link that reopens this list on any device, its answers sealed inside; None if too long to offer."""
    token = make_token(answers, choices)
    link = request.build_absolute_uri(reverse("questionnaire:open_list", kwargs={"token": token}))
    # Mail and message apps cut longer links; print or download the list instead.
    return link if len(link) <= MAX_LINK_LENGTH else None


def _qr_code(link):
    return mark_safe(segno.make(link, error="m").svg_inline(
        scale=3, border=4, omitsize=True, svgclass="qr-code", title="QR code of the link to your list"))


def _attachment(body, content_type, filename):
    response = HttpResponse(body, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@require_GET
@_with_answers
def result_pdf(request, answers):
    document = _saved_document(request, answers)
    return _attachment(as_pdf(document), "application/pdf", f"{document.filename_stem}.pdf")


@require_GET
@_with_answers
def result_text(request, answers):
    document = _saved_document(request, answers)
    return _attachment(as_text(document), "text/plain; charset=utf-8", f"{document.filename_stem}.txt")


@require_GET
@_with_answers
def result_link(request, answers):
    """A link that reopens this list on any device, with the answers sealed inside it, and its QR code."""
    link = _list_link(request, answers, _saved_choices(request))
    return render(request, "questionnaire/link.html", {
        "max_age_days": MAX_AGE.days, "back_url": reverse("questionnaire:result"),
        "show_start_over": True, "limit": MAX_LINK_LENGTH,
        "link": link, "qr_code": _qr_code(link) if link else None})


@require_http_methods(["GET", "POST"])
@never_cache
def open_list(request, token):
    """Open a list from a sealed link: its answers go into this browser, never the database.

    A browser that holds someone's other answers asks first (a POST, so another
    site cannot replace them behind the person's back).
    """
    try:
        answers, choices = read_token(token)
    except LinkExpired:
        return render(request, "questionnaire/link_expired.html", status=410)
    except LinkInvalid:
        return render(request, "400.html", {"link_problem": True}, status=400)
    held = _stored_answers(request)
    if request.method == "GET" and held is not None and (held, _saved_choices(request)) != (answers, choices):
        return render(request, "questionnaire/open_list.html", {"show_start_over": True})
    wipe_person(request)
    request.session[ANSWERS_SESSION_KEY] = answers.as_dict()
    request.session[LIST_SESSION_KEY] = choices.as_dict()
    # Whoever made the link wrote these; the page says so beside each.
    request.session[LINK_OWN_SESSION_KEY] = list(choices.own)
    return redirect("questionnaire:result")


LIST_ACTIONS = {
    "pdf": "questionnaire:result_pdf",
    "text": "questionnaire:result_text",
    "link": "questionnaire:result_link",
}
