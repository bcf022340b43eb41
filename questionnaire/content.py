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
import functools
import hashlib
import json
import threading
from dataclasses import dataclass, field
from functools import cached_property
from types import MappingProxyType

from django.conf import settings
from django.core import serializers
from django.db.models import Prefetch
from django.utils import translation

from . import models
from .phones import tel_uri
from .registry import CONTENT


#: The language every content field is written in first; the others translate it.
SOURCE_LANGUAGE = "en"


def item_language():
    """A field for an item's language: the language its texts are in, which is not content."""
    return field(default=SOURCE_LANGUAGE, compare=False)


@dataclass(frozen=True)
class Source:
    """A source is cited by its own title, in the language of the page it names: not translated."""

    slug: str
    organisation: str
    title: str
    url: str
    language: str = item_language()


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
    languages: dict = field(default_factory=dict, compare=False, hash=False)
    language: str = item_language()

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
    language: str = item_language()


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
    language: str = item_language()


@dataclass(frozen=True)
class Condition:
    slug: str
    group: str
    order: int
    label: str
    hint: str = ""
    default_goal: str = ""
    usual_goals: tuple = ()
    language: str = item_language()


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
    language: str = item_language()


@dataclass(frozen=True)
class Note:
    slug: str
    kind: str
    title: str
    text: str
    call_now: bool = False
    sources: tuple = ()
    last_reviewed: datetime.date = None
    language: str = item_language()


@dataclass(frozen=True)
class GlossaryTerm:
    slug: str
    term: str
    definition: str
    matches: tuple = ()
    sources: tuple = ()
    last_reviewed: datetime.date = None
    language: str = item_language()


