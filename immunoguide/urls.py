from django.conf import settings
from django.contrib import admin
from django.urls import include, path

from questionnaire import views

urlpatterns = [
    path("healthz", views.healthz, name="healthz"),
    # Django's set_language: the header's language switch on pages without a form of answers.
    path("i18n/", include("django.conf.urls.i18n")),
    path("", include("questionnaire.urls")),
]
if settings.IMMUNOGUIDE_ADMIN_ENABLED:
    urlpatterns.insert(0, path("admin/", admin.site.urls))

handler500 = "questionnaire.views.server_error"
