"""The content that the rules engine works on.

Every model is keyed by its slug, so fixtures stay readable in review: a rule
lists ``"questions": ["ask-how-given", ...]`` rather than database ids.
List-valued conditions are JSON lists of vocabulary slugs; an empty list
means "any value".
"""
import uuid

from django.db import connections, models

from .durations import validate_duration
from .phones import validate_phone_number
from .vocabulary import (
    ConditionGroup, Fact, Goal, MedicineAdvice, NoteKind, PregnancyWait, QuestionPriority, Theme, TREATMENT_GOALS)


class Source(models.Model):
    """A reputable page that content rests on (docs/content-guide.md#sources)."""

    slug = models.SlugField(primary_key=True, max_length=80)
    organisation = models.CharField(max_length=200)
    title = models.CharField(max_length=300)
    url = models.URLField(max_length=500)
    conditions = models.ManyToManyField(
        "Condition", blank=True, related_name="+",
        help_text="The conditions this page is about, when it is about some only: a person with another "
                  "condition is not shown it. None: it holds for every condition.")

    class Meta:
        ordering = ["organisation", "title"]

    def __str__(self):
        return f"{self.organisation}: {self.title}"


class ContentRelease(models.Model):
    """The version and review date shown on every result and printout."""

    version = models.CharField(max_length=20, unique=True)
    published = models.DateField()
    last_reviewed = models.DateField()
    summary = models.TextField(blank=True)
    written_by = models.TextField(blank=True, help_text='Shown on "About this content".')
    reviewed_by = models.TextField(blank=True)
    funding = models.TextField(blank=True)
    conflicts_of_interest = models.TextField(blank=True)
    update_policy = models.TextField(blank=True)
    signed_off_by = models.CharField(
        max_length=120, blank=True, help_text="The clinician or health educator who signed this release off.")
    signed_off_role = models.CharField(max_length=120, blank=True, help_text='e.g. "Oncology nurse specialist".')
    signed_off_on = models.DateField(null=True, blank=True)
    signed_off_summary = models.TextField(
        blank=True, help_text="The content_diff summary the reviewer read before signing off.")
    signed_off_fingerprint = models.CharField(
        max_length=64, blank=True, help_text="The content as signed off, so a later change shows (see sign_off).")
    languages = models.JSONField(
        default=dict, blank=True,
        help_text='Each translation\'s state, by language: {"es": {"status": "complete" or "partial", '
                  '"last_reviewed": "YYYY-MM-DD", "signed_off_by": "", "signed_off_role": "", "signed_off_on": ""}}.')

    class Meta:
        ordering = ["-published", "-version"]
        get_latest_by = "published"

    def __str__(self):
        return f"Content {self.version}"


class ReviewedContent(models.Model):
    """Fields every patient-facing item has: a slug, sources and a review date."""

    slug = models.SlugField(primary_key=True, max_length=80)
    sources = models.ManyToManyField(Source, blank=True)
    last_reviewed = models.DateField()

    class Meta:
        abstract = True


class TherapyCategory(ReviewedContent):
    """Stimulating, modulating or suppressive immunotherapy: one per goal."""

    goal = models.CharField(max_length=20, choices=[(g.value, g.label) for g in TREATMENT_GOALS])
    order = models.PositiveSmallIntegerField(default=0)
    title = models.CharField(max_length=120)
    summary = models.TextField(help_text="What it is, in a few plain sentences.")
    how_it_works = models.TextField()
    how_given = models.TextField()
    common_side_effects = models.TextField()
    serious_side_effects = models.TextField(help_text="Serious side effects and when to call the care team.")
    call_now_signs = models.JSONField(
        default=list, help_text="Warning signs that mean calling the care team straight away.")

    class Meta:
        ordering = ["order", "slug"]
        verbose_name_plural = "therapy categories"

    def __str__(self):
        return self.title


class TreatmentType(ReviewedContent):
    category = models.ForeignKey(TherapyCategory, on_delete=models.PROTECT, related_name="treatments")
    order = models.PositiveSmallIntegerField(default=0)
    title = models.CharField(max_length=120)
    description = models.TextField()
    examples = models.CharField(max_length=500)

    class Meta:
        ordering = ["category__order", "order", "slug"]

    def __str__(self):
        return self.title


