"""The question list as a PDF to print or keep (fpdf2).

It keeps to the printing rules of docs/product.md#printing: the short list on one
page, everything on two, two ruled lines under each question, no heading alone at
the foot of a page and no last page holding only the notes or the sources.
"""
import segno
from django.utils.translation import gettext
from fpdf import FPDF
from fpdf.enums import MethodReturnValue

from .fonts import DEJAVU, FONT_DIR, PLACEHOLDER, fonts_for
from .printout import PAPER_SIZES, in_its_language

#: Every block of text starts at the left margin on a new line, left-aligned.
LINE = {"align": "L", "new_x": "LMARGIN", "new_y": "NEXT"}
RULED_LINES = 2
RULE_GAP = 5.4  # mm between ruled lines, a little under narrow-ruled paper (6.35 mm)
NOTES_LINES = 2
QUESTION_GAP = 0.6

QR_SIZE = 24  # mm: a phone reads a code this size from a hand's length
QR_GAP = 5  # mm between the Notes column and the code beside it
#: No printed text is smaller than this (pt): the small print, the footer, a question's gloss.
SMALLEST = 9
SMALL_LINE = 3.8  # mm: the line height of the small print under the Notes
#: mm above the Notes heading, its line height, and the gap after its ruled lines: drawn by
#: _closing and counted by _closing_height, which must agree.
NOTES_ABOVE, NOTES_HEADING, NOTES_BELOW = 0.5, 5, 1.5


def _texts(document):
    """The texts that can hold any script: the clinic's lines, the condition, the goal and every question."""
    return [*document.clinic_lines(), document.condition, document.goal] + [
        text for _, section in document.sections() for entry in section for text in entry]


def is_costly(document):
    """True when the PDF needs a fallback font (each costs a worker tens of milliseconds)."""
    return bool(fonts_for(_texts(document))[0])


#: Scripts whose letters join, reorder or are written right to left, so they must be shaped:
#: Hebrew to Thaana, Devanagari to Myanmar, the Ethiopic to Mongolian blocks, and Arabic
#: presentation forms. Latin, Greek, Cyrillic, CJK and Hangul print one glyph per character.
SHAPED_SCRIPTS = ((0x0590, 0x08FF), (0x0900, 0x109F), (0x1200, 0x18AF), (0xA800, 0xABFF),
                  (0xFB1D, 0xFDFF), (0xFE70, 0xFEFF))


def text_needs_shaping(text):
    return any(low <= ord(ch) <= high for ch in text for low, high in SHAPED_SCRIPTS)


#: How much larger every text and its line height print when the person chose the larger text
#: (as the page's 125%); the ruled lines for writing stay as they are.
LARGE_TYPE = 1.25


class _ListPDF(FPDF):
    footer_text = ""
    #: str.translate table from each character no font has to PLACEHOLDER.
    unprintable = {}
    #: 1, or LARGE_TYPE: applied to every font size and text line height, measured or drawn alike.
    type_scale = 1

    def set_font(self, family=None, style="", size=0):
        super().set_font(family, style, size * self.type_scale)

    def cell(self, w=None, h=None, text="", *args, **kwargs):
        return super().cell(w, h * self.type_scale if h else h, text, *args, **kwargs)

    def normalize_text(self, text):
        """fpdf2 would drop a character no font has with only a logged warning; the person
        sees PLACEHOLDER in its place instead, and the page names the character."""
        return super().normalize_text(text.translate(self.unprintable))

    def multi_cell(self, w, h=None, text="", *args, **kwargs):
        """fpdf2 2.8.9 may set a fallback font inside a saved graphics state (q ... Q) and then
        take it as still set, so the next line shows with no font and viewers print it blank:
        have it set the font again for every block of text. Shaping is slow, so it is on only
        for a block of text that needs it (right-to-left and joined scripts)."""
        self.current_font_is_set_on_page = False
        self.set_text_shaping(text_needs_shaping(text))
        return super().multi_cell(w, h * self.type_scale if h else h, text, *args, **kwargs)

    def footer(self):
        self.set_y(-13 * self.type_scale)
        self.set_font("DejaVu", size=SMALLEST)
        self.set_text_color(70, 70, 70)
        page = gettext("Page %(page)s of %(pages)s") % {"page": self.page_no(), "pages": "{nb}"}
        self.multi_cell(0, SMALL_LINE, f"{self.footer_text}  {page}", **LINE)
        self.set_text_color(0, 0, 0)


def add_fonts(pdf, texts):
    """DejaVu Sans, and the installed fallback fonts for what it lacks in ``texts`` (only those:
    each one costs time to load and room in the file); a character no font has prints as
    PLACEHOLDER. Regular faces only: the bold headings are this site's own words (Latin script)."""
    pdf.add_font("DejaVu", "", DEJAVU)
    pdf.add_font("DejaVu", "B", str(FONT_DIR / "DejaVuSans-Bold.ttf"))
    fallbacks, unprintable = fonts_for(texts)
    for number, (path, face) in enumerate(fallbacks):
        pdf.add_font(f"fallback{number}", "", path, collection_font_number=face)
    if fallbacks:
        pdf.set_fallback_fonts([f"fallback{number}" for number in range(len(fallbacks))], exact_match=False)
    pdf.unprintable = dict.fromkeys(map(ord, unprintable), PLACEHOLDER)


