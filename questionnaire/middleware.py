from django.conf import settings


class PermissionsPolicyMiddleware:
    """Add a Permissions-Policy header (Django has none built in): no camera, location and so on."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        policy = getattr(settings, "PERMISSIONS_POLICY", "")
        if policy:
            response.headers.setdefault("Permissions-Policy", policy)
        return response
