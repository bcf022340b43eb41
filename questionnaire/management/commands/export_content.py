"""Write the content as it is in the database back to fixture files.

After editing in the admin, run this and review the diff in version control:
the files are what ``load_content`` reads, one per model, in a stable order, each
translated field's English beside its Spanish (``content_sources.fixture_text``).
"""
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand

from questionnaire.content_sources import fixture_text
from questionnaire.registry import CONTENT


class Command(BaseCommand):
    help = "Write the current content to fixture files (default: fixtures/), one per model."

    def add_arguments(self, parser):
        parser.add_argument("--output", default=str(Path(settings.BASE_DIR) / "fixtures"),
                            help="Folder to write the files to.")

    def handle(self, *args, output, **options):
        folder = Path(output)
        folder.mkdir(parents=True, exist_ok=True)
        for model, name, _ in CONTENT:
            objects = model._default_manager.order_by("pk")
            (folder / name).write_text(fixture_text(model, objects), encoding="utf-8")
            self.stdout.write(f"{folder / name}: {objects.count()} {model._meta.verbose_name_plural}")