class Medicine(ReviewedContent):
    """A medicine family inside one treatment type, with the safety facts its questions come from
    (docs/content-format.md#the-medicine-knowledge-base). Fact lists hold vocabulary slugs."""

    treatment = models.ForeignKey(TreatmentType, on_delete=models.PROTECT, related_name="medicines")
    order = models.PositiveSmallIntegerField(default=0)
    name = models.CharField(max_length=80, help_text='As it sits in a sentence: "methotrexate", "TNF blockers".')
    examples = models.CharField(max_length=300, help_text="Generic and common brand names.")
    pregnancy = models.CharField(max_length=20, choices=MedicineAdvice.choices)
    father_matters = models.BooleanField(
        default=False, help_text="It matters for a pregnancy when the father takes it.")
    breastfeeding = models.CharField(max_length=20, choices=MedicineAdvice.choices)
    avoid_live_vaccines = models.BooleanField(default=False)
    tests_before = models.JSONField(default=list, blank=True, help_text="TestBeforeStarting slugs.")
    infection_prevention = models.JSONField(default=list, blank=True, help_text="Prevention slugs.")
    risks = models.JSONField(
        default=dict, blank=True, help_text='Risk slug -> the stages it concerns: {"cytokine_release": ["considering"]}.')
    steroid_sick_day = models.BooleanField(
        default=False, help_text="Sick-day rules and the steroid emergency card: systemic courses only.")
    revaccination = models.BooleanField(default=False, help_text="Childhood vaccines are given again after it.")
    given = models.JSONField(default=list, blank=True, help_text="Given slugs: how it is given.")
    interactions = models.JSONField(
        default=list, blank=True, help_text="Interaction slugs: other medicines and foods that clash with it.")
    baby_live_vaccines = models.BooleanField(
        default=False, help_text="Taken late in pregnancy, the baby's live vaccines (rotavirus, BCG) may wait.")
    cautions = models.JSONField(
        default=list, blank=True,
        help_text="Factor slugs of the situations that call for care with it: a question names it for them.")
    pregnancy_wait_kind = models.CharField(
        max_length=10, blank=True, choices=PregnancyWait.choices,
        help_text="For a medicine to avoid in pregnancy: how long it is stopped before trying.")
    pregnancy_wait = models.CharField(
        max_length=8, blank=True, validators=[validate_duration],
        help_text='With "fixed": the time from the last dose to trying, birth control until then ("P6W").')
    live_vaccine_lead = models.CharField(
        max_length=8, blank=True, validators=[validate_duration],
        help_text='How long before the first dose live vaccines are given ("P4W").')
    vaccine_lead = models.CharField(
        max_length=8, blank=True, validators=[validate_duration],
        help_text='How long before the first dose other vaccines are given ("P2W").')
    call_now = models.JSONField(
        default=list, blank=True, help_text="Sign slugs: its call-now signs (docs/content-format.md#call-now-signs).")

    class Meta:
        ordering = ["treatment__order", "order", "slug"]

    def __str__(self):
        return self.name


class Condition(models.Model):
    """What a treatment is for; its usual goals let the engine spot a mismatch."""

    slug = models.SlugField(primary_key=True, max_length=80)
    group = models.CharField(max_length=20, choices=ConditionGroup.choices)
    order = models.PositiveSmallIntegerField(default=0)
    label = models.CharField(max_length=120)
    hint = models.CharField(max_length=200, blank=True)
    default_goal = models.CharField(
        max_length=20, blank=True, choices=[(g.value, g.label) for g in TREATMENT_GOALS],
        help_text="Used when the person is not sure of the goal. Blank: cannot be told.")
    usual_goals = models.JSONField(
        default=list, blank=True,
        help_text="Goals treatments for this condition usually have. Empty: any goal fits.")
    adults_only = models.BooleanField(
        default=False, help_text="The content on it is written for adults: a parent cannot answer for a child.")
    medicines = models.JSONField(
        default=dict, blank=True,
        help_text='Its usual medicine slugs: {"all": [...]} whatever the aim, and a goal\'s own list only '
                  'where the aim chooses other medicines, e.g. {"modulate": ["allergy_shots"]}.')

    class Meta:
        ordering = ["order", "slug"]

    def __str__(self):
        return self.label


class Question(ReviewedContent):
    """One question to ask the doctor, shown when a matching rule adds it."""

    text = models.TextField()
    theme = models.CharField(max_length=20, choices=Theme.choices)
    priority = models.CharField(
        max_length=10, choices=QuestionPriority.choices, default=QuestionPriority.MORE,
        help_text="Its tier in the short list (docs/content-guide.md#how-a-list-is-ranked); "
                  "a rule can raise it for the answers that matched.")
    order = models.PositiveSmallIntegerField(default=0)
    goals = models.JSONField(default=list, blank=True, help_text="Goals it fits. Empty: all.")
    stages = models.JSONField(default=list, blank=True, help_text="Stages it fits. Empty: all.")
    fact = models.CharField(
        max_length=30, blank=True, choices=Fact.choices,
        help_text="A template: added when this fact holds for the person's medicines, its {medicines} filled in.")
    subject = models.SlugField(
        max_length=40, blank=True,
        help_text="Questions on the same theme and subject say the same thing: a list keeps the first.")

    class Meta:
        ordering = ["order", "slug"]

    def __str__(self):
        return self.text


