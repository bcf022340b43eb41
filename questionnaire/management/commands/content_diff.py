"""``content_diff``: what a content change does to patients, before it ships.

Compares two content sources, each a folder of fixture files or a git revision
of this repository's fixtures/ (the new one defaults to fixtures/ as it is now),
and prints, with a summary count first, what changes in each result.
"""
import json

from django.core.management.base import BaseCommand, CommandError

from questionnaire.content_diff import as_text, diff_content
from questionnaire.content_sources import ContentSourceError, fixtures_folder, read_source


class Command(BaseCommand):
    help = ("Show what changes for patients between two content sources, e.g. "
            "content_diff v2026.12.0 (a git revision against fixtures/ now), or two fixture folders.")
    requires_system_checks = []

    def add_arguments(self, parser):
        parser.add_argument("old", help="A fixture folder or a git revision (a tag, a branch, a commit).")
        parser.add_argument("new", nargs="?", default=None,
                            help="A fixture folder or a git revision (default: fixtures/ as it is now).")
        parser.add_argument("--format", choices=["text", "json"], default="text")

    def handle(self, *args, old, new, format, **options):
        try:
            old_name, old_content = read_source(old)
            new_name, new_content = read_source(new or str(fixtures_folder()))
        except ContentSourceError as error:
            raise CommandError(str(error)) from None
        diff = diff_content(old_content, new_content)
        if format == "json":
            self.stdout.write(json.dumps(
                {"old": old_name, "new": new_name, **diff.as_dict()}, indent=2, ensure_ascii=False))
        else:
            self.stdout.write(as_text(diff, old_name, new_name), ending="")
