"""Reading a content snapshot from the database or from fixture files, and keeping the
database's snapshot once per process until the content stamp moves."""
import dataclasses
import threading

from django.core import serializers
from django.db.models import Prefetch
from django.utils import translation

from . import models
from .content import Content
from .content_items import ITEM_CLASSES, SOURCE_LANGUAGE, Clinic
from .registry import CONTENT
from .translation import translated_fields, translated_languages


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
