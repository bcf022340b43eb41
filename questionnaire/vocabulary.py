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
    IMMUNE_DEFICIENCY = "immune_deficiency", _("Immune deficiency")
    OTHER = "other", _("Something else")


class Stage(models.TextChoices):
    CONSIDERING = "considering", _("I am thinking about a treatment")
    STARTING = "starting", _("I am about to start a treatment")
    ON_TREATMENT = "on_treatment", _("I am having treatment now")
    FINISHED = "finished", _("I have finished a treatment")


class Factor(models.TextChoices):
    #: A parent answering for a child: the list gains questions worded for the parent, and the
    #: choice is offered only where the content fits children (Condition.adults_only).
    CHILD = "child", _("I am a parent, preparing for my child's treatment")
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
    #: The situations of the third release: each one raises its own safety question, and names
    #: the medicines whose facts list it among their cautions (Medicine.cautions).
    SERIOUS_SIDE_EFFECT_NOW = "serious_side_effect_now", _(
        "I am being treated for a serious side effect now, or I take steroids for one")
    SURGERY_OR_DENTAL_SOON = "surgery_or_dental_soon", _("I have surgery or dental work coming up")
    INFECTION_NOW = "infection_now", _("I have an infection now")
    CANCER_HISTORY = "cancer_history", _("I have had cancer before")
    HEART_FAILURE_OR_DEMYELINATION = "heart_failure_or_demyelination", _(
        "I have heart failure, or a nerve disease such as multiple sclerosis (MS)")
    SMOKER = "smoker", _("I smoke, or I used to smoke")


#: The situations a medicine's facts can list as cautions (Medicine.cautions).
CAUTION_FACTORS = [Factor.SERIOUS_SIDE_EFFECT_NOW, Factor.SURGERY_OR_DENTAL_SOON, Factor.INFECTION_NOW,
                   Factor.CANCER_HISTORY, Factor.HEART_FAILURE_OR_DEMYELINATION, Factor.SMOKER]


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


class MedicineAdvice(models.TextChoices):
    """What a medicine's label and guidelines say for pregnancy or breastfeeding."""

    AVOID = "avoid", _("Avoid: stop before, with time to clear")
    DISCUSS = "discuss", _("Discuss: weigh it with the care team")
    USUALLY_CONTINUED = "usually_continued", _("Usually continued")


class TestBeforeStarting(models.TextChoices):
    """Tests a medicine's facts ask for before it starts; the labels fill "{tests}"."""

    HEPATITIS_B = "hepatitis_b", _("hepatitis B")
    HEPATITIS_C = "hepatitis_c", _("hepatitis C")
    HIV = "hiv", _("HIV")
    TB = "tb", _("tuberculosis (TB)")
    CHICKENPOX = "chickenpox", _("chickenpox immunity")
    EBV = "ebv", _("Epstein-Barr virus (EBV)")
    JC_VIRUS = "jc_virus", _("JC virus")
    TPMT = "tpmt", _("a blood test (TPMT or NUDT15) of how your body breaks down the medicine")
    G6PD = "g6pd", _("G6PD (an enzyme blood test)")
    EYE_EXAM = "eye_exam", _("an eye exam")
    HEART_TRACING = "heart_tracing", _("a heart tracing (ECG) or heart scan")
    BLOOD_TESTS = "blood_tests", _("blood counts, liver and kidney tests")
    PREGNANCY_TEST = "pregnancy_test", _("a pregnancy test")
    BLOOD_TYPE = "blood_type", _("blood type, in case of a transfusion")


class Prevention(models.TextChoices):
    """Ways a medicine's facts prevent infection; the labels fill "{preventions}"."""

    PJP = "pjp", _("medicine to prevent PJP, a lung infection")
    ANTIVIRALS = "antivirals", _("antiviral medicine")
    ANTIBODY_REPLACEMENT = "antibody_replacement", _("antibody drips (immunoglobulin)")
    MENINGOCOCCAL_VACCINE = "meningococcal_vaccine", _("a meningitis (meningococcal) vaccine first")


class Interaction(models.TextChoices):
    """Other medicines and foods that clash with a medicine; the labels fill "{interactions}"."""

    GOUT_MEDICINES = "gout_medicines", _("allopurinol or febuxostat (for gout)")
    TRIMETHOPRIM = "trimethoprim", _("the antibiotic trimethoprim")
    GRAPEFRUIT = "grapefruit", _("grapefruit")
    ANTIBIOTICS_ANTIFUNGALS = "antibiotics_antifungals", _("some antibiotics and antifungals")
    ST_JOHNS_WORT = "st_johns_wort", _("St. John's wort")


