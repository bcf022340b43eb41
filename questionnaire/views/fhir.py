"""FHIR R4 resources over HTTP: the Questionnaire and the terminology it uses (questionnaire/fhir.py).

Read-only and the same for everyone: each is built once per content snapshot.
"""
import json

from django.conf import settings
from django.http import HttpResponse
from django.views.decorators.http import require_GET

from .. import fhir
from ..content import current_content

CONTENT_TYPE = "application/fhir+json"

#: (resource type, id) -> the function that builds it from a snapshot and the base URL.
RESOURCES = {
    ("Questionnaire", fhir.QUESTIONNAIRE_ID): fhir.questionnaire,
    ("CodeSystem", fhir.VOCABULARY_ID): fhir.vocabulary_code_system,
    ("CodeSystem", fhir.QUESTIONS_ID): fhir.questions_code_system,
    ("ValueSet", fhir.QUESTIONS_ID): fhir.questions_value_set,
    ("ConceptMap", fhir.CONCEPT_MAP_ID): fhir.concept_map,
}


def fhir_response(resource, status=200, filename=None):
    response = HttpResponse(json.dumps(resource, indent=2, ensure_ascii=False), content_type=CONTENT_TYPE,
                            status=status)
    if filename:
        response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def _built(kind, resource_id):
    content = current_content()
    return json.loads(content.rendered.get(
        ("fhir", kind, resource_id),
        lambda: json.dumps(RESOURCES[kind, resource_id](content, settings.IMMUNOGUIDE_FHIR_BASE))))


@require_GET
def resource(request, kind, resource_id):
    """One resource by type and id, as a FHIR server reads it; an OperationOutcome if unknown."""
    if (kind, resource_id) not in RESOURCES:
        return fhir_response(not_found(f"{kind}/{resource_id}"), status=404)
    return fhir_response(_built(kind, resource_id))


@require_GET
def search(request, kind):
    """A search of one resource type: a Bundle of the one resource of that type this server has."""
    found = [_built(k, resource_id) for k, resource_id in RESOURCES if k == kind]
    if not found:
        return fhir_response(not_found(kind), status=404)
    return fhir_response({
        "resourceType": "Bundle", "type": "searchset", "total": len(found),
        "entry": [{"fullUrl": item["url"], "resource": item, "search": {"mode": "match"}} for item in found],
    })


def not_found(what):
    return {"resourceType": "OperationOutcome", "issue": [
        {"severity": "error", "code": "not-found", "diagnostics": f"{what} is not on this server."}]}
