"""The question list as a file: a PDF to print or keep, and plain text for a portal message.

Both are built from the same :class:`~questionnaire.question_list.QuestionList`
as the printed page, so all three say the same thing. The PDF keeps to the
printing rules of docs/product.md#printing: the short list on one page, everything on two,
two ruled lines under each question, no heading alone at the foot of a page
and no last page holding only the notes or the sources.
"""
import datetime
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import segno
from django.conf import settings
from django.utils import dateformat, translation
from django.utils.translation import gettext, gettext_noop, pgettext
from fontTools.ttLib import TTFont
from fpdf import FPDF
from fpdf.enums import MethodReturnValue

from .content import SOURCE_LANGUAGE

#: Every block of text starts at the left margin on a new line, left-aligned.
LINE = {"align": "L", "new_x": "LMARGIN", "new_y": "NEXT"}
FONT_DIR = Path(__file__).resolve().parent / "fonts"
#: The fixed sentences, in English; each is translated where it is printed (gettext(EMERGENCY_LINE)),
#: so a caller can render a document in either language with translation.override.
EMERGENCY_LINE = gettext_noop("In an emergency, call your local emergency number.")
EDUCATION_ONLY = gettext_noop("For education only, not medical advice. Talk to your care team about your treatment.")
HOW_TO_USE = gettext_noop("How to use this list: bring it to your visit and hand it over at check-in. Go through your "
                          "3 most important questions first. Write the answers under each one.")

#: Paper sizes a person can choose, as fpdf2 names them.
PAPER_SIZES = {"a4": "A4", "letter": "Letter"}


def paper_size_labels():
    """Each paper size as a person reads it, in the active language (PAPER_SIZES holds fpdf2's names)."""
    return {"a4": "A4", "letter": pgettext("paper size", "Letter")}

#: Regions whose paper is Letter; everywhere else uses A4.
LETTER_REGIONS = {"US", "CA", "MX", "PH", "CL", "CO", "VE", "CR", "GT", "PA", "PR", "DO", "SV", "NI"}

RULED_LINES = 2
RULE_GAP = 5.8  # mm between ruled lines, a little under narrow-ruled paper (6.35 mm)
NOTES_LINES = 2
QUESTION_GAP = 1.4

DEJAVU = str(FONT_DIR / "DejaVuSans.ttf")
NOTO = "/usr/share/fonts/truetype/noto"
#: Fonts for what DejaVu Sans cannot print, tried in this order, at their Debian paths:
#: fonts-noto-core, fonts-noto-cjk (a collection: path and face, 2 = Simplified Chinese) and
#: fonts-noto-color-emoji. Files that are not there are skipped. A deployment elsewhere sets
#: IMMUNOGUIDE_PDF_FALLBACK_FONTS to its own list of the same kind.
FALLBACK_FONTS = [
    *(f"{NOTO}/NotoSans{script}-Regular.ttf" for script in (
        "Devanagari", "Bengali", "Gurmukhi", "Gujarati", "Oriya", "Tamil", "Telugu", "Kannada",
        "Malayalam", "Sinhala", "Thai", "Lao", "Khmer", "Myanmar", "Arabic", "Hebrew", "Syriac",
        "Thaana", "Ethiopic", "Armenian", "Georgian", "Mongolian", "Tifinagh", "Cherokee")),
    ("/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc", 2),
    f"{NOTO}/NotoColorEmoji.ttf",
    f"{NOTO}/NotoSansSymbols-Regular.ttf",
    f"{NOTO}/NotoSansSymbols2-Regular.ttf",
    f"{NOTO}/NotoSansMath-Regular.ttf",
]
#: What the PDF prints for a character no font has, so that it never vanishes silently.
PLACEHOLDER = "\ufffd"
OWN_FROM_LINK = gettext_noop("(added by whoever made the link you opened)")
TITLE = gettext_noop("Questions for my appointment")
MOST_IMPORTANT = gettext_noop("Most important to me")
MORE_OF_MINE = gettext_noop("More of my questions")
MY_QUESTIONS = gettext_noop("My questions")
MY_OWN = gettext_noop("My own questions")
NOTES = gettext_noop("Notes")
FOR_CONDITION = gettext_noop("For: %(condition)s")
#: Said at the top of a list printed in two languages, in both, by the second language.
GLOSS_EXPLAINED = {
    "en": gettext_noop("Under each question, the same question in English, for the care team."),
    "es": gettext_noop("Under each question, the same question in Spanish."),
}
#: The state of a translation's review, by language: awaiting a native-speaking clinician, or signed off.
TRANSLATION_AWAITS = {"es": gettext_noop("The Spanish text awaits review by a native-speaking clinician.")}
TRANSLATION_REVIEWED = {"es": gettext_noop("The Spanish text was reviewed by %(name)s, %(role)s, on %(date)s.")}
QR_SIZE = 24  # mm: a phone reads a code this size from a hand's length
QR_GAP = 5  # mm between the Notes column and the code beside it
SMALL_LINE = 3.1  # mm: the line height of the small print under the Notes
#: mm above the Notes heading, its line height, and the gap after its ruled lines: drawn by
#: _closing and counted by _closing_height, which must agree.
NOTES_ABOVE, NOTES_HEADING, NOTES_BELOW = 0.5, 5, 1.5


