"""Django settings for ImmunoGuide, read from the environment (12-factor).

Two modes, chosen by DJANGO_ENV:

- ``development`` (the default for ``manage.py``): SQLite beside the code, a fixed
  insecure key, plain HTTP on 127.0.0.1.
- ``production`` (the default for the WSGI entry point, so gunicorn is production
  unless told otherwise): DJANGO_SECRET_KEY is required, HTTPS-only cookies, HSTS,
  SSL redirect, hashed and compressed static files.

DEBUG is off in both unless DJANGO_DEBUG=1, which production refuses.
"""
import os
from pathlib import Path

import dj_database_url
from csp.constants import NONCE, NONE, SELF
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent


def env_list(name, default=""):
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


ENVIRONMENT = os.environ.get("DJANGO_ENV", "development")
if ENVIRONMENT not in ("development", "production"):
    raise ImproperlyConfigured(f"DJANGO_ENV must be 'development' or 'production', not {ENVIRONMENT!r}.")
PRODUCTION = ENVIRONMENT == "production"
DEBUG = os.environ.get("DJANGO_DEBUG") == "1"
if DEBUG and PRODUCTION:
    # Debug pages show settings and request data, answers included: never to patients.
    raise ImproperlyConfigured("DJANGO_DEBUG=1 is refused in production (DJANGO_ENV=production).")

SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", "")
if SECRET_KEY and not SECRET_KEY.strip():
    raise ImproperlyConfigured("DJANGO_SECRET_KEY is only spaces: set a real key, or leave it unset in development.")
if not SECRET_KEY:
    if PRODUCTION:
        raise ImproperlyConfigured(
            "DJANGO_SECRET_KEY must be set in production (DJANGO_ENV=production). "
            "Generate one with: python -c \"import secrets; print(secrets.token_urlsafe(50))\"")
    SECRET_KEY = "django-insecure-local-development-only"
# Earlier keys, newest first: what was sealed or signed with them still opens (key rotation).
SECRET_KEY_FALLBACKS = env_list("DJANGO_SECRET_KEY_FALLBACKS")

ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS", "" if PRODUCTION else "127.0.0.1,localhost,testserver")
CSRF_TRUSTED_ORIGINS = env_list("DJANGO_CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    # Before the admin, as django-modeltranslation asks: the content's Spanish fields.
    "modeltranslation",
    "immunoguide.apps.AdminConfig",  # Django's admin; with a one-time code where configured
    "immunoguide.apps.AuthConfig",  # django.contrib.auth, named for staff
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "csp",
    "formtools",
    "immunoguide.apps.AxesConfig",  # django-axes
    "django_otp",
    "immunoguide.apps.OTPTOTPConfig",  # django_otp.plugins.otp_totp
    "immunoguide.apps.OTPStaticConfig",  # django_otp.plugins.otp_static
    "questionnaire",
]

MIDDLEWARE = [
    # First, so it compresses the finished page. Django masks the CSRF token on every
    # response, which is its defence against BREACH.
    "django.middleware.gzip.GZipMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "csp.middleware.CSPMiddleware",
    "questionnaire.middleware.PermissionsPolicyMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "questionnaire.middleware.IdleTimeoutMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # Last, as django-axes asks: it turns a locked-out login into its refusal.
    "axes.middleware.AxesMiddleware",
]

# The admin (content editors only). It can be left off the patient-facing servers and served
# from an internal host instead; where it runs, repeated wrong passwords lock the account and
# the address out (django-axes), and in production staff need a one-time code (django-otp).
# Off by default in production: a patient-facing node is the safe default; the internal
# admin node opts in with IMMUNOGUIDE_ADMIN=1 (docs/operations.md).
IMMUNOGUIDE_ADMIN_ENABLED = os.environ.get("IMMUNOGUIDE_ADMIN", "0" if PRODUCTION else "1") == "1"
IMMUNOGUIDE_ADMIN_OTP = os.environ.get("IMMUNOGUIDE_ADMIN_OTP", "1" if PRODUCTION else "0") == "1"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = 1  # hours
# One account from one address: wrong passwords from an attacker lock the attacker out of that
# account, never every editor (by address alone) or a named editor everywhere (by account alone).
AXES_LOCKOUT_PARAMETERS = [["ip_address", "username"]]
AXES_CLIENT_IP_CALLABLE = "questionnaire.client_address.client_address"
# The lockout page says for how long and what to do; no cross-origin header on any variant.
AXES_LOCKOUT_CALLABLE = "immunoguide.admin_lockout.lockout_response"
AXES_RESET_ON_SUCCESS = True
OTP_TOTP_ISSUER = "ImmunoGuide"

