"""Every page type is valid HTML, checked by the Nu Html Checker (vnu.jar, run on Java).

The checker comes from the vnu-jar npm package (`make test` installs it). Where
Java or the checker is missing the test is skipped with a message, unless
IMMUNOGUIDE_NO_SKIP=1 (as in CI) turns that into a failure.
"""
import json
import os
import shutil
import subprocess
import time
from datetime import timedelta
from pathlib import Path
from unittest import mock

import pytest
from django.template.loader import render_to_string
from django.urls import reverse

from tests.test_views import PREFIX, complete, post_step, step_url

VNU = Path(__file__).resolve().parent.parent / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
JAVA = shutil.which("java")

pytestmark = pytest.mark.django_db


def collect_pages(client):
    """Each page type's HTML, by name."""
    pages = {"start": client.get("/"), "start-expired": client.get("/?expired=1")}
    client.get(reverse("questionnaire:questions"))
    for step, value in [("goal", "dampen"), ("condition", "lupus"), ("stage", "starting"),
                        ("factors", ["pregnancy"]), ("concerns", [])]:
        pages[step] = client.get(step_url(step))
        bad = ["tampered"] if step in ("factors", "concerns") else None
        pages[f"{step}-error"] = post_step(client, step, bad)
        post_step(client, step, value)
    pages["check"] = client.get(step_url("check"))
    client.get(post_step(client, "check").url)
    pages["result"] = client.get(reverse("questionnaire:result"))
    pages["result-error"] = client.post(reverse("questionnaire:result"), {"own": "\n".join(["Q?"] * 11)})
    client.post(reverse("questionnaire:result"), {"own": "Mine?", "keep": []})
    pages["result-saved"] = client.get(reverse("questionnaire:result"))
    link_page = client.get(reverse("questionnaire:result_link"))
    pages["link"] = link_page
    token = link_page.content.decode().split("/list/")[1].split("/")[0]
    pages["link-invalid"] = client.get(reverse("questionnaire:open_list", kwargs={"token": "x" + token}))
    with mock.patch("time.time", return_value=time.time() + timedelta(days=91).total_seconds()):
        pages["link-expired"] = client.get(reverse("questionnaire:open_list", kwargs={"token": token}))
    pages["not-found"] = client.get("/no-such-page/")
    client.post(reverse("questionnaire:text_size"), {"size": "large", "next": "/"})
    pages["start-large-text"] = client.get("/")
    html = {name: response.content.decode() for name, response in pages.items()}
    html["csrf-failure"] = render_to_string("403_csrf.html")
    html["server-error"] = render_to_string("500.html")
    return html


def test_every_page_type_is_collected(client):
    pages = collect_pages(client)
    assert all("<!DOCTYPE html>" in html for html in pages.values())
    assert "There is a problem" in pages["factors-error"]
    assert "There is a problem" in pages["result-error"]
    assert "This link has expired" in pages["link-expired"]


def test_every_page_type_passes_the_nu_html_checker(client, tmp_path):
    missing = [what for what, ok in (("java", JAVA), (f"the checker at {VNU}", VNU.exists())) if not ok]
    if missing:
        message = f"Missing {', '.join(missing)}: run `make test`, which installs the checker with npm."
        if os.environ.get("IMMUNOGUIDE_NO_SKIP") == "1":
            pytest.fail(message)
        pytest.skip(message)
    for name, html in collect_pages(client).items():
        (tmp_path / f"{name}.html").write_text(html, encoding="utf-8")
    done = subprocess.run(
        [JAVA, "-jar", str(VNU), "--format", "json", "--errors-only", str(tmp_path)],
        capture_output=True, text=True, timeout=300)
    messages = json.loads(done.stderr or '{"messages": []}')["messages"]
    errors = [f"{Path(m['url']).name}:{m.get('lastLine')}: {m['message']}"
              for m in messages if m["type"] == "error"]
    assert errors == []