@in_its_language
def as_pdf(document):
    """The list as PDF bytes on the person's paper size.

    Text in any script prints in DejaVu Sans or, for what it lacks, the installed fallback
    fonts. A character no font has prints as PLACEHOLDER (U+FFFD, which DejaVu Sans has), not
    dropped as fpdf2 would, nor a lookalike "?"; unprintable_characters names it for the page.
    """
    pdf = _ListPDF(format=PAPER_SIZES.get(document.paper, "A4"))
    pdf.type_scale = LARGE_TYPE if document.large_type else 1
    pdf.footer_text = document.footer_line()
    pdf.set_title(document.title())
    pdf.set_lang(document.language)
    pdf.set_author("ImmunoGuide")
    pdf.set_margins(16, 13, 16)
    pdf.set_auto_page_break(True, margin=16 * pdf.type_scale)
    add_fonts(pdf, _texts(document))
    pdf.add_page()
    _header(pdf, document)

    sections = document.sections()
    closing_height = _closing_height(pdf, document)
    for index, (heading, questions) in enumerate(sections):
        for number, (text, gloss) in enumerate(questions):
            height = _question_height(pdf, text, gloss, document.gloss_language)
            if number == 0:
                height += 8  # the heading goes with its first question
            if index == len(sections) - 1 and number == len(questions) - 1:
                height += closing_height  # the last question keeps the notes company
            if pdf.will_page_break(height):
                pdf.add_page()
            if number == 0:
                pdf.ln(1)
                pdf.set_font("DejaVu", "B", 11)
                pdf.multi_cell(pdf.epw, 6, heading, **LINE)
                pdf.ln(1)
            _question(pdf, text, gloss, document.gloss_language)
    if not sections and pdf.will_page_break(closing_height):
        pdf.add_page()
    _closing(pdf, document)
    return bytes(pdf.output())


BOX = 3.4
TEXT_INDENT = BOX + 2.5
TEXT_LINE = 4.5


def _header(pdf, document):
    pdf.set_font("DejaVu", "B", 15)
    pdf.multi_cell(pdf.epw, 7, document.title(), **LINE)
    pdf.set_font("DejaVu", size=9.5)
    if document.clinic_lines():  # one small paragraph: the short list must still fit on one page
        pdf.set_font("DejaVu", size=SMALLEST)
        pdf.multi_cell(pdf.epw, SMALL_LINE, " ".join(document.clinic_lines()), **LINE)
        pdf.set_font("DejaVu", size=9.5)
    details = "    ".join((gettext("Date: %(date)s") % {"date": document.date_text()},
                            document.condition_line()))
    if document.goal:
        details += "    " + gettext("Aim: %(goal)s") % {"goal": document.goal}
    if document.medicines:
        details += "    " + gettext("Medicines: %(medicines)s") % {"medicines": document.medicines}
    pdf.multi_cell(pdf.epw, 4.8, details, **LINE)
    if document.numbers_line():
        pdf.set_font("DejaVu", "B", 9.5)
        pdf.multi_cell(pdf.epw, 4.8, document.numbers_line(), **LINE)
        pdf.set_font("DejaVu", size=9.5)
    pdf.ln(2)
    third = pdf.epw / 3
    top = pdf.get_y()
    pdf.set_draw_color(120, 120, 120)
    for n, label in enumerate((gettext("Name"), gettext("Appointment date"), gettext("Clinician"))):
        left = pdf.l_margin + n * third
        pdf.set_xy(left, top)
        pdf.cell(pdf.get_string_width(label) + 1.5, 6, label)
        pdf.line(pdf.get_x(), top + 5.5, left + third - 3, top + 5.5)
    pdf.set_draw_color(0, 0, 0)
    pdf.set_xy(pdf.l_margin, top + 8)
    pdf.multi_cell(pdf.epw, 4.5, document.how_to_use(), **LINE)
    if document.gloss_line():
        _gloss(pdf, document.gloss_line(), "", pdf.epw)
    pdf.ln(1)


def _question_height(pdf, text, gloss="", gloss_language=""):
    pdf.set_font("DejaVu", size=10)
    text_height = pdf.multi_cell(pdf.epw - TEXT_INDENT, TEXT_LINE, text, dry_run=True,
                                 output=MethodReturnValue.HEIGHT, **LINE)
    if gloss:
        pdf.set_font("DejaVu", size=GLOSS_SIZE)
        text_height += GLOSS_ABOVE + pdf.multi_cell(
            pdf.epw - TEXT_INDENT, GLOSS_LINE, _gloss_text(gloss, gloss_language), dry_run=True,
            output=MethodReturnValue.HEIGHT, **LINE)
    return text_height + RULED_LINES * RULE_GAP + QUESTION_GAP


