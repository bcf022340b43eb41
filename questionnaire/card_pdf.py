"""The wallet card (wallet_card.py) as a one-page PDF to print at home, cut out and fold (fpdf2).

The card is a bank card's size, 85.6 x 54 mm, folded in two: one strip of 85.6 x 108 mm,
front above the fold and back below, both upright (flipped over its folded edge, each side
reads the right way up). It prints at its real size on the person's A4 or Letter paper, with
cut marks at its corners and fold marks on the fold, and below it how to print and cut it:
a page the size of the card would be scaled up by most home printers' "fit to page".

Everything must fit on the card: the text takes the largest of TEXT_SIZES that fits, and at
the smallest, SMALLEST, the care team's signs are cut short and the card says "and other
signs: see your list" (the emergency signs are always there in full).
"""
from django.utils import translation
from django.utils.translation import gettext, gettext_noop

from .pdf import _ListPDF, add_fonts, text_needs_shaping
from .printout import PAPER_SIZES, disclaimer, long_date

CARD_WIDTH, PANEL_HEIGHT = 85.6, 54  # mm: ISO/IEC 7810 ID-1, a bank card
PADDING = 3  # mm inside each panel
#: The text sizes tried, largest first (pt).
TEXT_SIZES = (7.5, 7, 6.5, 6)
#: No text on the card is smaller than this (pt): below it a wallet card is no longer legible.
SMALLEST = TEXT_SIZES[-1]
PT = 25.4 / 72  # mm per point
CARD_TOP = 20  # mm from the top of the paper: room for the cut marks above it
MARK, MARK_GAP = 5, 1.5  # mm: the cut and fold marks, and their gap from the card
PAGE_TEXT = 10  # pt: the lines on the paper around the card
WRITE_IN = 4.5  # mm: the height of a line to write on
SEPARATOR = " \u2022 "  # a bullet between signs

HOW_TO_PRINT = gettext_noop(
    "Print this page at actual size (100%, not “fit to page”). Cut along the solid line, fold on the "
    "dashed line with the printing outside, and keep the card with your bank cards.")
CHECK_SIZE = gettext_noop("Printed at actual size, the card is 85.6 mm (3.37 in) wide, as wide as a bank card.")


class _CardPDF(_ListPDF):
    """The list's PDF class (its fallback fonts and placeholder), without the list's footer."""

    def footer(self):
        pass

    def write(self, h=None, text="", *args, **kwargs):
        self.current_font_is_set_on_page = False
        self.set_text_shaping(text_needs_shaping(text))
        return super().write(h, text, *args, **kwargs)


def fit(card):
    """(text size, card): the largest size at which the whole card fits. Else, the first of these
    that fits, each going further than the one before:

    1. a card in two languages with its front, the person's side, in the first language alone
       (the back, the doctor's, keeps both), at the largest size that fits;
    2. at SMALLEST, as many of the care team's signs as fit on the front, then "and other signs:
       see your list" (the emergency signs are always there in full); and on the back, the
       doctor's lines on the medicines' risks in the second language only (the first says them
       in full), saying the care team can tell more;
    3. the same with the whole card in its first language (the page says so), the doctor's
       lines left off from the last if need be;
    4. the medicines named as the first two "and others".
    """
    # One PDF to measure on, a page per try: loading the fonts is what costs.
    pdf = _new_pdf(card)
    tries = [card, card.with_front_in_first_language()] if len(card.sides) > 1 else [card]
    for candidate in tries:
        if all(_heights(pdf, candidate, SMALLEST)):  # else no larger size fits either: skip them
            return next(size for size in TEXT_SIZES if all(_heights(pdf, candidate, size))), candidate
    for shrink in (lambda c: c.with_front_in_first_language(), lambda c: c.in_first_language(),
                   lambda c: c.in_first_language().with_short_names()):
        fitted = _trimmed(pdf, shrink(card))
        if all(_heights(pdf, fitted, SMALLEST)):
            return SMALLEST, fitted
    return SMALLEST, fitted


