"""Every page type a person can meet, visited through the test client.

Shared by the tests that must hold on every page: valid HTML, security headers.
"""
import gzip
import time
from datetime import timedelta
from unittest import mock

from django.urls import reverse

from tests.helpers.wizard import post_step, step_url


def visit_every_page_type(client):
    """Walk the whole product once and return each page type's response, by name."""
    pages = {"start": client.get("/"), "start-expired": client.get("/?expired=1"),
             "about": client.get(reverse("questionnaire:about"))}
    client.get(reverse("questionnaire:questions"))
    for step, value in [("goal", "dampen"), ("condition", "lupus"), ("medicines", ["mycophenolate"]),
                        ("stage", "starting"), ("factors", ["pregnancy"]), ("concerns", [])]:
        pages[step] = client.get(step_url(step))
        bad = ["tampered"] if step in ("medicines", "factors", "concerns") else None
        pages[f"{step}-error"] = post_step(client, step, bad)
        post_step(client, step, value)
    pages["check"] = client.get(step_url("check"))
    client.get(post_step(client, "check").url)
    result = reverse("questionnaire:result")
    pages["result"] = client.get(result)
    visit = reverse("questionnaire:visit")
    pages["visit"] = client.get(visit)
    first = pages["visit"].context["form"].items[0].key
    pages["visit-error"] = client.post(visit, {"asked": [first], f"answer-{first}": "x" * 201, "other": "Kept?"})
    client.post(visit, {"asked": [first], f"answer-{first}": "Noted.", f"teach_back-{first}": "Mine.", "other": "More."})
    pages["visit-saved"] = client.get(visit + "?saved=1")
    pages["visit-summary"] = client.get(reverse("questionnaire:visit_summary"))
    pages["visit-summary-pdf"] = client.get(reverse("questionnaire:visit_summary_pdf"))
    pages["visit-summary-text"] = client.get(reverse("questionnaire:visit_summary_text"))
    pages["result-error"] = client.post(result, {"own": "\n".join(["Q?"] * 11)})
    most_important = reverse("questionnaire:most_important")
    pages["most-important"] = client.get(most_important)
    suggested = [q.slug for q in pages["result"].context["result"].suggested_questions()]
    pages["most-important-error"] = client.post(most_important, {"top": suggested[:4]})
    client.post(result, {"own": "Mine?", "keep": []})
    pages["most-important-nothing-kept"] = client.get(most_important)
    pages["result-saved"] = client.get(result)
    pages["result-pdf"] = client.get(reverse("questionnaire:result_pdf"))
    pages["result-text"] = client.get(reverse("questionnaire:result_text"))
    pages["result-fhir"] = client.get(reverse("questionnaire:result_fhir"))
    pages["check-in"] = client.get(reverse("questionnaire:check_in"))
    pages["wallet-card"] = client.get(reverse("questionnaire:wallet_card"), {"language": "both"})
    pages["wallet-card-error"] = client.get(reverse("questionnaire:wallet_card"), {"language": "tampered"})
    pages["wallet-card-pdf"] = client.get(reverse("questionnaire:wallet_card_pdf"))
    pages["fhir-questionnaire"] = client.get("/fhir/Questionnaire/immunoguide")
    link_page = client.get(reverse("questionnaire:result_link"))
    pages["link"] = link_page
    token = page_text(link_page).split("/list/")[1].split("/")[0]
    pages["link-invalid"] = client.get(reverse("questionnaire:open_list", kwargs={"token": "x" + token}))
    client.post(result, {"own": "Another list?", "keep": []})
    pages["link-confirm"] = client.get(reverse("questionnaire:open_list", kwargs={"token": token}))
    with mock.patch("time.time", return_value=time.time() + timedelta(days=31).total_seconds()):
        pages["link-expired"] = client.get(reverse("questionnaire:open_list", kwargs={"token": token}))
    pages["start-over"] = client.get(reverse("questionnaire:start_over") + "?back=" + result)
    pages["not-found"] = client.get("/no-such-page/")
    client.post(reverse("questionnaire:text_size"), {"size": "large", "next": "/"})
    pages["start-large-text"] = client.get("/")
    pages["start-cleared"] = client.get("/?cleared=1")
    client.get(reverse("questionnaire:clinic_device"))
    pages["start-clinic-device"] = client.get("/")
    pages["ready"] = client.get(reverse("questionnaire:ready") + "?idle=1")
    client.post(reverse("questionnaire:device"), {"mode": "home"})
    return pages


HTML_PAGES_EXCLUDED = ("result-pdf", "result-text", "result-fhir", "fhir-questionnaire", "visit-summary-pdf",
                       "visit-summary-text", "wallet-card-pdf")


def page_text(response):
    """A response's text, whether or not it was sent gzip-compressed."""
    body = response.content
    if response.get("Content-Encoding") == "gzip":
        body = gzip.decompress(body)
    return body.decode()
