"""The rules engine: answers in, a result out.

Plain Python on purpose. It knows nothing of requests, sessions or templates,
so the result page, the ``recommend`` command and the tests all share it.
"""
from dataclasses import dataclass, field, replace

from .facts import call_now_signs, fill, findings, medicines_in_plan
from .vocabulary import (
    CONCERN_THEMES, SUGGESTED_PRIORITIES, Concern, Factor, Goal, NoteKind,
    QuestionPriority, Stage, Theme)

ANSWER_KEYS = ("goal", "condition", "stage", "factors", "concerns", "medicines")
REQUIRED_KEYS = ("goal", "condition", "stage")



def answer_choices(content):
    """Each answer's valid slugs, in order: the vocabulary's, and the content's conditions."""
    return {
        "goal": Goal.values,
        "condition": list(content.condition_slugs),
        "stage": Stage.values,
        "factors": Factor.values,
        "concerns": Concern.values,
        "medicines": list(content.medicines),
    }

#: A mismatch note first, since it explains why the page shows what it shows; then safety.
NOTE_KIND_ORDER = [NoteKind.MISMATCH, NoteKind.SAFETY, NoteKind.INFO]
THEME_ORDER = [t.value for t in Theme]

#: Questions on this subject (a dosing routine) are never suggested to someone pregnant now.
DOSING_ROUTINE = "dosing-routine"
#: The short list: at most this many questions are suggested (ticked by default).
MAX_SUGGESTED = 8
#: A short list is topped up to this many from the other questions, in priority order.
MIN_SUGGESTED = 5
#: At most this many questions in all, so that everything ticked prints on two pages.
MAX_QUESTIONS = 18
PRIORITY_RANK = {priority.value: rank for rank, priority in enumerate(QuestionPriority)}


class InvalidAnswers(ValueError):
    """Raised for a missing or unknown answer; says which, and what is allowed."""

    def __init__(self, key, value=None, problem="unknown", choices=()):
        self.key, self.value, self.problem = key, value, problem
        if key not in ANSWER_KEYS:
            message = f"Unknown answer {key!r}. Valid answers: {', '.join(ANSWER_KEYS)}."
        elif problem == "missing":
            message = f"Missing answer {key!r}. Valid choices: {', '.join(choices)}."
        elif problem == "adults_only":
            message = (f"The answer {key}={value} does not fit this condition: its content is written for adults. "
                       f"Valid choices: {', '.join(choices)}.")
        else:
            message = f"Unknown {key} {value!r}. Valid choices: {', '.join(choices)}."
        super().__init__(message)


@dataclass(frozen=True)
class Answers:
    """One person's answers, as slugs from the vocabulary."""

    goal: str
    condition: str
    stage: str
    factors: tuple = ()
    concerns: tuple = ()
    #: The medicines the person named (optional): the list then speaks of these by name.
    medicines: tuple = ()

    @classmethod
    def from_mapping(cls, data, content):
        """Check a mapping of answers (lists or comma-separated strings) against the content's
        choices and build Answers."""
        choices = answer_choices(content)
        for key in data:
            if key not in choices:
                raise InvalidAnswers(key)
        for key in REQUIRED_KEYS:
            if not data.get(key):
                raise InvalidAnswers(key, problem="missing", choices=choices[key])
        values = {}
        for key in ANSWER_KEYS:
            raw = data.get(key) or ()
            items = raw.split(",") if isinstance(raw, str) else list(raw)
            for item in items:
                if not isinstance(item, str):
                    raise InvalidAnswers(key, repr(item), choices=choices[key])
            items = [item.strip() for item in items if item.strip()]
            for item in items:
                if item not in choices[key]:
                    raise InvalidAnswers(key, item, choices=choices[key])
            if key in REQUIRED_KEYS:
                if len(items) != 1:
                    raise InvalidAnswers(key, ",".join(items), choices=choices[key])
                values[key] = items[0]
            else:
                # Keep the vocabulary's order so equal answers give equal results.
                values[key] = tuple(c for c in choices[key] if c in items)
        offered = factors_offered(content.conditions[values["condition"]])
        for factor in values["factors"]:
            if factor not in offered:
                raise InvalidAnswers("factors", factor, problem="adults_only", choices=offered)
        return cls(**values)

    def as_dict(self):
        return {
            "goal": self.goal, "condition": self.condition, "stage": self.stage,
            "factors": list(self.factors), "concerns": list(self.concerns), "medicines": list(self.medicines),
        }