def _trimmed(pdf, card):
    """The card at SMALLEST with signs, then the doctor's lines, left off until each side fits (or none is left)."""
    most = max((len(side.care_team) for side in card.front), default=0)
    if not _heights(pdf, card, SMALLEST)[0]:
        card = card.trimmed(_most_that_fit(most, lambda count: _heights(pdf, card.trimmed(count), SMALLEST)[0]))
    if _heights(pdf, card, SMALLEST)[1]:
        return card
    risks = card.risk_lines()
    if len(card.sides) > 1:  # the second language's lines only: the first says them in full, or the card is in one
        return card.shortened_for_the_doctor(risks, 0)
    return card.shortened_for_the_doctor(
        _most_that_fit(risks, lambda count: _heights(pdf, card.shortened_for_the_doctor(count, 0), SMALLEST)[1]), 0)


def _most_that_fit(most, fits):
    """The largest count below ``most`` for which ``fits(count)`` (0 when none does): a binary
    search, as each try lays the card out again."""
    low, high = 0, most - 1
    while low < high:
        middle = (low + high + 1) // 2
        if fits(middle):
            low = middle
        else:
            high = middle - 1
    return max(low, 0)


def _heights(pdf, card, size):
    """(front fits, back fits) at this size, drawn on a new page of ``pdf``."""
    pdf.add_page()
    front, back = _draw_card(pdf, card, size, 0, 0)
    return front <= PANEL_HEIGHT - PADDING, back <= 2 * PANEL_HEIGHT - PADDING


def as_pdf(card, fitted=None):
    """The card as PDF bytes: one page, the card at its real size with its cut and fold marks
    (``fitted``: what ``fit`` gave for it, when already known)."""
    size, card = fitted or fit(card)
    first = card.languages[0]
    with translation.override(first):
        pdf = _new_pdf(card)
        pdf.set_title(card.title())
        pdf.set_lang(first)
        pdf.add_page()
        left = (pdf.w - CARD_WIDTH) / 2
        _marks(pdf, left, CARD_TOP)
        _draw_card(pdf, card, size, left, CARD_TOP)
        # Below the card, whatever their length in two languages: how to print it, and the disclaimer.
        pdf.set_xy(pdf.l_margin, CARD_TOP + 2 * PANEL_HEIGHT + MARK_GAP + MARK + 4)
        for message in (HOW_TO_PRINT, CHECK_SIZE, None):
            _page_text(pdf, card, message)
            pdf.ln(1.5)
        return bytes(pdf.output())


def _new_pdf(card):
    pdf = _CardPDF(format=PAPER_SIZES.get(card.paper, "A4"))
    pdf.set_author("ImmunoGuide")
    pdf.set_auto_page_break(False)
    pdf.set_margins(20, 12, 20)
    add_fonts(pdf, card.texts())
    return pdf


def _page_text(pdf, card, message):
    """A paragraph on the paper, outside the card, in each of the card's languages (None: the disclaimer)."""
    pdf.set_font("DejaVu", size=PAGE_TEXT)
    for language in card.languages:
        with translation.override(language):
            text = disclaimer() if message is None else gettext(message)
            pdf.multi_cell(pdf.epw, PAGE_TEXT * PT * 1.3, text, align="L", new_x="LMARGIN", new_y="NEXT")


