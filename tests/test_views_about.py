"""The "About this content" page: who writes it, funding, update policy, version."""
import pytest
from django.urls import reverse

from tests.pages import visit_every_page_type

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
    from tests.test_views import complete
    response = complete(client, "dampen", "lupus")
    assert "Full sources: http://testserver/about/" in response.content.decode()
    document = response.context["document"]
    printed = [q for q in response.context["result"].questions if q.slug in document.question_list.kept]
    assert document.source_names == sorted({s.organisation for q in printed for s in q.sources.all()})
    assert document.source_names
