"""Where a content snapshot comes from for ``content_diff`` and ``sign_off`` (a folder
of fixture files, or the fixtures as they were at a git revision), and how a fixture
file is written back (``export_content``, ``sign_off``)."""
import json
import subprocess
from pathlib import Path

from django.conf import settings
from django.core import serializers
from django.core.serializers.base import DeserializationError

from .content_items import SOURCE_LANGUAGE
from .content_reading import content_from_fixtures
from .translation import translated_fields, translated_languages
from .registry import CONTENT
from .validation import reference_problems


class ContentSourceError(Exception):
    """A source that is neither a folder nor a revision, or a file in it that cannot be read."""


def fixtures_folder():
    return Path(settings.BASE_DIR) / "fixtures"


def read_source(source):
    """(name, snapshot) for a fixture folder or a git revision of this repository's fixtures/."""
    folder = Path(source)
    if folder.is_dir():
        texts = {name: (folder / name).read_text(encoding="utf-8")
                 for _, name, _ in CONTENT if (folder / name).is_file()}
        if not texts:
            raise ContentSourceError(f"{source}: this folder holds none of the content's fixture files")
        return str(folder), _snapshot(texts, str(folder))
    return f"git {source}", _snapshot(_texts_at_revision(source), f"git {source}")


def _git(*args):
    return subprocess.run(["git", "-C", str(settings.BASE_DIR), *args], capture_output=True, text=True)


def _texts_at_revision(revision):
    if _git("rev-parse", "--verify", "--quiet", f"{revision}^{{commit}}").returncode != 0:
        raise ContentSourceError(f"{revision!r} is neither a folder nor a git revision of this repository")
    prefix = fixtures_folder().relative_to(Path(settings.BASE_DIR))
    texts = {}
    for _, name, _ in CONTENT:
        shown = _git("show", f"{revision}:./{prefix}/{name}")
        if shown.returncode == 0:  # a file that did not exist then (the glossary, once) holds nothing
            texts[name] = shown.stdout
    if not texts:
        raise ContentSourceError(f"git {revision}: {prefix}/ holds none of the content's fixture files")
    return texts


def _snapshot(texts, where):
    """The snapshot, refused when a file cannot be read or an item names one that is not there."""
    try:
        content = content_from_fixtures(texts)
    except DeserializationError as error:
        raise ContentSourceError(f"{where}/{error}") from error
    problems = reference_problems(content)
    if problems:
        raise ContentSourceError(f"{where}: {len(problems)} broken reference(s), first: {problems[0]}")
    return content


def fixture_text(model, objects):
    """The fixture file's text for ``objects`` of ``model``.

    Each translated field keeps its English under its own name (not the active
    language's text, nor django-modeltranslation's ``_en`` copy), each other language
    right after it, so a reviewer reads them side by side. Laid out as Django's
    serializer lays a fixture out, so a diff shows only what changed.
    """
    records = json.loads(serializers.serialize("json", objects))
    for record in records:
        record["fields"] = _fixture_fields(model, record["fields"])
    return "[\n" + ",\n".join(json.dumps(record, indent=2, ensure_ascii=False) for record in records) + "\n]\n"


def _fixture_fields(model, fields):
    translated = translated_fields(model)
    others = translated_languages()
    copies = {f"{name}_{code}" for name in translated for code in (SOURCE_LANGUAGE, *others)}
    written = {}
    for name, value in fields.items():
        if name in copies:
            continue
        if name in translated:
            written[name] = fields[f"{name}_{SOURCE_LANGUAGE}"]
            written.update((f"{name}_{code}", fields[f"{name}_{code}"]) for code in others)
        else:
            written[name] = _keys_sorted(value)
    return written


def _keys_sorted(value):
    """A JSON field's objects with their keys in order: PostgreSQL's jsonb keeps its own order
    and SQLite the order written, so the file is the same whichever database it came from."""
    if isinstance(value, dict):
        return {key: _keys_sorted(value[key]) for key in sorted(value)}
    if isinstance(value, list):
        return [_keys_sorted(item) for item in value]
    return value
