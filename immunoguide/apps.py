"""The admin as this project runs it, through Django's own hook for the default site."""
from django.contrib.admin.apps import AdminConfig as DjangoAdminConfig


def admin_site():
    """django-otp's site, which asks for a one-time code at sign-in, where IMMUNOGUIDE_ADMIN_OTP
    is on (production's default); Django's own elsewhere. Called once, when the apps are ready."""
    from django.conf import settings
    from django.contrib.admin import AdminSite
    from django_otp.admin import OTPAdminSite
    return OTPAdminSite() if settings.IMMUNOGUIDE_ADMIN_OTP else AdminSite()


class AdminConfig(DjangoAdminConfig):
    default_site = "immunoguide.apps.admin_site"
