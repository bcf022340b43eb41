"""WSGI entry point. Serving through WSGI (gunicorn) means production unless DJANGO_ENV says otherwise."""
import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "immunoguide.settings")
os.environ.setdefault("DJANGO_ENV", "production")

application = get_wsgi_application()