def long_date(value):
    """A date written out in the active language: "1 December 2026", "1 de diciembre de 2026"."""
    return dateformat.format(value, pgettext("date format", "j F Y"))


def disclaimer():
    """The disclaimer and the emergency line, in the active language."""
    return f"{gettext(EDUCATION_ONLY)} {gettext(EMERGENCY_LINE)}"


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
    #: A link that reopens the list on another device (printed as a QR code too), and its last day.
    link: str = ""
    link_until: object = None
    #: Own questions that came with a link someone else made: the printout says so beside each.
    own_from_link: frozenset = frozenset()
    #: Who signed the content off, or that it awaits sign-off (sign_off_line).
    sign_off: str = ""
    #: The clinic's profile, or None (then the list speaks of "your care team").
    clinic: object = None
    #: The call-now questions (slugs), which print with the clinic's numbers.
    call_now: frozenset = frozenset()
    #: The language the list is printed in; and a second one, printed under each question for
    #: the care team ("" for none), with each question's text in it by slug, and the condition's.
    language: str = "en"
    gloss_language: str = ""
    glosses: dict = field(default_factory=dict)
    gloss_condition: str = ""

    @property
    def filename_stem(self):
        return f"immunoguide-questions-{self.date:%Y-%m-%d}"

    def sections(self):
        """(heading, [(question text, its gloss)]) in print order: most important, the rest,
        own questions. The gloss is the question in the second language, or ""."""
        qlist = self.question_list

        def entry(question):
            return self.question_text(question), self.glosses.get(question.slug, "")
        rest = [entry(q) for q in qlist.suggested]
        rest += [entry(q) for _, _, questions in qlist.more_groups for q in questions]
        sections = []
        if qlist.top:
            sections.append((self.both(MOST_IMPORTANT), [entry(q) for q in qlist.top]))
        if rest:
            sections.append((self.both(MORE_OF_MINE if qlist.top else MY_QUESTIONS), rest))
        if qlist.own:
            from_link = gettext(OWN_FROM_LINK)
            sections.append((self.both(MY_OWN), [
                (f"{text} {from_link}" if text in self.own_from_link else text, "") for text in qlist.own]))
        return sections

    def title(self):
        return self.both(TITLE)

    def title_parts(self):
        return self.both_parts(TITLE)

    def both(self, message, values=None):
        """A fixed text in the list's language, and after it in the second language, if any."""
        return " / ".join(part for part in self.both_parts(message, values) if part)

    def both_parts(self, message, values=None):
        """(the text in the list's language, the same in the second language or "" when the same
        or when there is none): a page marks the second with its own ``lang``."""
        with translation.override(self.language):
            own = gettext(message) if values is None else gettext(message) % values
        if not self.gloss_language:
            return own, ""
        with translation.override(self.gloss_language):
            other = gettext(message) if values is None else gettext(message) % values
        return own, "" if other == own else other

    def gloss_line(self):
        """What a list in two languages says at its top, in both: "" for one language."""
        return " / ".join(part for part in self.gloss_line_parts() if part)

    def gloss_line_parts(self):
        return self.both_parts(GLOSS_EXPLAINED[self.gloss_language]) if self.gloss_language else ("", "")

    def condition_line(self):
        return " / ".join(part for part in self.condition_parts() if part)

    def condition_parts(self):
        """ "For: <condition>" in the list's language, and in the second, with the condition's own label."""
        own, other = self.both_parts(FOR_CONDITION, {"condition": self.condition})
        if self.gloss_language:
            with translation.override(self.gloss_language):
                other = gettext(FOR_CONDITION) % {"condition": self.gloss_condition or self.condition}
        return own, "" if other == own else other

    def question_text(self, question):
        """A question as printed: a call-now question with the clinic's numbers."""
        if question.slug in self.call_now and self.clinic is not None:
            return f"{question.text} {call_numbers_line(self.clinic)}"
        return question.text

    def clinic_lines(self):
        return clinic_lines(self.clinic)

    def link_line(self):
        return gettext("Open this list again on any device until %(date)s:") % {
            "date": long_date(self.link_until)} if self.link else ""

    def qr_caption(self):
        return gettext("Scan the code to open this list on a phone or another device until %(date)s.") % {
            "date": long_date(self.link_until)} if self.link else ""

    def footer_line(self):
        return gettext("ImmunoGuide content version %(version)s, last reviewed %(date)s.") % {
            "version": self.version, "date": long_date(self.last_reviewed)} + f" {disclaimer()}"

    def source_names_text(self):
        return "; ".join(self.source_names)

    def sources_line(self):
        return gettext("Sources: %(sources)s.") % {"sources": "; ".join(self.source_names)} if self.source_names else ""

    def closing_line(self):
        """Printed once, under the Notes: the sources, and who signed the content off."""
        return " ".join(line for line in (self.sources_line(), self.sign_off) if line)


