"""``validate_content``: every problem in the loaded content, with its item and field;
and a warning when no clinical sign-off covers the content as it now is."""
from django.core.management.base import BaseCommand, CommandError

from questionnaire.content_reading import read_content
from questionnaire.validation import sign_off_warning, validate_database


class Command(BaseCommand):
    help = "Check the loaded content and rules; list every problem with its item and field."
    requires_system_checks = []

    def handle(self, *args, **options):
        problems = validate_database()
        if problems:
            raise CommandError(
                f"{len(problems)} content problem(s):\n" + "\n".join(f"- {p}" for p in problems))
        content = read_content()
        self.stdout.write(self.style.SUCCESS(
            f"Content {content.release.version} is valid: {len(content.rules)} rules, "
            f"{len(content.questions)} questions, {len(content.conditions)} conditions."))
        warning = sign_off_warning(content)
        if warning:
            self.stderr.write(self.style.WARNING(f"Warning: {warning}"))
