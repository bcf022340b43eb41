"""The result: the summary, the question list a person trims and prints, its downloads and links."""
import io
from dataclasses import replace

import segno
from django.conf import settings
from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext, ngettext
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods

from .. import fhir, forms
from ..content_reading import current_content
from ..context_processors import large_text
from ..device import is_clinic_device
from ..engine import recommend
from ..facts import medicine_names
from ..fonts import unprintable_characters
from ..glossary import result_terms
from ..pdf import as_pdf, is_costly
from ..pdf_limit import allow_costly_pdf, wait_page
from ..printout import (
    EMERGENCY_LINE, OWN_FROM_LINK, PAPER_SIZES, ListDocument, as_text, paper_size_labels, sign_off_line)
from ..links import MAX_AGE, MAX_LINK_LENGTH, LinkExpired, LinkInvalid, list_link as _list_link, qr_code as _qr_code
from ..links import read_token
from ..question_list import MAX_TOP, build_question_list
from ..languages import posted_language, remember_language, request_region
from ..session_keys import (
    ANSWERS_SESSION_KEY, LINK_OWN_SESSION_KEY, LIST_SESSION_KEY, PAPER_SESSION_KEY, PRINT_LANGUAGES_SESSION_KEY,
    TEXT_SIZE_SESSION_KEY, TEXT_SIZES, paper_size, saved_choices, stored_answers, wipe_person)
from ..sessions import MAX_COOKIE_BYTES
from ..vocabulary import Goal, Stage
from .fhir import fhir_response
from .pages import with_answers as _with_answers


def _save_paper_size(request):
    """The printing choices sent with the list: the paper, and one language or two."""
    if request.POST.get("paper") in PAPER_SIZES:
        request.session[PAPER_SESSION_KEY] = request.POST["paper"]
    request.session[PRINT_LANGUAGES_SESSION_KEY] = "both" if request.POST.get("print_both") else "one"


def gloss_language(request, language):
    """The second language printed under each question, or "" for one language.

    A list in Spanish carries the English for the care team unless the person said
    not to; a list in English carries the Spanish only when asked for.
    """
    chosen = request.session.get(PRINT_LANGUAGES_SESSION_KEY) if request.session.session_key else None
    if chosen is None:
        chosen = "both" if language != settings.LANGUAGE_CODE else "one"
    if chosen != "both":
        return ""
    return next((code for code, _ in settings.LANGUAGES if code != language), "")


def _list_document(request, outcome, choices, release, link=None):
    question_list = build_question_list(outcome, choices)
    printed = [q for q in outcome.questions if q.slug in question_list.kept]
    content = outcome.content
    second = gloss_language(request, content.language)
    other = content.in_language(second) if second else None
    # The second language's texts as the engine fills them there (a template names the medicines).
    with translation.override(second or content.language):
        in_other = {q.slug: q.text for q in recommend(outcome.answers, other).questions} if other else {}
    region = request_region(request)
    return ListDocument(
        language=content.language,
        region=region,
        gloss_language=second,
        # An item not translated would repeat itself: no gloss for it.
        glosses={q.slug: in_other[q.slug] for q in printed if in_other.get(q.slug, q.text) != q.text},
        gloss_condition=other.conditions[outcome.condition.slug].label if other is not None else "",
        link=link or "",
        link_until=timezone.localdate() + MAX_AGE if link else None,
        own_from_link=frozenset(request.session.get(LINK_OWN_SESSION_KEY, ())),
        paper=paper_size(request, outcome.content.clinic),
        question_list=question_list,
        date=timezone.localdate(),
        condition=outcome.condition.label,
        # The aim the person gave, never the one the list was framed by: "I am not sure" is not a
        # guess of ours, and an aim that does not fit the condition is explained on the page.
        goal=Goal(outcome.answers.goal).label,
        medicines=medicine_names(outcome.medicines) if outcome.medicines_named else "",
        version=release.version if release else "-",
        last_reviewed=release.last_reviewed if release else timezone.localdate(),
        # The printout cites what it prints; the page lists every source it shows.
        source_names=sorted({source.organisation for source in outcome.sources_of(printed)}),
        sign_off=sign_off_line(outcome.content, region),
        clinic=outcome.content.clinic,
        signs=outcome.signs(),
        large_type=large_text(request),
    )


