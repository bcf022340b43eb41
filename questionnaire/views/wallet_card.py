"""The wallet card for emergencies: its page (to look at and print) and its PDF.

Both are built from the session's answers on each request; nothing is stored.
"""
from django.http import HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_GET

from ..card_pdf import as_pdf, fit
from ..fonts import fonts_for
from ..forms import WalletCardForm
from ..languages import request_region
from ..pdf_limit import allow_costly_pdf, wait_page
from ..printout import long_date
from ..session_keys import paper_size
from ..wallet_card import build_card, card_languages, default_choice, ordered
from .pages import with_answers as _with_answers


def _card(request, answers, content):
    """(form, choice, card, text size, fitted card): the card in the languages asked for, or in the
    default ones (and the form's errors) when none or an unknown one was asked for."""
    form = WalletCardForm(request.GET if "language" in request.GET else None,
                          initial={"language": default_choice(content.language)})
    choice = form.cleaned_data["language"] if form.is_bound and form.is_valid() else form.initial["language"]
    card = build_card(answers, content, ordered(card_languages(choice), content.language), clinic=content.clinic,
                      paper=paper_size(request, content.clinic), date=timezone.localdate())
    size, fitted = fit(card)
    return form, choice, card, size, fitted


def _page(request, form, choice, card, size, fitted):
    return render(request, "questionnaire/wallet_card.html", {
        "form": form, "card_choice": choice, "card": fitted, "size_class": f"card-text-{size:g}".replace(".", "-"),
        "date_text": long_date(card.date, request_region(request)),
        "first_language_only": len(fitted.sides) < len(card.sides),
        "back_url": reverse("questionnaire:result"), "show_start_over": True,
    })


@require_GET
@_with_answers
def wallet_card(request, answers, content):
    """The card as a page, with a print stylesheet that prints it at its real size."""
    return _page(request, *_card(request, answers, content))


@require_GET
@_with_answers
def wallet_card_pdf(request, answers, content):
    """The card as a one-page PDF; an unknown language choice shows the page with its error."""
    form, choice, card, size, fitted = _card(request, answers, content)
    if form.errors:
        return _page(request, form, choice, card, size, fitted)
    if fonts_for(fitted.texts())[0] and not allow_costly_pdf(request):
        return wait_page(request)
    response = HttpResponse(as_pdf(card, (size, fitted)), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="immunoguide-wallet-card-{card.date:%Y-%m-%d}.pdf"'
    return response
