"""Security headers, cookies and production settings (immunoguide/settings.py, questionnaire/middleware.py)."""
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.test import Client, override_settings

from tests.helpers.pages import visit_every_page_type

pytestmark = pytest.mark.django_db
ROOT = Path(__file__).resolve().parent.parent
PRODUCTION_ENV = {
    "DJANGO_ENV": "production",
    "DJANGO_SECRET_KEY": "a-long-random-production-key-for-tests-only-0123456789abcdefghijklmnop",
    "DJANGO_ALLOWED_HOSTS": "immunoguide.example.org",
    "DJANGO_CSRF_TRUSTED_ORIGINS": "https://immunoguide.example.org",
}


def manage(*args, env=None):
    clean = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")}
    return subprocess.run([sys.executable, "manage.py", *args], cwd=ROOT, capture_output=True,
                          text=True, env={**clean, **(env or {})}, timeout=120)


@override_settings(SECURE_HSTS_SECONDS=31536000, SECURE_HSTS_INCLUDE_SUBDOMAINS=True,
                   SECURE_PROXY_SSL_HEADER=("HTTP_X_FORWARDED_PROTO", "https"))
def test_every_page_type_sends_the_security_headers():
    """As behind the clinic's TLS proxy, with the production HSTS setting."""
    client = Client(HTTP_X_FORWARDED_PROTO="https")
    for name, response in visit_every_page_type(client).items():
        headers = response.headers
        csp = headers.get("Content-Security-Policy", "")
        assert "default-src 'none'" in csp, name
        assert "script-src 'self'" in csp and "unsafe-inline" not in csp, name
        assert "style-src 'self'" in csp and "unsafe-inline" not in csp, name
        assert "frame-ancestors 'none'" in csp, name
        assert headers.get("Strict-Transport-Security", "").startswith("max-age=31536000"), name
        assert headers.get("X-Content-Type-Options") == "nosniff", name
        assert headers.get("Referrer-Policy") == "same-origin", name
        assert headers.get("X-Frame-Options") == "DENY", name
        assert "camera=()" in headers.get("Permissions-Policy", ""), name


def test_every_form_carries_a_csrf_token(client):
    for name, response in visit_every_page_type(client).items():
        if response.get("Content-Type", "").startswith("text/html"):
            page = response.content.decode()
            assert page.count('method="post"') == page.count('name="csrfmiddlewaretoken"'), name


def test_a_post_without_the_csrf_token_is_refused_with_a_plain_page():
    client = Client(enforce_csrf_checks=True)
    client.get("/questions/")
    response = client.post("/questions/goal/", {"questionnaire_wizard-current_step": "goal", "goal-goal": "dampen"})
    assert response.status_code == 403
    assert "This page has timed out" in response.content.decode()


def test_the_only_inline_script_carries_the_nonce_and_there_is_no_inline_style(client):
    for name, response in visit_every_page_type(client).items():
        page = response.content.decode(errors="replace")
        assert "<script>" not in page and " style=" not in page and "<style" not in page, name


def test_check_deploy_is_clean_with_production_settings(tmp_path):
    env = {**PRODUCTION_ENV, "IMMUNOGUIDE_SQLITE_PATH": str(tmp_path / "deploy.sqlite3")}
    assert manage("migrate", "--noinput", "--skip-checks", env=env).returncode == 0
    assert manage("load_content", env=env).returncode == 0
    done = manage("check", "--deploy", "--fail-level", "WARNING", env=env)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "no issues" in done.stdout


def test_production_refuses_to_start_without_a_secret_key():
    env = {k: v for k, v in PRODUCTION_ENV.items() if k != "DJANGO_SECRET_KEY"}
    done = manage("check", env=env)
    assert done.returncode != 0
    assert "DJANGO_SECRET_KEY must be set in production" in done.stderr


