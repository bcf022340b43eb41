"""The content as one snapshot of plain, immutable data.

The engine, the forms, the pages, the documents and the validation all read a
:class:`Content` snapshot and never the ORM, so they stay plain Python. A
snapshot comes from the database or from fixture files (content_reading.py),
or from a test that builds one by hand; its items are in content_items.py.
"""
import dataclasses
import hashlib
import json
import threading
from dataclasses import dataclass, field
from functools import cached_property
from types import MappingProxyType

from .content_items import SIGN_OFF_FIELDS, SOURCE_LANGUAGE, Clinic, ContentRelease
from .translation import translated_fields_by_pool, translated_languages
from .vocabulary import ConditionGroup


@dataclass(frozen=True)
class Content:
    """Everything the engine needs: each pool keyed by slug, read-only; the rules by priority."""

    categories: dict = field(default_factory=dict)
    treatments: dict = field(default_factory=dict)
    medicines: dict = field(default_factory=dict)
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

    POOLS = ("categories", "treatments", "medicines", "conditions", "questions", "notes", "sources", "glossary")

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

    def templates(self, fact):
        """The question templates of a fact (models.Question.fact), in order."""
        return self._templates.get(fact, ())

    @cached_property
    def _templates(self):
        by_fact = {}
        for question in sorted(self.questions.values(), key=lambda q: (q.order, q.slug)):
            if question.fact:
                by_fact.setdefault(question.fact, []).append(question)
        return by_fact

    @cached_property
    def condition_slugs(self):
        """The conditions' slugs by group, in the vocabulary's order of groups, then by their own
        order: made once per snapshot, since every page that reads answers checks them."""
        groups = ConditionGroup.values

        def order(condition):
            return (groups.index(condition.group) if condition.group in groups else len(groups),
                    condition.order, condition.slug)
        return tuple(c.slug for c in sorted(self.conditions.values(), key=order))

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

    def sources_of(self, items, condition=None):
        """The sources the items cite, each once, sorted by organisation and title.

        Given the person's ``condition``, a page about other conditions only is left out: a
        medicine family's sources cover every condition it treats, and an RA list has no use
        for a page on MS.
        """
        found = {slug: self.sources[slug] for item in items for slug in item.sources if slug in self.sources}
        if condition is not None:
            found = {slug: s for slug, s in found.items() if not s.conditions or condition in s.conditions}
        return sorted(found.values(), key=lambda s: (s.organisation, s.title))


def _fields(item):
    """An item's fields as plain data, without its language (which says how it is shown)."""
    return {name: value for name, value in dataclasses.asdict(item).items() if name != "language"}
