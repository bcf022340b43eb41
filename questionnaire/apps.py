from django.apps import AppConfig


class QuestionnaireConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "questionnaire"
    verbose_name = "ImmunoGuide content"

    def ready(self):
        from . import checks, signals  # noqa: F401  (checks register themselves)
        signals.connect()