def test_debug_is_off_unless_asked_for():
    code = "from django.conf import settings; print(settings.DEBUG)"
    done = manage("shell", "--no-imports", "-c", code)
    assert done.stdout.strip() == "False"
    assert manage("shell", "--no-imports", "-c", code, env={"DJANGO_DEBUG": "1"}).stdout.strip() == "True"


def test_production_refuses_to_start_with_debug_on():
    done = manage("check", env={**PRODUCTION_ENV, "DJANGO_DEBUG": "1"})
    assert done.returncode != 0
    assert "DJANGO_DEBUG=1 is refused in production" in done.stderr


def test_production_cookies_are_secure_httponly_and_samesite():
    code = ("from django.conf import settings as s; print(s.SESSION_COOKIE_SECURE, s.CSRF_COOKIE_SECURE, "
            "s.SESSION_COOKIE_HTTPONLY, s.SESSION_COOKIE_SAMESITE, s.SESSION_EXPIRE_AT_BROWSER_CLOSE, "
            "s.SESSION_COOKIE_AGE)")
    assert manage("shell", "--no-imports", "-c", code, env=PRODUCTION_ENV).stdout.split() == [
        "True", "True", "True", "Lax", "True", "7200"]


def test_the_session_cookie_ends_with_the_browser(client):
    client.get("/questions/")
    cookie = client.cookies["sessionid"]
    assert cookie["httponly"] and cookie["samesite"] == "Lax"
    assert not cookie["expires"] and not cookie["max-age"]


ADMIN_LOGIN = "/admin/login/?next=/admin/"


@pytest.fixture
def staff(django_user_model):
    return django_user_model.objects.create_user("editor", password="a-long-password-123", is_staff=True,
                                                 is_superuser=True)


def test_the_admin_locks_out_after_five_wrong_passwords_even_the_right_one(client, staff):
    for _ in range(4):
        assert client.post(ADMIN_LOGIN, {"username": "editor", "password": "wrong"}).status_code == 200
    assert client.post(ADMIN_LOGIN, {"username": "editor", "password": "wrong"}).status_code == 429
    response = client.post(ADMIN_LOGIN, {"username": "editor", "password": "a-long-password-123"})
    assert response.status_code == 429
    assert client.get("/admin/").status_code == 302


def test_a_right_password_before_the_limit_signs_in(client, staff):
    for _ in range(3):
        client.post(ADMIN_LOGIN, {"username": "editor", "password": "wrong"})
    assert client.post(ADMIN_LOGIN, {"username": "editor", "password": "a-long-password-123"}).url == "/admin/"


@pytest.fixture
def otp_admin(monkeypatch):
    """The admin as production runs it (IMMUNOGUIDE_ADMIN_OTP): a password and a one-time code."""
    from django.contrib import admin

    from immunoguide.admin_site import OTPSite
    monkeypatch.setattr(admin.site, "__class__", OTPSite)


def test_with_a_second_factor_a_password_alone_does_not_open_the_admin(client, staff, otp_admin):
    from django_otp.plugins.otp_totp.models import TOTPDevice
    TOTPDevice.objects.create(user=staff, name="phone")
    response = client.post(ADMIN_LOGIN, {"username": "editor", "password": "a-long-password-123"})
    assert response.status_code == 200
    assert response.context["form"].errors
    assert client.get("/admin/").status_code == 302


def test_with_a_second_factor_the_code_from_the_app_opens_the_admin(client, staff, otp_admin):
    from django_otp.oath import totp
    from django_otp.plugins.otp_totp.models import TOTPDevice
    device = TOTPDevice.objects.create(user=staff, name="phone")
    response = client.post(ADMIN_LOGIN, {"username": "editor", "password": "a-long-password-123",
                                         "otp_device": device.persistent_id,
                                         "otp_token": f"{totp(device.bin_key):06d}"})
    assert response.url == "/admin/"
    assert client.get("/admin/").status_code == 200


