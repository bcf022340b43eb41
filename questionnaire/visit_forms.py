"""The visit page's form: a tick and a short answer per question, the person's own words for
the most important ones, and anything else the doctor said."""
from django import forms
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from .visit import MAX_ANSWER_LENGTH, MAX_OTHER_LENGTH, MAX_TEACH_BACK_LENGTH, VisitNotes

#: Django's max_length message, naming the box by the question's number on the page.
ANSWER_TOO_LONG = _("The answer to question {number} can be up to %(limit_value)d characters. It has %(show_value)d.")
TEACH_BACK_TOO_LONG = _("Your own words for question {number} can be up to %(limit_value)d characters. "
                        "It has %(show_value)d.")
OTHER_TOO_LONG = _("The last box can be up to %(limit_value)d characters. It has %(show_value)d.")


def _text_field(limit, message, number):
    return forms.CharField(required=False, max_length=limit, widget=forms.Textarea(attrs={"rows": 2}),
                           error_messages={"max_length": format_lazy(message, number=number)})


class VisitNotesForm(forms.Form):
    """One field per question of the list (``answer-<key>``, ``teach_back-<key>`` for the most
    important), built from the visit items; the limits are Django's own max_length checks."""

    asked = forms.MultipleChoiceField(
        required=False, widget=forms.CheckboxSelectMultiple,
        error_messages={"invalid_choice": _("Tick only questions from your list")})
    other = forms.CharField(
        label=_("Anything else the doctor said"), required=False, max_length=MAX_OTHER_LENGTH,
        help_text=format_lazy(_("Up to {length} characters."), length=MAX_OTHER_LENGTH),
        widget=forms.Textarea(attrs={"rows": 4}), error_messages={"max_length": OTHER_TOO_LONG})

    def __init__(self, *args, items=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.items = list(items)
        self.fields["asked"].choices = [(item.key, item.key) for item in self.items]
        for number, item in enumerate(self.items, start=1):
            self.fields[f"answer-{item.key}"] = _text_field(MAX_ANSWER_LENGTH, ANSWER_TOO_LONG, number)
            if item.top:
                self.fields[f"teach_back-{item.key}"] = _text_field(MAX_TEACH_BACK_LENGTH, TEACH_BACK_TOO_LONG, number)

    @classmethod
    def initial_from(cls, notes):
        """The form's initial values from saved notes."""
        initial = {"asked": list(notes.asked), "other": notes.other}
        initial.update({f"answer-{key}": text for key, text in notes.answers.items()})
        initial.update({f"teach_back-{key}": text for key, text in notes.teach_back.items()})
        return initial

    @property
    def error_anchors(self):
        """The error summary leads to the field itself (the page draws no fieldset around it)."""
        return {name: self[name].auto_id for name in self.fields if name != "asked"}

    def rows(self):
        """(item, its "asked" tick, its answer field, its teach-back field or None) per question."""
        asked = set(self["asked"].value() or ())
        return [(item, item.key in asked, self[f"answer-{item.key}"],
                 self[f"teach_back-{item.key}"] if item.top else None) for item in self.items]

    def notes(self, date):
        """The valid form as :class:`VisitNotes` of the visit on ``date``."""
        data = self.cleaned_data

        def texts(prefix):
            return {item.key: data[f"{prefix}-{item.key}"].strip() for item in self.items
                    if data.get(f"{prefix}-{item.key}", "").strip()}
        return VisitNotes(asked=tuple(data["asked"]), answers=texts("answer"), teach_back=texts("teach_back"),
                          other=data["other"].strip(), date=date)

    def refuse_as_too_big_to_keep(self, size, limit):
        """The browser cannot carry this much (questionnaire/sessions.py): say so, keep what was typed."""
        self.add_error(None, forms.ValidationError(
            _("Your notes are too long for this browser to keep. Please shorten some answers, "
              "then save again."),
            code="too_big_to_keep", params={"size": size, "limit": limit}))