@dataclass
class Result:
    answers: Answers
    goal: str
    goal_inferred: bool
    condition: object
    categories: list = field(default_factory=list)
    treatments: list = field(default_factory=list)
    notes: list = field(default_factory=list)
    #: Every question for this person, by priority: the suggested ones first.
    questions: list = field(default_factory=list)
    matched_rules: list = field(default_factory=list)
    #: The medicines the list speaks of: the person's named ones, else the condition's usual ones.
    medicines: list = field(default_factory=list)
    medicines_named: bool = False
    #: The medicine facts that hold for this person, by fact (facts.findings).
    findings: dict = field(default_factory=dict, repr=False)
    #: Slugs of the short list (at most MAX_SUGGESTED).
    suggested: frozenset = frozenset()
    #: Each question's tier for this person (a QuestionPriority value), by slug.
    priorities: dict = field(default_factory=dict)
    #: The snapshot it came from, for what the items name by slug (their sources).
    content: object = field(default=None, repr=False, compare=False)

    def suggested_questions(self):
        return [q for q in self.questions if q.slug in self.suggested]

    def more_questions(self):
        return [q for q in self.questions if q.slug not in self.suggested]

    def more_groups(self):
        """The questions not suggested, as (theme slug, theme label, [questions]) in theme order."""
        return group_by_theme(self.more_questions())

    def call_now_slugs(self):
        """The questions in the call-now tier for this person: they carry the clinic's numbers."""
        return frozenset(slug for slug, tier in self.priorities.items() if tier == QuestionPriority.CALL_NOW)

    def box_notes(self):
        """The notes shown as boxes of their own: every note but the call-now ones."""
        return [note for note in self.notes if not note.call_now]

    def call_now_notes(self):
        return [note for note in self.notes if note.call_now]

    def call_now_signs(self):
        """The warning signs of every category shown, each once, in category order: shown where
        the list speaks of no medicine with signs of its own (``signs``)."""
        return list(dict.fromkeys(sign for c in self.categories for sign in c.call_now_signs))

    def signs(self):
        """The call-now signs of the medicines the list speaks of, split by whom to call."""
        return call_now_signs(self.medicines)

    def reasons(self):
        """The matched rules' reasons, each once: two rules may give the same one."""
        return [rule.reason for rule in self.reason_rules()]

    def reason_rules(self):
        """The matched rules that give a reason not given before, in order (the page marks each
        one's language)."""
        first = {}
        for rule in self.matched_rules:
            first.setdefault(rule.reason, rule)
        return list(first.values())

    def sources(self):
        """Every source behind what this result shows, each once, sorted."""
        return self.sources_of([*self.categories, *self.treatments, *self.notes, *self.questions])

    def sources_of(self, items):
        """The sources of these items that apply to this person's condition, each once, sorted."""
        return self.content.sources_of(items, self.condition.slug)

    def as_dict(self):
        """The shape docs/product.md#the-recommend-command gives for ``recommend --format json``, with the language of
        the texts (an item not yet translated says its own)."""
        signs = self.signs()
        return {
            "language": getattr(self.content, "language", "en"),
            "goal": self.goal,
            "goal_inferred": self.goal_inferred,
            "goal_given": self.answers.goal,
            "condition": self.answers.condition,
            "stage": self.answers.stage,
            "categories": [
                {"slug": c.slug, "title": c.title, "summary": c.summary, "language": c.language}
                for c in self.categories],
            "treatments": [
                {"slug": t.slug, "title": t.title, "category": t.category, "language": t.language}
                for t in self.treatments],
            "notes": [
                {"kind": n.kind, "text": n.text, "title": n.title, "call_now": n.call_now, "language": n.language}
                for n in self.notes],
            "questions": [
                {"slug": q.slug, "text": q.text, "theme": q.theme, "suggested": q.slug in self.suggested,
                 "priority": self.priorities[q.slug], "language": q.language}
                for q in self.questions],
            "matched_rules": [rule.slug for rule in self.matched_rules],
            "medicines": [
                {"slug": m.slug, "name": m.name, "treatment": m.treatment, "named": self.medicines_named}
                for m in self.medicines],
            "call_now_signs": {"emergency": list(signs.emergency), "care_team": list(signs.care_team)},
        }


def group_by_theme(questions):
    """Questions as (theme slug, theme label, [questions]), themes in the vocabulary's order."""
    labels = dict(Theme.choices)
    by_theme = {}
    for question in questions:
        by_theme.setdefault(question.theme, []).append(question)
    return [(theme, labels[theme], by_theme[theme]) for theme in THEME_ORDER if theme in by_theme]


def factors_offered(condition):
    """The factors a person can give for this condition: a parent cannot answer for a child where
    the condition's content is written for adults (Condition.adults_only)."""
    return [f for f in Factor.values if not (f == Factor.CHILD and condition.adults_only)]


