"""The content as one snapshot of plain, immutable data.

The engine, the forms, the pages, the documents and the validation all read a
:class:`Content` snapshot and never the ORM, so they stay plain Python. A
snapshot comes from the database (:func:`read_content`, cached per content
stamp by :func:`current_content`), from fixture files (:func:`content_from_fixtures`,
which ``content_diff`` compares), or from a test that builds one by hand.
Items refer to each other by slug: a question's ``sources`` are source slugs,
a treatment type's ``category`` is a category slug.
"""
import dataclasses
import datetime
import hashlib
import json
import threading
from dataclasses import dataclass, field
from functools import cached_property
from types import MappingProxyType

from django.core import serializers
from django.db.models import Prefetch

from . import models
from .fragments import Fragments
from .phones import tel_uri
from .registry import CONTENT


@dataclass(frozen=True)
class Source:
    slug: str
    organisation: str
    title: str
    url: str


#: The release's record of its sign-off: left out of the fingerprint it records.
SIGN_OFF_FIELDS = (
    "signed_off_by", "signed_off_role", "signed_off_on", "signed_off_summary", "signed_off_fingerprint")


@dataclass(frozen=True)
class ContentRelease:
    version: str
    published: datetime.date
    last_reviewed: datetime.date
    summary: str = ""
    written_by: str = ""
    reviewed_by: str = ""
    funding: str = ""
    conflicts_of_interest: str = ""
    update_policy: str = ""
    signed_off_by: str = ""
    signed_off_role: str = ""
    signed_off_on: datetime.date = None
    signed_off_summary: str = ""
    signed_off_fingerprint: str = ""

    @property
    def signed_off(self):
        """True when a sign-off is recorded; whether it still covers the content is
        :attr:`Content.sign_off`'s to say."""
        return bool(self.signed_off_by and self.signed_off_on and self.signed_off_fingerprint)


@dataclass(frozen=True)
class TherapyCategory:
    slug: str
    goal: str
    order: int
    title: str
    summary: str
    how_it_works: str
    how_given: str
    common_side_effects: str
    serious_side_effects: str
    call_now_signs: tuple = ()
    sources: tuple = ()
    last_reviewed: datetime.date = None


@dataclass(frozen=True)
class TreatmentType:
    slug: str
    category: str
    order: int
    title: str
    description: str
    examples: str = ""
    sources: tuple = ()
    last_reviewed: datetime.date = None


@dataclass(frozen=True)
class Condition:
    slug: str
    group: str
    order: int
    label: str
    hint: str = ""
    default_goal: str = ""
    usual_goals: tuple = ()


@dataclass(frozen=True)
class Question:
    slug: str
    text: str
    theme: str
    priority: str = "more"
    order: int = 0
    goals: tuple = ()
    stages: tuple = ()
    sources: tuple = ()
    last_reviewed: datetime.date = None


@dataclass(frozen=True)
class Note:
    slug: str
    kind: str
    title: str
    text: str
    call_now: bool = False
    sources: tuple = ()
    last_reviewed: datetime.date = None


@dataclass(frozen=True)
class GlossaryTerm:
    slug: str
    term: str
    definition: str
    matches: tuple = ()
    sources: tuple = ()
    last_reviewed: datetime.date = None


@dataclass(frozen=True)
class Clinic:
    """The clinic's profile (set in the admin): its name and numbers on the list it hands out."""

    name: str
    endorsement: str = ""
    day_phone: str = ""
    out_of_hours_phone: str = ""
    address: str = ""
    paper: str = ""

    @cached_property
    def day_phone_link(self):
        return tel_uri(self.day_phone)

    @cached_property
    def out_of_hours_phone_link(self):
        return tel_uri(self.out_of_hours_phone)


@dataclass(frozen=True)
class Rule:
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


#: The plain class each pool of a snapshot holds (the pools are named in registry.CONTENT).
ITEM_CLASSES = {
    "sources": Source, "release": ContentRelease, "categories": TherapyCategory,
    "treatments": TreatmentType, "conditions": Condition, "questions": Question, "notes": Note,
    "rules": Rule, "glossary": GlossaryTerm,
}