def test_production_asks_staff_for_a_second_factor():
    code = ("import immunoguide.urls; from django.contrib import admin; from django_otp.admin import OTPAdminSite; "
            "print(isinstance(admin.site, OTPAdminSite))")
    admin_node = {**PRODUCTION_ENV, "IMMUNOGUIDE_ADMIN": "1"}
    assert manage("shell", "--no-imports", "-c", code, env=admin_node).stdout.strip() == "True"
    assert manage("shell", "--no-imports", "-c", code).stdout.strip() == "False"


def test_the_admin_can_be_left_off_a_patient_facing_server():
    code = ("from django.urls import resolve, Resolver404\n"
            "try:\n    resolve('/admin/'); print('on')\nexcept Resolver404:\n    print('off')")
    assert manage("shell", "--no-imports", "-c", code, env={"IMMUNOGUIDE_ADMIN": "0"}).stdout.strip() == "off"
    assert manage("shell", "--no-imports", "-c", code).stdout.strip() == "on"


def test_in_production_the_admin_is_off_unless_the_node_opts_in():
    code = ("from django.urls import resolve, Resolver404\n"
            "try:\n    resolve('/admin/'); print('on')\nexcept Resolver404:\n    print('off')")
    assert manage("shell", "--no-imports", "-c", code, env=PRODUCTION_ENV).stdout.strip() == "off"
    assert manage("shell", "--no-imports", "-c", code,
                  env={**PRODUCTION_ENV, "IMMUNOGUIDE_ADMIN": "1"}).stdout.strip() == "on"


def test_a_secret_key_of_spaces_is_refused_as_a_missing_one_is():
    result = manage("check", env={**PRODUCTION_ENV, "DJANGO_SECRET_KEY": "   "})
    assert result.returncode != 0 and "DJANGO_SECRET_KEY is only spaces" in result.stderr
    assert manage("check", env={"DJANGO_SECRET_KEY": " \t "}).returncode != 0


BEHIND_THE_PROXY = {"REMOTE_ADDR": "10.0.0.2"}  # the load balancer's own address


def through_the_proxy(client, username, password, client_address):
    return client.post(ADMIN_LOGIN, {"username": username, "password": password},
                       HTTP_X_FORWARDED_FOR=client_address, **BEHIND_THE_PROXY)


@override_settings(IMMUNOGUIDE_TRUSTED_PROXIES=1)
def test_behind_a_proxy_wrong_passwords_lock_out_the_attacker_not_the_other_editors(client, staff,
                                                                                     django_user_model):
    from axes.models import AccessAttempt
    django_user_model.objects.create_user("second", password="another-long-password-456", is_staff=True)
    for _ in range(5):
        through_the_proxy(client, "editor", "wrong", "198.51.100.66, 203.0.113.9")
    assert through_the_proxy(Client(), "editor", "a-long-password-123", "203.0.113.9").status_code == 429
    assert set(AccessAttempt.objects.values_list("ip_address", flat=True)) == {"203.0.113.9"}
    # Another editor behind the same proxy, and the same editor from their own desk, still sign in.
    assert through_the_proxy(Client(), "second", "another-long-password-456", "192.0.2.20").url == "/admin/"
    assert through_the_proxy(Client(), "editor", "a-long-password-123", "192.0.2.21").url == "/admin/"


def test_the_lockout_page_says_for_how_long_and_allows_no_other_origin(client, staff):
    for _ in range(5):
        client.post(ADMIN_LOGIN, {"username": "editor", "password": "wrong"})
    page = client.post(ADMIN_LOGIN, {"username": "editor", "password": "wrong"})
    assert page.status_code == 429 and page.context["minutes"] == 60
    assert "60 minutes" in page.content.decode()
    script = client.post(ADMIN_LOGIN, {"username": "editor", "password": "wrong"},
                         HTTP_X_REQUESTED_WITH="XMLHttpRequest")
    assert script.status_code == 429 and "Access-Control-Allow-Origin" not in script.headers
