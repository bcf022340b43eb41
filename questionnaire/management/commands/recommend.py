"""Show what a set of answers produces, and why: for reviewers and tests."""
import json
import textwrap

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import DatabaseError
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from questionnaire import fhir

from questionnaire.content_reading import read_content
from questionnaire.engine import ANSWER_KEYS, Answers, InvalidAnswers, recommend
from questionnaire.question_list import ListChoices, build_question_list
from questionnaire.vocabulary import Goal


class Command(BaseCommand):
    help = (
        "Print the result for a set of answers, e.g. "
        "recommend goal=dampen condition=kidney_transplant stage=starting "
        "factors=vaccines_due,pregnancy concerns=cost --format json --lang es")
    requires_system_checks = []

    def add_arguments(self, parser):
        parser.add_argument(
            "answers", nargs="*", metavar="key=value",
            help=f"Answers; keys: {', '.join(ANSWER_KEYS)}. Lists are comma-separated.")
        parser.add_argument(
            "--format", choices=["json", "text", "fhir"], default="text",
            help="fhir: the answers and the suggested list as a FHIR R4 QuestionnaireResponse.")
        parser.add_argument(
            "--lang", choices=[code for code, _ in settings.LANGUAGES], default=settings.LANGUAGE_CODE,
            help="The language of the texts (the slugs and the result are the same in every language).")

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
            content = read_content()
        except DatabaseError:
            content = None
        if content is None or not content.conditions:
            raise CommandError(
                "No content is loaded. Run: python manage.py migrate && python manage.py load_content")
        try:
            answers = Answers.from_mapping(data, content)
        except InvalidAnswers as error:
            raise CommandError(str(error)) from None
        with translation.override(options["lang"]):
            self.write(answers, content.in_language(options["lang"]), options["format"])

    def write(self, answers, content, output_format):
        result = recommend(answers, content)
        if output_format == "json":
            self.stdout.write(json.dumps(result.as_dict(), indent=2, ensure_ascii=False))
        elif output_format == "fhir":
            response = fhir.questionnaire_response(
                answers, build_question_list(result, ListChoices()), content, settings.IMMUNOGUIDE_FHIR_BASE,
                timezone.now())
            self.stdout.write(json.dumps(response, indent=2, ensure_ascii=False))
        else:
            self.stdout.write(self.as_text(result))

    def as_text(self, result):
        goals = dict(Goal.choices)
        wrap = textwrap.TextWrapper(width=88, subsequent_indent="    ")
        answered = ", ".join(f"{k}={v}" for k, v in result.answers.as_dict().items() if v)
        lines = [_("Answers: %(answers)s") % {"answers": answered}]
        goal_line = _("Goal used: %(goal)s (%(label)s)") % {"goal": result.goal, "label": goals[result.goal]}
        if result.goal_inferred:
            goal_line += _(" - the answer was %(answer)r, so the condition decided it") % {"answer": result.answers.goal}
        lines.append(goal_line)
        if result.medicines:
            said = _("named") if result.medicines_named else _("the condition's usual ones")
            lines.append(_("Medicines (%(said)s): %(medicines)s") % {
                "said": said, "medicines": ", ".join(f"{m.name} [{m.slug}]" for m in result.medicines)})
        lines += ["", _("Therapy categories:")]
        lines += [wrap.fill(f"  - {c.title} [{c.slug}]: {c.summary}") for c in result.categories]
        lines += ["", _("Treatment types:")]
        lines += [f"  - {t.title} [{t.slug}]" for t in result.treatments]
        lines += ["", _("Notes:")]
        call_now = _(" (call now)")
        lines += [wrap.fill(f"  - {n.kind}{call_now if n.call_now else ''}: {n.title}. {n.text}")
                  for n in result.notes]
        signs = result.signs()
        for heading, listed in ((_("Call your local emergency number for:"), signs.emergency),
                                (_("Call your care team now for:"), signs.care_team)):
            if listed:
                lines += ["", heading] + [f"  - {sign}" for sign in listed]
        suggested = result.suggested_questions()
        lines += ["", _("Suggested questions (%(count)d), most important first:") % {"count": len(suggested)}]
        lines += [wrap.fill(f"  {n}. {q.text} [{q.slug}, {result.priorities[q.slug]}]")
                  for n, q in enumerate(suggested, start=1)]
        lines += ["", _("More questions (%(count)d):") % {"count": len(result.questions) - len(suggested)}]
        for _slug, label, questions in result.more_groups():
            lines.append(f"  {label}")
            lines += [wrap.fill(f"    - {q.text} [{q.slug}, {result.priorities[q.slug]}]") for q in questions]
        lines += ["", _("Why: the rules that matched, highest priority first:")]
        lines += [f"  - {rule.slug}: {rule.reason}" for rule in result.matched_rules]
        return "\n".join(lines) + "\n"
