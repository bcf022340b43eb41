from django.urls import path, re_path

from . import views

app_name = "questionnaire"

wizard = views.QuestionnaireWizard.as_view(
    url_name="questionnaire:step", done_step_name="done")

urlpatterns = [
    path("", views.start, name="start"),
    path("questions/", wizard, name="questions"),
    re_path(r"^questions/(?P<step>[-\w]+)/$", wizard, name="step"),
    path("result/", views.result, name="result"),
    path("start-over/", views.start_over, name="start_over"),
]