def clinic_lines(clinic):
    """The lines naming the clinic at the top of the list: none without a profile."""
    if clinic is None:
        return []
    lines = [gettext("Your care team at %(clinic)s asked you to bring these questions.") % {"clinic": clinic.name}]
    return lines + [line for line in (clinic.endorsement, clinic.address) if line]


def call_numbers_line(clinic):
    return gettext("Call %(day)s; at night or at weekends call %(night)s.") % {
        "day": clinic.day_phone, "night": clinic.out_of_hours_phone}


def sign_off_line(content):
    """ "Content reviewed by ... on ..." when a sign-off covers this content, else that it awaits one;
    for content in another language, then the same of its translation."""
    release = content.sign_off
    if release is None:
        line = gettext("This content is awaiting clinical sign-off.")
    else:
        line = gettext("Content reviewed by %(name)s, %(role)s, on %(date)s.") % {
            "name": release.signed_off_by, "role": release.signed_off_role, "date": long_date(release.signed_off_on)}
    if content.language != SOURCE_LANGUAGE:
        line = f"{line} {translation_line(content, content.language)}"
    return line


def translation_line(content, language):
    """Whether a native-speaking clinician has signed off the text in ``language``, and who."""
    state = content.language_sign_off(language)
    if state is None:
        return gettext(TRANSLATION_AWAITS[language])
    return gettext(TRANSLATION_REVIEWED[language]) % {
        "name": state["signed_off_by"], "role": state["signed_off_role"],
        "date": long_date(datetime.date.fromisoformat(state["signed_off_on"]))}


def in_its_language(render):
    """``render(document)`` with the fixed texts in the document's own language."""
    def rendered(document):
        with translation.override(document.language):
            return render(document)
    rendered.__doc__, rendered.__name__ = render.__doc__, render.__name__
    return rendered


