"""``loaddata`` that refuses content which would break the rules.

Django's own command already loads every fixture in one transaction; this one
validates the content inside that transaction, so a broken fixture is rolled
back whole and the content that was there before stays in place.
"""
from django.core import serializers
from django.core.management.base import CommandError
from django.core.management.commands import loaddata
from django.db import IntegrityError, transaction

from questionnaire.validation import validate_database


class Command(loaddata.Command):
    # The system checks include the content checks: content already in the database that
    # this release's rules refuse must not stop the load that replaces it. The new
    # content is validated below instead.
    requires_system_checks = []

    def add_arguments(self, parser):
        super().add_arguments(parser)
        parser.add_argument("--skip-checks", action="store_true",
                            help="Accepted as for other commands; the system checks never run here.")

    def loaddata(self, fixture_labels):
        try:
            # A savepoint, so that after a refused load the database can still be
            # asked what exists (PostgreSQL aborts the whole transaction otherwise).
            with transaction.atomic(using=self.using):
                super().loaddata(fixture_labels)
        except IntegrityError as error:
            raise CommandError(self.explain_integrity_error(fixture_labels, error)) from None
        if any(model._meta.app_label == "questionnaire" for model in self.models):
            problems = validate_database(self.using)
            if problems:
                raise CommandError(
                    "The content was not loaded; the content already there is unchanged.\n"
                    + "\n".join(f"- {problem}" for problem in problems))

    def explain_integrity_error(self, fixture_labels, error):
        """Name the object and field that point at something missing."""
        objects = list(self.deserialized_objects(fixture_labels))
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
                    if (target, pk) not in known and not target._default_manager.using(
                            self.using).filter(pk=pk).exists():
                        lines.append(
                            f"- {obj._meta.verbose_name} {obj.pk!r}, field {field_name!r}: "
                            f"refers to {target._meta.verbose_name} {pk!r}, which does not exist")
        if not lines:
            lines.append(f"- {error}")
        return ("The content was not loaded; the content already there is unchanged.\n"
                + "\n".join(lines))

    def deserialized_objects(self, fixture_labels):
        for label in fixture_labels:
            for fixture_file, fixture_dir, fixture_name in self.find_fixtures(label):
                _, ser_fmt, cmp_fmt = self.parse_name(fixture_file.rsplit("/", 1)[-1])
                opener = self.compression_formats[cmp_fmt][0]
                with opener(fixture_file, "r") as stream:
                    yield from serializers.deserialize(
                        ser_fmt, stream, using=self.using, ignorenonexistent=True,
                        handle_forward_references=True)
