"""Every page type is valid HTML, checked by the Nu Html Checker (vnu.jar, run on Java).

The checker comes from the vnu-jar npm package (`make test` installs it). Where
Java or the checker is missing the test is skipped with a message, unless
IMMUNOGUIDE_NO_SKIP=1 (as in CI) turns that into a failure.
"""
import json
import shutil
import subprocess
from pathlib import Path

import pytest
from django.conf import settings
from django.template.loader import render_to_string
from django.utils import translation

from tests.helpers import skip_or_fail
from tests.helpers.pages import HTML_PAGES_EXCLUDED, visit_every_page_type

VNU = Path(__file__).resolve().parent.parent / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
JAVA = shutil.which("java")

pytestmark = pytest.mark.django_db


def collect_pages(client, language="en"):
    """Each page type's HTML in one language, by name."""
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    html = {name: response.content.decode() for name, response in visit_every_page_type(client).items()
            if name not in HTML_PAGES_EXCLUDED}
    with translation.override(language):
        html["csrf-failure"] = render_to_string("403_csrf.html")
        html["server-error"] = render_to_string("500.html")
        html["database-away"] = render_to_string("503.html")
    return html


def test_every_page_type_is_collected(client):
    pages = collect_pages(client)
    assert all("<!DOCTYPE html>" in html for html in pages.values())
    assert "There is a problem" in pages["factors-error"]
    assert "There is a problem" in pages["result-error"]
    assert "There is a problem" in pages["visit-error"] and "Noted." in pages["visit-summary"]
    assert "There is a problem" in pages["wallet-card-error"] and "wallet-card" in pages
    assert "There is a problem" in pages["most-important-error"]
    assert "This link has expired" in pages["link-expired"]


def test_every_page_type_passes_the_nu_html_checker(client, tmp_path):
    """In English and in Spanish: the two differ in their words and their lang attributes."""
    missing = [what for what, ok in (("java", JAVA), (f"the checker at {VNU}", VNU.exists())) if not ok]
    if missing:
        skip_or_fail(f"Missing {', '.join(missing)}: run `make test`, which installs the checker with npm.")
    for language in ("en", "es"):
        for name, html in collect_pages(client, language).items():
            (tmp_path / f"{language}-{name}.html").write_text(html, encoding="utf-8")
    done = subprocess.run(
        [JAVA, "-jar", str(VNU), "--format", "json", "--errors-only", str(tmp_path)],
        capture_output=True, text=True, timeout=300)
    messages = json.loads(done.stderr or '{"messages": []}')["messages"]
    errors = [f"{Path(m['url']).name}:{m.get('lastLine')}: {m['message']}"
              for m in messages if m["type"] == "error"]
    assert errors == []
