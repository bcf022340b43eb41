"""The visit summary as a PDF to print or keep (fpdf2), with the question list's fonts and page
(questionnaire/pdf.py): a typical visit's summary fits on one page of A4 or Letter."""
from fpdf.enums import MethodReturnValue

from .pdf import LINE, QR_GAP, QR_SIZE, SMALL_LINE, SMALLEST, _ListPDF, _qr_code, add_fonts
from .printout import PAPER_SIZES, in_its_language

BOX = 3.4
INDENT = BOX + 2.5
TEXT_LINE = 4.6


def summary_texts(summary):
    """The texts that can hold any script: the person's notes, the questions, the clinic and condition."""
    texts = [summary.condition, summary.other, summary.clinic_name_line()]
    for question in summary.asked:
        texts += [question.text, question.answer, question.teach_back]
    return texts + [text for text, _ in summary.next_time]


@in_its_language
def as_pdf(summary):
    """The summary as PDF bytes on the person's paper size."""
    pdf = _ListPDF(format=PAPER_SIZES.get(summary.paper, "A4"))
    pdf.footer_text = summary.footer_line()
    pdf.set_title(summary.title())
    pdf.set_lang(summary.language)
    pdf.set_author("ImmunoGuide")
    pdf.set_margins(16, 13, 16)
    pdf.set_auto_page_break(True, margin=16)
    add_fonts(pdf, summary_texts(summary))
    pdf.add_page()
    _header(pdf, summary)
    headings = summary.headings()

    asked = [[(question.text, True), (summary.answer_line(question), False)]
             + ([(summary.teach_back_line(question), False)] if question.teach_back else [])
             for question in summary.asked]
    _section(pdf, headings["asked"], asked or [[(headings["nothing_asked"], False)]], ticked=bool(asked))
    _section(pdf, headings["next_time"], [[(text, True)] for text, _ in summary.next_time]
             or [[(headings["all_asked"], False)]], ticked=False, boxes=bool(summary.next_time))
    if summary.other:
        _section(pdf, headings["other"], [[(summary.other, False)]], ticked=False, boxes=False)
    if summary.link:
        _link(pdf, summary)
    return bytes(pdf.output())


def _header(pdf, summary):
    pdf.set_font("DejaVu", "B", 15)
    pdf.multi_cell(pdf.epw, 7, summary.title(), **LINE)
    pdf.set_font("DejaVu", size=9.5)
    details = "    ".join(line for line in (summary.date_line(), summary.condition_line(),
                                            summary.clinic_name_line()) if line)
    pdf.multi_cell(pdf.epw, 4.8, details, **LINE)
    if summary.numbers_line():
        pdf.set_font("DejaVu", "B", 9.5)
        pdf.multi_cell(pdf.epw, 4.8, summary.numbers_line(), **LINE)
        pdf.set_font("DejaVu", size=9.5)
    pdf.ln(1)
    pdf.multi_cell(pdf.epw, 4.5, summary.your_notes(), **LINE)
    pdf.ln(1)


def _entry_height(pdf, lines):
    height = 1.2
    for text, first in lines:
        pdf.set_font("DejaVu", size=10)
        height += pdf.multi_cell(pdf.epw - INDENT, TEXT_LINE, text, dry_run=True,
                                 output=MethodReturnValue.HEIGHT, **LINE)
    return height


def _section(pdf, heading, entries, ticked, boxes=True):
    """A heading kept with its first entry; each entry's first line beside a box (ticked when asked)."""
    for number, lines in enumerate(entries):
        height = _entry_height(pdf, lines) + (9 if number == 0 else 0)
        if pdf.will_page_break(height):
            pdf.add_page()
        if number == 0:
            pdf.ln(1.5)
            pdf.set_font("DejaVu", "B", 11)
            pdf.multi_cell(pdf.epw, 6, heading, **LINE)
            pdf.ln(1)
        top = pdf.get_y()
        if boxes and lines[0][1]:
            pdf.rect(pdf.l_margin, top + 0.6, BOX, BOX)
            if ticked:
                pdf.line(pdf.l_margin + 0.6, top + 2.4, pdf.l_margin + 1.5, top + 3.4)
                pdf.line(pdf.l_margin + 1.5, top + 3.4, pdf.l_margin + 2.9, top + 1.0)
        for text, first in lines:
            pdf.set_font("DejaVu", size=10)
            if not first:
                pdf.set_text_color(50, 50, 50)
            pdf.set_x(pdf.l_margin + (INDENT if boxes else 0))
            pdf.multi_cell(pdf.epw - (INDENT if boxes else 0), TEXT_LINE, text, **LINE)
            pdf.set_text_color(0, 0, 0)
        pdf.ln(1.2)


def _link(pdf, summary):
    """The link to the next visit's list, with its QR code beside it, kept together."""
    width = pdf.epw - QR_SIZE - QR_GAP
    if pdf.will_page_break(QR_SIZE + 4):
        pdf.add_page()
    pdf.ln(2)
    top = pdf.get_y()
    pdf.set_font("DejaVu", size=SMALLEST)
    pdf.multi_cell(width, SMALL_LINE, summary.qr_caption(), **LINE)
    pdf.set_text_color(70, 70, 70)
    pdf.multi_cell(width, SMALL_LINE, summary.link, **LINE)
    pdf.set_text_color(0, 0, 0)
    _qr_code(pdf, summary, pdf.l_margin + pdf.epw - QR_SIZE, top)
    pdf.set_y(max(pdf.get_y(), top + QR_SIZE))