@require_http_methods(["GET", "POST"])
@_with_answers
def result(request, answers, content):
    """The summary and the question list; POST saves the person's list choices."""
    if request.method == "POST":
        return _save_list(request, answers, content)
    return _result_page(request, answers, content)


def _save_list(request, answers, content):
    """Keep the list sent, then go where its button asked; a list with errors is shown again."""
    outcome = recommend(answers, content)
    # The marks the page showed (the first three suggested, until the person chose): they stay on
    # the questions still ticked.
    shown_top = [q.slug for q in build_question_list(outcome, saved_choices(request)).top]
    form = forms.QuestionListForm(request.POST, questions=outcome.questions, suggested=outcome.suggested,
                                  top=shown_top)
    if not (form.is_valid() and _keep_list(request, form)):
        return _result_page(request, answers, content, outcome=outcome, form=form)
    _save_paper_size(request)
    switched = _header_switch(request, reverse("questionnaire:result") + "#questions-heading")
    if switched:
        return switched
    action = request.POST.get("action")
    if action == "change":
        return redirect("questionnaire:step", step="check")
    if action == "start_over":
        return redirect(reverse("questionnaire:start_over") + "?back=" + reverse("questionnaire:result"))
    if action in LIST_ACTIONS:
        return redirect(LIST_ACTIONS[action])
    if action == "print":
        messages.success(request, gettext("Your list is ready to print."))
        return redirect(reverse("questionnaire:result") + "?print=1#questions-heading")
    messages.success(request, _saved_message(request))
    return redirect(reverse("questionnaire:result") + "#questions-heading")


def _saved_message(request):
    """Say the list is saved, and for how long: on a clinic device until the idle wipe, at home
    until the person clears it or the session ends (with the browser, or at its age limit)."""
    if is_clinic_device(request):
        minutes = max(1, round(settings.IMMUNOGUIDE_IDLE_SECONDS / 60))
        return ngettext(
            "Your list is saved on this device until you finish, or until it is left alone for %(count)d minute.",
            "Your list is saved on this device until you finish, or until it is left alone for %(count)d minutes.",
            minutes) % {"count": minutes}
    hours = max(1, round(settings.SESSION_COOKIE_AGE / 3600))
    return ngettext(
        "Your list is saved in this browser until you clear it or close the browser, for %(count)d hour at most.",
        "Your list is saved in this browser until you clear it or close the browser, for %(count)d hours at most.",
        hours) % {"count": hours}