@dataclass(frozen=True)
class Content:
    """Everything the engine needs: each pool keyed by slug, read-only; the rules by priority."""

    categories: dict = field(default_factory=dict)
    treatments: dict = field(default_factory=dict)
    conditions: dict = field(default_factory=dict)
    questions: dict = field(default_factory=dict)
    notes: dict = field(default_factory=dict)
    rules: tuple = ()
    sources: dict = field(default_factory=dict)
    glossary: dict = field(default_factory=dict)
    release: ContentRelease = None
    #: The clinic's profile, or None: not content (no fixture, no sign-off), but read with it.
    clinic: Clinic = field(default=None, compare=False)
    #: HTML rendered from this snapshot (a step's options...), kept as long as the snapshot is.
    rendered: Fragments = field(default_factory=Fragments, repr=False, compare=False)

    POOLS = ("categories", "treatments", "conditions", "questions", "notes", "sources", "glossary")

    def __post_init__(self):
        for name in self.POOLS:
            object.__setattr__(self, name, MappingProxyType(dict(getattr(self, name))))
        object.__setattr__(self, "rules", tuple(self.rules))
        object.__setattr__(self, "_rule_index", self._index_rules())

    def _index_rules(self):
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
        return by_condition, by_group, general

    def rules_for(self, condition, group):
        """The rules that could match answers for this condition: the others cannot.

        A rule that lists conditions can only match those; one that lists groups
        only those groups; the rest are checked for everyone. The index is built
        with the snapshot, so matching grows with the rules that could apply,
        not with all rules.
        """
        by_condition, by_group, general = self._rule_index
        return [*by_condition.get(condition, ()), *by_group.get(group, ()), *general]

    def replace(self, **pools):
        """A new snapshot with some pools replaced: snapshots are never changed in place."""
        return dataclasses.replace(self, **pools)

    @cached_property
    def fingerprint(self):
        """A digest of the whole content, so a sign-off names exactly the content it covers.

        The same content gives the same digest whether it was read from the
        database or from fixture files. The sign-off's own fields are left out:
        recording a sign-off does not change what was signed off.
        """
        data = {pool: [dataclasses.asdict(item) for _, item in sorted(getattr(self, pool).items())]
                for pool in self.POOLS}
        data["rules"] = [dataclasses.asdict(rule) for rule in sorted(self.rules, key=lambda r: r.slug)]
        if self.release is not None:
            data["release"] = {name: value for name, value in dataclasses.asdict(self.release).items()
                               if name not in SIGN_OFF_FIELDS}
        text = json.dumps(data, sort_keys=True, ensure_ascii=False, default=str)
        return hashlib.sha256(text.encode()).hexdigest()

    @property
    def sign_off(self):
        """The release, when its recorded sign-off covers this very content; else None
        (never signed off, or changed since)."""
        release = self.release
        if release is not None and release.signed_off and release.signed_off_fingerprint == self.fingerprint:
            return release
        return None

    def sources_of(self, items):
        """The sources the items cite, each once, sorted by organisation and title."""
        found = {slug: self.sources[slug] for item in items for slug in item.sources if slug in self.sources}
        return sorted(found.values(), key=lambda s: (s.organisation, s.title))


def plain_item(cls, instance, related):
    """The plain item for a model instance; ``related`` holds its many-to-many fields as slugs.

    A foreign key becomes the slug it holds; a JSON list becomes a tuple. Any
    other JSON value is kept as it is, so validation can name it.
    """
    values = {}
    for item_field in dataclasses.fields(cls):
        name = item_field.name
        if name in related:  # sorted: which order the links were made in means nothing
            values[name] = tuple(sorted(related[name]))
            continue
        model_field = next((f for f in instance._meta.concrete_fields if f.name == name), None)
        if model_field is None:
            continue
        value = getattr(instance, model_field.attname)
        values[name] = tuple(value) if isinstance(value, list) else value
    return cls(**values)


def _snapshot(items_by_pool, clinic=None):
    """A snapshot from (pool, plain items) pairs; of several releases, the latest."""
    pools = {"clinic": clinic}
    for pool, items in items_by_pool:
        if pool == "rules":
            pools[pool] = sorted(items, key=lambda rule: (-rule.priority, rule.slug))
        elif pool == "release":
            pools[pool] = max(items, key=lambda r: (r.published, r.version), default=None)
        else:
            pools[pool] = {item.slug: item for item in items}
    return Content(**pools)


def read_content(using="default"):
    """The content stored in a database, in a fixed, small number of queries."""
    def read(model, pool):
        many = [f.name for f in model._meta.many_to_many]
        queryset = model._default_manager.using(using).prefetch_related(
            *(Prefetch(name, queryset=model._meta.get_field(name).related_model._default_manager
                       .using(using).only("pk")) for name in many))
        return [plain_item(ITEM_CLASSES[pool], obj, {name: [o.pk for o in getattr(obj, name).all()]
                                                     for name in many})
                for obj in queryset]

    clinic = models.ClinicProfile.objects.using(using).order_by("pk").first()
    return _snapshot(
        [(pool, read(model, pool)) for model, _, pool in CONTENT],
        clinic=plain_item(Clinic, clinic, {}) if clinic is not None else None)


def content_from_fixtures(texts):
    """The content held in fixture files' text (``{file name: JSON text}``), without a database.

    Django's own deserializer reads each file; items are never saved.
    """
    pool_of = {model: pool for model, _, pool in CONTENT}
    items = {pool: [] for _, _, pool in CONTENT}
    for _, file_name, _ in CONTENT:
        if file_name not in texts:
            continue
        try:
            for deserialized in serializers.deserialize("json", texts[file_name], ignorenonexistent=True):
                obj = deserialized.object
                pool = pool_of.get(type(obj))
                if pool is not None:
                    items[pool].append(plain_item(ITEM_CLASSES[pool], obj, deserialized.m2m_data))
        except serializers.base.DeserializationError as error:
            raise serializers.base.DeserializationError(f"{file_name}: {error}") from error
    return _snapshot(items.items())


_cache = {}
_cache_lock = threading.Lock()


def current_content(using="default"):
    """The content, read once per change rather than once per request.

    One cheap query reads the content stamp; the snapshot is read again only
    when the stamp has moved, which any save, delete or ``load_content`` does (see
    signals.py). Every app server reads the same stamp, so all see an edit at once.
    """
    stamp = models.ContentStamp.current(using)
    cached = _cache.get(using)
    if cached is not None and stamp is not None and cached[0] == stamp:
        return cached[1]
    content = read_content(using)
    with _cache_lock:
        _cache[using] = (stamp, content)
    return content


def forget_cached_content():
    with _cache_lock:
        _cache.clear()
