"""The product's stable identifiers (docs/product.md#vocabulary).

Slugs are a public contract: fixtures, the ``recommend`` command's JSON and
the wizard's field values all use them. Labels may change; slugs do not.
Conditions are content: their slugs and groups live in fixtures/conditions.json
alone (docs/product.md#conditions).
"""
from django.db import models
from django.utils.translation import gettext_lazy as _


class Goal(models.TextChoices):
    STRENGTHEN = "strengthen", _("Strengthen the immune response")
    MODULATE = "modulate", _("Re-balance (modulate) the immune response")
    DAMPEN = "dampen", _("Calm (dampen) the immune response")
    UNSURE = "unsure", _("I am not sure")


#: Goals a treatment can actually have; "unsure" is only an answer.
TREATMENT_GOALS = [Goal.STRENGTHEN, Goal.MODULATE, Goal.DAMPEN]


class ConditionGroup(models.TextChoices):
    CANCER = "cancer", _("Cancer")
    AUTOIMMUNE = "autoimmune", _("Autoimmune or inflammatory disease")
    TRANSPLANT = "transplant", _("Organ or stem-cell transplant")
    ALLERGY = "allergy", _("Allergy")
    OTHER = "other", _("Something else")


class Stage(models.TextChoices):
    CONSIDERING = "considering", _("I am thinking about a treatment")
    STARTING = "starting", _("I am about to start a treatment")
    ON_TREATMENT = "on_treatment", _("I am having treatment now")
    FINISHED = "finished", _("I have finished a treatment")


class Factor(models.TextChoices):
    AUTOIMMUNE_HISTORY = "autoimmune_history", _("I have (or had) another autoimmune disease")
    TRANSPLANT_HISTORY = "transplant_history", _("I have had an organ transplant")
    #: Pregnant now, planning, and a partner's plans are different situations (docs/content-guide.md#lessons).
    PREGNANCY = "pregnancy", _("I am pregnant now")
    PREGNANCY_PLANNING = "pregnancy_planning", _("I may get pregnant, or I am planning a pregnancy")
    PARTNER_PREGNANCY = "partner_pregnancy", _("My partner may get pregnant, or we are planning a baby")
    BREASTFEEDING = "breastfeeding", _("I am breastfeeding")
    INFECTION_HISTORY = "infection_history", _(
        "I have (or had) an infection such as hepatitis B, tuberculosis or HIV"
    )
    VACCINES_DUE = "vaccines_due", _("I have vaccines coming up")
    OTHER_MEDICINES = "other_medicines", _("I take other medicines or supplements")
    AGE_65_PLUS = "age_65_plus", _("I am 65 or older")


class Concern(models.TextChoices):
    SIDE_EFFECTS = "side_effects", _("Side effects")
    EFFECTIVENESS = "effectiveness", _("How well it works")
    ADMINISTRATION = "administration", _("How it is given and how often")
    DAILY_LIFE = "daily_life", _("Daily life and work")
    COST = "cost", _("Cost and insurance")
    FERTILITY = "fertility", _("Fertility and family planning")
    INFECTIONS = "infections", _("Infections")
    LONG_TERM = "long_term", _("Long-term effects")


class Theme(models.TextChoices):
    """Themes a question list is grouped by, in the order they are shown."""

    ABOUT = "about", _("About the treatment")
    GOALS = "goals", _("The goal of treatment")
    ADMINISTRATION = "administration", _("How it is given")
    EFFECTIVENESS = "effectiveness", _("Knowing if it works")
    SIDE_EFFECTS = "side_effects", _("Side effects and when to call")
    TESTS = "tests", _("Tests before and during treatment")
    MEDICINES = "medicines", _("Other medicines and supplements")
    VACCINES = "vaccines", _("Vaccines")
    INFECTIONS = "infections", _("Infections")
    PREGNANCY = "pregnancy", _("Pregnancy, fertility and breastfeeding")
    DAILY_LIFE = "daily_life", _("Daily life, work and travel")
    COST = "cost", _("Cost and insurance")
    LONG_TERM = "long_term", _("Long-term effects and follow-up")
    STOPPING = "stopping", _("If it does not work or I stop")
    OPTIONS = "options", _("Other options and clinical trials")


#: The theme each concern brings to the top of the question list.
CONCERN_THEMES = {
    Concern.SIDE_EFFECTS: Theme.SIDE_EFFECTS,
    Concern.EFFECTIVENESS: Theme.EFFECTIVENESS,
    Concern.ADMINISTRATION: Theme.ADMINISTRATION,
    Concern.DAILY_LIFE: Theme.DAILY_LIFE,
    Concern.COST: Theme.COST,
    Concern.FERTILITY: Theme.PREGNANCY,
    Concern.INFECTIONS: Theme.INFECTIONS,
    Concern.LONG_TERM: Theme.LONG_TERM,
}


class NoteKind(models.TextChoices):
    SAFETY = "safety", _("Safety")
    MISMATCH = "mismatch", _("About your goal")
    INFO = "info", _("Good to know")


class QuestionPriority(models.TextChoices):
    """How a list is ranked (docs/content-guide.md#how-a-list-is-ranked): the four tiers of the short list, then the rest.

    A question carries one in the fixtures; a rule can raise the questions it
    adds to a higher tier for the answers that made it match.
    """

    SAFETY = "safety", _("1. Safety, raised by the person's own answers")
    ABOUT = "about", _("2. What the treatment is and why it fits me")
    CALL_NOW = "call_now", _("3. Which symptoms mean calling straight away, and whom to call")
    CONCERN = "concern", _("4. The person's concerns")
    MORE = "more", _("More questions (not suggested)")


#: The tiers a suggested question comes from, best first.
SUGGESTED_PRIORITIES = [
    QuestionPriority.SAFETY, QuestionPriority.ABOUT, QuestionPriority.CALL_NOW, QuestionPriority.CONCERN]
