"""The visit summary as a document: what was asked and answered, what is left for next time.

One :class:`VisitSummary` is built from the person's list and their
:class:`~questionnaire.visit.VisitNotes`, and becomes the page, the PDF
(questionnaire/visit_pdf.py) and the plain text (:func:`as_text`), so all three say the same.
"""
from dataclasses import dataclass, field

from django.utils.translation import gettext, gettext_noop

from .printout import call_numbers_line, disclaimer, in_its_language, long_date
from .visit import visit_items

TITLE = gettext_noop("My visit summary")
ASKED = gettext_noop("What I asked")
NEXT_TIME = gettext_noop("For next time")
OTHER = gettext_noop("Anything else the doctor said")
ANSWER = gettext_noop("Answer: %(answer)s")
IN_MY_WORDS = gettext_noop("In my own words: %(words)s")
NO_ANSWER = gettext_noop("No answer noted.")
NOTHING_ASKED = gettext_noop("No question is ticked as asked.")
ALL_ASKED = gettext_noop("Every question on your list was asked.")
#: Said at the top: the notes are the person's, not the care team's record.
YOUR_NOTES = gettext_noop("These are your own notes of what was said. If something is not clear, ask your care team.")


@dataclass(frozen=True)
class AskedQuestion:
    text: str
    answer: str = ""
    teach_back: str = ""
    #: The language of the question's text, when it differs from the summary's ("" when the same).
    language: str = ""


@dataclass
class VisitSummary:
    """Everything a visit summary shows."""

    date: object
    condition: str
    version: str
    last_reviewed: object
    asked: list = field(default_factory=list)
    #: The questions kept and not asked, in the list's order, with their language ("" when the same).
    next_time: list = field(default_factory=list)
    other: str = ""
    clinic: object = None
    paper: str = "a4"
    language: str = "en"
    region: str = ""
    #: A link that opens the next visit's list, and its last day.
    link: str = ""
    link_until: object = None

    @classmethod
    def build(cls, question_list, notes, language="en", **fields):
        def other_language(item):
            question_language = getattr(item.question, "language", language)
            return "" if question_language == language else question_language
        asked, next_time = [], []
        for item in visit_items(question_list):
            if notes.was_asked(item.key):
                asked.append(AskedQuestion(item.text, notes.answers.get(item.key, ""),
                                           notes.teach_back.get(item.key, "") if item.top else "",
                                           other_language(item)))
            else:
                next_time.append((item.text, other_language(item)))
        return cls(asked=asked, next_time=next_time, other=notes.other, language=language, **fields)

    @property
    def filename_stem(self):
        return f"immunoguide-visit-{self.date:%Y-%m-%d}"

    def title(self):
        return gettext(TITLE)

    def date_text(self):
        return long_date(self.date, self.region)

    def date_line(self):
        return gettext("Visit on %(date)s") % {"date": self.date_text()}

    def condition_line(self):
        return gettext("For: %(condition)s") % {"condition": self.condition}

    def clinic_name_line(self):
        return gettext("Clinic: %(clinic)s") % {"clinic": self.clinic.name} if self.clinic is not None else ""

    def numbers_line(self):
        return call_numbers_line(self.clinic) if self.clinic is not None else ""

    def your_notes(self):
        return gettext(YOUR_NOTES)

    def answer_line(self, question):
        return gettext(ANSWER) % {"answer": question.answer} if question.answer else gettext(NO_ANSWER)

    def teach_back_line(self, question):
        return gettext(IN_MY_WORDS) % {"words": question.teach_back} if question.teach_back else ""

    def link_line(self):
        return gettext("Open your list for next time until %(date)s:") % {
            "date": long_date(self.link_until, self.region)} if self.link else ""

    def qr_caption(self):
        return gettext("Scan the code to open your list for next time on a phone until %(date)s.") % {
            "date": long_date(self.link_until, self.region)} if self.link else ""

    def footer_line(self):
        return gettext("ImmunoGuide content version %(version)s, last reviewed %(date)s.") % {
            "version": self.version, "date": long_date(self.last_reviewed, self.region)} + f" {disclaimer()}"

    def headings(self):
        """The three headings, in the summary's language, for the page and the PDF."""
        return {"asked": gettext(ASKED), "next_time": gettext(NEXT_TIME), "other": gettext(OTHER),
                "nothing_asked": gettext(NOTHING_ASKED), "all_asked": gettext(ALL_ASKED)}


@in_its_language
def as_text(summary):
    """The summary as plain text, to keep or send in a message."""
    lines = [summary.title(), summary.date_line()]
    lines += [line for line in (summary.clinic_name_line(), summary.numbers_line()) if line]
    lines += [summary.condition_line(), "", summary.your_notes()]
    headings = summary.headings()

    def heading(text):
        return ["", text, "-" * len(text)]
    lines += heading(headings["asked"])
    if not summary.asked:
        lines.append(headings["nothing_asked"])
    for question in summary.asked:
        lines.append(f"[x] {question.text}")
        lines.append(f"    {summary.answer_line(question)}")
        if question.teach_back:
            lines.append(f"    {summary.teach_back_line(question)}")
    lines += heading(headings["next_time"])
    lines += [f"[ ] {text}" for text, _ in summary.next_time] or [headings["all_asked"]]
    if summary.other:
        lines += heading(headings["other"]) + [summary.other]
    if summary.link:
        lines += ["", summary.link_line(), summary.link]
    lines += ["", summary.footer_line()]
    return "\n".join(lines) + "\n"