ROOT_URLCONF = "immunoguide.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "csp.context_processors.nonce",
                "questionnaire.context_processors.display",
            ],
        },
    },
]

WSGI_APPLICATION = "immunoguide.wsgi.application"

# SQLite beside the code unless DATABASE_URL names another (postgres://... uses psycopg 3).
DATABASES = {
    "default": dj_database_url.config(
        default="sqlite:///" + str(os.environ.get("IMMUNOGUIDE_SQLITE_PATH", BASE_DIR / "db.sqlite3")),
        conn_max_age=int(os.environ.get("DJANGO_CONN_MAX_AGE", "60")),
        conn_health_checks=True,
    )
}

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 12}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# English first, Spanish second (docs/product.md#languages). The language is chosen by the
# browser's Accept-Language on a first visit, then by the header's switch (a cookie that
# holds only "en" or "es"); addresses stay the same in both languages.
LANGUAGE_CODE = "en"
LANGUAGES = [("en", "English"), ("es", "Español")]
LOCALE_PATHS = [BASE_DIR / "locale"]
# Each language's date format (immunoguide/formats/): every page and document writes dates with it.
FORMAT_MODULE_PATH = ["immunoguide.formats"]
# The content's own languages (questionnaire/translation.py, docs/translation.md): English is
# each field itself ("text"), Spanish a field beside it ("text_es") in the same fixture.
MODELTRANSLATION_DEFAULT_LANGUAGE = "en"
MODELTRANSLATION_LANGUAGES = ("en", "es")
MODELTRANSLATION_FALLBACK_LANGUAGES = ("en",)
# A fixture's English field fills the English translation field when it is loaded.
MODELTRANSLATION_AUTO_POPULATE = "default"
LANGUAGE_COOKIE_SECURE = PRODUCTION
LANGUAGE_COOKIE_SAMESITE = "Lax"
LANGUAGE_COOKIE_HTTPONLY = True
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": ("whitenoise.storage.CompressedManifestStaticFilesStorage" if PRODUCTION
                    else "django.contrib.staticfiles.storage.StaticFilesStorage"),
    },
}
# In development WhiteNoise serves straight from the apps' static folders.
WHITENOISE_USE_FINDERS = not PRODUCTION
WHITENOISE_AUTOREFRESH = not PRODUCTION
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Answers are health information: keep them only for this browser session, and briefly,
# in one encrypted cookie (questionnaire/sessions.py), never in the database.
SESSION_ENGINE = "questionnaire.sessions"
# Messages can name a person's questions: they travel inside the sealed session, never in a
# cookie of their own (Django's default keeps them in a signed, but readable, cookie).
MESSAGE_STORAGE = "django.contrib.messages.storage.session.SessionStorage"
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_AGE = 60 * 60 * 2
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_HTTPONLY = True
# The CSRF secret rides in the session cookie: Django re-sends a CSRF cookie with every
# page that has a form, and the session cookie is sent back only when it changed.
CSRF_USE_SESSIONS = True
# Home or clinic (questionnaire/device.py): "home" never wipes answers for being idle,
# "clinic" does (a shared tablet), and "choose" is home until a browser is made a clinic
# device by the clinic's address (/clinic/) or by the person on the start page.
IMMUNOGUIDE_DEVICE_MODE = os.environ.get("IMMUNOGUIDE_DEVICE_MODE", "choose")
if IMMUNOGUIDE_DEVICE_MODE not in ("home", "clinic", "choose"):
    raise ImproperlyConfigured(
        f"IMMUNOGUIDE_DEVICE_MODE must be 'home', 'clinic' or 'choose', not {IMMUNOGUIDE_DEVICE_MODE!r}.")
