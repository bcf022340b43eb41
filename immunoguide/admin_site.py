"""The admin site a clinic manager meets: the clinic and the content's sign-off first, in the
product's words (docs/operations.md#the-admin)."""
from django.contrib.admin import AdminSite
from django_otp.admin import OTPAdminSite

#: The sections in the order staff look for them, by app label; any other app follows.
SECTION_ORDER = ["questionnaire", "auth", "otp_totp", "otp_static", "axes"]
#: In the content section, the clinic's own settings and the release come before the tables.
FIRST_MODELS = ["ClinicProfile", "ContentRelease"]


class ImmunoGuideSite:
    site_header = "ImmunoGuide: clinic and content"
    site_title = "ImmunoGuide staff"
    index_title = "Your clinic and the content"
    index_template = "admin/immunoguide_index.html"

    def get_app_list(self, request, app_label=None):
        apps = super().get_app_list(request, app_label)
        apps.sort(key=lambda app: (SECTION_ORDER.index(app["app_label"]) if app["app_label"] in SECTION_ORDER
                                   else len(SECTION_ORDER), app["name"]))
        for app in apps:
            app["models"].sort(key=lambda model: (
                FIRST_MODELS.index(model["object_name"]) if model["object_name"] in FIRST_MODELS
                else len(FIRST_MODELS), model["name"]))
        return apps

    def index(self, request, extra_context=None):
        """The clinic's name and numbers and the content's sign-off, above the sections."""
        from questionnaire.models import ClinicProfile, ContentRelease
        extra_context = {
            "clinic": ClinicProfile.objects.order_by("pk").first(),
            "release": ContentRelease.objects.order_by("-published", "-version").first(),
            **(extra_context or {}),
        }
        return super().index(request, extra_context)


class Site(ImmunoGuideSite, AdminSite):
    pass


class OTPSite(ImmunoGuideSite, OTPAdminSite):
    pass