def goal_to_use(given_goal, condition):
    """The goal the result is built on, and whether it differs from the one given.

    "Not sure" takes the condition's usual goal; so does a goal that treatments
    for the condition do not usually have (a mismatch note then explains why).
    """
    usual = list(condition.usual_goals or [])
    if given_goal == Goal.UNSURE or (usual and given_goal not in usual):
        goal = condition.default_goal or Goal.UNSURE
    else:
        goal = given_goal
    return goal, goal != given_goal


def rule_matches(rule, answers, goal, condition_group):
    """True when every condition the rule lists holds for these answers (an empty list holds)."""
    if rule.goals and goal not in rule.goals:
        return False
    if rule.given_goals and answers.goal not in rule.given_goals:
        return False
    if rule.conditions and answers.condition not in rule.conditions:
        return False
    if rule.condition_groups and condition_group not in rule.condition_groups:
        return False
    if rule.stages and answers.stage not in rule.stages:
        return False
    if rule.factors and not any(f in rule.factors for f in answers.factors):
        return False
    if rule.concerns and not any(c in rule.concerns for c in answers.concerns):
        return False
    return True


def question_fits(question, goal, stage):
    return ((not question.goals or goal in question.goals)
            and (not question.stages or stage in question.stages))


def recommend(answers, content, max_questions=MAX_QUESTIONS):
    """Apply every rule to the answers and gather what the matching rules add.

    ``max_questions=None`` keeps every question: validation looks at all that could show.
    """
    condition = content.conditions[answers.condition]
    goal, goal_changed = goal_to_use(answers.goal, condition)
    matched = [
        rule for rule in content.rules_for(answers.condition, condition.group)
        if rule_matches(rule, answers, goal, condition.group)
    ]
    matched.sort(key=lambda rule: (-rule.priority, rule.slug))

    plan, named = medicines_in_plan(answers, condition, content)

    def gather(field_name, pool):
        slugs = dict.fromkeys(slug for rule in matched for slug in getattr(rule, field_name))
        return [pool[slug] for slug in slugs]

    categories = sorted(gather("categories", content.categories), key=lambda c: (c.order, c.slug))
    category_rank = {c.slug: c.order for c in content.categories.values()}
    treatments = gather("treatments", content.treatments)
    # The treatment types of the medicines the list speaks of are shown too: the page names its medicines.
    shown = {t.slug for t in treatments}
    treatments += [content.treatments[slug] for slug in dict.fromkeys(m.treatment for m in plan)
                   if slug in content.treatments and slug not in shown]
    treatments.sort(key=lambda t: (category_rank.get(t.category, 0), t.order, t.slug))
    notes = sorted(gather("notes", content.notes), key=lambda n: (NOTE_KIND_ORDER.index(n.kind), n.slug))

    found = findings(answers, condition, plan, named)
    from_rules = [q for q in gather("questions", content.questions) if not q.fact]
    # A filled template cites its medicines' sources beside its own.
    from_facts = [replace(q, text=fill(q, found[q.fact]),
                          sources=tuple(dict.fromkeys([*q.sources, *(s for m in found[q.fact].medicines
                                                                       for s in m.sources)])))
                  for fact in found for q in content.templates(fact)]
    fitting = [q for q in from_rules + from_facts if question_fits(q, goal, answers.stage)]
    priorities, raised = question_priorities(fitting, matched)
    raise_findings(fitting, found, priorities, raised)
    fitting = one_per_subject(fitting, priorities, raised)
    first_themes = [CONCERN_THEMES[c] for c in answers.concerns]
    theme_rank = {theme: rank for rank, theme in enumerate(dict.fromkeys(first_themes + THEME_ORDER))}
    ordered = order_by_priority(fitting, priorities, theme_rank, raised)
    pregnant = Factor.PREGNANCY in answers.factors
    suggested = choose_suggested([q for q in ordered if not (pregnant and q.subject == DOSING_ROUTINE)], priorities)
    questions = ([q for q in ordered if q.slug in suggested]
                 + [q for q in ordered if q.slug not in suggested])[:max_questions]

    return Result(
        answers=answers,
        goal=goal,
        goal_inferred=goal_changed,
        condition=condition,
        categories=categories,
        treatments=treatments,
        notes=notes,
        questions=questions,
        matched_rules=matched,
        medicines=plan,
        medicines_named=named,
        findings=found,
        suggested=frozenset(suggested),
        priorities={q.slug: priorities[q.slug] for q in questions},
        content=content,
    )


