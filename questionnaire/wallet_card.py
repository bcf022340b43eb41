"""The wallet card for emergencies: what it says, as plain data and text (docs/product.md#wallet-card).

A credit-card-size card folded in two: on the front, the person's medicines (or their kind of
treatment) and the signs to call about; on the back, a few lines for an emergency doctor and
the care team's numbers. It is built from the session's answers on each request and never
stored. card_pdf.py prints it; the card page shows it with a print stylesheet.

The lines for the doctor say only what the facts of the person's own medicines hold (a risk a
medicine lists, or its steroid sick-day rule), and nothing at all about a medicine the person
did not name: saying less beats saying something wrong (docs/content-guide.md).
"""
from dataclasses import dataclass, field, replace

from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext, gettext_noop

from .engine import recommend
from .facts import MAX_NAMED, call_now_signs, medicine_names, text_list
from .printout import EMERGENCY_LINE
from .vocabulary import Risk, Stage

#: The language choices of the card page: one language, or both on one card.
BOTH = "both"

TITLE = gettext_noop("Emergency card: immune treatment")
MY_MEDICINES = gettext_noop("My medicines:")
MY_TREATMENT = gettext_noop("My treatment:")
CALL_EMERGENCY = gettext_noop("Call your local emergency number for:")
CALL_CARE_TEAM = gettext_noop("Call your care team now for:")
CARE_TEAM_FALLBACK = gettext_noop("If you cannot reach your care team, get emergency care.")
#: Said after the emergency signs, in full, when the care team's signs do not all fit on the card.
MORE_SIGNS = gettext_noop("and other signs: see your list")
FOR_THE_DOCTOR = gettext_noop("For an emergency doctor")
#: The first line for the doctor, by the person's stage.
TREATED_WITH = {
    str(Stage.CONSIDERING): gettext_noop("I may start treatment with %(medicines)s."),
    str(Stage.STARTING): gettext_noop("I am treated with %(medicines)s."),
    str(Stage.ON_TREATMENT): gettext_noop("I am treated with %(medicines)s."),
    str(Stage.FINISHED): gettext_noop("I was treated with %(medicines)s."),
}
#: For a person who named no medicine: the card does not guess which of the usual ones they take.
TREATED_UNNAMED = gettext_noop("I am on a treatment that acts on my immune system (written on the front).")
CONTACT_CARE_TEAM = gettext_noop("Please contact my care team.")
#: Said instead of CONTACT_CARE_TEAM when lines for the doctor were left off to fit.
MORE_FOR_THE_DOCTOR = gettext_noop("My care team can tell you more about my treatment: please contact them.")
MY_NAME = gettext_noop("My name:")
CARE_TEAM = gettext_noop("Care team:")
DAY_PHONE = gettext_noop("Day phone:")
NIGHT_PHONE = gettext_noop("Nights and weekends:")

#: What the doctor is told, by the risk (or steroid sick-day rule) of the person's own medicines
#: it rests on, in this order. Each is true of every medicine whose facts list it; none names a
#: treatment or a dose. Only checkpoint immune side effects say steroids may be needed: that is
#: how they are usually treated (content-guide.md), which is not so of an infection.
DOCTOR_LINES = (
    (str(Risk.IMMUNE_SIDE_EFFECTS), gettext_noop(
        "%(medicines)s can cause immune side effects in any organ, even months after the last dose, "
        "and steroids may be needed.")),
    (str(Risk.CYTOKINE_RELEASE), gettext_noop("%(medicines)s can cause cytokine release syndrome.")),
    (str(Risk.NERVE_EFFECTS), gettext_noop("%(medicines)s can cause effects on the nerves and the brain.")),
    (str(Risk.ANAPHYLAXIS), gettext_noop("%(medicines)s can cause a severe allergic reaction (anaphylaxis).")),
    (str(Risk.SERIOUS_INFECTIONS), gettext_noop("%(medicines)s can make infections more likely and more serious.")),
    (str(Risk.LIVE_AGENT), gettext_noop("%(medicines)s can cause an infection with a live germ or virus.")),
    ("steroid_sick_day", gettext_noop(
        "Taken for more than a few weeks, %(medicines)s can mean that extra steroid is needed in a "
        "serious illness, an injury or surgery.")),
)


_FINISHED = str(Stage.FINISHED)