@in_its_language
def as_text(document):
    """The list as plain text; in two languages, each question's gloss indented under it."""
    lines = [
        document.title(),
        *document.clinic_lines(),
        gettext("Date: %(date)s") % {"date": long_date(document.date)},
        document.condition_line(),
    ]
    if document.goal:
        lines.append(gettext("Aim of the treatment: %(goal)s") % {"goal": document.goal})
    lines += ["", gettext(HOW_TO_USE)]
    if document.gloss_line():
        lines.append(document.gloss_line())
    for heading, questions in document.sections():
        lines += ["", heading, "-" * len(heading)]
        for text, gloss in questions:
            lines.append(f"[ ] {text}")
            if gloss:
                lines.append(f"    {document.gloss_language.upper()}: {gloss}")
    if document.link:
        lines += ["", document.link_line(), document.link]
    lines += ["", document.footer_line()]
    if document.closing_line():
        lines.append(document.closing_line())
    return "\n".join(lines) + "\n"


def _texts(document):
    """The texts that can hold any script: the clinic's lines, the condition, the goal and every question."""
    return [*document.clinic_lines(), document.condition, document.goal] + [
        text for _, section in document.sections() for entry in section for text in entry]


def needs_shaping(document):
    """True when any text goes beyond Latin letters and common punctuation."""
    return any(ord(ch) > 0x24F and not 0x2000 <= ord(ch) <= 0x206F for text in _texts(document) for ch in text)


@lru_cache(maxsize=None)
def _coverage(path, face=0):
    """The code points a font file has glyphs for, read once per process."""
    with TTFont(path, fontNumber=face, lazy=True) as font:
        return frozenset(font.getBestCmap())


def _fallback_fonts():
    """(path, face) of each installed fallback font, in the order they are tried."""
    entries = settings.IMMUNOGUIDE_PDF_FALLBACK_FONTS
    if entries is None:
        entries = FALLBACK_FONTS
    fonts = [(entry, 0) if isinstance(entry, str) else tuple(entry) for entry in entries]
    return [(path, face) for path, face in fonts if Path(path).is_file()]


def _ignorable(ch):
    """Spaces, control and format characters (joiners, direction marks) and variation
    selectors: nothing to print on their own, so no font needs a glyph for them."""
    return (ch.isspace() or unicodedata.category(ch) in ("Cc", "Cf")
            or 0xFE00 <= ord(ch) <= 0xFE0F or 0xE0100 <= ord(ch) <= 0xE01EF)


def _fonts_for(texts):
    """The fallback fonts these texts need, and the characters that no font has."""
    dejavu = _coverage(DEJAVU)
    missing = {ch for text in texts for ch in text if ord(ch) not in dejavu and not _ignorable(ch)}
    needed = []
    for font in _fallback_fonts() if missing else ():
        covered = {ch for ch in missing if ord(ch) in _coverage(*font)}
        if covered:
            needed.append(font)
            missing -= covered
    return needed, missing


def unprintable_characters(texts):
    """The characters of texts that neither DejaVu Sans nor an installed fallback font can
    print, sorted and each once, so the page can name what the PDF shows as a placeholder."""
    return sorted(_fonts_for(texts)[1])


class _ListPDF(FPDF):
    footer_text = ""
    #: str.translate table from each character no font has to PLACEHOLDER.
    unprintable = {}

    def normalize_text(self, text):
        """fpdf2 would drop a character no font has with only a logged warning; the person
        sees PLACEHOLDER in its place instead, and the page names the character."""
        return super().normalize_text(text.translate(self.unprintable))

    def multi_cell(self, *args, **kwargs):
        """fpdf2 2.8.9 may set a fallback font inside a saved graphics state (q ... Q) and then
        take it as still set, so the next line shows with no font and viewers print it blank:
        have it set the font again for every block of text."""
        self.current_font_is_set_on_page = False
        return super().multi_cell(*args, **kwargs)

    def footer(self):
        self.set_y(-15)
        self.set_font("DejaVu", size=7.5)
        self.set_text_color(70, 70, 70)
        page = gettext("Page %(page)s of %(pages)s") % {"page": self.page_no(), "pages": "{nb}"}
        self.multi_cell(0, 3.3, f"{self.footer_text}  {page}", **LINE)
        self.set_text_color(0, 0, 0)


