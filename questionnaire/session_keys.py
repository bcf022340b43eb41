"""What the session holds, under which keys, and what is the person's rather than the device's.

In one place for the views, the idle middleware and the context processor, with the
helpers that read a person's answers and list from it and forget them.
"""
from django.middleware.csrf import CSRF_SESSION_KEY
from django.utils.cache import add_never_cache_headers

from .engine import Answers, InvalidAnswers
from .printout import PAPER_SIZES, paper_for_language
from .question_list import ListChoices
from .visit import VisitNotes
from .sessions import BEGAN_SESSION_KEY

ANSWERS_SESSION_KEY = "immunoguide_answers"
LIST_SESSION_KEY = "immunoguide_list"
TEXT_SIZE_SESSION_KEY = "text_size"
PAPER_SESSION_KEY = "paper_size"
#: Whether the printout carries a second language under each question: "both" or "one".
PRINT_LANGUAGES_SESSION_KEY = "print_languages"
LAST_ACTIVITY_SESSION_KEY = "last_activity"
#: A step's choice not yet sent, kept across the text-size switch for one showing.
DRAFT_SESSION_KEY = "immunoguide_draft"
#: Own questions that came in a link, so the page can say who added them.
LINK_OWN_SESSION_KEY = "immunoguide_link_own"
#: The notes of the visit (questionnaire/visit.py): the person's, so every wipe forgets them.
VISIT_SESSION_KEY = "immunoguide_visit"
TEXT_SIZES = ("normal", "large")
#: Kept in a session that holds no person: the device's settings, the secret its forms'
#: CSRF tokens come from, and when the session began. A wipe keeps the first three; they say
#: nothing about the person.
DEVICE_SESSION_KEYS = {TEXT_SIZE_SESSION_KEY, PAPER_SESSION_KEY, PRINT_LANGUAGES_SESSION_KEY,
                       LAST_ACTIVITY_SESSION_KEY, CSRF_SESSION_KEY, BEGAN_SESSION_KEY}


def holds_a_person(session):
    """True when the session holds anything of a person: answers, a list, a message."""
    return any(key not in DEVICE_SESSION_KEYS for key in session.keys())


def wipe_person(request):
    """Forget everything of this person (answers, list, visit notes), in a new session; keep only
    the device's settings."""
    kept = {key: request.session.get(key)
            for key in (TEXT_SIZE_SESSION_KEY, PAPER_SESSION_KEY, PRINT_LANGUAGES_SESSION_KEY)}
    request.session.flush()
    for key, value in kept.items():
        if value:
            request.session[key] = value


def cleared_response(response):
    """Have the browser drop the pages it keeps for Back, so nothing of this person comes back."""
    response["Clear-Site-Data"] = '"cache"'
    add_never_cache_headers(response)
    return response


def stored_answers(request, content):
    """The answers kept in this session, or None if there are none (or they no longer fit the content)."""
    stored = request.session.get(ANSWERS_SESSION_KEY) if request.session.session_key else None
    if not stored:
        return None
    try:
        return Answers.from_mapping(stored, content)
    except InvalidAnswers:
        request.session.pop(ANSWERS_SESSION_KEY, None)
        return None


def saved_choices(request):
    """The list choices saved in this session (none saved: the suggested list)."""
    return ListChoices.from_dict(request.session.get(LIST_SESSION_KEY))


def saved_visit_notes(request):
    """The visit notes saved in this session (none saved: empty notes)."""
    return VisitNotes.from_dict(request.session.get(VISIT_SESSION_KEY))


def paper_size(request, clinic=None):
    """The paper the person chose, else the clinic's, else the one their language's region
    uses (US English: Letter)."""
    chosen = request.session.get(PAPER_SESSION_KEY) if request.session.session_key else None
    if chosen in PAPER_SIZES:
        return chosen
    if clinic is not None and clinic.paper in PAPER_SIZES:
        return clinic.paper
    return paper_for_language(request.headers.get("Accept-Language", ""))
