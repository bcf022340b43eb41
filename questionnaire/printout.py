"""The printed question list as a document: what it shows, in which words, on which paper.

One :class:`ListDocument` is built from the same
:class:`~questionnaire.question_list.QuestionList` as the page, and becomes the PDF
(questionnaire/pdf.py) and the plain text (:func:`as_text`), so all three say the same.
"""
import datetime
from dataclasses import dataclass, field

from django.utils import translation
from django.utils import dateformat
from django.utils.formats import get_format
from django.utils.translation import gettext, gettext_noop, pgettext

from .content_items import SOURCE_LANGUAGE
#: The fixed sentences, in English; each is translated where it is printed (gettext(EMERGENCY_LINE)),
#: so a caller can render a document in either language with translation.override.
EMERGENCY_LINE = gettext_noop("In an emergency, call your local emergency number.")
EDUCATION_ONLY = gettext_noop("For education only, not medical advice. Talk to your care team about your treatment.")
HOW_TO_USE = gettext_noop("How to use this list: bring it to your visit and hand it over at check-in. Go through your "
                          "most important questions first. Write the answers under each one.")
#: The same for a list with no question marked most important, and for a list with no question at all.
HOW_TO_USE_NO_TOP = gettext_noop("How to use this list: bring it to your visit and hand it over at check-in. "
                                 "Go through it with your care team. Write the answers under each one.")
EMPTY_LIST = gettext_noop("This list has no questions: none was ticked. Write the questions you want to ask "
                          "under Notes, and bring it to your visit.")
#: The text download is for sending in a message (a patient portal, an email), not for handing over.
IN_A_MESSAGE = gettext_noop("You can copy this list into a message to your care team before your visit. "
                            "Your most important questions come first.")
IN_A_MESSAGE_NO_TOP = gettext_noop("You can copy this list into a message to your care team before your visit.")
EMPTY_MESSAGE = gettext_noop("This list has no questions: none was ticked.")

#: The call-now signs, under the clinic's numbers: whom to call for which sign.
EMERGENCY_SIGNS_LINE = gettext_noop("Call your local emergency number for: %(signs)s.")
CARE_TEAM_SIGNS_LINE = gettext_noop("Call your care team now for: %(signs)s.")

#: Paper sizes a person can choose, as fpdf2 names them.
PAPER_SIZES = {"a4": "A4", "letter": "Letter"}


def paper_size_labels():
    """Each paper size as a person reads it, in the active language (PAPER_SIZES holds fpdf2's names)."""
    return {"a4": "A4", "letter": pgettext("paper size", "Letter")}

#: Regions whose paper is Letter; everywhere else uses A4.
LETTER_REGIONS = {"US", "CA", "MX", "PH", "CL", "CO", "VE", "CR", "GT", "PA", "PR", "DO", "SV", "NI"}

OWN_FROM_LINK = gettext_noop("(added by whoever made the link you opened)")
TITLE = gettext_noop("Questions for my appointment")
MOST_IMPORTANT = gettext_noop("Most important to me")
MORE_OF_MINE = gettext_noop("More of my questions")
MY_QUESTIONS = gettext_noop("My questions")
MY_OWN = gettext_noop("My own questions")
NOTES = gettext_noop("Notes")
WHEN_TO_CALL = gettext_noop("When to call")
FOR_CONDITION = gettext_noop("For: %(condition)s")
#: Said at the top of a list printed in two languages, in both, by the second language.
GLOSS_EXPLAINED = {
    "en": gettext_noop("Under each question, the same question in English, for the care team."),
    "es": gettext_noop("Under each question, the same question in Spanish."),
}
#: The state of a translation's review, by language: awaiting a native-speaking clinician, or signed off.
TRANSLATION_AWAITS = {"es": gettext_noop("The Spanish text awaits review by a native-speaking clinician.")}
TRANSLATION_REVIEWED = {"es": gettext_noop("The Spanish text was reviewed by %(name)s, %(role)s, on %(date)s.")}


def long_date(value, region=""):
    """A date written out as the active language writes it in the person's region: "December 7, 2026"
    in the US, "7 December 2026" elsewhere, "7 de diciembre de 2026".

    Django's own localised formats, for the language and region together (as "en-us"): the
    project's in immunoguide/formats, then Django's.
    """
    language = translation.get_language()
    return dateformat.format(value, get_format("DATE_FORMAT", lang=f"{language}-{region}" if region else language))


def region_of(accept_language):
    """The region of the first language-region in an Accept-Language header ("US"), or ""."""
    first = accept_language.split(",")[0].split(";")[0].strip()
    region = first.replace("_", "-").split("-")[1:2]
    return region[0].upper() if region and region[0].isalpha() else ""


def disclaimer():
    """The disclaimer and the emergency line, in the active language."""
    return f"{gettext(EDUCATION_ONLY)} {gettext(EMERGENCY_LINE)}"


