"""How many costly PDFs one client may make in a minute (docs/operations.md).

A PDF of own questions in several scripts loads a fallback font for each, and costs up
to a second of a worker's time (bench/worst_pdf.py) where a list in Latin script costs
under a tenth of that. So only costly PDFs are counted, per client address
(client_address.py), in Django's cache. The key holds the address and the
value a count: nothing a person answered or typed.
"""
from django.core.cache import cache
from django.shortcuts import render

from .client_address import client_address

COSTLY_PDFS_PER_MINUTE = 6
WINDOW_SECONDS = 60


def allow_costly_pdf(request):
    """Count one costly PDF for this client; False once it has had its share this minute."""
    key = f"costly-pdf:{client_address(request)}"
    cache.add(key, 0, timeout=WINDOW_SECONDS)
    try:
        count = cache.incr(key)
    except ValueError:  # the window ended between add and incr
        cache.set(key, 1, timeout=WINDOW_SECONDS)
        count = 1
    return count <= COSTLY_PDFS_PER_MINUTE


def wait_page(request):
    """The page for a client that had its share of costly PDFs this minute: 429, and when to retry."""
    response = render(request, "questionnaire/pdf_wait.html", {
        "limit": COSTLY_PDFS_PER_MINUTE, "seconds": WINDOW_SECONDS}, status=429)
    response["Retry-After"] = str(WINDOW_SECONDS)
    return response