def _marks(pdf, left, top):
    """The cut line round the card, cut marks at its corners, and the fold line with its marks."""
    right, bottom, fold = left + CARD_WIDTH, top + 2 * PANEL_HEIGHT, top + PANEL_HEIGHT
    pdf.set_line_width(0.2)
    pdf.set_draw_color(90, 90, 90)
    pdf.rect(left, top, CARD_WIDTH, 2 * PANEL_HEIGHT)
    pdf.set_draw_color(0, 0, 0)
    for x, y, dx, dy in ((left, top, -1, -1), (right, top, 1, -1), (left, bottom, -1, 1), (right, bottom, 1, 1)):
        pdf.line(x + dx * MARK_GAP, y, x + dx * (MARK_GAP + MARK), y)
        pdf.line(x, y + dy * MARK_GAP, x, y + dy * (MARK_GAP + MARK))
    pdf.line(left - MARK_GAP - MARK, fold, left - MARK_GAP, fold)
    pdf.line(right + MARK_GAP, fold, right + MARK_GAP + MARK, fold)
    with pdf.local_context(dash_pattern={"dash": 1.5, "gap": 1.5}):
        pdf.set_draw_color(120, 120, 120)
        pdf.line(left, fold, right, fold)
    pdf.set_draw_color(0, 0, 0)


def _draw_card(pdf, card, size, left, top):
    """Draw the front and the back at ``size``; return how far down each panel's text reaches
    (mm from the card's top)."""
    line = size * PT * 1.25
    pdf.set_margins(left + PADDING, 0, pdf.w - left - CARD_WIDTH + PADDING)
    pdf.set_xy(left + PADDING, top + PADDING)
    _front(pdf, card, size, line)
    front = pdf.get_y() - top
    pdf.set_xy(left + PADDING, top + PANEL_HEIGHT + PADDING)
    _back(pdf, card, size, line)
    back = pdf.get_y() - top
    pdf.set_margins(20, 12, 20)
    return front, back


def _paragraph(pdf, text, size, line, bold=False):
    pdf.set_font("DejaVu", "B" if bold else "", size)
    pdf.multi_cell(0, line, text, align="L", new_x="LMARGIN", new_y="NEXT")


def _labelled(pdf, label, text, size, line):
    """A bold label and its text running on after it, wrapping under both."""
    pdf.set_font("DejaVu", "B", size)
    pdf.write(line, label + " ")
    pdf.set_font("DejaVu", "", size)
    pdf.write(line, text)
    pdf.ln(line)


def _write_in(pdf, label, size, line):
    """A label with a ruled line after it to write on, tall enough for handwriting."""
    pdf.set_font("DejaVu", "", size)
    pdf.set_y(pdf.get_y() + WRITE_IN - line)
    pdf.write(line, label + " ")
    y = pdf.get_y() + line - 0.3
    pdf.set_draw_color(120, 120, 120)
    pdf.line(pdf.get_x() + 1, y, pdf.w - pdf.r_margin, y)
    pdf.set_draw_color(0, 0, 0)
    pdf.ln(line)


def _front(pdf, card, size, line):
    _paragraph(pdf, card.title(), size + 1, (size + 1) * PT * 1.25, bold=True)
    for side in card.front:
        pdf.ln(0.6)
        _labelled(pdf, side.treatment_label, side.treatment, size, line)
        if side.write_medicine:
            _write_in(pdf, side.labels["my_medicines"], size, line)
        if side.emergency:
            _labelled(pdf, side.emergency_heading, SEPARATOR.join(side.emergency), size, line)
        if side.care_team or side.more_signs:
            signs = SEPARATOR.join((*side.care_team, side.more_signs) if side.more_signs else side.care_team)
            _labelled(pdf, side.care_team_heading, signs, size, line)
            _paragraph(pdf, side.care_team_fallback, size, line)
        if side.emergency_line:
            _paragraph(pdf, side.emergency_line, size, line, bold=True)


def _back(pdf, card, size, line):
    if card.date is not None:  # the day it was made, top right: a card can go out of date
        with translation.override(card.languages[0]):
            pdf.set_font("DejaVu", "", SMALLEST)
            pdf.cell(0, line, long_date(card.date), align="R")
            pdf.set_x(pdf.l_margin)
    for side in card.sides:
        _paragraph(pdf, side.doctor_heading, size, line, bold=True)
        _paragraph(pdf, " ".join(side.doctor_lines), size, line)
        pdf.ln(0.6)
    for label, value in card.clinic_rows():
        if value:
            _labelled(pdf, label, value, size, line)
        else:
            _write_in(pdf, label, size, line)
