from django import template
from django.template.loader import render_to_string

register = template.Library()

#: How many rendered fragments one content snapshot keeps (10-30 KB each).
MAX_RENDERED_OPTIONS = 500


@register.filter
def get_item(mapping, key):
    """``{{ hints|get_item:value }}``: look up a key that is itself a variable."""
    return mapping.get(key, "") if mapping else ""


@register.simple_tag(takes_context=True)
def step_options(context):
    """A step's options, rendered once per content snapshot, goal and answer given.

    They were most of a step's cost (the condition step's 38 options took 80 % of its
    render), and they hold nothing of the request: only the content and which option
    is chosen. An answer outside the options is rendered afresh and not kept.
    """
    form, step = context["form"], context["step_name"]
    value = form[step].value()
    chosen = tuple(value) if isinstance(value, (list, tuple)) else (value,) if value else ()
    return _render_once(context, "questionnaire/_step_options.html", (step, getattr(form, "goal", None), chosen),
                        keep=lambda: set(map(str, chosen)) <= _option_values(form.fields[step]))


@register.simple_tag(takes_context=True)
def rendered_once(context, template_name, *key):
    """A fragment that depends only on the content and ``key`` (a person's answers, say),
    rendered once per content snapshot: the result page's summary, notes and sources."""
    return _render_once(context, template_name, key)


def _render_once(context, template_name, key, keep=lambda: True):
    """Kept in the content snapshot, so a content change starts afresh; at most
    MAX_RENDERED_OPTIONS renderings per snapshot. ``keep()``, asked only on a miss,
    may refuse to keep one."""
    rendered = context["content"].rendered
    key = (template_name, *key)
    if key in rendered:
        return rendered[key]
    html = render_to_string(template_name, context.flatten())
    if len(rendered) < MAX_RENDERED_OPTIONS and keep():
        rendered[key] = html
    return html


def _option_values(field):
    """Every option's value, those inside named groups (the condition step's) too."""
    values = set()
    for value, label in field.choices:
        if isinstance(label, (list, tuple)):
            values.update(str(member) for member, _ in label)
        else:
            values.add(str(value))
    return values
