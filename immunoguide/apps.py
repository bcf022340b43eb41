"""The admin as this project runs it, through Django's own hook for the default site, and the
names its sections carry for clinic staff (docs/operations.md#the-admin)."""
from axes.apps import AppConfig as DjangoAxesConfig
from django.contrib.admin.apps import AdminConfig as DjangoAdminConfig
from django.contrib.auth.apps import AuthConfig as DjangoAuthConfig
from django_otp.plugins.otp_static.apps import DefaultConfig as DjangoOTPStaticConfig
from django_otp.plugins.otp_totp.apps import DefaultConfig as DjangoOTPTOTPConfig


def admin_site():
    """django-otp's site, which asks for a one-time code at sign-in, where IMMUNOGUIDE_ADMIN_OTP
    is on (production's default); Django's own elsewhere. Called once, when the apps are ready."""
    from django.conf import settings

    from .admin_site import OTPSite, Site
    return OTPSite() if settings.IMMUNOGUIDE_ADMIN_OTP else Site()


class AdminConfig(DjangoAdminConfig):
    default_site = "immunoguide.apps.admin_site"


class AuthConfig(DjangoAuthConfig):
    verbose_name = "Staff accounts"


class AxesConfig(DjangoAxesConfig):
    verbose_name = "Sign-in attempts and lockouts"


class OTPTOTPConfig(DjangoOTPTOTPConfig):
    verbose_name = "Sign-in codes: authenticator apps"


class OTPStaticConfig(DjangoOTPStaticConfig):
    verbose_name = "Sign-in codes: backup codes"
