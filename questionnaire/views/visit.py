"""During and after the visit: the notes page, the visit summary, its downloads and the link to
the next visit's list."""
from django.http import HttpResponse
from django.middleware.csrf import get_token
from django.shortcuts import redirect, render
from django.urls import reverse
from django.conf import settings
from django.utils import timezone
from django.utils.crypto import salted_hmac
from django.views.decorators.http import require_GET, require_http_methods

from .. import fhir
from ..engine import recommend
from ..fonts import fonts_for
from ..languages import posted_language, remember_language, request_region
from ..links import MAX_AGE, MAX_LINK_LENGTH, list_link, qr_code
from ..pdf_limit import allow_costly_pdf, wait_page
from ..question_list import build_question_list
from ..session_keys import (
    TEXT_SIZE_SESSION_KEY, TEXT_SIZES, VISIT_SESSION_KEY, paper_size, saved_choices, saved_visit_notes)
from ..sessions import MAX_COOKIE_BYTES
from ..visit import MAX_ANSWER_LENGTH, MAX_OTHER_LENGTH, MAX_TEACH_BACK_LENGTH, next_visit_answers, visit_items
from ..visit_forms import VisitNotesForm
from ..visit_pdf import as_pdf, summary_texts
from ..visit_summary import VisitSummary, as_text
from .fhir import fhir_response
from .pages import with_answers

FORM_ID = "visit-form"


@require_http_methods(["GET", "POST"])
@with_answers
def visit(request, answers, content):
    """The list in large type, to tick and note during the visit; POST keeps the notes."""
    question_list = build_question_list(recommend(answers, content), saved_choices(request))
    items = visit_items(question_list)
    if request.method == "GET":
        form = VisitNotesForm(items=items, initial=VisitNotesForm.initial_from(saved_visit_notes(request)))
        return _visit_page(request, form)
    form = VisitNotesForm(request.POST, items=items)
    if not (form.is_valid() and _keep_notes(request, form)):
        return _visit_page(request, form)
    language = posted_language(request)
    if request.POST.get("size") in TEXT_SIZES or language:
        # The header's switches, sent with the notes so nothing typed is lost.
        if request.POST.get("size") in TEXT_SIZES:
            request.session[TEXT_SIZE_SESSION_KEY] = request.POST["size"]
        return remember_language(redirect("questionnaire:visit"), language)
    action = request.POST.get("action")
    if action == "summary":
        return redirect("questionnaire:visit_summary")
    if action == "start_over":
        return redirect(reverse("questionnaire:start_over") + "?back=" + reverse("questionnaire:visit"))
    # Said by the address, not a message: the page's script follows this redirect to learn the
    # save went through, and a message would be spent on that request.
    return redirect(reverse("questionnaire:visit") + "?saved=1#visit-saved")


def _keep_notes(request, form):
    """Put the notes in the session, unless the cookie could then not carry them (the form says why)."""
    before = request.session.get(VISIT_SESSION_KEY)
    date = saved_visit_notes(request).date or timezone.localdate()
    request.session[VISIT_SESSION_KEY] = form.notes(date).as_dict()
    size = request.session.cookie_size()
    if size <= MAX_COOKIE_BYTES:
        return True
    if before is None:
        del request.session[VISIT_SESSION_KEY]
    else:
        request.session[VISIT_SESSION_KEY] = before
    form.refuse_as_too_big_to_keep(size, MAX_COOKIE_BYTES)
    return False


def _visit_page(request, form):
    return render(request, "questionnaire/visit.html", {
        "form": form,
        "rows": form.rows(),
        "saved": request.method == "GET" and request.GET.get("saved") == "1",
        "limits": {"answer": MAX_ANSWER_LENGTH, "teach_back": MAX_TEACH_BACK_LENGTH, "other": MAX_OTHER_LENGTH},
        "draft_key": _draft_key(request),
        "back_url": reverse("questionnaire:result"),
        "answers_form_id": FORM_ID,
        "list_form_start_over": True,
        "show_start_over": True,
    })


def _draft_key(request):
    """Names this person's unsaved notes in the tab's own storage (visit.js). It comes from the
    session's CSRF secret, which a wipe replaces: notes typed before a wipe are never shown after it."""
    get_token(request)
    return salted_hmac("immunoguide.visit-draft", request.META["CSRF_COOKIE"]).hexdigest()[:20]


def _summary(request, answers, content, with_link=True):
    """The visit summary of the notes saved in this session, with a link to the next visit's list."""
    outcome = recommend(answers, content)
    choices = saved_choices(request)
    notes = saved_visit_notes(request)
    link = None
    if with_link:
        following = next_visit_answers(answers)
        next_choices = notes.carried_forward(choices, outcome, recommend(following, content))
        link = list_link(request, following, next_choices)
    return VisitSummary.build(
        build_question_list(outcome, choices), notes, language=content.language,
        date=notes.date or timezone.localdate(), condition=outcome.condition.label,
        version=content.release.version if content.release else "-",
        last_reviewed=content.release.last_reviewed if content.release else timezone.localdate(),
        clinic=content.clinic, paper=paper_size(request, content.clinic), region=request_region(request),
        link=link or "", link_until=timezone.localdate() + MAX_AGE if link else None)


@require_GET
@with_answers
def visit_summary(request, answers, content):
    """What was asked and answered, what is left for next time, and a link to the next visit's list."""
    summary = _summary(request, answers, content)
    return render(request, "questionnaire/visit_summary.html", {
        "summary": summary,
        "headings": summary.headings(),
        "qr_code": qr_code(summary.link) if summary.link else None,
        "link_limit": MAX_LINK_LENGTH,
        "max_age_days": MAX_AGE.days,
        "back_url": reverse("questionnaire:visit"),
        "show_start_over": True,
    })


def _attachment(body, content_type, filename):
    response = HttpResponse(body, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@require_GET
@with_answers
def visit_summary_pdf(request, answers, content):
    summary = _summary(request, answers, content)
    if fonts_for(summary_texts(summary))[0] and not allow_costly_pdf(request):
        return wait_page(request)
    return _attachment(as_pdf(summary), "application/pdf", f"{summary.filename_stem}.pdf")


@require_GET
@with_answers
def visit_summary_text(request, answers, content):
    summary = _summary(request, answers, content)
    return _attachment(as_text(summary), "text/plain; charset=utf-8", f"{summary.filename_stem}.txt")


@require_GET
@with_answers
def visit_summary_fhir(request, answers, content):
    """The list and the visit's notes as a FHIR QuestionnaireResponse, for the clinic's record."""
    outcome = recommend(answers, content)
    notes = saved_visit_notes(request)
    response = fhir.questionnaire_response(
        answers, build_question_list(outcome, saved_choices(request)), content, settings.IMMUNOGUIDE_FHIR_BASE,
        timezone.now(), notes=notes)
    return fhir_response(response, filename=f"immunoguide-visit-{(notes.date or timezone.localdate()):%Y-%m-%d}.fhir.json")
