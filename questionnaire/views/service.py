"""Pages for the service itself: health for load balancers, and the plain error pages."""
import sys

from django.db import DatabaseError
from django.http import HttpResponse
from django.template import loader
from django.views.decorators.http import require_GET

from ..reconnect import reconnect_after_this_request


def server_error(request):
    """The 500 handler: a database that is away gets a calm 503 instead.

    Django calls this while handling the exception, so it can see which one it
    was. The page uses no session, no database and never echoes the request.
    """
    error = sys.exc_info()[1]
    if isinstance(error, DatabaseError):
        reconnect_after_this_request()
        return render_plain("503.html", status=503)
    return render_plain("500.html", status=500)


def render_plain(template_name, status):
    response = HttpResponse(loader.render_to_string(template_name), status=status)
    if status == 503:
        response["Retry-After"] = "30"
    return response


@require_GET
def healthz(request):
    """For load balancers: 200 when the query every patient page makes first (the content
    stamp) answers, else 503. A bare ``SELECT 1`` passes on SQLite even when the database
    file is gone, while every page fails."""
    from questionnaire.models import ContentStamp
    try:
        loaded = ContentStamp.current() is not None
    except DatabaseError:
        reconnect_after_this_request()
        loaded = False
    if not loaded:
        return HttpResponse("database unavailable\n", status=503, content_type="text/plain")
    return HttpResponse("ok\n", content_type="text/plain")
