"""The plain, immutable items a content snapshot holds (content.py), one class per pool.

Items refer to each other by slug: a question's ``sources`` are source slugs,
a treatment type's ``category`` is a category slug.
"""
import datetime
from dataclasses import dataclass, field
from functools import cached_property

from .phones import tel_uri


#: The language every content field is written in first; the others translate it.
SOURCE_LANGUAGE = "en"


def item_language():
    """A field for an item's language: the language its texts are in, which is not content."""
    return field(default=SOURCE_LANGUAGE, compare=False)


@dataclass(frozen=True)
class Source:
    """A source is cited by its own title, in the language of the page it names: not translated."""

    slug: str
    organisation: str
    title: str
    url: str
    #: The conditions the page is about; empty: every condition (Content.sources_of).
    conditions: tuple = ()
    language: str = item_language()


#: The release's record of its sign-off: left out of the fingerprint it records.
SIGN_OFF_FIELDS = (
    "signed_off_by", "signed_off_role", "signed_off_on", "signed_off_summary", "signed_off_fingerprint")


@dataclass(frozen=True)
class ContentRelease:
    version: str
    published: datetime.date
    last_reviewed: datetime.date
    summary: str = ""
    written_by: str = ""
    reviewed_by: str = ""
    funding: str = ""
    conflicts_of_interest: str = ""
    update_policy: str = ""
    signed_off_by: str = ""
    signed_off_role: str = ""
    signed_off_on: datetime.date = None
    signed_off_summary: str = ""
    signed_off_fingerprint: str = ""
    languages: dict = field(default_factory=dict, compare=False, hash=False)
    language: str = item_language()

    @property
    def signed_off(self):
        """True when a sign-off is recorded; whether it still covers the content is
        :attr:`Content.sign_off`'s to say."""
        return bool(self.signed_off_by and self.signed_off_on and self.signed_off_fingerprint)


@dataclass(frozen=True)
class TherapyCategory:
    slug: str
    goal: str
    order: int
    title: str
    summary: str
    how_it_works: str
    how_given: str
    common_side_effects: str
    serious_side_effects: str
    call_now_signs: tuple = ()
    sources: tuple = ()
    last_reviewed: datetime.date = None
    language: str = item_language()


@dataclass(frozen=True)
class TreatmentType:
    slug: str
    category: str
    order: int
    title: str
    description: str
    examples: str = ""
    sources: tuple = ()
    last_reviewed: datetime.date = None
    language: str = item_language()


@dataclass(frozen=True)
class Medicine:
    slug: str
    treatment: str
    order: int
    name: str
    examples: str
    pregnancy: str
    breastfeeding: str
    father_matters: bool = False
    avoid_live_vaccines: bool = False
    tests_before: tuple = ()
    infection_prevention: tuple = ()
    #: Risk slug -> the stages (a tuple) it concerns.
    risks: dict = field(default_factory=dict, hash=False)
    steroid_sick_day: bool = False
    revaccination: bool = False
    given: tuple = ()
    interactions: tuple = ()
    baby_live_vaccines: bool = False
    #: Factor slugs of the situations that call for care with it (vocabulary.CAUTION_FACTORS).
    cautions: tuple = ()
    #: A vocabulary.PregnancyWait, and with "fixed" the wait as a duration ("P6W").
    pregnancy_wait_kind: str = ""
    pregnancy_wait: str = ""
    #: How long before the first dose live and other vaccines are given (durations).
    live_vaccine_lead: str = ""
    vaccine_lead: str = ""
    #: Sign slugs (vocabulary.Sign): its call-now signs.
    call_now: tuple = ()
    sources: tuple = ()
    last_reviewed: datetime.date = None
    language: str = item_language()

    def risk_at(self, risk, stage):
        return stage in self.risks.get(risk, ())


@dataclass(frozen=True)
class Condition:
    slug: str
    group: str
    order: int
    label: str
    hint: str = ""
    default_goal: str = ""
    usual_goals: tuple = ()
    adults_only: bool = False
    #: {"all": (slugs...), goal: (slugs...)}: its usual medicines (models.Condition.medicines).
    medicines: dict = field(default_factory=dict, hash=False)
    language: str = item_language()


@dataclass(frozen=True)
class Question:
    slug: str
    text: str
    theme: str
    priority: str = "more"
    order: int = 0
    goals: tuple = ()
    stages: tuple = ()
    fact: str = ""
    subject: str = ""
    sources: tuple = ()
    last_reviewed: datetime.date = None
    language: str = item_language()


@dataclass(frozen=True)
class Note:
    slug: str
    kind: str
    title: str
    text: str
    call_now: bool = False
    printed_by: tuple = ()
    sources: tuple = ()
    last_reviewed: datetime.date = None
    language: str = item_language()


@dataclass(frozen=True)
class GlossaryTerm:
    slug: str
    term: str
    definition: str
    matches: tuple = ()
    sources: tuple = ()
    last_reviewed: datetime.date = None
    language: str = item_language()


@dataclass(frozen=True)
class Clinic:
    """The clinic's profile (set in the admin): its name and numbers on the list it hands out."""

    name: str
    endorsement: str = ""
    day_phone: str = ""
    out_of_hours_phone: str = ""
    address: str = ""
    paper: str = ""
    language: str = item_language()

    @cached_property
    def day_phone_link(self):
        return tel_uri(self.day_phone)

    @cached_property
    def out_of_hours_phone_link(self):
        return tel_uri(self.out_of_hours_phone)


@dataclass(frozen=True)
class Rule:
    """A rule as the engine sees it: conditions and additions as tuples of slugs."""

    slug: str
    priority: int
    reason: str
    question_priority: str = ""
    goals: tuple = ()
    given_goals: tuple = ()
    conditions: tuple = ()
    condition_groups: tuple = ()
    stages: tuple = ()
    factors: tuple = ()
    concerns: tuple = ()
    categories: tuple = ()
    treatments: tuple = ()
    questions: tuple = ()
    notes: tuple = ()
    language: str = item_language()

    CONDITION_FIELDS = (
        "goals", "given_goals", "conditions", "condition_groups", "stages", "factors", "concerns")
    ADDITION_FIELDS = ("categories", "treatments", "questions", "notes")


#: The plain class each pool of a snapshot holds (the pools are named in registry.CONTENT).
ITEM_CLASSES = {
    "sources": Source, "release": ContentRelease, "categories": TherapyCategory,
    "treatments": TreatmentType, "medicines": Medicine, "conditions": Condition, "questions": Question,
    "notes": Note, "rules": Rule, "glossary": GlossaryTerm,
}
