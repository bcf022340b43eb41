from django import template
from django.utils import translation
from django.utils.html import format_html

from ..printout import long_date as written_date

register = template.Library()


@register.filter
def get_item(mapping, key):
    """``{{ hints|get_item:value }}``: look up a key that is itself a variable."""
    return mapping.get(key, "") if mapping else ""


@register.filter
def lang_attr(item):
    """`` lang="en"`` on what shows an item whose texts are not in the page's language (a
    source's own title, an item not yet translated: WCAG 3.1.2), else nothing."""
    language = getattr(item, "language", None)
    if language and language != translation.get_language():
        return format_html(' lang="{}"', language)
    return ""


@register.filter
def long_date(value, region=""):
    """``{{ release.published|long_date:date_region }}``: a date as the page's language writes it in
    the person's region (questionnaire.printout.long_date)."""
    return written_date(value, region) if value else ""
