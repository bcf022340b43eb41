"""When a medicine fact holds for a person: the medicines in their plan, and the facts of those
medicines that their answers make matter (docs/content-format.md#the-medicine-knowledge-base).

Plain Python over the snapshot, like the engine that calls it. The clinical knowledge is in
the fixtures (each medicine's facts, each condition's usual medicines, a question template per
fact); this module only says, for each fact, which of the person's medicines it names.
"""
from dataclasses import dataclass, field

from django.utils.text import get_text_list
from django.utils.translation import gettext

from .durations import in_words, longest
from .vocabulary import (
    CAUTION_FACTORS, EMERGENCY_SIGNS, MONITORED_RISKS, ConditionGroup, Fact, Factor, Interaction, MedicineAdvice,
    PregnancyWait, Prevention, Risk, Sign, Stage, TestBeforeStarting)

#: The stages before treatment ends, when what it needs before and during still matters.
BEFORE_THE_END = (Stage.CONSIDERING, Stage.STARTING, Stage.ON_TREATMENT)
#: Facts a risk of the medicine raises, from the stages its facts name.
RISK_FACTS = {
    Fact.CYTOKINE_RELEASE: (Risk.CYTOKINE_RELEASE, Risk.NERVE_EFFECTS),
    Fact.PML: (Risk.PML,),
    Fact.LIVE_AGENT: (Risk.LIVE_AGENT,),
    Fact.IMMUNE_SIDE_EFFECTS: (Risk.IMMUNE_SIDE_EFFECTS,),
    Fact.LATE_IMMUNE_SIDE_EFFECTS: (Risk.LATE_IMMUNE_SIDE_EFFECTS,),
    Fact.HORMONE_GLANDS: (Risk.HORMONE_GLANDS,),
    Fact.ANAPHYLAXIS: (Risk.ANAPHYLAXIS,),
    Fact.DRIVING: (Risk.DRIVING,),
    Fact.MONITORING: tuple(MONITORED_RISKS),
}
#: The facts a person's own situation (a factor) raises.
FACTOR_FACTS = {
    Fact.PREGNANT_NOW: Factor.PREGNANCY,
    Fact.PREGNANCY_PLANNING: Factor.PREGNANCY_PLANNING,
    Fact.PARTNER_PREGNANCY: Factor.PARTNER_PREGNANCY,
    Fact.BREASTFEEDING: Factor.BREASTFEEDING,
    Fact.LIVE_VACCINES: Factor.VACCINES_DUE,
    Fact.BABY_LIVE_VACCINES: Factor.PREGNANCY,
    Fact.INTERACTIONS: Factor.OTHER_MEDICINES,
    # A situation a medicine lists among its cautions: the fact has the factor's slug.
    **{Fact(factor.value): factor for factor in CAUTION_FACTORS},
}


@dataclass(frozen=True)
class Finding:
    """A fact that holds for this person: the medicines it names (named by the person first),
    and whether their own answers raised it (a factor, or a medicine they named)."""

    fact: str
    medicines: tuple
    raised: bool
    #: The words of the other placeholders: "tests", "preventions", "checks".
    fills: dict = field(default_factory=dict, hash=False)


def usual_medicine_slugs(condition, given_goal):
    """The condition's usual medicines for the aim given: its own list for that aim where it has
    one, else every list it has, so an aim never removes a medicine (and its safety points)."""
    lists = condition.medicines or {}
    slugs = list(lists.get("all", ()))
    by_goal = [goal for goal in lists if goal != "all"]
    for goal in ([given_goal] if given_goal in by_goal else by_goal):
        slugs += lists[goal]
    return list(dict.fromkeys(slugs))


def medicines_in_plan(answers, condition, content):
    """(medicines, named): the person's named medicines when they named any, else the
    condition's usual ones; the named ones are what they picked."""
    named = [content.medicines[slug] for slug in answers.medicines if slug in content.medicines]
    if named:
        return named, True
    usual = usual_medicine_slugs(condition, answers.goal)
    return [content.medicines[slug] for slug in usual if slug in content.medicines], False


def _risk(*risks):
    risks = [str(r) for r in risks]
    return lambda medicine, stage: any(stage in medicine.risks.get(risk, ()) for risk in risks)


_AVOID, _DISCUSS = str(MedicineAdvice.AVOID), str(MedicineAdvice.DISCUSS)
#: The stages before the first dose: tests before starting, and vaccines' lead times, matter then.
EARLY_STAGES = (str(Stage.CONSIDERING), str(Stage.STARTING))
_BEFORE_THE_END = tuple(str(s) for s in BEFORE_THE_END)
_LIVE_AGENT = str(Risk.LIVE_AGENT)