def _result_page(request, answers, content, outcome=None, form=None):
    """The result page: the list as saved, or as sent with ``form``'s errors."""
    outcome = outcome or recommend(answers, content)
    choices = saved_choices(request)
    errors = form is not None
    if errors:
        kept = set(form.data.getlist("keep"))
        top = build_question_list(outcome, form.choices_as_sent()).top_slugs
    else:
        # Shown, not checked: it needs no questions to check against.
        form = forms.QuestionListForm(initial={"own": "\n".join(choices.own)})
    ready_to_print = request.method == "GET" and request.GET.get("print") == "1"
    # The printout carries a link back to the list as a QR code, however it is printed. Sealing the
    # link takes a tenth of a millisecond; drawing its code takes tens, so the page's print-only
    # image (result_qr) draws it only when the browser prints.
    document = _list_document(request, outcome, choices, content.release,
                              link=_list_link(request, answers, choices))
    if not errors:
        kept = set(document.question_list.kept)
        top = document.question_list.top_slugs
    suggested_questions = _top_first(outcome.suggested_questions(), document.question_list)
    more_groups = outcome.more_groups()
    return render(request, "questionnaire/result.html", {
        "result": outcome,
        # Shown whole in English on a page in another language: the page says so.
        "untranslated": [item for item in (*outcome.categories, *outcome.treatments, *outcome.notes,
                                           *outcome.questions) if item.language != content.language],
        "release": content.release,
        "document": document,
        "question_list": document.question_list,
        "suggested_questions": suggested_questions,
        "more_groups": more_groups,
        "kept": kept,
        "top": top,
        "max_top": MAX_TOP,
        "clinic": content.clinic,
        "form": form,
        "paper_sizes": paper_size_labels(),
        # Said on the page rather than dropped from the PDF without a word.
        "unprintable": unprintable_characters(document.question_list.own),
        "own_from_link": document.own_from_link,
        "own_from_link_label": gettext(OWN_FROM_LINK),
        "answers_form_id": "question-list-form",
        "list_form_start_over": True,
        "ready_to_print": ready_to_print,
        "emergency_line": gettext(EMERGENCY_LINE),
        "goal_labels": dict(Goal.choices),
        "stage_label": Stage(answers.stage).label,
        "sources": outcome.sources(),
        "glossary": result_terms(outcome, content),
        "answers": answers,
        "content": content,
        "show_start_over": True,
    })


def _keep_list(request, form):
    """Put the list in the session, unless the cookie could then not carry it (the form says why)."""
    size = _keep_choices(request, form.choices())
    if size is None:
        return True
    form.refuse_as_too_big_to_keep(size, MAX_COOKIE_BYTES)
    return False


def _keep_choices(request, choices):
    """Put ``choices`` in the session; None, or the cookie's size when it could not carry them."""
    before = request.session.get(LIST_SESSION_KEY)
    request.session[LIST_SESSION_KEY] = choices.as_dict()
    size = request.session.cookie_size()
    if size <= MAX_COOKIE_BYTES:
        return None
    if before is None:
        del request.session[LIST_SESSION_KEY]
    else:
        request.session[LIST_SESSION_KEY] = before
    return size


@require_http_methods(["GET", "POST"])
@_with_answers
def most_important(request, answers, content):
    """"Which questions matter most to you?": the marks, chosen from the questions kept.

    A page of its own rather than a second tick box beside every question (docs/product.md#most-important).
    """
    outcome = recommend(answers, content)
    choices = saved_choices(request)
    question_list = build_question_list(outcome, choices)
    # As the list prints: the marked first, then the short list, then the others kept.
    kept = [*question_list.top, *question_list.suggested,
            *(q for _, _, questions in question_list.more_groups for q in questions)]
    if request.method == "POST":
        form = forms.TopQuestionsForm(request.POST, questions=kept)
        if form.is_valid():
            size = _keep_choices(request, replace(choices, top=tuple(form.cleaned_data["top"])))
            if size is None:
                return _after_marking(request)
            form.refuse_as_too_big_to_keep(size, MAX_COOKIE_BYTES)
    else:
        form = forms.TopQuestionsForm(initial={"top": sorted(question_list.top_slugs)}, questions=kept)
    return render(request, "questionnaire/most_important.html", {
        "form": form, "questions": kept, "chosen": set(form["top"].value() or ()),
        "back_url": reverse("questionnaire:result") + "#questions-heading",
        # The header's switches send the ticks too (base.html); with nothing kept there is no form.
        "answers_form_id": "most-important-form" if kept else None, "show_start_over": True,
    })


def _header_switch(request, back_to):
    """The header's text-size or language switch, sent with the page's form so nothing ticked or
    typed is lost (base.html): back to ``back_to`` in that size or language; None if not sent."""
    language = posted_language(request)
    size = request.POST.get("size")
    if size not in TEXT_SIZES and not language:
        return None
    if size in TEXT_SIZES:
        request.session[TEXT_SIZE_SESSION_KEY] = size
    return remember_language(redirect(back_to), language)


