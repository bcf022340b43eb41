"""The clinical rules that must hold for every set of answers, checked by running the engine.

Run by validation.validate_content on content whose integrity is sound (the engine
needs it). Each problem names the rule broken, the answers that break it and the item.
"""
import re

from .problems import ContentProblem
from .vocabulary import Concern, ConditionGroup, Factor, Goal, QuestionPriority, Stage

GOALS = Goal.values
STAGES = Stage.values


def clinical_problems(content):
    """Every clinical rule's problems in this content."""
    return short_list_problems(content) + lesson_problems(content)


def short_list_problems(content):
    """Every goal x condition x stage must have a call-now question in its short list.

    Answers to the later steps only add to a list, so these combinations are
    the ones that can lack it. Run on sound content only: the engine needs it.
    """
    from .engine import Answers, recommend

    problems = []
    for goal in GOALS:
        for condition in content.conditions:
            for stage in STAGES:
                result = recommend(Answers(goal, condition, stage), content)
                if not any(result.priorities[slug] == QuestionPriority.CALL_NOW for slug in result.suggested):
                    problems.append(ContentProblem(
                        "question", "-", "priority",
                        f"no call-now question in the suggested list for goal={goal} "
                        f"condition={condition} stage={stage}; add one with priority "
                        f"{QuestionPriority.CALL_NOW.value!r} that a matching rule adds"))
    return problems


#: Medicines a question or note may name only where a treatment type shown names them too.
MEDICINES = (
    "methotrexate", "mycophenolate", "leflunomide", "cyclophosphamide", "azathioprine",
    "hydroxychloroquine", "sulfasalazine", "tacrolimus", "cyclosporine", "sirolimus", "prednisone",
    "rituximab", "ocrelizumab", "natalizumab", "omalizumab", "dupilumab", "mepolizumab", "tocilizumab",
    "adalimumab", "infliximab", "teplizumab", "eculizumab", "ravulizumab", "pembrolizumab", "nivolumab",
    "ipilimumab", "relatlimab", "blinatumomab", "teclistamab", "epcoritamab", "tarlatamab",
    "tofacitinib", "upadacitinib", "baricitinib", "fingolimod", "ozanimod", "apremilast", "bcg",
)
ORGAN_TRANSPLANTS = ("kidney_transplant", "liver_transplant", "heart_transplant", "lung_transplant",
                     "other_transplant")
PLANNING_WORDS = re.compile(
    r"birth control|contracepti|try(ing)? (to get pregnant|for a baby)|before (you|I) try|plan(ning)? a (baby|pregnancy)",
    re.IGNORECASE)
TB_WORDS = re.compile(r"\bTB\b|tuberculosis|hepatitis B", re.IGNORECASE)
REJECTION_WORDS = re.compile(r"rejection", re.IGNORECASE)
TRANSPLANT_WORDS = re.compile(r"transplant|rejection", re.IGNORECASE)


def _shown(result, content):
    """(kind, item, field, text) for every question and note a result shows, and their sources' titles."""
    for kind, items in (("question", result.questions), ("note", result.notes)):
        for item in items:
            yield kind, item, "text", item.text
            for source in content.sources_of([item]):
                yield kind, item, "sources", f"{source.organisation}: {source.title}"


DROPS = re.compile(r"drops under the tongue", re.IGNORECASE)
STEROID_AVOIDED = ("psoriasis", "ankylosing_spondylitis")
BIOLOGICS_EXPECTED = ("rheumatoid_arthritis", "crohns_disease", "ulcerative_colitis")


def _treatment_lessons(condition, stage, result):
    """(lesson, message) for each lesson a plain result (no factors) breaks in its treatment types."""
    shown = {t.slug for t in result.treatments}
    if not shown:
        yield "no treatment type", "a result must show at least one treatment type with its category"
    if condition in STEROID_AVOIDED and "corticosteroids" in shown:
        yield "steroid plan", f"steroid pills are avoided for {condition}; show biologics and targeted pills"
    if condition in BIOLOGICS_EXPECTED and result.goal in ("modulate", "dampen"):
        if "targeted_biologics" not in shown:
            yield "no biologics", f"biologics belong in every {condition} result, whatever the goal"
        elif stage in ("considering", "starting") and "biologic-tb-hepb-tests" not in {
                q.slug for q in result.questions}:
            yield "no tests before biologics", f"{condition} shows biologics without the TB / hepatitis B question"
    if condition == "melanoma" and "cytokine_therapy" in shown:
        yield "cytokines for melanoma", "cytokines are rarely used for melanoma now; show checkpoint inhibitors, TIL and T-VEC"


