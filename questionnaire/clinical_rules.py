"""The clinical rules that must hold for every set of answers, checked by running the engine.

Run by validation.validate_content on content whose integrity is sound (the engine
needs it). Each problem names the rule broken, the answers that break it and the item.
"""
import re

from .problems import ContentProblem
from .vocabulary import CAUTION_FACTORS, Concern, ConditionGroup, Factor, Goal, QuestionPriority, Stage

GOALS = Goal.values
STAGES = Stage.values


#: The problems of the last few contents checked, by fingerprint: the loader, the system check
#: and the admin check the same content in one process, and running every answer takes seconds.
_checked = {}
_KEEP = 4


def clinical_problems(content):
    """Every clinical rule's problems in this content."""
    key = content.fingerprint
    if key not in _checked:
        if len(_checked) >= _KEEP:
            _checked.pop(next(iter(_checked)))
        _checked[key] = short_list_problems(content) + lesson_problems(content) + medicine_rule_problems(content)
    return list(_checked[key])


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
            for source in result.sources_of([item]):
                yield kind, item, "sources", f"{source.organisation}: {source.title}"


def _unsourced(result):
    """(kind, item) for each item a result shows whose every source is about other conditions."""
    for kind, items in (("therapy category", result.categories), ("treatment type", result.treatments),
                        ("question", result.questions), ("note", result.notes)):
        for item in items:
            if item.sources and not result.sources_of([item]):
                yield kind, item


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
        elif stage in ("considering", "starting") and not any(
                q.slug == "biologic-tb-hepb-tests" or q.fact == "tests_before" for q in result.questions):
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
    unsourced = {}

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
                for kind, item in _unsourced(everything):
                    unsourced.setdefault((kind, item.slug), set()).add(condition)
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
    for (kind, slug), conditions in sorted(unsourced.items()):
        problems.append(ContentProblem(
            kind, slug, "sources", f"cites only pages about other conditions to someone with "
            f"{', '.join(sorted(conditions))}; add a source that holds for them",
            code="no_source_for_condition", params={"conditions": sorted(conditions)}))
    return problems


#: Docs/content-guide.md#clinical-rules: each rule's number and name, as a problem names it.
RULES = {
    1: "pregnant now", 2: "planning a pregnancy", 3: "vaccines due", 4: "tests before starting",
    5: "infection prevention", 6: "special risks", 7: "live agents", 8: "call-now content fits",
    9: "steroid sick-day rules", 10: "each concern", 11: "the short list", 12: "stage fit", 13: "printed",
    14: "situations",
}
#: Rule 14: each situation of the third release has a suggested question whose subject is its slug.
SITUATION_FACTORS = frozenset(f.value for f in (*CAUTION_FACTORS, Factor.CHILD))
#: Words that belong before treatment starts, never after it has finished (rule 12).
BEFORE_START_WORDS = re.compile(r"before (I|you) (start|begin)\b(?!\s+(any|a|an)\s+new)|before starting|antes de (empezar|comenzar)",
                                re.IGNORECASE)
#: Words that say treatment is over, never true of an organ transplant (rule 12).
ENDED_WORDS = re.compile(r"treatment (has|is) (ended|over|finished)|after treatment ends", re.IGNORECASE)
#: Words of egg or sperm banking, which fertility asks before cyclophosphamide or a stem-cell transplant (rule 10).
BANKING_WORDS = re.compile(r"\beggs?\b.*\bsperm\b|\bsperm\b.*\beggs?\b", re.IGNORECASE)
#: What makes egg or sperm banking a question before treatment (rule 10).
BANKING_MEDICINES = ("cyclophosphamide",)
BANKING_CONDITIONS = ("stem_cell_transplant",)


def rule_field(number):
    """How a problem names the clinical rule it breaks: "clinical rule 7 (live agents)"."""
    return f"clinical rule {number} ({RULES[number]})"