@in_its_language
def as_pdf(document):
    """The list as PDF bytes on the person's paper size.

    Text in any script prints in DejaVu Sans or, for what it lacks, the installed fallback
    fonts. A character no font has prints as PLACEHOLDER (U+FFFD, which DejaVu Sans has), not
    dropped as fpdf2 would, nor a lookalike "?"; unprintable_characters names it for the page.
    """
    pdf = _ListPDF(format=PAPER_SIZES.get(document.paper, "A4"))
    pdf.footer_text = document.footer_line()
    pdf.set_title(document.title())
    pdf.set_lang(document.language)
    pdf.set_author("ImmunoGuide")
    pdf.set_margins(16, 13, 16)
    pdf.set_auto_page_break(True, margin=18)
    pdf.add_font("DejaVu", "", DEJAVU)
    pdf.add_font("DejaVu", "B", str(FONT_DIR / "DejaVuSans-Bold.ttf"))
    # Only the fallback fonts this list needs: each one costs time to load and room in the file.
    fallbacks, unprintable = _fonts_for(_texts(document))
    for number, (path, face) in enumerate(fallbacks):
        pdf.add_font(f"fallback{number}", "", path, collection_font_number=face)
    if fallbacks:
        # Regular faces only: the bold headings are this site's own words (Latin script).
        pdf.set_fallback_fonts([f"fallback{number}" for number in range(len(fallbacks))], exact_match=False)
    pdf.unprintable = dict.fromkeys(map(ord, unprintable), PLACEHOLDER)
    # Shaping lays out right-to-left and joined scripts such as Hebrew and Arabic in their own
    # order; it is slow, so it is used only when a text needs it.
    pdf.set_text_shaping(needs_shaping(document))
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
        pdf.set_font("DejaVu", size=8.5)
        pdf.multi_cell(pdf.epw, 3.8, " ".join(document.clinic_lines()), **LINE)
        pdf.set_font("DejaVu", size=9.5)
    details = "    ".join((gettext("Date: %(date)s") % {"date": long_date(document.date)},
                            document.condition_line()))
    if document.goal:
        details += "    " + gettext("Aim: %(goal)s") % {"goal": document.goal}
    pdf.multi_cell(pdf.epw, 4.8, details, **LINE)
    pdf.ln(3)
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
    pdf.multi_cell(pdf.epw, 4.5, gettext(HOW_TO_USE), **LINE)
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
GLOSS_SIZE, GLOSS_LINE, GLOSS_ABOVE = 8.5, 3.9, 0.4


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


def _closing_height(pdf, document):
    width = _closing_width(pdf, document)
    pdf.set_font("DejaVu", size=7.5)
    small = _small_print(document)
    small_height = pdf.multi_cell(width, SMALL_LINE, small, dry_run=True, output=MethodReturnValue.HEIGHT,
                                  **LINE) if small else 0
    notes = NOTES_ABOVE + NOTES_HEADING + NOTES_LINES * RULE_GAP + NOTES_BELOW + small_height
    return max(notes, NOTES_ABOVE + QR_SIZE) if document.link else notes


def _closing(pdf, document):
    """The Notes area, the short list of sources and the sign-off, with the QR code beside them,
    kept together."""
    top = pdf.get_y()
    width = _closing_width(pdf, document)
    pdf.ln(NOTES_ABOVE)
    pdf.set_font("DejaVu", "B", 11)
    pdf.multi_cell(width, NOTES_HEADING, document.both(NOTES), **LINE)
    _ruled_lines(pdf, NOTES_LINES, 0, width)
    pdf.ln(NOTES_BELOW)
    small = _small_print(document)
    if small:
        pdf.set_font("DejaVu", size=7.5)
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
