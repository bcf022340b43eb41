"""The question list as a file: a PDF to print or keep, and plain text for a portal message.

Both are built from the same :class:`~questionnaire.question_list.QuestionList`
as the printed page, so all three say the same thing. The PDF keeps to the
printing rules of PRODUCT.md: the short list on one page, everything on two,
two ruled lines under each question, no heading alone at the foot of a page
and no last page holding only the notes or the sources.
"""
from dataclasses import dataclass, field
from pathlib import Path

from fpdf import FPDF
from fpdf.enums import MethodReturnValue

#: Every block of text starts at the left margin on a new line, left-aligned.
LINE = {"align": "L", "new_x": "LMARGIN", "new_y": "NEXT"}
FONT_DIR = Path(__file__).resolve().parent / "fonts"
EMERGENCY_LINE = "In an emergency, call your local emergency number."
DISCLAIMER = f"For education only, not medical advice. Talk to your care team about your treatment. {EMERGENCY_LINE}"
HOW_TO_USE = ("How to use this list: give it to your care team at the start of your visit. Ask the most "
              "important questions first. Write the answers under each one.")

#: Paper sizes a person can choose, as fpdf2 names them.
PAPER_SIZES = {"a4": "A4", "letter": "Letter"}
#: Regions whose paper is Letter; everywhere else uses A4.
LETTER_REGIONS = {"US", "CA", "MX", "PH", "CL", "CO", "VE", "CR", "GT", "PA", "PR", "DO", "SV", "NI"}

RULED_LINES = 2
RULE_GAP = 5.8  # mm between ruled lines, a little under narrow-ruled paper (6.35 mm)
NOTES_LINES = 2
QUESTION_GAP = 1.4


def paper_for_language(accept_language):
    """"a4" or "letter" from the first language-region in an Accept-Language header."""
    first = accept_language.split(",")[0].split(";")[0].strip()
    region = first.replace("_", "-").split("-")[1:2]
    return "letter" if region and region[0].upper() in LETTER_REGIONS else "a4"


@dataclass
class ListDocument:
    """Everything a printed question list shows."""

    question_list: object
    date: object
    condition: str
    goal: str
    version: str
    last_reviewed: object
    paper: str = "a4"
    #: Organisations behind what is printed; the page itself lists every source in full.
    source_names: list = field(default_factory=list)

    @property
    def filename_stem(self):
        return f"immunoguide-questions-{self.date:%Y-%m-%d}"

    def sections(self):
        """(heading, [question texts]) in print order: most important, the rest, own questions."""
        qlist = self.question_list
        rest = [q.text for q in qlist.suggested]
        rest += [q.text for _, _, questions in qlist.more_groups for q in questions]
        sections = []
        if qlist.top:
            sections.append(("Most important to me", [q.text for q in qlist.top]))
        if rest:
            sections.append(("More of my questions" if qlist.top else "My questions", rest))
        if qlist.own:
            sections.append(("My own questions", list(qlist.own)))
        return sections

    def footer_line(self):
        return (f"ImmunoGuide content version {self.version}, last reviewed "
                f"{self.last_reviewed:%-d %B %Y}. {DISCLAIMER}")

    def sources_line(self):
        return f"Sources: {'; '.join(self.source_names)}." if self.source_names else ""


def as_text(document):
    lines = [
        "Questions for my appointment",
        f"Date: {document.date:%-d %B %Y}",
        f"For: {document.condition}",
    ]
    if document.goal:
        lines.append(f"Aim of the treatment: {document.goal}")
    lines += ["", HOW_TO_USE]
    for heading, questions in document.sections():
        lines += ["", heading, "-" * len(heading)]
        lines += [f"[ ] {text}" for text in questions]
    lines += ["", document.footer_line()]
    if document.sources_line():
        lines.append(document.sources_line())
    return "\n".join(lines) + "\n"


def needs_shaping(document):
    """True when any text goes beyond Latin letters and common punctuation."""
    texts = [document.condition, document.goal]
    texts += [text for _, section in document.sections() for text in section]
    return any(ord(ch) > 0x24F and not 0x2000 <= ord(ch) <= 0x206F for text in texts for ch in text)


class _ListPDF(FPDF):
    footer_text = ""

    def footer(self):
        self.set_y(-15)
        self.set_font("DejaVu", size=7.5)
        self.set_text_color(70, 70, 70)
        self.multi_cell(0, 3.3, f"{self.footer_text}  Page {self.page_no()} of {{nb}}", **LINE)
        self.set_text_color(0, 0, 0)