def _holds(medicine, key, stage):
    """A line holds for a medicine whose facts list its risk; once treatment has ended, only for a
    risk whose facts name that stage too (immune side effects that start months later)."""
    if key == "steroid_sick_day":
        return medicine.steroid_sick_day and stage != _FINISHED
    stages = medicine.risks.get(key)
    return stages is not None and (stage != _FINISHED or _FINISHED in stages)


@dataclass(frozen=True)
class CardText:
    """The card's words in one language."""

    language: str
    title: str
    #: "My medicines:" with their names, or "My treatment:" with its kind when none is named.
    treatment_label: str
    treatment: str
    #: True when no medicine is named: the card leaves a line to write it in.
    write_medicine: bool
    emergency_heading: str
    emergency: tuple
    care_team_heading: str
    care_team: tuple
    care_team_fallback: str
    #: "and other signs: see your list" when care-team signs were left off to fit, else "".
    more_signs: str
    #: The emergency line, said when no sign calls the emergency number.
    emergency_line: str
    doctor_heading: str
    doctor_lines: tuple
    labels: dict = field(default_factory=dict, hash=False)
    #: The treatment and the doctor's first line naming at most facts.MAX_NAMED medicines, then
    #: "others": the last resort of a card too full for every name.
    short_names: tuple = ("", "")

    def with_short_names(self):
        if not self.short_names[0]:
            return self
        return replace(self, treatment=self.short_names[0], doctor_lines=(self.short_names[1], *self.doctor_lines[1:]))

    def with_doctor_lines(self, count):
        """The same words with only the first ``count`` of the lines on the medicines' risks, and
        the last line saying the care team can tell more."""
        intro, *risks, contact = self.doctor_lines
        if count >= len(risks):
            return self
        with translation.override(self.language):
            return replace(self, doctor_lines=(intro, *risks[:count], gettext(MORE_FOR_THE_DOCTOR)))

    def without_care_team_signs_after(self, count):
        """The same words with only the first ``count`` care-team signs, and saying others were left off."""
        if count >= len(self.care_team):
            return self
        with translation.override(self.language):
            return replace(self, care_team=self.care_team[:count], more_signs=gettext(MORE_SIGNS))


@dataclass(frozen=True)
class WalletCard:
    """The whole card: its words in one or two languages, and the clinic's name and numbers (or
    none: blank lines to write them in)."""

    sides: tuple
    clinic: object = None
    #: The paper the PDF prints the card on ("a4" or "letter").
    paper: str = "a4"
    date: object = None
    #: True when the front, the person's side, is in the first language alone (the back, the
    #: doctor's, keeps both): a card in two languages with no room for both on the front.
    front_in_first_language: bool = False

    @property
    def languages(self):
        return tuple(side.language for side in self.sides)

    @property
    def front(self):
        """The words on the front, by language."""
        return self.sides[:1] if self.front_in_first_language else self.sides

    def with_front_in_first_language(self):
        return replace(self, front_in_first_language=len(self.sides) > 1)

    def label(self, key):
        """A fixed label in every language of the card, joined: "Day phone: / Teléfono de día:"."""
        return " / ".join(text for _, text in self.label_parts(key))

    def label_parts(self, key):
        """(language, text) of a fixed label in each language of the card: a page marks each one's language."""
        return [(side.language, side.labels[key]) for side in self.sides]

    def title(self):
        return " / ".join(text for _, text in self.title_parts())

    def title_parts(self):
        return [(side.language, side.title) for side in self.sides]

    def clinic_rows(self):
        """(label, value) for the back: the clinic's name and numbers, or "" to leave a line to write on."""
        return [(self.label(key), value) for key, value in self._clinic_values()]

    def clinic_rows_parts(self):
        """The same with each label's parts by language (label_parts)."""
        return [(self.label_parts(key), value) for key, value in self._clinic_values()]

    def _clinic_values(self):
        clinic = self.clinic
        return [("my_name", ""), ("care_team", clinic.name if clinic else ""),
                ("day_phone", clinic.day_phone if clinic else ""),
                ("night_phone", clinic.out_of_hours_phone if clinic else "")]

    def care_team_signs(self):
        return sum(len(side.care_team) for side in self.sides)

    def trimmed(self, count):
        """The card with at most ``count`` care-team signs in each language."""
        return replace(self, sides=tuple(side.without_care_team_signs_after(count) for side in self.sides))

    def shortened_for_the_doctor(self, first, others):
        """The card with at most ``first`` lines on the medicines' risks in its first language, and
        ``others`` in the second (the first already says them in full)."""
        return replace(self, sides=tuple(side.with_doctor_lines(first if n == 0 else others)
                                         for n, side in enumerate(self.sides)))

    def in_first_language(self):
        return replace(self, sides=self.sides[:1], front_in_first_language=False)

    def with_short_names(self):
        return replace(self, sides=tuple(side.with_short_names() for side in self.sides))

    def risk_lines(self):
        return max((len(side.doctor_lines) - 2 for side in self.sides), default=0)

    def texts(self):
        """Every text of the card, for the fonts it needs (the clinic's may be in any script)."""
        texts = [self.title(), *(value for _, value in self.clinic_rows()), *(label for label, _ in self.clinic_rows())]
        for side in self.sides:
            texts += [side.treatment_label, side.treatment, side.emergency_heading, *side.emergency,
                      side.care_team_heading, *side.care_team, side.care_team_fallback, side.more_signs,
                      side.emergency_line, side.doctor_heading, *side.doctor_lines]
        return texts