def answer_sets(content):
    """Every goal x condition x stage, alone and with each single factor and concern; and each
    medicine named, at every stage with each single factor, for one condition of each group
    (what a named medicine's facts do depends on the group, never on the goal)."""
    from .engine import Answers, factors_offered

    factors = [((), ())] + [((f,), ()) for f in Factor.values]
    singles = factors + [((), (c,)) for c in Concern.values]
    for goal in GOALS:
        for condition in content.conditions:
            offered = factors_offered(content.conditions[condition])
            for stage in STAGES:
                for factors, concerns in singles:
                    if all(f in offered for f in factors):
                        yield Answers(goal, condition, stage, factors, concerns)
    one_per_group = {}
    for condition in content.conditions.values():
        one_per_group.setdefault(condition.group, condition.slug)
    for medicine in content.medicines:
        for condition in one_per_group.values():
            for stage in STAGES:
                for given, _ in factors:  # a concern orders a list; it never changes a medicine's facts
                    yield Answers(Goal.UNSURE, condition, stage, given, (), (medicine,))


def _said(answers):
    parts = [f"goal={answers.goal}", f"condition={answers.condition}", f"stage={answers.stage}"]
    parts += [f"{key}={','.join(values)}" for key, values in
              (("factors", answers.factors), ("concerns", answers.concerns), ("medicines", answers.medicines))
              if values]
    return " ".join(parts)


def _rule_problems(answers, result):
    """(rule number, item kind, item slug, what is wrong) for one result."""
    from .engine import DOSING_ROUTINE
    from .facts import FACTOR_FACTS, RISK_FACTS
    from .vocabulary import Fact

    found = result.findings
    listed = {q.fact for q in result.questions if q.fact}
    suggested = result.suggested_questions()
    suggested_facts = {q.fact for q in suggested if q.fact}

    def medicines(fact):
        return ",".join(m.slug for m in found[fact].medicines)

    for fact, rule in ((Fact.PREGNANT_NOW, 1), (Fact.BABY_LIVE_VACCINES, 1), (Fact.PREGNANCY_PLANNING, 2),
                       (Fact.PARTNER_PREGNANCY, 2), (Fact.BREASTFEEDING, 2), (Fact.LIVE_VACCINES, 3),
                       (Fact.INTERACTIONS, 14), *((Fact(f.value), 14) for f in CAUTION_FACTORS)):
        if fact in found and fact not in suggested_facts:
            yield rule, "medicine", medicines(fact), (
                f"no suggested question names it for {FACTOR_FACTS[fact]} (a question template with fact {fact}, "
                "in a tier the short list keeps)")
    yield from _sentence_problems(answers, found, suggested)
    if Factor.PREGNANCY in answers.factors:
        for q in suggested:
            if q.subject in (DOSING_ROUTINE, "pregnancy-planning") or PLANNING_WORDS.search(q.text):
                yield 1, "question", q.slug, "is suggested to someone pregnant now (a dosing routine, or birth " \
                                             "control and trying for a baby)"
    for fact, rule in ((Fact.TESTS_BEFORE, 4), (Fact.INFECTION_PREVENTION, 5), (Fact.STEROID_SICK_DAY, 9),
                       *((risk_fact, 6) for risk_fact in RISK_FACTS)):
        if fact in found and fact not in listed:
            yield rule, "medicine", medicines(fact), f"the list has no question for its fact {fact} at this stage"
    if len(suggested) > 8:
        yield 11, "question", "-", f"{len(suggested)} questions are suggested; at most 8"
    call_now = [q.slug for q in suggested if result.priorities[q.slug] == QuestionPriority.CALL_NOW]
    if len(call_now) > 1:
        yield 11, "question", ",".join(call_now), "more than one call-now question is suggested"
    subjects = [(q.theme, q.subject) for q in suggested if q.subject]
    for theme, subject in {s for s in subjects if subjects.count(s) > 1}:
        yield 11, "question", subject, f"two suggested questions on the theme {theme} say the same thing"
    if Fact.ANAPHYLAXIS in listed and Fact.ANAPHYLAXIS not in found:
        yield 8, "question", "anaphylaxis", "anaphylaxis signs where no medicine in the plan can cause it"
    if Fact.LIVE_AGENT_RULED_OUT in found and Fact.LIVE_AGENT_RULED_OUT not in suggested_facts:
        yield 7, "medicine", medicines(Fact.LIVE_AGENT_RULED_OUT), (
            "a live agent with a transplant, a pregnancy or an immune-calming medicine, and no suggested "
            f"question says it is usually ruled out (a template with fact {Fact.LIVE_AGENT_RULED_OUT})")
    suggested_subjects = {q.subject for q in suggested}
    for factor in sorted(SITUATION_FACTORS.intersection(answers.factors) - suggested_subjects):
        yield 14, "factor", factor, f"no suggested question on the subject {factor!r}"
    yield from _concern_problems(answers, result, suggested)
    yield from _stage_problems(answers, result)
    suggested_slugs = {q.slug for q in suggested}
    for note in result.notes:
        if note.printed_by and not suggested_slugs.intersection(note.printed_by):
            yield 13, "note", note.slug, (f"shows on screen, but none of the questions that print it "
                                          f"({', '.join(note.printed_by)}) is suggested")


