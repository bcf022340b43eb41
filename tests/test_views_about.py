"""The "About this content" page: who writes it, funding, update policy, version, sign-off."""
import io

import pytest
from django.urls import reverse
from pypdf import PdfReader

from questionnaire.printout import sign_off_line
from tests.helpers.pages import visit_every_page_type
from tests.helpers.wizard import complete

pytestmark = pytest.mark.django_db


def test_says_who_writes_and_checks_it_funding_policy_and_version(client, content):
    page = client.get(reverse("questionnaire:about")).content.decode()
    release = content.release
    for text in (release.written_by, release.reviewed_by, release.funding,
                 release.conflicts_of_interest, release.update_policy, release.version):
        assert text and text.replace("'", "&#x27;") in page
    assert "It is not medical advice" in page
    assert "call your local emergency number" in page
    assert all(source.url in page for source in content.sources.values())


def test_every_html_page_links_to_it(client):
    about = reverse("questionnaire:about")
    for name, response in visit_every_page_type(client).items():
        if response["Content-Type"].startswith("text/html"):
            assert f'href="{about}"' in response.content.decode(), name


def test_the_printout_names_it_the_content_version_and_the_sources(client):
    response = complete(client, "dampen", "lupus")
    assert "Full sources: http://testserver/about/" in response.content.decode()
    document = response.context["document"]
    printed = [q for q in response.context["result"].questions if q.slug in document.question_list.kept]
    assert document.source_names == sorted({s.organisation for s in response.context["result"].sources_of(printed)})
    assert document.source_names and "National Cancer Institute (NCI)" not in document.source_names  # lupus: no cancer pages


def sign_off_the_loaded_content(content):
    from questionnaire.models import ContentRelease
    release = ContentRelease.objects.get(version=content.release.version)
    release.signed_off_by, release.signed_off_role = "Dr A Reviewer", "Rheumatology nurse"
    release.signed_off_on, release.signed_off_fingerprint = content.release.published, content.fingerprint
    release.save()  # a save moves the content stamp, so every page reads the new snapshot


def test_the_page_and_the_printouts_say_who_signed_the_content_off(client, content):
    assert client.get(reverse("questionnaire:about")).context["sign_off"] is None
    sign_off_the_loaded_content(content)
    about = client.get(reverse("questionnaire:about"))
    assert about.context["sign_off"].signed_off_by == "Dr A Reviewer"
    assert "Dr A Reviewer" in about.context["sign_off_line"] and "Dr A Reviewer" in about.content.decode()
    result = complete(client, "dampen", "lupus")
    assert result.context["document"].sign_off == about.context["sign_off_line"]
    assert "Dr A Reviewer" in result.content.decode()
    assert "Dr A Reviewer" in client.get(reverse("questionnaire:result_text")).content.decode()
    pdf = PdfReader(io.BytesIO(client.get(reverse("questionnaire:result_pdf")).content))
    assert "Dr A Reviewer" in " ".join(" ".join(page.extract_text() for page in pdf.pages).split())


def test_without_a_sign_off_the_printout_says_it_awaits_one(client, content):
    result = complete(client, "dampen", "lupus")
    assert result.context["document"].sign_off == sign_off_line(content)
    assert result.context["document"].sign_off in client.get(reverse("questionnaire:result_text")).content.decode()
