"""The product's stable identifiers (PRODUCT.md, "Vocabulary").

Slugs are a public contract: fixtures, the ``recommend`` command's JSON and
the wizard's field values all use them. Labels may change; slugs do not.
"""
from django.db import models


class Goal(models.TextChoices):
    STRENGTHEN = "strengthen", "Strengthen the immune response"
    MODULATE = "modulate", "Re-balance (modulate) the immune response"
    DAMPEN = "dampen", "Calm (dampen) the immune response"
    UNSURE = "unsure", "I am not sure"


#: Goals a treatment can actually have; "unsure" is only an answer.
TREATMENT_GOALS = [Goal.STRENGTHEN, Goal.MODULATE, Goal.DAMPEN]


class ConditionGroup(models.TextChoices):
    CANCER = "cancer", "Cancer"
    AUTOIMMUNE = "autoimmune", "Autoimmune or inflammatory disease"
    TRANSPLANT = "transplant", "Organ or stem-cell transplant"
    ALLERGY = "allergy", "Allergy"
    OTHER = "other", "Something else"


#: Every condition slug, with its group (PRODUCT.md lists them).
CONDITIONS = {
    "melanoma": ConditionGroup.CANCER,
    "lung_cancer": ConditionGroup.CANCER,
    "lymphoma": ConditionGroup.CANCER,
    "leukemia": ConditionGroup.CANCER,
    "myeloma": ConditionGroup.CANCER,
    "colorectal_cancer": ConditionGroup.CANCER,
    "bladder_cancer": ConditionGroup.CANCER,
    "kidney_cancer": ConditionGroup.CANCER,
    "head_neck_cancer": ConditionGroup.CANCER,
    "breast_cancer": ConditionGroup.CANCER,
    "liver_cancer": ConditionGroup.CANCER,
    "other_cancer": ConditionGroup.CANCER,
    "rheumatoid_arthritis": ConditionGroup.AUTOIMMUNE,
    "lupus": ConditionGroup.AUTOIMMUNE,
    "multiple_sclerosis": ConditionGroup.AUTOIMMUNE,
    "type1_diabetes": ConditionGroup.AUTOIMMUNE,
    "crohns_disease": ConditionGroup.AUTOIMMUNE,
    "ulcerative_colitis": ConditionGroup.AUTOIMMUNE,
    "ankylosing_spondylitis": ConditionGroup.AUTOIMMUNE,
    "psoriasis": ConditionGroup.AUTOIMMUNE,
    "myasthenia_gravis": ConditionGroup.AUTOIMMUNE,
    "vasculitis": ConditionGroup.AUTOIMMUNE,
    "atopic_dermatitis": ConditionGroup.AUTOIMMUNE,
    "other_autoimmune": ConditionGroup.AUTOIMMUNE,
    "kidney_transplant": ConditionGroup.TRANSPLANT,
    "liver_transplant": ConditionGroup.TRANSPLANT,
    "heart_transplant": ConditionGroup.TRANSPLANT,
    "lung_transplant": ConditionGroup.TRANSPLANT,
    "stem_cell_transplant": ConditionGroup.TRANSPLANT,
    "other_transplant": ConditionGroup.TRANSPLANT,
    "hay_fever": ConditionGroup.ALLERGY,
    "allergic_asthma": ConditionGroup.ALLERGY,
    "insect_venom_allergy": ConditionGroup.ALLERGY,
    "food_allergy": ConditionGroup.ALLERGY,
    "chronic_hives": ConditionGroup.ALLERGY,
    "eosinophilic_esophagitis": ConditionGroup.ALLERGY,
    "other_allergy": ConditionGroup.ALLERGY,
    "not_listed": ConditionGroup.OTHER,
}


class Stage(models.TextChoices):
    CONSIDERING = "considering", "I am thinking about a treatment"
    STARTING = "starting", "I am about to start a treatment"
    ON_TREATMENT = "on_treatment", "I am having treatment now"
    FINISHED = "finished", "I have finished a treatment"


class Factor(models.TextChoices):
    AUTOIMMUNE_HISTORY = "autoimmune_history", "I have (or had) another autoimmune disease"
    TRANSPLANT_HISTORY = "transplant_history", "I have had an organ transplant"
    #: Pregnant now, planning, and a partner's plans are different situations (CONTENT.md).
    PREGNANCY = "pregnancy", "I am pregnant now"
    PREGNANCY_PLANNING = "pregnancy_planning", "I may get pregnant, or I am planning a pregnancy"
    PARTNER_PREGNANCY = "partner_pregnancy", "My partner may get pregnant, or we are planning a baby"
    BREASTFEEDING = "breastfeeding", "I am breastfeeding"
    INFECTION_HISTORY = "infection_history", (
        "I have (or had) an infection such as hepatitis B, tuberculosis or HIV"
    )
    VACCINES_DUE = "vaccines_due", "I have vaccines coming up"
    OTHER_MEDICINES = "other_medicines", "I take other medicines or supplements"
    AGE_65_PLUS = "age_65_plus", "I am 65 or older"


class Concern(models.TextChoices):
    SIDE_EFFECTS = "side_effects", "Side effects"
    EFFECTIVENESS = "effectiveness", "How well it works"
    ADMINISTRATION = "administration", "How it is given and how often"
    DAILY_LIFE = "daily_life", "Daily life and work"
    COST = "cost", "Cost and insurance"
    FERTILITY = "fertility", "Fertility and family planning"
    INFECTIONS = "infections", "Infections"
    LONG_TERM = "long_term", "Long-term effects"


class Theme(models.TextChoices):
    """Themes a question list is grouped by, in the order they are shown."""

    ABOUT = "about", "About the treatment"
    GOALS = "goals", "The goal of treatment"
    ADMINISTRATION = "administration", "How it is given"
    EFFECTIVENESS = "effectiveness", "Knowing if it works"
    SIDE_EFFECTS = "side_effects", "Side effects and when to call"
    TESTS = "tests", "Tests before and during treatment"
    MEDICINES = "medicines", "Other medicines and supplements"
    VACCINES = "vaccines", "Vaccines"
    INFECTIONS = "infections", "Infections"
    PREGNANCY = "pregnancy", "Pregnancy, fertility and breastfeeding"
    DAILY_LIFE = "daily_life", "Daily life, work and travel"
    COST = "cost", "Cost and insurance"
    LONG_TERM = "long_term", "Long-term effects and follow-up"
    STOPPING = "stopping", "If it does not work or I stop"
    OPTIONS = "options", "Other options and clinical trials"


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
    SAFETY = "safety", "Safety"
    MISMATCH = "mismatch", "About your goal"
    INFO = "info", "Good to know"


class QuestionPriority(models.TextChoices):
    """How a list is ranked (CONTENT.md): the four tiers of the short list, then the rest.

    A question carries one in the fixtures; a rule can raise the questions it
    adds to a higher tier for the answers that made it match.
    """

    SAFETY = "safety", "1. Safety, raised by the person's own answers"
    ABOUT = "about", "2. What the treatment is and why it fits me"
    CALL_NOW = "call_now", "3. Which symptoms mean calling straight away, and whom to call"
    CONCERN = "concern", "4. The person's concerns"
    MORE = "more", "More questions (not suggested)"


#: The tiers a suggested question comes from, best first.
SUGGESTED_PRIORITIES = [
    QuestionPriority.SAFETY, QuestionPriority.ABOUT, QuestionPriority.CALL_NOW, QuestionPriority.CONCERN]
