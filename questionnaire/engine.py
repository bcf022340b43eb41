"""The rules engine: answers in, a result out.

Plain Python on purpose. It knows nothing of requests, sessions or templates,
so the result page, the ``recommend`` command and the tests all share it.
"""
from dataclasses import dataclass, field

from .vocabulary import (
    CONCERN_THEMES, CONDITIONS, Concern, Factor, Goal, NoteKind, Stage, Theme)

ANSWER_KEYS = ("goal", "condition", "stage", "factors", "concerns")
REQUIRED_KEYS = ("goal", "condition", "stage")

CHOICES = {
    "goal": [g.value for g in Goal],
    "condition": list(CONDITIONS),
    "stage": [s.value for s in Stage],
    "factors": [f.value for f in Factor],
    "concerns": [c.value for c in Concern],
}

#: A mismatch note first, since it explains why the page shows what it shows; then safety.
NOTE_KIND_ORDER = [NoteKind.MISMATCH, NoteKind.SAFETY, NoteKind.INFO]
THEME_ORDER = [t.value for t in Theme]


class InvalidAnswers(ValueError):
    """Raised for a missing or unknown answer; says which, and what is allowed."""

    def __init__(self, key, value=None, problem="unknown"):
        self.key, self.value, self.problem = key, value, problem
        if key not in CHOICES:
            message = f"Unknown answer {key!r}. Valid answers: {', '.join(ANSWER_KEYS)}."
        elif problem == "missing":
            message = f"Missing answer {key!r}. Valid choices: {', '.join(CHOICES[key])}."
        else:
            message = f"Unknown {key} {value!r}. Valid choices: {', '.join(CHOICES[key])}."
        super().__init__(message)


@dataclass(frozen=True)
class Answers:
    """One person's answers, as slugs from the vocabulary."""

    goal: str
    condition: str
    stage: str
    factors: tuple = ()
    concerns: tuple = ()

    @classmethod
    def from_mapping(cls, data):
        """Check a mapping of answers (lists or comma-separated strings) and build Answers."""
        for key in data:
            if key not in CHOICES:
                raise InvalidAnswers(key)
        for key in REQUIRED_KEYS:
            if not data.get(key):
                raise InvalidAnswers(key, problem="missing")
        values = {}
        for key in ANSWER_KEYS:
            raw = data.get(key) or ()
            items = raw.split(",") if isinstance(raw, str) else list(raw)
            for item in items:
                if not isinstance(item, str):
                    raise InvalidAnswers(key, repr(item))
            items = [item.strip() for item in items if item.strip()]
            for item in items:
                if item not in CHOICES[key]:
                    raise InvalidAnswers(key, item)
            if key in REQUIRED_KEYS:
                if len(items) != 1:
                    raise InvalidAnswers(key, ",".join(items))
                values[key] = items[0]
            else:
                # Keep the vocabulary's order so equal answers give equal results.
                values[key] = tuple(c for c in CHOICES[key] if c in items)
        return cls(**values)

    def as_dict(self):
        return {
            "goal": self.goal, "condition": self.condition, "stage": self.stage,
            "factors": list(self.factors), "concerns": list(self.concerns),
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
    questions: list = field(default_factory=list)
    matched_rules: list = field(default_factory=list)

    def question_groups(self):
        """The questions as (theme slug, theme label, [questions]), in list order."""
        labels = dict(Theme.choices)
        groups = []
        for question in self.questions:
            if not groups or groups[-1][0] != question.theme:
                groups.append((question.theme, labels[question.theme], []))
            groups[-1][2].append(question)
        return groups

    def sources(self):
        """Every source behind what this result shows, each once, sorted."""
        items = [*self.categories, *self.treatments, *self.notes, *self.questions]
        found = {source.pk: source for item in items for source in item.sources.all()}
        return sorted(found.values(), key=lambda s: (s.organisation, s.title))

    def as_dict(self):
        """The shape PRODUCT.md gives for ``recommend --format json``."""
        return {
            "goal": self.goal,
            "goal_inferred": self.goal_inferred,
            "goal_given": self.answers.goal,
            "condition": self.answers.condition,
            "stage": self.answers.stage,
            "categories": [
                {"slug": c.slug, "title": c.title, "summary": c.summary} for c in self.categories],
            "treatments": [
                {"slug": t.slug, "title": t.title, "category": t.category_id} for t in self.treatments],
            "notes": [{"kind": n.kind, "text": n.text} for n in self.notes],
            "questions": [
                {"slug": q.slug, "text": q.text, "theme": q.theme} for q in self.questions],
            "matched_rules": [rule.slug for rule in self.matched_rules],
        }


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


def recommend(answers, content):
    """Apply every rule to the answers and gather what the matching rules add."""
    condition = content.conditions[answers.condition]
    goal, goal_changed = goal_to_use(answers.goal, condition)
    matched = [
        rule for rule in content.rules_for(answers.condition, condition.group)
        if rule_matches(rule, answers, goal, condition.group)
    ]
    matched.sort(key=lambda rule: (-rule.priority, rule.slug))

    def gather(field_name, pool):
        slugs = dict.fromkeys(slug for rule in matched for slug in getattr(rule, field_name))
        return [pool[slug] for slug in slugs]

    categories = sorted(gather("categories", content.categories), key=lambda c: (c.order, c.slug))
    category_rank = {c.slug: c.order for c in content.categories.values()}
    treatments = sorted(
        gather("treatments", content.treatments),
        key=lambda t: (category_rank.get(t.category_id, 0), t.order, t.slug))
    notes = sorted(gather("notes", content.notes), key=lambda n: (NOTE_KIND_ORDER.index(n.kind), n.slug))

    first_themes = [CONCERN_THEMES[c] for c in answers.concerns]
    theme_rank = {theme: rank for rank, theme in enumerate(
        dict.fromkeys(first_themes + THEME_ORDER))}
    questions = sorted(
        (q for q in gather("questions", content.questions) if question_fits(q, goal, answers.stage)),
        key=lambda q: (theme_rank[q.theme], q.order, q.slug))

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
    )
