"""The views, by job: the service's own pages, the plain pages, the wizard, the result, FHIR.

Session keys live in questionnaire/session_keys.py.
"""
from .fhir import metadata as fhir_metadata, resource as fhir_resource, search as fhir_search
from .fhir import unknown as fhir_unknown
from .pages import about, clinic_device, device, ready, start, start_over, start_url, still_here, text_size
from .result import check_in, most_important, open_list, result, result_fhir, result_link, result_pdf, result_qr, result_text
from .service import healthz, server_error
from .visit import visit, visit_summary, visit_summary_fhir, visit_summary_pdf, visit_summary_text
from .wizard import STEPS, QuestionnaireWizard
from .wallet_card import wallet_card, wallet_card_pdf

__all__ = [
    "QuestionnaireWizard", "STEPS", "about", "check_in", "clinic_device", "device", "fhir_metadata", "fhir_resource",
    "fhir_search", "fhir_unknown", "healthz", "most_important", "open_list", "result", "result_fhir", "result_link", "result_pdf", "result_qr", "result_text", "server_error",
    "ready", "start", "start_over", "start_url", "still_here", "text_size",
    "visit", "visit_summary", "visit_summary_pdf", "visit_summary_fhir", "visit_summary_text",
    "wallet_card", "wallet_card_pdf",
]
