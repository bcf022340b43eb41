"""The question list as a file: a PDF to print or keep, and plain text for a portal message.

Both are built from the same :class:`~questionnaire.question_list.QuestionList`
as the printed page, so all three say the same thing.
"""
from dataclasses import dataclass
from pathlib import Path

from fpdf import FPDF

#: Every block of text starts at the left margin on a new line, left-aligned.
LINE = {"align": "L", "new_x": "LMARGIN", "new_y": "NEXT"}
FONT_DIR = Path(__file__).resolve().parent / "fonts"
DISCLAIMER = ("For education only, not medical advice. Talk to your care team about your treatment. "
              "In an emergency, call your local emergency number.")


@dataclass
class ListDocument:
    """Everything a printed question list shows."""

    question_list: object
    date: object
    condition: str
    goal: str
    version: str
    last_reviewed: object

    @property
    def filename_stem(self):
        return f"immunoguide-questions-{self.date:%Y-%m-%d}"

    def sections(self):
        """(heading, [question texts], more room to write) in print order.

        The most important and the person's own questions get two ruled lines,
        the rest one, so that a usual list fits on two pages.
        """
        qlist = self.question_list
        sections = []
        if qlist.top:
            sections.append(("Most important to me", [q.text for q in qlist.top], True))
        sections += [(label, [q.text for q in questions], False) for _, label, questions in qlist.groups]
        if qlist.own:
            sections.append(("My own questions", list(qlist.own), True))
        return sections

    def footer_line(self):
        return (f"ImmunoGuide content version {self.version}, last reviewed "
                f"{self.last_reviewed:%d %B %Y}. {DISCLAIMER}")


def as_text(document):
    lines = [
        "Questions for my appointment",
        f"Date: {document.date:%d %B %Y}",
        f"For: {document.condition}",
    ]
    if document.goal:
        lines.append(f"Aim of the treatment: {document.goal}")
    for heading, questions, _ in document.sections():
        lines += ["", heading, "-" * len(heading)]
        lines += [f"[ ] {text}" for text in questions]
    lines += ["", document.footer_line(), ""]
    return "\n".join(lines)


class _ListPDF(FPDF):
    footer_text = ""

    def footer(self):
        self.set_y(-18)
        self.set_font("DejaVu", size=8)
        self.set_text_color(70, 70, 70)
        self.multi_cell(0, 3.6, f"{self.footer_text}  Page {self.page_no()} of {{nb}}", **LINE)


def as_pdf(document):
    """The list as PDF bytes: A4, a tick box and ruled answer space for each question."""
    pdf = _ListPDF(format="A4")
    pdf.footer_text = document.footer_line()
    pdf.set_title("Questions for my appointment")
    pdf.set_author("ImmunoGuide")
    pdf.set_margins(18, 16, 18)
    pdf.set_auto_page_break(True, margin=22)
    pdf.add_font("DejaVu", "", str(FONT_DIR / "DejaVuSans.ttf"))
    pdf.add_font("DejaVu", "B", str(FONT_DIR / "DejaVuSans-Bold.ttf"))
    # Shaping lays out right-to-left scripts such as Hebrew and Arabic in their own order.
    pdf.set_text_shaping(True)
    pdf.add_page()
    width = pdf.epw

    pdf.set_font("DejaVu", "B", 17)
    pdf.multi_cell(width, 8, "Questions for my appointment", **LINE)
    pdf.set_font("DejaVu", size=10.5)
    details = f"Date: {document.date:%d %B %Y}    For: {document.condition}"
    if document.goal:
        details += f"    Aim: {document.goal}"
    pdf.multi_cell(width, 5.5, details, **LINE)
    pdf.ln(2)

    box = 3.6
    for heading, questions, roomy in document.sections():
        if pdf.will_page_break(22):
            pdf.add_page()
        pdf.ln(2)
        pdf.set_font("DejaVu", "B", 12)
        pdf.multi_cell(width, 7, heading, **LINE)
        pdf.set_font("DejaVu", size=10.5)
        for text in questions:
            if pdf.will_page_break(17):
                pdf.add_page()
            top = pdf.get_y()
            pdf.rect(pdf.l_margin, top + 1, box, box)
            pdf.set_x(pdf.l_margin + box + 2.5)
            pdf.multi_cell(width - box - 2.5, 5.2, text, **LINE)
            _ruled_lines(pdf, 2 if roomy else 1, 6.5)
            pdf.ln(1.5)

    if pdf.will_page_break(40):
        pdf.add_page()
    pdf.ln(2)
    pdf.set_font("DejaVu", "B", 12)
    pdf.multi_cell(width, 7, "Notes", **LINE)
    _ruled_lines(pdf, 4, 7)
    return bytes(pdf.output())


def _ruled_lines(pdf, count, gap):
    pdf.set_draw_color(150, 150, 150)
    for _ in range(count):
        pdf.set_y(pdf.get_y() + gap)
        pdf.line(pdf.l_margin + 6, pdf.get_y(), pdf.l_margin + pdf.epw, pdf.get_y())
    pdf.set_draw_color(0, 0, 0)