@dataclass(frozen=True)
class Clinic:
    """The clinic's profile (set in the admin): its name and numbers on the list it hands out."""

    name: str
    endorsement: str = ""
    day_phone: str = ""
    out_of_hours_phone: str = ""
    address: str = ""
    paper: str = ""
    language: str = item_language()

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
    language: str = item_language()

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
    #: The other languages' texts: ``{language: {pool: {slug: {field: text}}}}`` (the release is
    #: named by its version, the clinic "clinic"). Snapshots in a language come from :meth:`in_language`.
    translations: dict = field(default_factory=dict, repr=False)
    #: The language this snapshot's texts are in, where an item has them (see ``untranslated``).
    language: str = field(default=SOURCE_LANGUAGE, compare=False)
    #: (pool, slug) of each item shown in English in a snapshot in another language.
    untranslated: frozenset = field(default=frozenset(), compare=False)
    #: The snapshot in the source language that this one translates (itself when it is that).
    source: "Content" = field(default=None, repr=False, compare=False)

    POOLS = ("categories", "treatments", "conditions", "questions", "notes", "sources", "glossary")

    def __post_init__(self):
        for name in self.POOLS:
            object.__setattr__(self, name, MappingProxyType(dict(getattr(self, name))))
        object.__setattr__(self, "rules", tuple(self.rules))
        object.__setattr__(self, "_rule_index", self._index_rules())
        object.__setattr__(self, "_in_languages", {})
        object.__setattr__(self, "_lock", threading.Lock())
        if self.source is None:
            object.__setattr__(self, "source", self)

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
        return dataclasses.replace(self, **{"source": None, **pools})

    def in_language(self, language):
        """This content with its texts in ``language``, item by item, made once per language.

        An item whose translation misses any of its texts stays whole in English (its
        ``language`` says so, and ``untranslated`` names it), never half and half.
        Slugs, rules and sources are the same in every language, so the engine's
        result is too.
        """
        if self is not self.source:
            return self.source.in_language(language)
        language = (language or SOURCE_LANGUAGE).split("-")[0].lower()
        if language not in translated_languages():
            return self
        translated = self._in_languages.get(language)  # every request asks: no lock once made
        if translated is None:
            with self._lock:
                translated = self._in_languages.get(language)
                if translated is None:
                    translated = self._in_languages[language] = self._translate(language)
        return translated

    def _translate(self, language):
        texts = self.translations.get(language, {})
        untranslated = set()

        def translate(pool, slug, item):
            if item is None:
                return None
            wanted = translated_fields_by_pool()[pool]
            given = texts.get(pool, {}).get(slug, {})
            if any(getattr(item, name) and not given.get(name) for name in wanted):
                untranslated.add((pool, slug))
                return item
            return dataclasses.replace(item, language=language, **{
                name: given[name] for name in wanted if getattr(item, name)})

        pools = {pool: {slug: translate(pool, slug, item) for slug, item in getattr(self, pool).items()}
                 for pool in self.POOLS if translated_fields_by_pool().get(pool)}
        pools["rules"] = [translate("rules", rule.slug, rule) for rule in self.rules]
        pools["release"] = translate("release", getattr(self.release, "version", None), self.release)
        pools["clinic"] = translate("clinic", "clinic", self.clinic)
        return dataclasses.replace(
            self, **pools, language=language, untranslated=frozenset(untranslated), source=self)

    def translation_fingerprint(self, language):
        """A digest of one language's texts with the content they translate: what its sign-off covers."""
        texts = json.dumps(self.source.translations.get(language, {}), sort_keys=True, ensure_ascii=False,
                           default=str)
        return hashlib.sha256(f"{self.source.fingerprint}\n{texts}".encode()).hexdigest()

    def language_state(self, language):
        """The release's record of a translation: its status, review date and sign-off (a dict)."""
        release = self.source.release
        state = dict(release.languages.get(language, {})) if release is not None else {}
        state.setdefault("status", "partial")
        return state

    def language_sign_off(self, language):
        """A translation's sign-off, while it covers its very texts; else None.

        English is the release's own sign-off (:attr:`sign_off`).
        """
        if language == SOURCE_LANGUAGE:
            return self.sign_off
        state = self.language_state(language)
        if state.get("signed_off_by") and state.get("signed_off_on") and \
                state.get("signed_off_fingerprint") == self.translation_fingerprint(language):
            return state
        return None

    @cached_property
    def fingerprint(self):
        """A digest of the whole content, so a sign-off names exactly the content it covers.

        The same content gives the same digest whether it was read from the
        database or from fixture files. The sign-off's own fields are left out:
        recording a sign-off does not change what was signed off.
        """
        if self is not self.source:
            return self.source.fingerprint
        data = {pool: [_fields(item) for _, item in sorted(getattr(self, pool).items())] for pool in self.POOLS}
        data["rules"] = [_fields(rule) for rule in sorted(self.rules, key=lambda r: r.slug)]
        if self.release is not None:
            data["release"] = {name: value for name, value in _fields(self.release).items()
                               if name not in SIGN_OFF_FIELDS and name != "languages"}
        text = json.dumps(data, sort_keys=True, ensure_ascii=False, default=str)
        return hashlib.sha256(text.encode()).hexdigest()

    @cached_property
    def glossary_index(self):
        """Which glossary terms each item mentions, in this snapshot's language (glossary.py)."""
        from .glossary import index_terms
        return index_terms(self)

    @property
    def sign_off(self):
        """The release, when its recorded sign-off covers this very content; else None
        (never signed off, or changed since)."""
        release = self.source.release
        if release is not None and release.signed_off and release.signed_off_fingerprint == self.fingerprint:
            return release
        return None

    def sources_of(self, items):
        """The sources the items cite, each once, sorted by organisation and title."""
        found = {slug: self.sources[slug] for item in items for slug in item.sources if slug in self.sources}
        return sorted(found.values(), key=lambda s: (s.organisation, s.title))


def _fields(item):
    """An item's fields as plain data, without its language (which says how it is shown)."""
    return {name: value for name, value in dataclasses.asdict(item).items() if name != "language"}


def translated_languages():
    """The languages the content is translated into: every one offered but the source language."""
    return [code for code, _ in settings.LANGUAGES if code != SOURCE_LANGUAGE]


@functools.cache
def translated_fields(model):
    """The fields of a model that have a text per language (questionnaire/translation.py);
    asked for each field of each item a snapshot reads, and fixed once the apps are loaded."""
    from modeltranslation.translator import NotRegistered, translator
    try:
        return tuple(translator.get_options_for_model(model).fields)
    except NotRegistered:
        return ()


def _stored(instance, name, language=SOURCE_LANGUAGE):
    """A field's value in one language, read past django-modeltranslation's per-request switch."""
    if name in translated_fields(type(instance)):
        value = instance.__dict__.get(f"{name}_{language}")
        if value is None and language == SOURCE_LANGUAGE:  # a fixture older than the translations
            value = instance.__dict__.get(name)
        return value
    return getattr(instance, instance._meta.get_field(name).attname)


def _plain(value):
    return tuple(value) if isinstance(value, list) else value