class Note(ReviewedContent):
    """A short note on the result: a safety point, a goal mismatch or extra information."""

    kind = models.CharField(max_length=10, choices=NoteKind.choices)
    title = models.CharField(
        max_length=120, help_text="The box's own heading, e.g. \"Vaccines while your immune system is calmed\".")
    text = models.TextField()
    call_now = models.BooleanField(
        default=False, help_text='Shown inside the one "When to call straight away" box, not as a box of its own.')
    printed_by = models.JSONField(
        default=list, blank=True,
        help_text="A safety note: the questions that print its point. Wherever the note shows, one of them is "
                  "suggested, since the screen's notes are not printed (clinical rule 13).")

    class Meta:
        ordering = ["slug"]

    def __str__(self):
        return f"{self.get_kind_display()}: {self.slug}"


class GlossaryTerm(ReviewedContent):
    """A medical word, explained in plain words wherever a result page uses it."""

    term = models.CharField(max_length=80)
    definition = models.TextField()
    matches = models.JSONField(
        default=list, help_text='Lower-case words or phrases that count as using it, e.g. ["t cell", "t-cell"].')

    class Meta:
        ordering = ["term"]

    def __str__(self):
        return self.term


class Rule(models.Model):
    """When the answers meet every listed condition, add what the rule lists.

    ``goals`` is matched against the goal the engine uses (after inference);
    ``given_goals`` against the goal as the person gave it, which is what a
    mismatch note needs.  ``factors`` and ``concerns`` hold when any listed
    value was chosen.
    """

    slug = models.SlugField(primary_key=True, max_length=80)
    priority = models.IntegerField(default=0, help_text="Higher first.")
    question_priority = models.CharField(
        max_length=10, blank=True, choices=QuestionPriority.choices,
        help_text="Raise the questions this rule adds to this tier, when it matches. Blank: leave them.")
    reason = models.CharField(
        max_length=300, help_text='Shown under "Why am I seeing this?", e.g. "You said ...".')
    goals = models.JSONField(default=list, blank=True)
    given_goals = models.JSONField(default=list, blank=True)
    conditions = models.JSONField(default=list, blank=True)
    condition_groups = models.JSONField(default=list, blank=True)
    stages = models.JSONField(default=list, blank=True)
    factors = models.JSONField(default=list, blank=True)
    concerns = models.JSONField(default=list, blank=True)
    categories = models.ManyToManyField(TherapyCategory, blank=True)
    treatments = models.ManyToManyField(TreatmentType, blank=True)
    questions = models.ManyToManyField(Question, blank=True)
    notes = models.ManyToManyField(Note, blank=True)

    class Meta:
        ordering = ["-priority", "slug"]

    def __str__(self):
        return self.slug


class ClinicProfile(models.Model):
    """The clinic that hands the list out: its name and numbers on the result page and every printout.

    One per deployment; without one, the pages say "your care team".
    """

    PAPER_CHOICES = [("", "As the person's browser language suggests"), ("a4", "A4"), ("letter", "Letter")]

    name = models.CharField(max_length=120, help_text='As patients know it, e.g. "Riverside Rheumatology Clinic".')
    endorsement = models.CharField(
        max_length=200, blank=True,
        help_text='One line from the care team, e.g. "We look forward to going through your questions with you."')
    day_phone = models.CharField(
        max_length=40, validators=[validate_phone_number], help_text="The number to call in the day.")
    out_of_hours_phone = models.CharField(
        max_length=40, validators=[validate_phone_number], help_text="The number to call at night and at weekends.")
    address = models.CharField(max_length=200, blank=True, help_text="One line, optional.")
    paper = models.CharField(
        max_length=10, choices=PAPER_CHOICES, default="", blank=True,
        help_text="The paper size a printout uses until the person chooses another. "
                  "Blank: Letter for a US English browser, A4 elsewhere.")

    class Meta:
        verbose_name = "clinic profile"

    def __str__(self):
        return self.name


class ContentStamp(models.Model):
    """Changes whenever any content changes, so every app server knows to reload.

    A fresh random token (not a counter) on each change: a rolled-back change
    can never be mistaken for a later, real one.
    """

    token = models.CharField(max_length=32)

    @classmethod
    def bump(cls, using="default"):
        cls.objects.using(using).update_or_create(pk=1, defaults={"token": uuid.uuid4().hex})

    @classmethod
    def current(cls, using="default"):
        """The token, in one plain query: every page asks, so it skips building the ORM's SQL."""
        connection = connections[using]
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT token FROM {connection.ops.quote_name(cls._meta.db_table)} WHERE id = 1")
            row = cursor.fetchone()
        return row[0] if row else None