def _after_marking(request):
    """Back to the list, or back here in the size or language the header's switch asked for."""
    switched = _header_switch(request, reverse("questionnaire:most_important"))
    if switched:
        return switched
    messages.success(request, gettext("Your most important questions are saved."))
    return redirect(reverse("questionnaire:result") + "#questions-heading")


def _top_first(suggested, question_list):
    """The short list on screen: the saved most important first, as they print."""
    suggested_slugs = {q.slug for q in suggested}
    top = [q for q in question_list.top if q.slug in suggested_slugs]
    return top + [q for q in suggested if q not in top]


def _saved_document(request, answers, content):
    """The list as saved in this session, ready to print or download, with a link that reopens it."""
    choices = saved_choices(request)
    return _list_document(request, recommend(answers, content), choices, content.release,
                          link=_list_link(request, answers, choices))


@require_GET
@_with_answers
def result_qr(request, answers, content):
    """The saved list's link as a QR code image, for the result page's printout: the browser fetches it
    when it prints (the image is lazy and print-only), from the page's Print button or its own menu."""
    link = _list_link(request, answers, saved_choices(request))
    if link is None:
        raise Http404("no link: the list is too long to carry in one")
    image = io.BytesIO()
    segno.make(link, error="m").save(image, kind="svg", scale=3, border=4, xmldecl=False,
                                     title=gettext("QR code of the link to your list"))
    return HttpResponse(image.getvalue(), content_type="image/svg+xml")


def _attachment(body, content_type, filename):
    response = HttpResponse(body, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@require_GET
@_with_answers
def result_pdf(request, answers, content):
    document = _saved_document(request, answers, content)
    if is_costly(document) and not allow_costly_pdf(request):
        return wait_page(request)
    return _attachment(as_pdf(document), "application/pdf", f"{document.filename_stem}.pdf")


@require_GET
@_with_answers
def result_text(request, answers, content):
    document = _saved_document(request, answers, content)
    return _attachment(as_text(document), "text/plain; charset=utf-8", f"{document.filename_stem}.txt")


@require_GET
@_with_answers
def result_fhir(request, answers, content):
    """The answers and the list as a FHIR QuestionnaireResponse, for the person's health record."""
    document = _saved_document(request, answers, content)
    response = fhir.questionnaire_response(
        answers, document.question_list, content, settings.IMMUNOGUIDE_FHIR_BASE, timezone.now())
    return fhir_response(response, filename=f"{document.filename_stem}.fhir.json")


@require_GET
@_with_answers
def check_in(request, answers, content):
    """Nurse mode: the person's 3 most important questions in large type, to go through at check-in."""
    document = _saved_document(request, answers, content)
    return render(request, "questionnaire/check_in.html", {
        "document": document, "top": [q.text for q in document.question_list.top],
        "back_url": reverse("questionnaire:result"), "show_start_over": True})


@require_GET
@_with_answers
def result_link(request, answers, content):
    """A link that reopens this list on any device, with the answers sealed inside it, and its QR code."""
    link = _list_link(request, answers, saved_choices(request))
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
    content = current_content()
    try:
        answers, choices = read_token(token, content)
    except LinkExpired:
        return render(request, "questionnaire/link_expired.html", {"max_age_days": MAX_AGE.days}, status=410)
    except LinkInvalid:
        return render(request, "400.html", {"link_problem": True}, status=400)
    held = stored_answers(request, content)
    if request.method == "GET" and held is not None and (held, saved_choices(request)) != (answers, choices):
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
    "check_in": "questionnaire:check_in",
    "fhir": "questionnaire:result_fhir",
    "visit": "questionnaire:visit",
    "wallet_card": "questionnaire:wallet_card",
    "top": "questionnaire:most_important",
}