def _question(pdf, text, gloss="", gloss_language=""):
    pdf.set_font("DejaVu", size=10)
    top = pdf.get_y()
    pdf.rect(pdf.l_margin, top + 0.6, BOX, BOX)
    pdf.set_x(pdf.l_margin + TEXT_INDENT)
    pdf.multi_cell(pdf.epw - TEXT_INDENT, TEXT_LINE, text, **LINE)
    if gloss:
        pdf.ln(GLOSS_ABOVE)
        pdf.set_x(pdf.l_margin + TEXT_INDENT)
        _gloss(pdf, gloss, gloss_language, pdf.epw - TEXT_INDENT)
    _ruled_lines(pdf, RULED_LINES, TEXT_INDENT)
    pdf.ln(QUESTION_GAP)


#: A question's gloss, for the care team: smaller and grey under the question, marked with its language.
GLOSS_SIZE, GLOSS_LINE, GLOSS_ABOVE = SMALLEST, 4, 0.4


def _gloss_text(text, language):
    """A gloss marked with its language ("EN: ..."); the line that explains the glosses is not."""
    return f"{language.upper()}: {text}" if language else text


def _gloss(pdf, text, language, width):
    pdf.set_font("DejaVu", size=GLOSS_SIZE)
    pdf.set_text_color(60, 60, 60)
    pdf.multi_cell(width, GLOSS_LINE, _gloss_text(text, language), **LINE)
    pdf.set_text_color(0, 0, 0)
    pdf.set_font("DejaVu", size=10)


def _closing_width(pdf, document):
    """The Notes column's width: the QR code, when there is one, stands beside it, not below."""
    return pdf.epw - (QR_SIZE + QR_GAP if document.link else 0)


def _small_height(pdf, width, text):
    pdf.set_font("DejaVu", size=SMALLEST)
    return pdf.multi_cell(width, SMALL_LINE, text, dry_run=True, output=MethodReturnValue.HEIGHT,
                          **LINE) if text else 0


def _closing_height(pdf, document):
    width = _closing_width(pdf, document)
    small_height = _small_height(pdf, width, _small_print(document))
    if document.call_now_lines():
        body = sum(_small_height(pdf, width, line) for line in document.call_now_lines())
    else:
        body = NOTES_LINES * RULE_GAP
    notes = NOTES_ABOVE + NOTES_HEADING + body + NOTES_BELOW + small_height
    return max(notes, NOTES_ABOVE + QR_SIZE) if document.link else notes


def _closing(pdf, document):
    """The Notes area (or, in its place, when to call), the short list of sources and the sign-off,
    with the QR code beside them, kept together."""
    top = pdf.get_y()
    width = _closing_width(pdf, document)
    pdf.ln(NOTES_ABOVE)
    pdf.set_font("DejaVu", "B", 11)
    pdf.multi_cell(width, NOTES_HEADING, document.closing_heading(), **LINE)
    if document.call_now_lines():
        pdf.set_font("DejaVu", size=SMALLEST)
        for line in document.call_now_lines():
            pdf.multi_cell(width, SMALL_LINE, line, **LINE)
    else:
        _ruled_lines(pdf, NOTES_LINES, 0, width)
    pdf.ln(NOTES_BELOW)
    small = _small_print(document)
    if small:
        pdf.set_font("DejaVu", size=SMALLEST)
        pdf.set_text_color(70, 70, 70)
        pdf.multi_cell(width, SMALL_LINE, small, **LINE)
        pdf.set_text_color(0, 0, 0)
    if document.link:
        _qr_code(pdf, document, pdf.l_margin + pdf.epw - QR_SIZE, top + NOTES_ABOVE)
        pdf.set_y(max(pdf.get_y(), top + NOTES_ABOVE + QR_SIZE))


def _small_print(document):
    """Under the Notes, in one paragraph: the QR code's caption, the sources, the sign-off."""
    return " ".join(line for line in (document.qr_caption(), document.closing_line()) if line)


def _qr_code(pdf, document, left, top):
    """The list's link as a QR code, drawn in the PDF (sharp at any print size)."""
    code = segno.make(document.link, error="m")
    module = QR_SIZE / code.symbol_size(border=0)[0]
    pdf.set_fill_color(0, 0, 0)
    for row, bits in enumerate(code.matrix):
        col = 0
        while col < len(bits):
            if not bits[col]:
                col += 1
                continue
            start = col
            while col < len(bits) and bits[col]:
                col += 1
            pdf.rect(left + start * module, top + row * module, (col - start) * module, module, style="F")


def _ruled_lines(pdf, count, indent, width=None):
    pdf.set_draw_color(150, 150, 150)
    for _ in range(count):
        pdf.set_y(pdf.get_y() + RULE_GAP)
        pdf.line(pdf.l_margin + indent, pdf.get_y(), pdf.l_margin + (width or pdf.epw), pdf.get_y())
    pdf.set_draw_color(0, 0, 0)
