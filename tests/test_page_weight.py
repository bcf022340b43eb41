"""Every page, as sent compressed with its stylesheet and script, stays under 30 KB."""
import gzip
import re

import pytest
from django.contrib.staticfiles import finders

from tests.helpers.pages import HTML_PAGES_EXCLUDED, visit_every_page_type

pytestmark = pytest.mark.django_db
LIMIT = 30 * 1024


def gzipped_asset(path):
    with open(finders.find(path.removeprefix("/static/")), "rb") as asset:
        return len(gzip.compress(asset.read()))


def test_pages_are_sent_compressed_and_stay_under_30_kb():
    from django.test import Client
    client = Client(HTTP_ACCEPT_ENCODING="gzip")
    heavy = {}
    for name, response in visit_every_page_type(client).items():
        if name in HTML_PAGES_EXCLUDED or response.status_code in (301, 302):
            continue
        assert response.get("Content-Encoding") == "gzip", name
        html = gzip.decompress(response.content).decode()
        assets = re.findall(r'(?:href|src)="(/static/[^"]+)"', html)
        total = len(response.content) + sum(gzipped_asset(a) for a in assets)
        if total > LIMIT:
            heavy[name] = total
    assert heavy == {}


def test_no_page_uses_web_fonts_or_needs_a_script():
    css = open(finders.find("questionnaire/site.css")).read()
    assert "@font-face" not in css and "url(" not in css
