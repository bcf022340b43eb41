"""Reading the content from the database into one snapshot.

The engine and the validation work on a :class:`Content` snapshot rather than
on the ORM, so they stay plain Python: the same snapshot can come from the
database, from a test that builds one by hand, or from a cache.
"""
import threading
from dataclasses import dataclass, field

from django.db.models import Prefetch

from . import models
from .fragments import Fragments


@dataclass(frozen=True)
class RuleSpec:
    """A rule as the engine sees it: conditions and additions as tuples of slugs."""

    slug: str
    priority: int
    reason: str
    question_priority: str = ""
    goals: tuple = ()
    given_goals: tuple = ()
    conditions: tuple = ()
    condition_groups: tuple = ()
    stages: tuple = ()
    factors: tuple = ()
    concerns: tuple = ()
    categories: tuple = ()
    treatments: tuple = ()
    questions: tuple = ()
    notes: tuple = ()

    CONDITION_FIELDS = (
        "goals", "given_goals", "conditions", "condition_groups", "stages", "factors", "concerns")
    ADDITION_FIELDS = ("categories", "treatments", "questions", "notes")

    @classmethod
    def from_model(cls, rule):
        return cls(
            slug=rule.slug,
            priority=rule.priority,
            reason=rule.reason,
            question_priority=rule.question_priority,
            **{name: tuple(getattr(rule, name) or ()) for name in cls.CONDITION_FIELDS},
            **{name: tuple(obj.pk for obj in getattr(rule, name).all()) for name in cls.ADDITION_FIELDS},
        )


@dataclass
class Content:
    """Everything the engine needs, keyed by slug."""

    categories: dict = field(default_factory=dict)
    treatments: dict = field(default_factory=dict)
    conditions: dict = field(default_factory=dict)
    questions: dict = field(default_factory=dict)
    notes: dict = field(default_factory=dict)
    rules: list = field(default_factory=list)
    sources: dict = field(default_factory=dict)
    glossary: dict = field(default_factory=dict)
    release: object = None
    _rule_index: tuple = field(default=None, repr=False, compare=False)
    #: HTML rendered from this snapshot (a step's options...), kept as long as the snapshot is.
    rendered: Fragments = field(default_factory=Fragments, repr=False, compare=False)

    def rules_for(self, condition, group):
        """The rules that could match answers for this condition: the others cannot.

        A rule that lists conditions can only match those; one that lists groups
        only those groups; the rest are checked for everyone. The index is built
        once per snapshot, so matching grows with the rules that could apply,
        not with all rules.
        """
        if self._rule_index is None or self._rule_index[0] is not self.rules:
            by_condition, by_group, general = {}, {}, []
            for rule in self.rules:
                if rule.conditions:
                    for slug in dict.fromkeys(rule.conditions):
                        by_condition.setdefault(slug, []).append(rule)
                elif rule.condition_groups:
                    for slug in dict.fromkeys(rule.condition_groups):
                        by_group.setdefault(slug, []).append(rule)
                else:
                    general.append(rule)
            self._rule_index = (self.rules, by_condition, by_group, general)
        _, by_condition, by_group, general = self._rule_index
        return [*by_condition.get(condition, ()), *by_group.get(group, ()), *general]


def load_content(using="default"):
    """Read all content in a fixed, small number of queries."""
    with_sources = Prefetch("sources", queryset=models.Source.objects.using(using))

    def keyed(queryset):
        return {obj.pk: obj for obj in queryset.using(using)}

    rules = models.Rule.objects.using(using).prefetch_related(
        *(Prefetch(name, queryset=models.Rule._meta.get_field(name).related_model.objects.using(using).only("pk"))
          for name in RuleSpec.ADDITION_FIELDS))
    return Content(
        categories=keyed(models.TherapyCategory.objects.prefetch_related(with_sources)),
        treatments=keyed(models.TreatmentType.objects.prefetch_related(with_sources)),
        conditions=keyed(models.Condition.objects.all()),
        questions=keyed(models.Question.objects.prefetch_related(with_sources)),
        notes=keyed(models.Note.objects.prefetch_related(with_sources)),
        rules=[RuleSpec.from_model(rule) for rule in rules],
        sources=keyed(models.Source.objects.all()),
        glossary=keyed(models.GlossaryTerm.objects.prefetch_related(with_sources)),
        release=models.ContentRelease.objects.using(using).order_by("-published", "-version").first(),
    )


_cache = {}
_cache_lock = threading.Lock()


def current_content(using="default"):
    """The content, loaded once per change rather than once per request.

    One cheap query reads the content stamp; the snapshot is reloaded only when
    the stamp has moved, which any save, delete or ``load_content`` does (see
    signals.py). Every app server reads the same stamp, so all see an edit at once.
    """
    stamp = models.ContentStamp.current(using)
    cached = _cache.get(using)
    if cached is not None and stamp is not None and cached[0] == stamp:
        return cached[1]
    content = load_content(using)
    with _cache_lock:
        _cache[using] = (stamp, content)
    return content


def forget_cached_content():
    with _cache_lock:
        _cache.clear()
