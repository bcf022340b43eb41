"""The views, by job: the service's own pages, the plain pages, the wizard, the result.

Session keys live in questionnaire/session_keys.py.
"""
from .pages import about, cleared_response, start, start_over, start_url, still_here, text_size
from .result import open_list, result, result_link, result_pdf, result_text
from .service import healthz, server_error
from .wizard import STEPS, QuestionnaireWizard

__all__ = [
    "QuestionnaireWizard", "STEPS", "about", "cleared_response", "healthz", "open_list", "result",
    "result_link", "result_pdf", "result_text", "server_error", "start", "start_over", "start_url",
    "still_here", "text_size",
]
