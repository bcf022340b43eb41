"""Small hand-built content for engine and validation tests, independent of the fixtures."""
from datetime import date
from types import SimpleNamespace

from questionnaire.content import Content, RuleSpec
from questionnaire.vocabulary import CONDITIONS


class Sources(list):
    def all(self):
        return self


def item(slug, **fields):
    fields.setdefault("sources", Sources(["a-source"]))
    fields.setdefault("last_reviewed", date(2026, 11, 1))
    return SimpleNamespace(slug=slug, pk=slug, **fields)


def category(slug, goal, order):
    return item(slug, goal=goal, order=order, title=slug.title(), summary="S.", how_it_works="H.",
                how_given="G.", common_side_effects="C.", serious_side_effects="X.",
                call_now_signs=["Fever"])


def question(slug, theme="about", order=0, goals=(), stages=(), priority="more"):
    return item(slug, text=f"Question {slug}?", theme=theme, order=order, priority=priority,
                goals=list(goals), stages=list(stages))


def note(slug, kind="info", text="N.", title=None, call_now=False):
    return item(slug, kind=kind, text=text, title=title or f"Title {slug}", call_now=call_now)


def build_content(rules=(), questions=(), notes=()):
    """Three categories, one treatment each, every condition, and the given rules."""
    categories = {c.slug: c for c in (
        category("stimulating", "strengthen", 1),
        category("modulating", "modulate", 2),
        category("suppressive", "dampen", 3))}
    treatments = {t.slug: t for t in (
        item("checkpoint_inhibitors", category_id="stimulating", order=1, title="CPI", description="D.",
             examples="pembrolizumab"),
        item("targeted_biologics", category_id="modulating", order=1, title="TB", description="D.",
             examples=""),
        item("corticosteroids", category_id="suppressive", order=2, title="CS", description="D.",
             examples="prednisone"),
        item("transplant_antirejection", category_id="suppressive", order=1, title="TA", description="D.",
             examples="tacrolimus"),
    )}
    usual = {"cancer": ["strengthen"], "autoimmune": ["dampen", "modulate"],
             "transplant": ["dampen"], "allergy": ["modulate"], "other": []}
    conditions = {
        slug: SimpleNamespace(
            slug=slug, pk=slug, group=group.value, label=slug, order=0,
            usual_goals=usual[group.value], default_goal=(usual[group.value] or [""])[0])
        for slug, group in CONDITIONS.items()}
    return Content(
        categories=categories,
        treatments=treatments,
        conditions=conditions,
        questions={q.slug: q for q in questions},
        notes={n.slug: n for n in notes},
        rules=[RuleSpec(**{"priority": 0, "reason": "Because.", **rule}) for rule in rules],
        release=SimpleNamespace(version="test", last_reviewed=date(2026, 11, 1)),
    )