def _sentence_problems(answers, found, suggested):
    """Rules 2 and 3: the planning question gives each medicine's wait before trying, and the
    vaccines question before starting gives the lead times (facts.SENTENCES)."""
    from .facts import EARLY_STAGES, SENTENCES
    from .vocabulary import Fact

    for fact, rule, stages in ((Fact.PREGNANCY_PLANNING, 2, STAGES), (Fact.LIVE_VACCINES, 3, EARLY_STAGES)):
        if fact not in found or answers.stage not in stages:
            continue
        _name, sentence = SENTENCES[fact]
        expected = sentence(found[fact].medicines)
        if expected and not any(q.fact == fact and expected in q.text for q in suggested):
            yield rule, "medicine", ",".join(m.slug for m in found[fact].medicines), (
                f"no suggested question with fact {fact} says {expected!r} (its template needs the placeholder "
                f"{{{_name}}})")


def _concern_problems(answers, result, suggested):
    """Rule 10: each concern picked has a suggested question on its theme; fertility asks about
    egg or sperm banking before cyclophosphamide or a stem-cell transplant."""
    from .vocabulary import CONCERN_THEMES

    for concern in answers.concerns:
        if not any(q.theme == CONCERN_THEMES[concern] for q in suggested):
            yield 10, "concern", concern, f"no suggested question on the theme {CONCERN_THEMES[concern]}"
    banking = answers.condition in BANKING_CONDITIONS or any(m.slug in BANKING_MEDICINES for m in result.medicines)
    if (Concern.FERTILITY in answers.concerns and banking and answers.stage in (Stage.CONSIDERING, Stage.STARTING)
            and not any(BANKING_WORDS.search(q.text) for q in suggested)):
        yield 10, "concern", Concern.FERTILITY.value, "no suggested question asks about saving eggs or sperm first"


def _stage_problems(answers, result):
    """Rule 12: nothing "before I start" after finishing; an organ transplant never "ended". Its
    third part, GVHD wording after a stem-cell transplant, is a lesson (``lesson_problems``)."""
    organ = answers.condition in ORGAN_TRANSPLANTS
    for kind, items in (("question", result.questions), ("note", result.notes)):
        for item in items:
            text = item.text
            if answers.stage == Stage.FINISHED and BEFORE_START_WORDS.search(text):
                yield 12, kind, item.slug, "speaks of before starting to someone whose treatment has finished"
            if organ and ENDED_WORDS.search(text):
                yield 12, kind, item.slug, "says treatment has ended after an organ transplant, whose medicines go on"


def medicine_rule_problems(content):
    """The clinical rules that hold for every answer (docs/content-guide.md#clinical-rules), over
    every set of answers ``answer_sets`` makes: each broken rule once per item, with the first
    answers that break it."""
    from .engine import recommend

    first = {}
    for answers in answer_sets(content):
        result = recommend(answers, content)
        for rule, kind, slug, message in _rule_problems(answers, result):
            first.setdefault((rule, kind, slug, message), answers)
    return [ContentProblem(kind, slug, rule_field(rule), f"{message}; for example {_said(a)}", code="clinical_rule")
            for (rule, kind, slug, message), a in sorted(first.items(), key=lambda pair: pair[0][:3])]
