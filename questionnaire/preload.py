"""What every gunicorn worker needs, loaded once in gunicorn's master before it forks them.

gunicorn recycles each worker after about 2,000 requests (gunicorn.conf.py). A worker
forked from a master that holds only the imported app reads the content snapshot in
each language on its first requests; read here, each worker starts with it. A
snapshot that changes later is read again by each worker on its next request, as
always (content_reading.current_content checks the stamp on every page).
"""
import logging

from django.conf import settings
from django.db import DatabaseError
from django.urls import reverse
from django.utils import translation

from .content_reading import current_content

logger = logging.getLogger(__name__)


def load_for_workers():
    """Read the content in every language.

    Never stops the server: what cannot be loaded here (a database not yet migrated or
    not answering) is loaded by each worker when first asked, as it would be without this.
    """
    try:
        for code, _ in settings.LANGUAGES:
            with translation.override(code):
                current_content(language=code)
                reverse("questionnaire:start")
    except DatabaseError as error:
        logger.warning("The content could not be loaded before the workers start (%s): "
                       "each worker reads it on its first request.", error.__class__.__name__)
