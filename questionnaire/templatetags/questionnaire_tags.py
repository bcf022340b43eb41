from django import template
from django.template.loader import render_to_string
from django.template.loader_tags import BlockNode
from django.utils import translation
from django.utils.html import format_html
from django.utils.safestring import mark_safe

from ..fragments import CSRF_HOLE, FRAME, fill_csrf_hole

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
    """A fragment that depends only on the content and ``key`` (the content a result
    shows, say), rendered once per content snapshot: the result page's summary and sources."""
    return _render_once(context, template_name, key)


@register.simple_tag(takes_context=True)
def question_items(context, questions):
    """The list's questions, each rendered once per content snapshot in each of its states
    (kept or not, most important or not, call-now for this person or not, when it carries
    the clinic's numbers, with its gloss in a second language or not): the list was most of
    the result page's cost."""
    kept, top, call_now = context["kept"], context["top"], context.get("call_now", frozenset())
    clinic = context["content"].clinic
    document = context.get("document")
    glosses, gloss_language = (document.glosses, document.gloss_language) if document else ({}, "")
    return mark_safe("".join(
        _render_once(context, "questionnaire/_question.html",
                     (question.slug, question.slug in kept, question.slug in top, question.slug in call_now,
                      gloss_language if question.slug in glosses else ""),
                     values=lambda: {"question": question, "kept": kept, "top": top,
                                     "call_now": question.slug in call_now, "clinic": clinic,
                                     "gloss": glosses.get(question.slug, ""), "gloss_language": gloss_language})
        for question in questions))


def _render_once(context, template_name, key, keep=lambda: True, values=None):
    """Kept with the content snapshot (see questionnaire/fragments.py), in the language of the
    page: the interface's own words are in it too. ``keep()``, asked
    only on a miss, may refuse to keep one. ``values()`` gives the fragment's context
    (else the page's)."""
    return mark_safe(context["content"].rendered.get(
        (template_name, *key, page_language(context)), lambda: render_to_string(template_name, values() if values else context.flatten()),
        keep=keep))


@register.tag
def once(parser, token):
    """``{% once "name" value... %}...{% endonce %}``: the part of the page between,
    rendered once for each set of the values named, which must be all it depends on
    besides the page's language (always part of the key).
    A first value of ``None`` means: render it afresh and keep nothing.

    Kept with the content snapshot on a page that has one, else with the page frame
    (questionnaire/fragments.py). A ``{% csrf_token %}`` inside gets the request's own token.
    """
    bits = token.split_contents()
    if len(bits) < 2:
        raise template.TemplateSyntaxError("{% once %} takes a fragment name, then the values it depends on")
    nodelist = parser.parse(("endonce",))
    parser.delete_first_token()
    if nodelist.get_nodes_by_type(BlockNode):
        raise template.TemplateSyntaxError("{% once %} cannot hold a {% block %}: the page that fills it is not in its key")
    return OnceNode(nodelist, parser.compile_filter(bits[1]), [parser.compile_filter(bit) for bit in bits[2:]])


class OnceNode(template.Node):
    #: Not walked by {% extends %}, which looks through the whole frame for blocks on every page.
    child_nodelists = ()

    def __init__(self, nodelist, name, values):
        self.nodelist, self.name, self.values = nodelist, name, values

    def render(self, context):
        key = tuple(_hashable(value.resolve(context)) for value in self.values)
        token = context.get("csrf_token")
        if (key and key[0] is None) or token is None:
            return self.nodelist.render(context)

        def render():
            with context.push(csrf_token=CSRF_HOLE):
                return self.nodelist.render(context)

        content = context.get("content")
        fragments = content.rendered if content is not None else FRAME
        html = fragments.get(("once", self.name.resolve(context), *key, page_language(context)), render)
        # The token is asked for only where the fragment has a form: asking creates one.
        if CSRF_HOLE in html and str(token) == "NOTPROVIDED":
            return self.nodelist.render(context)
        return mark_safe(fill_csrf_hole(html, token))


def page_language(context):
    """The language the page is rendered in: the i18n context processor's, read once per page
    (asking Django each time costs a thread-local lookup per fragment), else Django's."""
    language = context.get("LANGUAGE_CODE")
    return language if language else translation.get_language()


def _hashable(value):
    """``value`` as a key can hold it: lists as tuples, sets as frozensets. A tuple that
    hashes as it is (the result's ``shown``, 50 slugs deep) is not walked again."""
    if isinstance(value, tuple):
        try:
            hash(value)
            return value
        except TypeError:
            return tuple(map(_hashable, value))
    if isinstance(value, list):
        return tuple(map(_hashable, value))
    if isinstance(value, set):
        return frozenset(value)
    return value


def _option_values(field):
    """Every option's value, those inside named groups (the condition step's) too."""
    values = set()
    for value, label in field.choices:
        if isinstance(label, (list, tuple)):
            values.update(str(member) for member, _ in label)
        else:
            values.add(str(value))
    return values