class PregnancyWait(models.TextChoices):
    """How long a medicine to avoid in pregnancy is stopped before trying (birth control lasts
    as long): one time for the whole family, a time to ask for, or until a wash-out."""

    FIXED = "fixed", _("One time for every medicine of the family")
    ASK = "ask", _("It differs between its medicines or guidelines: ask")
    WASHOUT = "washout", _("It can stay in the body for up to 2 years unless washed out")


class Sign(models.TextChoices):
    """A call-now sign of a medicine; EMERGENCY_SIGNS call the emergency number, the others the
    care team now."""

    TROUBLE_BREATHING = "trouble_breathing", _("Trouble breathing")
    THROAT_SWELLING = "throat_swelling", _("Swelling of the lips, tongue or throat")
    CHEST_PAIN = "chest_pain", _("Chest pain")
    STROKE_SIGNS = "stroke_signs", _("A drooping face, a weak arm or slurred speech")
    SEIZURE = "seizure", _("A seizure")
    FAINTING = "fainting", _("Fainting, or feeling very dizzy or weak")
    MENINGITIS = "meningitis", _("A fever with a stiff neck, a bad headache or a spreading rash")
    FEVER = "fever", _("A fever or chills")
    NEW_COUGH = "new_cough", _("A new or worse cough")
    DIARRHEA = "diarrhea", _("New diarrhea or belly pain")
    YELLOW_SKIN = "yellow_skin", _("Yellow skin or eyes, or dark pee")
    RASH = "rash", _("A new rash, blisters or peeling skin")
    BLEEDING = "bleeding", _("Bruises or bleeding with no clear cause")
    CONFUSION = "confusion", _("Confusion, or trouble speaking or writing")
    EYESIGHT = "eyesight", _("Changes in your eyesight, or eye pain")
    HEADACHE = "headache", _("A bad headache that does not go away")
    WEAKNESS = "weakness", _("New weakness, numbness or clumsiness")
    THIRST = "thirst", _("Being very thirsty, or peeing much more than usual")
    LEG_SWELLING = "leg_swelling", _("Pain or swelling in one leg")
    BLOOD_IN_PEE = "blood_in_pee", _("Blood in your pee, or pain when you pee")
    VOMITING = "vomiting", _("Throwing up that does not stop")
    DOSE_REACTION = "dose_reaction", _("Feeling unwell during or soon after a dose")
    MOOD = "mood", _("New or worse low mood")
    SELF_HARM = "self_harm", _("Thoughts of harming yourself")


#: Signs to call the emergency number for; every other sign is a call to the care team now.
EMERGENCY_SIGNS = frozenset(
    {Sign.TROUBLE_BREATHING, Sign.THROAT_SWELLING, Sign.CHEST_PAIN, Sign.STROKE_SIGNS, Sign.SEIZURE, Sign.FAINTING,
     Sign.MENINGITIS, Sign.SELF_HARM})


class Risk(models.TextChoices):
    """A medicine's special risks; each holds from the stages its facts name."""

    IMMUNE_SIDE_EFFECTS = "immune_side_effects", _("immune side effects on healthy organs")
    LATE_IMMUNE_SIDE_EFFECTS = "late_immune_side_effects", _("immune side effects that start months later")
    HORMONE_GLANDS = "hormone_glands", _("hormone gland problems (thyroid)")
    CYTOKINE_RELEASE = "cytokine_release", _("cytokine release syndrome")
    NERVE_EFFECTS = "nerve_effects", _("nerve effects")
    PML = "pml", _("PML, a rare brain infection")
    LIVE_AGENT = "live_agent", _("a live virus or germ that can spread")
    ANAPHYLAXIS = "anaphylaxis", _("a severe allergic reaction (anaphylaxis)")
    INFUSION_REACTIONS = "infusion_reactions", _("reactions to the drip")
    SERIOUS_INFECTIONS = "serious_infections", _("serious infections")
    CLOTS_HEART = "clots_heart", _("blood clots and heart problems")
    SKIN_CANCER = "skin_cancer", _("skin cancer")
    LOW_ANTIBODIES = "low_antibodies", _("low antibody levels")
    BLOOD_COUNTS = "blood_counts", _("blood counts")
    LIVER = "liver", _("the liver")
    KIDNEY = "kidney", _("the kidneys")
    EYES = "eyes", _("the eyes")
    BONES_BLOOD_SUGAR = "bones_blood_sugar", _("bones and blood sugar")
    BLADDER = "bladder", _("the bladder")
    DRIVING = "driving", _("driving")
    LUNGS = "lungs", _("the lungs")
    MOOD = "mood", _("your mood")
    BOWEL_TEAR = "bowel_tear", _("a rare tear in the bowel")
    REBOUND_AFTER_STOPPING = "rebound_after_stopping", _("the disease flaring up strongly after stopping")