def as_pdf(document):
    """The list as PDF bytes on the person's paper size."""
    pdf = _ListPDF(format=PAPER_SIZES.get(document.paper, "A4"))
    pdf.footer_text = document.footer_line()
    pdf.set_title("Questions for my appointment")
    pdf.set_author("ImmunoGuide")
    pdf.set_margins(16, 13, 16)
    pdf.set_auto_page_break(True, margin=18)
    pdf.add_font("DejaVu", "", str(FONT_DIR / "DejaVuSans.ttf"))
    pdf.add_font("DejaVu", "B", str(FONT_DIR / "DejaVuSans-Bold.ttf"))
    # Shaping lays out right-to-left and joined scripts such as Hebrew and Arabic in their own
    # order; it is slow, so it is used only when a text needs it.
    pdf.set_text_shaping(needs_shaping(document))
    pdf.add_page()
    _header(pdf, document)

    sections = document.sections()
    closing_height = _closing_height(pdf, document)
    for index, (heading, questions) in enumerate(sections):
        for number, text in enumerate(questions):
            height = _question_height(pdf, text)
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
            _question(pdf, text)
    if not sections and pdf.will_page_break(closing_height):
        pdf.add_page()
    _closing(pdf, document)
    return bytes(pdf.output())


BOX = 3.4
TEXT_INDENT = BOX + 2.5
TEXT_LINE = 4.5


def _header(pdf, document):
    pdf.set_font("DejaVu", "B", 15)
    pdf.multi_cell(pdf.epw, 7, "Questions for my appointment", **LINE)
    pdf.set_font("DejaVu", size=9.5)
    details = f"Date: {document.date:%-d %B %Y}    For: {document.condition}"
    if document.goal:
        details += f"    Aim: {document.goal}"
    pdf.multi_cell(pdf.epw, 4.8, details, **LINE)
    pdf.ln(3)
    third = pdf.epw / 3
    top = pdf.get_y()
    pdf.set_draw_color(120, 120, 120)
    for n, label in enumerate(("Name", "Appointment date", "Clinician")):
        left = pdf.l_margin + n * third
        pdf.set_xy(left, top)
        pdf.cell(pdf.get_string_width(label) + 1.5, 6, label)
        pdf.line(pdf.get_x(), top + 5.5, left + third - 3, top + 5.5)
    pdf.set_draw_color(0, 0, 0)
    pdf.set_xy(pdf.l_margin, top + 8)
    pdf.multi_cell(pdf.epw, 4.5, HOW_TO_USE, **LINE)
    pdf.ln(1)


def _question_height(pdf, text):
    pdf.set_font("DejaVu", size=10)
    text_height = pdf.multi_cell(pdf.epw - TEXT_INDENT, TEXT_LINE, text, dry_run=True,
                                 output=MethodReturnValue.HEIGHT, **LINE)
    return text_height + RULED_LINES * RULE_GAP + QUESTION_GAP


def _question(pdf, text):
    pdf.set_font("DejaVu", size=10)
    top = pdf.get_y()
    pdf.rect(pdf.l_margin, top + 0.6, BOX, BOX)
    pdf.set_x(pdf.l_margin + TEXT_INDENT)
    pdf.multi_cell(pdf.epw - TEXT_INDENT, TEXT_LINE, text, **LINE)
    _ruled_lines(pdf, RULED_LINES, TEXT_INDENT)
    pdf.ln(QUESTION_GAP)


def _closing_height(pdf, document):
    pdf.set_font("DejaVu", size=7.5)
    sources = pdf.multi_cell(pdf.epw, 3.3, document.sources_line(), dry_run=True,
                             output=MethodReturnValue.HEIGHT, **LINE) if document.sources_line() else 0
    return 1 + 6 + NOTES_LINES * RULE_GAP + 2 + sources


def _closing(pdf, document):
    """The Notes area and the short list of sources, kept together."""
    pdf.ln(1)
    pdf.set_font("DejaVu", "B", 11)
    pdf.multi_cell(pdf.epw, 6, "Notes", **LINE)
    _ruled_lines(pdf, NOTES_LINES, 0)
    pdf.ln(2)
    if document.sources_line():
        pdf.set_font("DejaVu", size=7.5)
        pdf.set_text_color(70, 70, 70)
        pdf.multi_cell(pdf.epw, 3.3, document.sources_line(), **LINE)
        pdf.set_text_color(0, 0, 0)


def _ruled_lines(pdf, count, indent):
    pdf.set_draw_color(150, 150, 150)
    for _ in range(count):
        pdf.set_y(pdf.get_y() + RULE_GAP)
        pdf.line(pdf.l_margin + indent, pdf.get_y(), pdf.l_margin + pdf.epw, pdf.get_y())
    pdf.set_draw_color(0, 0, 0)
