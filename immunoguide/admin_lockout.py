"""The page an editor sees when wrong passwords have locked their account from this address.

django-axes' own answer is one bare line, and its variant for scripts allows any origin
(Access-Control-Allow-Origin: *). This one says for how long and what to do, and is the
same page for every kind of request.
"""
from axes.helpers import get_cool_off
from django.conf import settings
from django.shortcuts import render

STATUS = 429


def lockout_response(request, original_response=None, credentials=None):
    cool_off = get_cool_off(request)
    minutes = round(cool_off.total_seconds() / 60) if cool_off else None
    return render(request, "admin/lockout.html", {
        "title": "Too many wrong passwords", "minutes": minutes,
        "failure_limit": settings.AXES_FAILURE_LIMIT}, status=STATUS)
