"""``load_content``: load the content fixtures whole, checked, or not at all.

Everything goes through Django's own ``loaddata`` inside one transaction; the
content is then validated in that transaction. A problem rolls it all back, so the
content that was there stays, and the message names the file and line (a file that
cannot be read) or the item and field (content that breaks the rules). The content
stamp moves once, at the end, however many objects were saved.
"""
from pathlib import Path

from django.conf import settings
from django.core import serializers
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.core.serializers.base import DeserializationError
from django.db import DEFAULT_DB_ALIAS, IntegrityError, transaction

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
            with transaction.atomic(using=database), one_stamp(database):
                call_command("loaddata", *files, database=database, verbosity=0)
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