def plain_item(cls, instance, related):
    """The plain item for a model instance; ``related`` holds its many-to-many fields as slugs.

    A foreign key becomes the slug it holds; a JSON list becomes a tuple. Any
    other JSON value is kept as it is, so validation can name it. A translated
    field gives its English (see :func:`translations_of` for the others).
    """
    values = {}
    concrete = {f.name for f in instance._meta.concrete_fields}
    for item_field in dataclasses.fields(cls):
        name = item_field.name
        if name in related:  # sorted: which order the links were made in means nothing
            values[name] = tuple(sorted(related[name]))
        elif name in concrete:
            values[name] = _plain(_stored(instance, name))
    return cls(**values)


def translations_of(instance):
    """``{language: {field: text}}``: an instance's texts in the languages besides English that it has."""
    found = {}
    for language in translated_languages():
        texts = {name: _plain(value) for name in translated_fields(type(instance))
                 if (value := _stored(instance, name, language)) not in (None, "", [])}
        if texts:
            found[language] = texts
    return found


@functools.cache
def translated_fields_by_pool():
    """The fields each pool translates, as questionnaire/translation.py registers them."""
    fields = {pool: translated_fields(model) for model, _, pool in CONTENT}
    fields["clinic"] = translated_fields(models.ClinicProfile)
    return fields


def _add_translations(translations, pool, item, instance):
    key = item.version if pool == "release" else "clinic" if pool == "clinic" else item.slug
    for language, texts in translations_of(instance).items():
        translations.setdefault(language, {}).setdefault(pool, {})[key] = texts


def _snapshot(items_by_pool, clinic=None, translations=None):
    """A snapshot from (pool, plain items) pairs; of several releases, the latest."""
    pools = {"clinic": clinic, "translations": translations or {}}
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
    translations = {}

    def read(model, pool):
        many = [f.name for f in model._meta.many_to_many]
        queryset = model._default_manager.using(using).prefetch_related(
            *(Prefetch(name, queryset=model._meta.get_field(name).related_model._default_manager
                       .using(using).only("pk")) for name in many))
        items = []
        for obj in queryset:
            item = plain_item(ITEM_CLASSES[pool], obj, {name: [o.pk for o in getattr(obj, name).all()]
                                                        for name in many})
            _add_translations(translations, pool, item, obj)
            items.append(item)
        return items

    pools = [(pool, read(model, pool)) for model, _, pool in CONTENT]
    profile = models.ClinicProfile.objects.using(using).order_by("pk").first()
    clinic = None
    if profile is not None:
        clinic = plain_item(Clinic, profile, {})
        _add_translations(translations, "clinic", clinic, profile)
    return _snapshot(pools, clinic=clinic, translations=translations)


def content_from_fixtures(texts):
    """The content held in fixture files' text (``{file name: JSON text}``), without a database.

    Django's own deserializer reads each file; items are never saved.
    """
    pool_of = {model: pool for model, _, pool in CONTENT}
    items = {pool: [] for _, _, pool in CONTENT}
    translations = {}
    for _, file_name, _ in CONTENT:
        if file_name not in texts:
            continue
        try:
            for deserialized in serializers.deserialize("json", texts[file_name], ignorenonexistent=True):
                obj = deserialized.object
                pool = pool_of.get(type(obj))
                if pool is not None:
                    item = plain_item(ITEM_CLASSES[pool], obj, deserialized.m2m_data)
                    _add_translations(translations, pool, item, obj)
                    items[pool].append(item)
        except serializers.base.DeserializationError as error:
            raise serializers.base.DeserializationError(f"{file_name}: {error}") from error
    return _snapshot(items.items(), translations=translations)


_cache = {}
_cache_lock = threading.Lock()


def current_content(using="default", language=None):
    """The content in ``language`` (default: the request's), read once per change rather
    than once per request.

    One cheap query reads the content stamp; the snapshot is read again only
    when the stamp has moved, which any save, delete or ``load_content`` does (see
    signals.py). Every app server reads the same stamp, so all see an edit at once.
    """
    stamp = models.ContentStamp.current(using)
    cached = _cache.get(using)
    if cached is not None and stamp is not None and cached[0] == stamp:
        content = cached[1]
    else:
        content = read_content(using)
        with _cache_lock:
            _cache[using] = (stamp, content)
    return content.in_language(language or translation.get_language())


def forget_cached_content():
    with _cache_lock:
        _cache.clear()
