"""``load_content``: load the content fixtures whole, checked, or not at all.

The files are a trust boundary: before anything is loaded, every object they hold must be
of a content model (questionnaire/registry.py) and appear once, or the load is refused,
naming the file and line. Everything then goes through Django's own ``loaddata`` inside
one transaction, and each content model the files cover is made to hold exactly their
items (a rule removed from the fixtures stops firing). The content is validated in that
transaction. A problem rolls it all back, so the content that was there stays, and the
message names the file and line (a file that cannot be read) or the item and field
(content that breaks the rules). The content stamp moves once, at the end.
"""
import json
from pathlib import Path

from django.conf import settings
from django.core import serializers
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.core.serializers.base import DeserializationError
from django.db import DEFAULT_DB_ALIAS, IntegrityError, transaction
from django.db.models import ProtectedError

from questionnaire.registry import CONTENT_MODELS
from questionnaire.signals import one_stamp
from questionnaire.validation import validate_database

REFUSED = "The content was not loaded; the content already there is unchanged."


class _Refused(Exception):
    def __init__(self, problems):
        super().__init__()
        self.problems = problems


class Command(BaseCommand):
    help = "Load the content from fixtures/ (or the files and folders given): all of it, checked, or none."
    # The content in the database may not pass this release's checks: this load replaces it.
    requires_system_checks = []

    def add_arguments(self, parser):
        parser.add_argument("paths", nargs="*", help="Fixture files or folders (default: fixtures/).")
        parser.add_argument("--database", default=DEFAULT_DB_ALIAS, help="The database to load into.")

    def handle(self, *args, paths, database, verbosity, **options):
        files = fixture_files(paths or [Path(settings.BASE_DIR) / "fixtures"])
        try:
            listed, problems = listed_items(files)
            if problems:
                raise _Refused(problems)
            with transaction.atomic(using=database), one_stamp(database):
                call_command("loaddata", *files, database=database, verbosity=0)
                remove_unlisted(listed, database)
                problems = validate_database(database)
                if problems:
                    raise _Refused(problems)
        except _Refused as refused:
            raise CommandError("\n".join([REFUSED, *(f"- {problem}" for problem in refused.problems)])) from None
        except DeserializationError as error:
            raise CommandError(f"{REFUSED}\n- {unreadable(error)}") from None
        except IntegrityError as error:
            raise CommandError("\n".join([REFUSED, *missing_references(files, database, error)])) from None
        if verbosity:
            self.stdout.write(f"Loaded the content from {len(files)} files into {database!r}.")


def fixture_files(paths):
    """The JSON files named, and those in the folders named, in a stable order."""
    files = []
    for path in map(Path, paths):
        if path.is_dir():
            files += sorted(str(p) for p in path.glob("*.json"))
        elif path.exists():
            files.append(str(path))
        else:
            raise CommandError(f"{REFUSED}\n- {path}: no such file or folder")
    if not files:
        raise CommandError(f"{REFUSED}\n- no fixture files in {', '.join(map(str, paths))}")
    return files


def _objects_with_lines(text):
    """[(object, line it starts on)] of a JSON array of objects; None when the text is not one
    (``loaddata`` then names what is wrong)."""
    decoder = json.JSONDecoder()
    index = len(text) - len(text.lstrip())
    if not text.startswith("[", index):
        return None
    found, index, line, counted = [], index + 1, 1, 0
    while True:
        while index < len(text) and text[index] in " \t\r\n,":
            index += 1
        if index >= len(text):
            return None
        if text[index] == "]":
            return found
        try:
            obj, end = decoder.raw_decode(text, index)
        except ValueError:
            return None
        line += text.count("\n", counted, index)
        found.append((obj, line))
        counted, index = index, end


def listed_items(files):
    """({model: {pk, ...}} the files hold, [problem, ...]): an object of a model that is not
    content, or an item listed twice (in one file or across files), is a problem naming the
    file and line. A file that is not JSON is left to ``loaddata``, which names its line."""
    allowed = {model._meta.label_lower: model for model in CONTENT_MODELS}
    listed, seen, problems = {}, {}, []
    for name in files:
        for obj, line in _objects_with_lines(Path(name).read_text(encoding="utf-8")) or ():
            where = f"{name}, line {line}"
            label = str(obj.get("model", "")).lower() if isinstance(obj, dict) else ""
            if label not in allowed:
                problems.append(f"{where}: {label or 'an object'!r} is not content; a content file may hold "
                                f"only {', '.join(sorted(allowed))}")
                continue
            key = (label, str(obj.get("pk")))
            if key in seen:
                problems.append(f"{where}: {allowed[label]._meta.verbose_name} {obj.get('pk')!r} is listed twice "
                                f"(also at {seen[key]}); keep one")
                continue
            seen[key] = where
            listed.setdefault(allowed[label], set()).add(obj.get("pk"))
    return listed, problems


def remove_unlisted(listed, database):
    """Each content model the files cover holds exactly their items: the rest is deleted, the
    items that others refer to last."""
    for model in reversed(CONTENT_MODELS):
        if model not in listed:
            continue
        pks = {model._meta.pk.to_python(pk) for pk in listed[model]}
        try:
            model._default_manager.using(database).exclude(pk__in=pks).delete()
        except ProtectedError as error:
            kept = ", ".join(sorted(f"{o._meta.verbose_name} {o.pk!r}" for o in error.protected_objects))
            raise _Refused([f"{model._meta.verbose_name} items left out of the files are still used by {kept}"])


def unreadable(error):
    """Django's message names the file; what was wrong with it (the JSON error, with its
    line and column) is the error's cause, which Django leaves out for JSON it cannot read."""
    message = str(error).rstrip(": ")
    cause = error.__cause__
    return f"{message}: {cause}" if cause is not None and str(cause) not in message else message


def missing_references(files, database, error):
    """``- item, field: refers to ..., which does not exist`` for each reference to nothing."""
    objects = []
    for name in files:
        with open(name, encoding="utf-8") as stream:
            objects += list(serializers.deserialize(
                "json", stream, using=database, ignorenonexistent=True, handle_forward_references=True))
    known = {(type(o.object), o.object.pk) for o in objects}
    lines = []
    for deserialized in objects:
        obj = deserialized.object
        references = {
            field.name: [getattr(obj, field.attname)]
            for field in obj._meta.concrete_fields
            if field.many_to_one and getattr(obj, field.attname) is not None}
        references.update(deserialized.m2m_data or {})
        for field_name, pks in references.items():
            target = obj._meta.get_field(field_name).related_model
            for pk in pks:
                if (target, pk) not in known and not target._default_manager.using(database).filter(pk=pk).exists():
                    lines.append(f"- {obj._meta.verbose_name} {obj.pk!r}, field {field_name!r}: "
                                 f"refers to {target._meta.verbose_name} {pk!r}, which does not exist")
    return lines or [f"- {error}"]