MEDICINE_WORDS = re.compile(rf"\b({'|'.join(MEDICINES)})\b", re.IGNORECASE)


def lesson_problems(content):
    """The lessons of the first clinical review (docs/content-guide.md#lessons), checked on every result they can touch.

    Rules only add, so the answers with every factor and concern, with no cap on
    the list, show every item a goal x condition x stage can show; the pregnant-now
    and stem-cell checks leave out the factors that rightly bring the words they
    look for, and the treatment-type lessons look at the plain answers. Each
    problem names the item, the field and where it reaches.
    """
    from .engine import Answers, recommend

    factors = [f.value for f in Factor]
    concerns = tuple(c.value for c in Concern)
    pregnant_now = tuple(f for f in factors if f not in ("pregnancy_planning", "partner_pregnancy"))
    without_transplant = tuple(f for f in factors if f != "transplant_history")
    found = {}
    medicines_in = {}

    def flag(kind, item, field, message, condition):
        found.setdefault((kind, item.slug, field, message), set()).add(condition)

    def medicines(text):
        if text not in medicines_in:
            medicines_in[text] = {m.lower() for m in MEDICINE_WORDS.findall(text)}
        return medicines_in[text]

    for goal in GOALS:
        for condition in content.conditions:
            group = content.conditions[condition].group
            for stage in STAGES:
                plain = recommend(Answers(goal, condition, stage), content, None)
                for lesson, message in _treatment_lessons(condition, stage, plain):
                    flag("condition", content.conditions[condition], "rules",
                         f"{lesson}: {message} (goal {goal}, stage {stage})", condition)
                everything = recommend(Answers(goal, condition, stage, tuple(factors), concerns), content, None)
                shown_treatments = " ".join(
                    f"{t.title} {t.description} {t.examples}".lower() for t in everything.treatments)
                for kind, item, field, text in _shown(everything, content):
                    for medicine in sorted(medicines(text)):
                        if medicine not in shown_treatments:
                            flag(kind, item, field, f"names {medicine}, but no treatment type shown with it "
                                 f"includes {medicine}", condition)
                    if group == ConditionGroup.ALLERGY and TB_WORDS.search(text):
                        flag(kind, item, field, "speaks of TB or hepatitis B, which are tested for before some "
                             "biologics, not before allergy treatment", condition)
                pregnant = recommend(Answers(goal, condition, stage, pregnant_now, concerns), content, None)
                for kind, item, field, text in _shown(pregnant, content):
                    if field == "text" and PLANNING_WORDS.search(text):
                        flag(kind, item, field, "speaks of birth control or trying for a baby to someone who is "
                             "pregnant now; add it for pregnancy_planning or partner_pregnancy instead", condition)
                if condition in ORGAN_TRANSPLANTS:
                    continue
                other = recommend(Answers(goal, condition, stage, without_transplant, concerns), content, None)
                for kind, item, field, text in _shown(other, content):
                    if condition == "stem_cell_transplant" and REJECTION_WORDS.search(text):
                        flag(kind, item, field, "speaks of rejection after a stem cell transplant, where the "
                             "medicines prevent graft-versus-host disease (GVHD)", condition)
                    elif field == "sources" and group != ConditionGroup.TRANSPLANT and TRANSPLANT_WORDS.search(text):
                        flag(kind, item, field, f"cites a transplant page ({text}) where no transplant was "
                             "mentioned", condition)
    for kind, items in (("treatment type", content.treatments), ("therapy category", content.categories),
                        ("question", content.questions), ("note", content.notes)):
        for item in items.values():
            for name in ("description", "how_given", "text", "examples"):
                text = str(getattr(item, name, "") or "")
                if DROPS.search(text) and not re.search(r"FDA|not approved", text):
                    flag(kind, item, name, "speaks of drops under the tongue without saying they are not "
                         "FDA-approved in the US", "every condition")
    problems = []
    for (kind, slug, field, message), conditions in sorted(found.items()):
        where = ", ".join(sorted(conditions)[:3]) + (f" and {len(conditions) - 3} more" if len(conditions) > 3 else "")
        problems.append(ContentProblem(kind, slug, field, f"{message} (reaches {where})"))
    return problems