#: The risks that are checked with tests while on treatment: one "{checks}" question names them.
MONITORED_RISKS = [Risk.BLOOD_COUNTS, Risk.LIVER, Risk.KIDNEY, Risk.EYES, Risk.BONES_BLOOD_SUGAR,
                   Risk.BLADDER, Risk.CLOTS_HEART, Risk.SKIN_CANCER, Risk.LOW_ANTIBODIES, Risk.LUNGS, Risk.MOOD]


class Given(models.TextChoices):
    PILL = "pill", _("a pill")
    INJECTION_HOME = "injection_home", _("an injection at home")
    INJECTION_CLINIC = "injection_clinic", _("an injection at the clinic")
    INFUSION = "infusion", _("a drip into a vein")
    HOSPITAL_STAY = "hospital_stay", _("a hospital stay for the first doses")
    INHALED = "inhaled", _("an inhaler")
    NASAL = "nasal", _("a nose spray")
    SKIN = "skin", _("a cream")
    INTO_BLADDER = "into_bladder", _("a liquid put into the bladder")
    INTO_TUMOUR = "into_tumour", _("an injection into the tumour")
    UNDER_TONGUE = "under_tongue", _("a tablet or drops under the tongue")


class Fact(models.TextChoices):
    """What a question template speaks of: the engine adds it when the fact holds for the
    medicines in the person's plan and their answers (questionnaire/facts.py), and fills in
    the medicines' names (docs/content-format.md#the-medicine-knowledge-base)."""

    PREGNANT_NOW = "pregnant_now", _("Pregnant now, with a medicine to avoid in pregnancy")
    PREGNANCY_PLANNING = "pregnancy_planning", _("Planning a pregnancy, with a medicine to avoid")
    PARTNER_PREGNANCY = "partner_pregnancy", _("A partner's pregnancy, with a medicine that matters for fathers")
    BREASTFEEDING = "breastfeeding", _("Breastfeeding, with a medicine to avoid or discuss")
    LIVE_VACCINES = "live_vaccines", _("Vaccines due, with a medicine that rules out live vaccines")
    TESTS_BEFORE = "tests_before", _("Tests before starting")
    INFECTION_PREVENTION = "infection_prevention", _("Infection prevention")
    CYTOKINE_RELEASE = "cytokine_release", _("Cytokine release and nerve effects")
    PML = "pml", _("PML")
    LIVE_AGENT = "live_agent", _("A live agent's care")
    LIVE_AGENT_RULED_OUT = "live_agent_ruled_out", _("A live agent with a transplant, pregnancy or immune-calming medicines")
    IMMUNE_SIDE_EFFECTS = "immune_side_effects", _("Immune side effects on healthy organs")
    LATE_IMMUNE_SIDE_EFFECTS = "late_immune_side_effects", _("Side effects that start months later")
    HORMONE_GLANDS = "hormone_glands", _("Hormone gland checks")
    ANAPHYLAXIS = "anaphylaxis", _("Anaphylaxis: call the emergency number")
    DRIVING = "driving", _("Driving")
    MONITORING = "monitoring", _("Checks while on treatment")
    STEROID_SICK_DAY = "steroid_sick_day", _("Steroid sick-day rules and emergency card")
    INTERACTIONS = "interactions", _("Other medicines, with a medicine that clashes with some")
    BABY_LIVE_VACCINES = "baby_live_vaccines", _("Pregnant now: the baby's live vaccines after a medicine late in pregnancy")
    SERIOUS_SIDE_EFFECT_NOW = "serious_side_effect_now", _("A serious side effect being treated now")
    SURGERY_OR_DENTAL_SOON = "surgery_or_dental_soon", _("Surgery or dental work soon")
    INFECTION_NOW = "infection_now", _("An infection now")
    CANCER_HISTORY = "cancer_history", _("Cancer before")
    HEART_FAILURE_OR_DEMYELINATION = "heart_failure_or_demyelination", _("Heart failure or a nerve disease such as MS")
    SMOKER = "smoker", _("Smoking, now or before")
    REVACCINATION = "revaccination", _("Childhood vaccines again")