# On a clinic device, a person's answers are wiped after this long without input, on the
# server as well as on screen, so a tablet left on a page shows nothing to whoever comes next.
IMMUNOGUIDE_IDLE_SECONDS = int(float(os.environ.get("IMMUNOGUIDE_IDLE_MINUTES", "10")) * 60)
# FHIR: the base of the canonical URLs of the Questionnaire and its CodeSystems (docs/operations.md).
# ".example" is reserved: a deployment sets its own, and keeps it once records refer to it.
IMMUNOGUIDE_FHIR_BASE = os.environ.get("IMMUNOGUIDE_FHIR_BASE", "https://immunoguide.example/fhir")
# The region a clinic's phone numbers are written for, when typed without a country code.
IMMUNOGUIDE_PHONE_REGION = os.environ.get("IMMUNOGUIDE_PHONE_REGION", "US")
# The PDF's fonts for the scripts DejaVu Sans lacks, tried in order: font files separated by
# ":", a face of a collection as "path#face". Unset: the Debian paths that
# questionnaire/fonts.py lists (FALLBACK_FONTS); set but empty: none.
IMMUNOGUIDE_PDF_FALLBACK_FONTS = None if "IMMUNOGUIDE_PDF_FALLBACK_FONTS" not in os.environ else [
    (path, int(face or 0)) for path, _, face in (
        entry.partition("#") for entry in os.environ["IMMUNOGUIDE_PDF_FALLBACK_FONTS"].split(":") if entry)]
CSRF_COOKIE_SAMESITE = "Lax"

# Headers on every response.
SECURE_CONTENT_TYPE_NOSNIFF = True
# "same-origin", not "no-referrer": with no referrer at all browsers send "Origin: null"
# on form posts, which Django's CSRF check rightly refuses.
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
PERMISSIONS_POLICY = (
    "accelerometer=(), camera=(), geolocation=(), gyroscope=(), magnetometer=(), "
    "microphone=(), payment=(), usb=(), interest-cohort=()")
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [NONE],
        "script-src": [SELF, NONCE],
        "style-src": [SELF],
        "img-src": [SELF],
        "font-src": [SELF],
        "connect-src": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
        "base-uri": [NONE],
        "object-src": [NONE],
    },
}

if PRODUCTION:
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_SSL_REDIRECT = os.environ.get("DJANGO_SECURE_SSL_REDIRECT", "1") == "1"
    SECURE_HSTS_SECONDS = int(os.environ.get("DJANGO_HSTS_SECONDS", str(60 * 60 * 24 * 365)))
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
    # Behind the clinic's proxy or load balancer, which terminates TLS.
    if os.environ.get("DJANGO_BEHIND_PROXY", "1") == "1":
        SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
# How many proxies in front of the app append to X-Forwarded-For (questionnaire/client_address.py).
IMMUNOGUIDE_TRUSTED_PROXIES = int(os.environ.get(
    "IMMUNOGUIDE_TRUSTED_PROXIES", "1" if PRODUCTION and os.environ.get("DJANGO_BEHIND_PROXY", "1") == "1" else "0"))

# Logs carry no answers: nothing logs form data, and the one place answers travel
# in a URL (a signed list link) is blanked by questionnaire.logging on every handler.
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"redact_list_links": {"()": "questionnaire.logging.RedactListLinks"}},
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain",
                             "filters": ["redact_list_links"]}},
    "root": {"handlers": ["console"], "level": os.environ.get("DJANGO_LOG_LEVEL", "WARNING")},
    "loggers": {
        "django.server": {"handlers": ["console"], "level": "INFO", "propagate": False},
        # At INFO fontTools names the glyphs each PDF uses: the characters of own questions.
        "fontTools": {"level": "WARNING"},
    },
}
