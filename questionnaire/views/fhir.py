"""FHIR R4 resources over HTTP: the Questionnaire and the terminology it uses (questionnaire/fhir.py).

Read-only and the same for everyone: each is built once per content snapshot. Any other
method, and anything not here, is answered with an ``OperationOutcome``, as a FHIR
server answers, not with an HTML page.
"""
import json
from functools import wraps

from django.conf import settings
from django.db import DatabaseError
from django.http import HttpResponse
from django.views.decorators.csrf import csrf_exempt

from .. import fhir
from ..content_reading import current_content
from ..reconnect import reconnect_after_this_request

CONTENT_TYPE = "application/fhir+json"

#: (resource type, id) -> the function that builds it from a snapshot and the base URL.
RESOURCES = {
    ("Questionnaire", fhir.QUESTIONNAIRE_ID): fhir.questionnaire,
    ("CodeSystem", fhir.VOCABULARY_ID): fhir.vocabulary_code_system,
    ("CodeSystem", fhir.QUESTIONS_ID): fhir.questions_code_system,
    ("ValueSet", fhir.QUESTIONS_ID): fhir.questions_value_set,
    ("ConceptMap", fhir.CONCEPT_MAP_ID): fhir.concept_map,
}
#: The search parameters every type here supports, and the field each matches.
SEARCH_PARAMETERS = {"_id": "id", "url": "url", "version": "version", "name": "name", "status": "status"}


def fhir_response(resource, status=200, filename=None):
    response = HttpResponse(json.dumps(resource, indent=2, ensure_ascii=False), content_type=CONTENT_TYPE,
                            status=status)
    if filename:
        response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def outcome(code, diagnostics):
    return {"resourceType": "OperationOutcome",
            "issue": [{"severity": "error", "code": code, "diagnostics": diagnostics}]}


def asks_for_xml(request):
    """FHIR's ``_format`` or an Accept header that takes XML and not JSON: this server has none."""
    wanted = request.GET.get("_format", "").lower()
    if wanted:
        return "xml" in wanted
    accept = request.headers.get("Accept", "").lower()
    return "xml" in accept and not any(kind in accept for kind in ("json", "*/*", "application/*"))


def read_only(view):
    """GET (and HEAD) only; anything else is a 405 OperationOutcome. No form posts here, so no CSRF.
    XML asked for is a 406, and a database away a 503, each an OperationOutcome as well."""
    @csrf_exempt
    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if request.method not in ("GET", "HEAD"):
            response = fhir_response(outcome("not-supported", "This server is read-only: use GET."), status=405)
            response["Allow"] = "GET, HEAD"
            return response
        if asks_for_xml(request):
            return fhir_response(outcome("not-supported", "This server answers in FHIR JSON only "
                                                          "(application/fhir+json)."), status=406)
        try:
            return view(request, *args, **kwargs)
        except DatabaseError:
            reconnect_after_this_request()
            response = fhir_response(outcome("transient", "The service is not available right now. "
                                                          "Try again in a minute."), status=503)
            response["Retry-After"] = "30"
            return response
    return wrapper


def _built(kind, resource_id):
    return RESOURCES[kind, resource_id](current_content(), settings.IMMUNOGUIDE_FHIR_BASE)


@read_only
def resource(request, kind, resource_id):
    """One resource by type and id, as a FHIR server reads it."""
    if (kind, resource_id) not in RESOURCES:
        return fhir_response(outcome("not-found", f"{kind}/{resource_id} is not on this server."), status=404)
    return fhir_response(_built(kind, resource_id))


def _matches(item, name, value):
    field = SEARCH_PARAMETERS[name]
    if name == "url" and "|" in value:  # a canonical with its version
        url, version = value.split("|", 1)
        return item.get("url") == url and item.get("version") == version
    return str(item.get(field, "")) == value


@read_only
def search(request, kind):
    """A search of one resource type (by _id, url, version, name or status): a searchset Bundle."""
    if not any(k == kind for k, _ in RESOURCES):
        return fhir_response(outcome("not-found", f"{kind} is not on this server."), status=404)
    used = {name: value for name, value in request.GET.items() if name in SEARCH_PARAMETERS}
    found = [item for item in (_built(k, resource_id) for k, resource_id in RESOURCES if k == kind)
             if all(_matches(item, name, value) for name, value in used.items())]
    query = "&".join(f"{name}={value}" for name, value in used.items())
    return fhir_response({
        "resourceType": "Bundle", "type": "searchset", "total": len(found),
        "link": [{"relation": "self",
                  "url": f"{settings.IMMUNOGUIDE_FHIR_BASE.rstrip('/')}/{kind}" + (f"?{query}" if query else "")}],
        "entry": [{"fullUrl": item["url"], "resource": item, "search": {"mode": "match"}} for item in found],
    })


@read_only
def metadata(request):
    """The CapabilityStatement: what this server holds and how it may be read."""
    content = current_content()
    types = sorted({kind for kind, _ in RESOURCES})
    return fhir_response({
        "resourceType": "CapabilityStatement", "status": "active",
        "date": content.release.published.isoformat() if content.release else "2026-12-01",
        "publisher": "ImmunoGuide", "kind": "instance",
        "software": {"name": "ImmunoGuide", "version": content.release.version if content.release else "-"},
        "implementation": {"description": "ImmunoGuide's questions and their terminology, read-only",
                           "url": settings.IMMUNOGUIDE_FHIR_BASE},
        "fhirVersion": fhir.FHIR_VERSION, "format": ["json"],
        "rest": [{"mode": "server", "resource": [
            {"type": kind, "interaction": [{"code": "read"}, {"code": "search-type"}],
             "searchParam": [{"name": name, "type": "uri" if name == "url" else "token"}
                             for name in SEARCH_PARAMETERS]}
            for kind in types]}],
    })


@read_only
def unknown(request, path=""):
    return fhir_response(outcome("not-found", f"{path or 'This address'} is not on this server."), status=404)