def question_priorities(questions, matched_rules):
    """Each question's tier for this person, and the slugs a matched rule raised.

    A question keeps its own tier unless a matched rule raises it to a better one.
    A rule that raises to the tier a question already has still marks it raised:
    it was the person's own answer (a factor, a concern) that brought it.
    """
    priorities = {q.slug: q.priority for q in questions}
    raised = set()
    for rule in matched_rules:
        if not rule.question_priority:
            continue
        for slug in rule.questions:
            if slug in priorities and PRIORITY_RANK[rule.question_priority] <= PRIORITY_RANK[priorities[slug]]:
                priorities[slug] = rule.question_priority
                raised.add(slug)
    return priorities, raised


def raise_findings(questions, found, priorities, raised):
    """A template whose fact the person's own answers raised (a factor, a medicine they named)
    goes to the safety tier, unless it is a call-now question: safety is never dropped for room.
    One that only the condition's usual medicines bring is listed, not suggested: the person
    has not said these are their medicines."""
    for q in questions:
        finding = found.get(q.fact) if q.fact else None
        if finding is None or priorities[q.slug] == QuestionPriority.CALL_NOW:
            continue
        if finding.raised:
            raised.add(q.slug)
            priorities[q.slug] = QuestionPriority.SAFETY
        else:
            priorities[q.slug] = QuestionPriority.MORE


def one_per_subject(questions, priorities, raised):
    """Questions on the same theme and subject say the same thing: one stays. A template, which
    names the person's medicines, stays over a general question, and takes the best tier of the
    ones it stands for (and their raise)."""
    groups = {}
    for q in questions:
        if q.subject:
            groups.setdefault((q.theme, q.subject), []).append(q)
    if all(len(group) == 1 for group in groups.values()):
        return questions
    kept = []
    for q in questions:
        group = groups.get((q.theme, q.subject), [q])
        keeper = next((m for m in group if m.fact), None) or min(
            group, key=lambda m: (PRIORITY_RANK[priorities[m.slug]], m.slug not in raised, m.order, m.slug))
        if q is not keeper:
            continue
        priorities[q.slug] = min((priorities[m.slug] for m in group), key=PRIORITY_RANK.__getitem__)
        if any(m.slug in raised for m in group):
            raised.add(q.slug)
        kept.append(q)
    return kept


def order_by_priority(questions, priorities, theme_rank, raised=frozenset()):
    """Best tier first. Within a tier, the questions a rule raised for this person's
    answers (a factor, a concern) before the tier's own, then breadth first by theme:
    the first of each theme before the second of any, so that one theme never fills
    the short list (themes of the person's concerns first, then ``order``).
    """
    def breadth_first(group):
        seen_in_theme = {}
        placed = []
        for q in sorted(group, key=lambda q: (theme_rank[q.theme], q.order, q.slug)):
            place = seen_in_theme[q.theme] = seen_in_theme.get(q.theme, -1) + 1
            placed.append(((place, theme_rank[q.theme]), q))
        return [q for _, q in sorted(placed, key=lambda pair: pair[0])]

    ordered = []
    for tier in QuestionPriority:
        in_tier = [q for q in questions if priorities[q.slug] == tier]
        ordered += breadth_first([q for q in in_tier if q.slug in raised])
        # A template names the person's medicines: it goes before the tier's general questions.
        ordered += breadth_first([q for q in in_tier if q.slug not in raised and q.fact])
        ordered += breadth_first([q for q in in_tier if q.slug not in raised and not q.fact])
    return ordered


def choose_suggested(ordered, priorities):
    """The slugs of the short list (docs/content-guide.md#how-a-list-is-ranked).

    At most MAX_SUGGESTED, from the four tiers. One call-now question is always
    in it, and so are the first "what is it and why for me" and the first concern
    question where there are any; the other places go in tier order. A list
    shorter than MIN_SUGGESTED is topped up with the next questions in order.
    A second call-now question is never suggested: it would say the same thing.
    """
    tiers = {p.value for p in SUGGESTED_PRIORITIES}
    call_now = [q.slug for q in ordered if priorities[q.slug] == QuestionPriority.CALL_NOW]
    candidates = [q for q in ordered if priorities[q.slug] in tiers and q.slug not in call_now[1:]]
    chosen = []
    for tier in (QuestionPriority.CALL_NOW, QuestionPriority.ABOUT, QuestionPriority.CONCERN):
        first = next((q for q in candidates if priorities[q.slug] == tier), None)
        if first is not None:
            chosen.append(first.slug)
    for q in candidates:
        if len(chosen) >= MAX_SUGGESTED:
            break
        if q.slug not in chosen:
            chosen.append(q.slug)
    top_up = [q.slug for q in ordered if priorities[q.slug] == QuestionPriority.MORE]
    chosen += top_up[:max(0, MIN_SUGGESTED - len(chosen))]
    return set(chosen)
