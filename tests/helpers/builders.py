"""Small hand-built content for engine and validation tests, independent of the fixtures.

Snapshots are plain frozen data, so a test builds one directly, and changes one
with ``dataclasses.replace`` and ``Content.replace``.
"""
import json
from dataclasses import replace
from datetime import date

from questionnaire.content import Content
from questionnaire.content_items import (
    Condition, ContentRelease, Medicine, Note, Question, Rule, Source, TherapyCategory, TreatmentType)
from tests.helpers import FIXTURES


def shipped_conditions():
    """Each condition slug of the shipped fixtures, with its group: hand-built content offers the same."""
    path = next(p for p in FIXTURES if p.endswith("conditions.json"))
    with open(path, encoding="utf-8") as file:
        return {item["pk"]: item["fields"]["group"] for item in json.load(file)}


def adults_only_conditions():
    """The shipped conditions whose content is written for adults: a parent cannot answer for a child."""
    path = next(p for p in FIXTURES if p.endswith("conditions.json"))
    with open(path, encoding="utf-8") as file:
        return {item["pk"] for item in json.load(file) if item["fields"].get("adults_only")}


REVIEWED = date(2026, 11, 1)
A_SOURCE = Source("a-source", "National Cancer Institute", "Immunotherapy", "https://www.cancer.gov/")


def category(slug, goal, order):
    return TherapyCategory(
        slug, goal=goal, order=order, title=slug.title(), summary="S.", how_it_works="H.", how_given="G.",
        common_side_effects="C.", serious_side_effects="X.", call_now_signs=("Fever",),
        sources=("a-source",), last_reviewed=REVIEWED)


def treatment(slug, category, order, title, examples=""):
    return TreatmentType(slug, category=category, order=order, title=title, description="D.",
                         examples=examples, sources=("a-source",), last_reviewed=REVIEWED)


def question(slug, theme="about", order=0, goals=(), stages=(), priority="more", sources=("a-source",)):
    return Question(slug, text=f"Question {slug}?", theme=theme, order=order, priority=priority,
                    goals=tuple(goals), stages=tuple(stages), sources=tuple(sources), last_reviewed=REVIEWED)


def medicine(slug, treatment="corticosteroids", pregnancy="usually_continued", breastfeeding="usually_continued",
             **facts):
    return Medicine(slug, treatment=treatment, order=0, name=slug.replace("_", " "), examples=f"{slug} (Brand)",
                    pregnancy=pregnancy, breastfeeding=breastfeeding, sources=("a-source",),
                    last_reviewed=REVIEWED, **facts)


def template(slug, fact, text, theme="about", priority="about", stages=(), subject=""):
    """A question template: the engine adds it when its fact holds, naming the medicines."""
    return replace(question(slug, theme=theme, priority=priority, stages=stages), text=text, fact=fact,
                   subject=subject or slug)


def note(slug, kind="info", text="N.", title=None, call_now=False, sources=("a-source",)):
    return Note(slug, kind=kind, title=title or f"Title {slug}", text=text, call_now=call_now,
                sources=tuple(sources), last_reviewed=REVIEWED)


def build_content(rules=(), questions=(), notes=()):
    """Three categories, one treatment each, every condition, and the given rules."""
    categories = {c.slug: c for c in (
        category("stimulating", "strengthen", 1),
        category("modulating", "modulate", 2),
        category("suppressive", "dampen", 3))}
    treatments = {t.slug: t for t in (
        treatment("checkpoint_inhibitors", "stimulating", 1, "CPI", "pembrolizumab"),
        treatment("targeted_biologics", "modulating", 1, "TB"),
        treatment("corticosteroids", "suppressive", 2, "CS", "prednisone"),
        treatment("transplant_antirejection", "suppressive", 1, "TA", "tacrolimus"),
    )}
    usual = {"cancer": ("strengthen",), "autoimmune": ("dampen", "modulate"),
             "transplant": ("dampen",), "allergy": ("modulate",), "immune_deficiency": ("modulate",),
             "other": ()}
    conditions = {
        slug: Condition(slug, group=group, order=0, label=slug, usual_goals=usual[group],
                        default_goal=(usual[group] or ("",))[0])
        for slug, group in shipped_conditions().items()}
    return Content(
        categories=categories,
        treatments=treatments,
        conditions=conditions,
        questions={q.slug: q for q in questions},
        notes={n.slug: n for n in notes},
        rules=[Rule(**{"priority": 0, "reason": "Because.", **rule}) for rule in rules],
        sources={A_SOURCE.slug: A_SOURCE},
        release=ContentRelease("test", published=REVIEWED, last_reviewed=REVIEWED),
    )


def with_item(content, pool, item):
    """The snapshot with one item added to a pool, or put in place of the one of its slug."""
    return content.replace(**{pool: {**getattr(content, pool), item.slug: item}})


def without_item(content, pool, slug):
    return content.replace(**{pool: {k: v for k, v in getattr(content, pool).items() if k != slug}})


def with_rule(content, slug, **change):
    """The snapshot with one rule changed."""
    return content.replace(rules=[replace(r, **change) if r.slug == slug else r for r in content.rules])