def paper_for_language(accept_language):
    """"a4" or "letter" from the first language-region in an Accept-Language header."""
    return "letter" if region_of(accept_language) in LETTER_REGIONS else "a4"


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
    #: The medicines the person named, in words ("" when they named none).
    medicines: str = ""
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
    #: The language the list is printed in; and a second one, printed under each question for
    #: the care team ("" for none), with each question's text in it by slug, and the condition's.
    language: str = "en"
    gloss_language: str = ""
    glosses: dict = field(default_factory=dict)
    gloss_condition: str = ""
    #: The person's region ("US", or "" when unknown), which orders the dates (long_date).
    region: str = ""
    #: The call-now signs of the medicines the list speaks of (facts.Signs), or None.
    signs: object = None
    #: The person chose the larger text: the PDF prints larger too (pdf.LARGE_TYPE).
    large_type: bool = False

    @property
    def filename_stem(self):
        return f"immunoguide-questions-{self.date:%Y-%m-%d}"

    def sections(self):
        """(heading, [(question text, its gloss)]) in print order: most important, the rest,
        own questions. The gloss is the question in the second language, or ""."""
        qlist = self.question_list

        def entry(question):
            return question.text, self.glosses.get(question.slug, "")
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

    @property
    def is_empty(self):
        """True when nothing prints under the headings: no question kept and none of the person's own."""
        return not (self.question_list.kept or self.question_list.own)

    def how_to_use(self):
        """How to use the printed list, never promising questions it does not hold."""
        if self.is_empty:
            return gettext(EMPTY_LIST)
        return gettext(HOW_TO_USE if self.question_list.top else HOW_TO_USE_NO_TOP)

    def how_to_send(self):
        """The same for the text download, which is sent in a message rather than handed over."""
        if self.is_empty:
            return gettext(EMPTY_MESSAGE)
        return gettext(IN_A_MESSAGE if self.question_list.top else IN_A_MESSAGE_NO_TOP)

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

    def numbers_line(self):
        """The clinic's day and out-of-hours numbers, printed in the header: "" without a clinic."""
        return call_numbers_line(self.clinic) if self.clinic is not None else ""

    def call_now_lines(self):
        """The signs to call about at once, printed in the Notes' place beside the QR code, so they
        are on the paper at home: the emergency number's always; the care team's for medicines the
        person named (for a condition's usual medicines they run to four lines, and the short list
        must fit one page; its call-now question asks them). None on an empty list: it needs the
        Notes to write questions in."""
        if self.is_empty or not self.signs:
            return []
        lines = []
        care_team = self.signs.care_team if self.medicines else ()
        for message, signs in ((EMERGENCY_SIGNS_LINE, self.signs.emergency), (CARE_TEAM_SIGNS_LINE, care_team)):
            if signs:
                lines.append(gettext(message) % {"signs": "; ".join(s[:1].lower() + s[1:] for s in signs)})
        return lines

    def closing_heading(self):
        """The heading beside the QR code: "When to call" over the signs, else "Notes" over ruled lines."""
        return self.both(WHEN_TO_CALL if self.call_now_lines() else NOTES)

    def clinic_lines(self):
        return clinic_lines(self.clinic)

    def link_line(self):
        return gettext("Open this list again on any device until %(date)s:") % {
            "date": long_date(self.link_until, self.region)} if self.link else ""

    def qr_caption(self):
        return gettext("Scan the code to open this list on a phone or another device until %(date)s.") % {
            "date": long_date(self.link_until, self.region)} if self.link else ""

    def footer_line(self):
        return gettext("ImmunoGuide content version %(version)s, last reviewed %(date)s.") % {
            "version": self.version, "date": long_date(self.last_reviewed, self.region)} + f" {disclaimer()}"

    def date_text(self):
        return long_date(self.date, self.region)

    def last_reviewed_text(self):
        return long_date(self.last_reviewed, self.region)

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


def sign_off_line(content, region=""):
    """ "Content reviewed by ... on ..." when a sign-off covers this content, else that it awaits one;
    for content in another language, then the same of its translation."""
    release = content.sign_off
    if release is None:
        line = gettext("This content is awaiting clinical sign-off.")
    else:
        line = gettext("Content reviewed by %(name)s, %(role)s, on %(date)s.") % {
            "name": release.signed_off_by, "role": release.signed_off_role,
            "date": long_date(release.signed_off_on, region)}
    if content.language != SOURCE_LANGUAGE:
        line = f"{line} {translation_line(content, content.language, region)}"
    return line


def translation_line(content, language, region=""):
    """Whether a native-speaking clinician has signed off the text in ``language``, and who."""
    state = content.language_sign_off(language)
    if state is None:
        return gettext(TRANSLATION_AWAITS[language])
    return gettext(TRANSLATION_REVIEWED[language]) % {
        "name": state["signed_off_by"], "role": state["signed_off_role"],
        "date": long_date(datetime.date.fromisoformat(state["signed_off_on"]), region)}


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
        gettext("Date: %(date)s") % {"date": document.date_text()},
        document.condition_line(),
    ]
    if document.goal:
        lines.append(gettext("Aim of the treatment: %(goal)s") % {"goal": document.goal})
    if document.medicines:
        lines.append(gettext("Medicines: %(medicines)s") % {"medicines": document.medicines})
    if document.numbers_line():
        lines.append(document.numbers_line())
    lines += ["", document.how_to_send()]
    if document.gloss_line():
        lines.append(document.gloss_line())
    for heading, questions in document.sections():
        lines += ["", heading, "-" * len(heading)]
        for text, gloss in questions:
            lines.append(f"[ ] {text}")
            if gloss:
                lines.append(f"    {document.gloss_language.upper()}: {gloss}")
    if document.call_now_lines():
        lines += ["", *document.call_now_lines()]
    if document.link:
        lines += ["", document.link_line(), document.link]
    lines += ["", document.footer_line()]
    if document.closing_line():
        lines.append(document.closing_line())
    return "\n".join(lines) + "\n"