#: Each fact's test of one medicine at the person's stage (a factor it needs is FACTOR_FACTS').
HOLDS = {str(fact): _risk(*risks) for fact, risks in RISK_FACTS.items()} | {
    str(Fact.PREGNANT_NOW): lambda m, stage: m.pregnancy == _AVOID,
    str(Fact.PREGNANCY_PLANNING): lambda m, stage: m.pregnancy == _AVOID,
    str(Fact.PARTNER_PREGNANCY): lambda m, stage: m.father_matters,
    str(Fact.BREASTFEEDING): lambda m, stage: m.breastfeeding in (_AVOID, _DISCUSS),
    str(Fact.LIVE_VACCINES): lambda m, stage: m.avoid_live_vaccines,
    str(Fact.TESTS_BEFORE): lambda m, stage: bool(m.tests_before) and stage in EARLY_STAGES,
    str(Fact.INFECTION_PREVENTION): lambda m, stage: bool(m.infection_prevention) and stage in _BEFORE_THE_END,
    str(Fact.STEROID_SICK_DAY): lambda m, stage: m.steroid_sick_day and stage in _BEFORE_THE_END,
    str(Fact.REVACCINATION): lambda m, stage: m.revaccination,
    str(Fact.LIVE_AGENT_RULED_OUT): lambda m, stage: _LIVE_AGENT in m.risks,
    str(Fact.BABY_LIVE_VACCINES): lambda m, stage: m.baby_live_vaccines and stage in _BEFORE_THE_END,
    str(Fact.INTERACTIONS): lambda m, stage: bool(m.interactions) and stage in _BEFORE_THE_END,
    **{factor.value: (lambda m, stage, factor=factor.value: factor in m.cautions) for factor in CAUTION_FACTORS},
}
_FACTOR_OF = {str(fact): str(factor) for fact, factor in FACTOR_FACTS.items()}
_RULED_OUT = str(Fact.LIVE_AGENT_RULED_OUT)


def _situation_rules_out_live_agents(answers, condition, plan, named):
    """A transplant, a pregnancy or an immune-calming medicine the person takes usually rule a live
    agent out. The condition's usual medicines are other choices, not taken beside it: only the
    medicines the person named count."""
    return (condition.group == ConditionGroup.TRANSPLANT
            or any(f in answers.factors for f in (Factor.TRANSPLANT_HISTORY, Factor.PREGNANCY))
            or (named and any(m.avoid_live_vaccines and Risk.LIVE_AGENT not in m.risks for m in plan)))


def _fills(fact, medicines):
    """The words each other placeholder lists, in the vocabulary's order (fill joins them)."""
    def labels(choices, slugs):
        return [str(choices(s).label) for s in choices.values if s in slugs]
    if fact == Fact.TESTS_BEFORE:
        return {"tests": labels(TestBeforeStarting, {t for m in medicines for t in m.tests_before})}
    if fact == Fact.INFECTION_PREVENTION:
        return {"preventions": labels(Prevention, {p for m in medicines for p in m.infection_prevention})}
    if fact == Fact.INTERACTIONS:
        return {"interactions": labels(Interaction, {i for m in medicines for i in m.interactions})}
    if fact == Fact.MONITORING:
        return {"checks": labels(Risk, {r for m in medicines for r in m.risks if r in MONITORED_RISKS})}
    return {}


def findings(answers, condition, plan, named):
    """Every fact that holds for these answers and the medicines in their plan (``medicines_in_plan``),
    by fact slug."""
    found = {}
    stage = answers.stage
    for fact, holds in HOLDS.items():
        factor = _FACTOR_OF.get(fact)
        if factor is not None and factor not in answers.factors:
            continue
        if fact == _RULED_OUT and not _situation_rules_out_live_agents(answers, condition, plan, named):
            continue
        medicines = tuple(m for m in plan if holds(m, stage))
        if medicines:
            raised = named or factor is not None or fact == _RULED_OUT
            found[fact] = Finding(fact, medicines, raised, _fills(fact, medicines))
    return found


#: A fact the person's own answers raised names every medicine; another names this many, then
#: "others", and lists this many tests or checks: a suggested question must fit the printed page.
MAX_NAMED = 2


def text_list(words, most=None):
    """"a, b and c" in the active language; past ``most``, "a, b and others"."""
    words = list(words)
    if most is not None and len(words) > most:
        words = words[:most] + [gettext("others")]
    return get_text_list(words, gettext("and"))