def card_languages(choice):
    """The languages of a card page's choice: "en", "es", or both (the site's languages, in its order)."""
    if choice == BOTH:
        return tuple(code for code, _ in settings.LANGUAGES)
    return (choice,)


def default_choice(language):
    """The default: a card in the site's first language speaks it alone; a card in another carries
    the first language too, for a doctor who may not read it (as the printed list does)."""
    return language if language == settings.LANGUAGE_CODE else BOTH


def ordered(languages, first):
    """The card's languages with the page's own first."""
    return tuple(sorted(languages, key=lambda code: code != first))


def build_card(answers, content, languages, clinic=None, paper="a4", date=None):
    """The card for these answers in ``languages`` (the first leads), from the engine's result in each."""
    sides = []
    for language in languages:
        with translation.override(language):
            sides.append(card_text(recommend(answers, content.in_language(language)), language))
    return WalletCard(sides=tuple(sides), clinic=clinic, paper=paper, date=date)


def card_text(result, language):
    """The card's words for a result, in the active language."""
    named = result.medicines if result.medicines_named else []
    signs = call_now_signs(result.medicines)
    care_team = signs.care_team or (() if signs else tuple(result.call_now_signs()))
    stage = result.answers.stage
    short_names = ("", "")
    if named:
        label, treatment = gettext(MY_MEDICINES), medicine_names(named)
        if len(named) > MAX_NAMED:
            short = medicine_names(named, MAX_NAMED)
            short_names = (short, gettext(TREATED_WITH[stage]) % {"medicines": short})
    else:
        label, treatment = gettext(MY_TREATMENT), text_list(c.title for c in result.categories)
    return CardText(
        language=language,
        title=gettext(TITLE),
        treatment_label=label,
        treatment=treatment,
        write_medicine=not named,
        emergency_heading=gettext(CALL_EMERGENCY),
        emergency=signs.emergency,
        care_team_heading=gettext(CALL_CARE_TEAM),
        care_team=care_team,
        care_team_fallback=gettext(CARE_TEAM_FALLBACK),
        more_signs="",
        emergency_line="" if signs.emergency else gettext(EMERGENCY_LINE),
        doctor_heading=gettext(FOR_THE_DOCTOR),
        doctor_lines=doctor_lines(named, stage),
        short_names=short_names,
        labels={"my_name": gettext(MY_NAME), "care_team": gettext(CARE_TEAM), "day_phone": gettext(DAY_PHONE),
                "night_phone": gettext(NIGHT_PHONE), "my_medicines": gettext(MY_MEDICINES)},
    )


def doctor_lines(named, stage):
    """What an emergency doctor reads: the named medicines, what their facts say matters in an
    emergency (each line naming the medicines it holds for), and to contact the care team."""
    if not named:
        return gettext(TREATED_UNNAMED), gettext(CONTACT_CARE_TEAM)
    lines = [gettext(TREATED_WITH[stage]) % {"medicines": medicine_names(named)}]
    for key, line in DOCTOR_LINES:
        holding = [m for m in named if _holds(m, key, stage)]
        if holding:
            lines.append(_capitalised(gettext(line) % {"medicines": medicine_names(holding)}))
    return (*lines, gettext(CONTACT_CARE_TEAM))


def _capitalised(text):
    """The sentence's first letter in capitals, unless its first word has capitals of its own (mTOR)."""
    first = text.split(" ", 1)[0]
    return text[:1].upper() + text[1:] if first == first.lower() else text
