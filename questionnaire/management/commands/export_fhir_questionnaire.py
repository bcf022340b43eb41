"""``export_fhir_questionnaire``: the wizard as a FHIR R4 Questionnaire, as /fhir/Questionnaire/immunoguide serves it."""
import json

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from questionnaire import fhir
from questionnaire.content_reading import read_content


class Command(BaseCommand):
    help = ("Print the wizard as a FHIR R4 Questionnaire; with --terminology, a Bundle of it "
            "and the CodeSystems, ValueSet and ConceptMap it uses.")
    requires_system_checks = []

    def add_arguments(self, parser):
        parser.add_argument("--terminology", action="store_true",
                            help="Print a collection Bundle of the Questionnaire and the terminology it uses.")

    def handle(self, *args, terminology, **options):
        content = read_content()
        if not content.conditions:
            raise CommandError("No content is loaded. Run: python manage.py load_content")
        base = settings.IMMUNOGUIDE_FHIR_BASE
        resource = fhir.questionnaire(content, base)
        if terminology:
            resources = [resource] + [build(content, base) for build in (
                fhir.vocabulary_code_system, fhir.questions_code_system, fhir.questions_value_set, fhir.concept_map)]
            resource = {"resourceType": "Bundle", "type": "collection",
                        "entry": [{"fullUrl": item["url"], "resource": item} for item in resources]}
        self.stdout.write(json.dumps(resource, indent=2, ensure_ascii=False))