def medicine_names(medicines, most=None):
    """"methotrexate and leflunomide", in the snapshot's language."""
    return text_list((m.name for m in medicines), most)


#: The facts whose question names every medicine, however many: each one must be stopped in time.
NAMES_EVERY_MEDICINE = {str(Fact.PREGNANT_NOW), str(Fact.PREGNANCY_PLANNING), str(Fact.PARTNER_PREGNANCY)}


def pregnancy_waits(medicines):
    """"{waits}": how long before trying each medicine is stopped, as its facts say: the labels'
    time where the family shares one, else a question (docs/content-format.md#pregnancy-waits)."""
    def kind(wait):
        return [m for m in medicines if m.pregnancy_wait_kind == wait]
    sentences = []
    if fixed := kind(PregnancyWait.FIXED):
        waits = [gettext("%(medicine)s %(time)s") % {"medicine": m.name, "time": in_words(m.pregnancy_wait)}
                 for m in fixed]
        sentences.append(gettext("Labels say to stop %(waits)s before trying. Is that right for me?")
                         % {"waits": text_list(waits)})
    if ask := kind(PregnancyWait.ASK):
        sentences.append(gettext("How long before trying must I stop %(medicines)s?")
                         % {"medicines": medicine_names(ask)})
    if washout := kind(PregnancyWait.WASHOUT):
        sentences.append(gettext("Would I need a wash-out first, as %(medicines)s can stay in the body for up to 2 "
                                 "years?") % {"medicines": medicine_names(washout)})
    return " ".join(sentences)


def vaccine_lead_times(medicines):
    """"{lead_times}": how long before the first dose vaccines are given, the longest of the
    medicines' lead times, so it holds for each. A medicine that rules out live vaccines with no
    lead time rules them out before it too (blood cancers, cell therapies)."""
    never = [m for m in medicines if m.avoid_live_vaccines and not m.live_vaccine_lead]
    live = longest(m.live_vaccine_lead for m in medicines)
    other = longest(m.vaccine_lead for m in medicines)
    sentences = []
    if never and len(never) == len(medicines):
        sentences.append(gettext("Live vaccines are usually not given before or during this treatment."))
    elif never:
        sentences.append(gettext("Live vaccines are usually not given before or during %(medicines)s.")
                         % {"medicines": medicine_names(never)})
    elif live:
        sentences.append(gettext("Live vaccines are usually given at least %(live)s before the first dose.")
                         % {"live": in_words(live)})
    if other:
        sentences.append(gettext("Other vaccines are usually given at least %(other)s before it.")
                         % {"other": in_words(other)})
    return " ".join(sentences)


#: The placeholders a fact's template may hold beyond its lists: whole sentences from its facts.
SENTENCES = {
    str(Fact.PREGNANCY_PLANNING): ("waits", pregnancy_waits),
    str(Fact.LIVE_VACCINES): ("lead_times", vaccine_lead_times),
}


def fill(question, finding):
    """The template's text with the finding's medicines, lists and sentences filled in."""
    most = None if finding.fact in NAMES_EVERY_MEDICINE or (finding.raised and len(finding.medicines) <= 3) \
        else MAX_NAMED
    values = {"medicines": medicine_names(finding.medicines, most),
              **{name: text_list(words, None if finding.raised else MAX_NAMED + 1)
                 for name, words in finding.fills.items()}}
    if finding.fact in SENTENCES:
        name, sentence = SENTENCES[finding.fact]
        values[name] = sentence(finding.medicines)
    return question.text.format_map(_Blank(values))


class _Blank(dict):
    """A placeholder the finding has no value for stays visible, so validation can name it."""

    def __missing__(self, key):
        return "{" + key + "}"


@dataclass(frozen=True)
class Signs:
    """The call-now signs of the medicines in a plan, split by whom to call."""

    emergency: tuple = ()
    care_team: tuple = ()

    def __bool__(self):
        return bool(self.emergency or self.care_team)


def call_now_signs(medicines):
    """Every sign any of the medicines lists, each once, in the vocabulary's order, split into
    "call the emergency number" and "call your care team now"."""
    listed = {sign for m in medicines for sign in m.call_now}
    signs = [Sign(s) for s in Sign.values if s in listed]
    return Signs(emergency=tuple(str(s.label) for s in signs if s in EMERGENCY_SIGNS),
                 care_team=tuple(str(s.label) for s in signs if s not in EMERGENCY_SIGNS))
