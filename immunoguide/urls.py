from django.contrib import admin
from django.urls import include, path

from questionnaire import views

urlpatterns = [
    path("admin/", admin.site.urls),
    path("healthz", views.healthz, name="healthz"),
    path("", include("questionnaire.urls")),
]

handler500 = "questionnaire.views.server_error"
