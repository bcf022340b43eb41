from django import template

register = template.Library()


@register.filter
def get_item(mapping, key):
    """``{{ hints|get_item:value }}``: look up a key that is itself a variable."""
    return mapping.get(key, "") if mapping else ""
