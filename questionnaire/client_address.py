"""The address of the person behind a request, as the documented proxies set it
(docs/operations.md#behind-a-proxy).

Each trusted proxy appends the address it received the request from to X-Forwarded-For,
so with N trusted proxies in front of the app the client is the N-th entry from the right;
anything further left was written by the client and proves nothing. With none, it is the
connection's own address. django-axes reads it (AXES_CLIENT_IP_CALLABLE) so that wrong
passwords count against the one who typed them, not against the load balancer.
"""
from django.conf import settings


def client_address(request):
    trusted = settings.IMMUNOGUIDE_TRUSTED_PROXIES
    forwarded = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if part.strip()]
    if trusted and forwarded:
        return forwarded[-min(trusted, len(forwarded))]
    return request.META.get("REMOTE_ADDR")
