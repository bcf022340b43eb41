from django.core.management.base import BaseCommand, CommandError

from questionnaire.content import load_content
from questionnaire.validation import validate_database


class Command(BaseCommand):
    help = "Check the loaded content and rules; list every problem with its item and field."
    requires_system_checks = []

    def handle(self, *args, **options):
        problems = validate_database()
        if problems:
            raise CommandError(
                f"{len(problems)} content problem(s):\n" + "\n".join(f"- {p}" for p in problems))
        content = load_content()
        self.stdout.write(self.style.SUCCESS(
            f"Content {content.release.version} is valid: {len(content.rules)} rules, "
            f"{len(content.questions)} questions, {len(content.conditions)} conditions."))
