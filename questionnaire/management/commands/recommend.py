"""Show what a set of answers produces, and why: for reviewers and tests."""
import json
import textwrap

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from questionnaire import fhir

from questionnaire.content import read_content
from questionnaire.engine import ANSWER_KEYS, Answers, InvalidAnswers, recommend
from questionnaire.question_list import ListChoices, build_question_list
from questionnaire.vocabulary import Goal


class Command(BaseCommand):
    help = (
        "Print the result for a set of answers, e.g. "
        "recommend goal=dampen condition=kidney_transplant stage=starting "
        "factors=vaccines_due,pregnancy concerns=cost --format json")
    requires_system_checks = []

    def add_arguments(self, parser):
        parser.add_argument(
            "answers", nargs="*", metavar="key=value",
            help=f"Answers; keys: {', '.join(ANSWER_KEYS)}. Lists are comma-separated.")
        parser.add_argument(
            "--format", choices=["json", "text", "fhir"], default="text",
            help="fhir: the answers and the suggested list as a FHIR R4 QuestionnaireResponse.")

    def handle(self, *args, **options):
        data = {}
        for pair in options["answers"]:
            key, sep, value = pair.partition("=")
            if not sep:
                raise CommandError(f"Expected key=value, got {pair!r}. Keys: {', '.join(ANSWER_KEYS)}.")
            if key in data:
                raise CommandError(f"Answer {key!r} given twice.")
            data[key] = value
        try:
            answers = Answers.from_mapping(data)
        except InvalidAnswers as error:
            raise CommandError(str(error)) from None
        content = read_content()
        if not content.conditions:
            raise CommandError("No content is loaded. Run: python manage.py load_content")
        result = recommend(answers, content)
        if options["format"] == "json":
            self.stdout.write(json.dumps(result.as_dict(), indent=2, ensure_ascii=False))
        elif options["format"] == "fhir":
            response = fhir.questionnaire_response(
                answers, build_question_list(result, ListChoices()), content, settings.IMMUNOGUIDE_FHIR_BASE,
                timezone.now())
            self.stdout.write(json.dumps(response, indent=2, ensure_ascii=False))
        else:
            self.stdout.write(self.as_text(result))

    def as_text(self, result):
        goals = dict(Goal.choices)
        wrap = textwrap.TextWrapper(width=88, subsequent_indent="    ")
        lines = [f"Answers: {', '.join(f'{k}={v}' for k, v in result.answers.as_dict().items() if v)}"]
        goal_line = f"Goal used: {result.goal} ({goals[result.goal]})"
        if result.goal_inferred:
            goal_line += f" - the answer was {result.answers.goal!r}, so the condition decided it"
        lines += [goal_line, "", "Therapy categories:"]
        lines += [wrap.fill(f"  - {c.title} [{c.slug}]: {c.summary}") for c in result.categories]
        lines += ["", "Treatment types:"]
        lines += [f"  - {t.title} [{t.slug}]" for t in result.treatments]
        lines += ["", "Notes:"]
        lines += [wrap.fill(f"  - {n.kind}{' (call now)' if n.call_now else ''}: {n.title}. {n.text}")
                  for n in result.notes]
        suggested = result.suggested_questions()
        lines += ["", f"Suggested questions ({len(suggested)}), most important first:"]
        lines += [wrap.fill(f"  {n}. {q.text} [{q.slug}, {result.priorities[q.slug]}]")
                  for n, q in enumerate(suggested, start=1)]
        lines += ["", f"More questions ({len(result.questions) - len(suggested)}):"]
        for _, label, questions in result.more_groups():
            lines.append(f"  {label}")
            lines += [wrap.fill(f"    - {q.text} [{q.slug}, {result.priorities[q.slug]}]") for q in questions]
        lines += ["", "Why: the rules that matched, highest priority first:"]
        lines += [f"  - {rule.slug}: {rule.reason}" for rule in result.matched_rules]
        return "\n".join(lines) + "\n"
