"""The questions, one per page: formtools' wizard, each step at its own URL."""
from functools import lru_cache

from django import forms as django_forms
from django.contrib import messages
from django.http import HttpResponseRedirect
from django.shortcuts import redirect
from django.urls import get_script_prefix, reverse
from django.utils.cache import add_never_cache_headers
from django.utils.datastructures import MultiValueDict
from django.utils.functional import cached_property
from django.utils.translation import get_language, gettext, gettext_lazy as _, ngettext
from formtools.wizard.views import NamedUrlSessionWizardView

from .. import forms
from ..content_reading import current_content
from ..engine import Answers, recommend
from ..question_list import build_question_list
from ..languages import posted_language, remember_language
from ..session_keys import (
    ANSWERS_SESSION_KEY, DRAFT_SESSION_KEY, LIST_SESSION_KEY, TEXT_SIZE_SESSION_KEY, TEXT_SIZES, saved_choices,
    stored_answers)
from ..vocabulary import Concern, Factor, Goal, Stage
from .pages import answers_gone_url


STEPS = [
    ("goal", forms.GoalForm),
    ("condition", forms.ConditionForm),
    ("medicines", forms.MedicinesForm),
    ("stage", forms.StageForm),
    ("factors", forms.FactorsForm),
    ("concerns", forms.ConcernsForm),
    ("check", forms.CheckAnswersForm),
]

#: The short label of each answer on the check-answers page.
ANSWER_LABELS = {
    "goal": _("Aim of the treatment"),
    "condition": _("What it is for"),
    "medicines": _("Medicines"),
    "stage": _("Where you are"),
    "factors": _("Other things that apply"),
    "concerns": _("What matters most to you"),
}



@lru_cache(maxsize=64)
def _step_url(url_name, step, script_prefix):
    return reverse(url_name, kwargs={"step": step})


class QuestionnaireWizard(NamedUrlSessionWizardView):
    """The questions, one per page, each step at its own URL.

    Decisions on formtools' edge cases (tested in tests/test_views.py):
    the Back link is a plain link, so what was typed on the current page and not
    sent is dropped, as on any web form; two tabs share one set of answers, and
    the latest answer sent wins.
    """

    form_list = STEPS

    @cached_property
    def content(self):
        """The content snapshot, looked up once per request (each lookup checks the stamp)."""
        return current_content()

    def get_step_url(self, step):
        """formtools' step URL, reversed once per step and script prefix: a page asks for up to seven."""
        return _step_url(self.url_name, step, get_script_prefix())

    def get_template_names(self):
        if self.steps.current == "check":
            return ["questionnaire/check_answers.html"]
        return ["questionnaire/step.html"]

    def get_form_kwargs(self, step=None):
        if step == "condition":
            return {"goal": self.stored_goal(), "content": self.content}
        if step == "medicines":
            return {"condition": self.stored_condition(), "goal": self.stored_goal(), "content": self.content}
        if step == "factors":
            return {"condition": self.stored_condition(), "content": self.content}
        return {}

    def stored_condition(self):
        """The condition answered, which the medicine and factor steps offer their choices for."""
        return (self.storage.get_step_data("condition") or {}).get("condition-condition")

    def stored_goal(self):
        """The goal answered, which orders the condition step; None if none (or not one of ours)."""
        goal = (self.storage.get_step_data("goal") or {}).get("goal-goal")
        return goal if goal in Goal.values else None

    def dispatch(self, request, *args, **kwargs):
        response = super().dispatch(request, *args, **kwargs)
        add_never_cache_headers(response)
        return response

    def get(self, *args, **kwargs):
        self.draft = self.request.session.pop(DRAFT_SESSION_KEY, None) or {}
        self.restore_saved_answers()
        step = kwargs.get("step")
        nothing_answered = not self.storage.get_step_data(self.steps.first)
        if step == "check" and nothing_answered:
            # Nothing answered (a new visit, or after "Start over"): nothing to check.
            return redirect(answers_gone_url(self.request))
        if step in self.get_form_list() and step != self.steps.first and nothing_answered:
            # A page from the middle of the flow with nothing answered before it (Back after
            # "Start over"): the next person starts at the first question, and so does "Start now".
            self.storage.current_step = self.steps.first
            return redirect(self.get_step_url(self.steps.first))
        return super().get(*args, **kwargs)

    def get_form(self, step=None, data=None, files=None):
        """A step with a choice not yet sent (see ``switch_display``) shows that choice, unsent."""
        if (step or self.steps.current) in getattr(self, "draft", {}):
            data = files = None
        return super().get_form(step, data, files)

    def get_form_initial(self, step):
        draft = getattr(self, "draft", {})
        if step in draft:
            values = draft[step]
            if isinstance(self.form_list[step].base_fields[step], django_forms.MultipleChoiceField):
                return {step: values}
            return {step: values[0] if values else None}
        return super().get_form_initial(step)

    def switch_display(self, step):
        """The header's text-size or language switch sends this step's form: keep its choice,
        unsent, for the next showing, in the size or language asked for."""
        size = self.request.POST.get("size")
        if size in TEXT_SIZES:
            self.request.session[TEXT_SIZE_SESSION_KEY] = size
        if step != "check":
            # Only choices the step offers, each once: the draft is bounded as the answers are.
            field = self.get_form(step).fields[step]
            sent = dict.fromkeys(self.request.POST.getlist(f"{step}-{step}"))
            self.request.session[DRAFT_SESSION_KEY] = {step: [v for v in sent if field.valid_value(v)]}
        change = "?change=1" if self.request.POST.get("return_to_check") else ""
        return remember_language(redirect(self.get_step_url(step) + change), posted_language(self.request))

    def restore_saved_answers(self):
        """Bring back the answers behind the result, so "Change your answers" works.

        formtools forgets its answers once the result is shown; the result keeps
        its own copy in the session, which refills the steps here.
        """
        if self.storage.data.get(self.storage.step_data_key):
            return
        saved = self.request.session.get(ANSWERS_SESSION_KEY) if self.request.session.session_key else None
        if not saved:
            return
        for step in self.get_form_list():
            value = saved.get(step)
            values = value if isinstance(value, list) else [] if value is None else [value]
            self.storage.set_step_data(step, {} if step == "check" else {f"{step}-{step}": values})
        self.storage.current_step = self.steps.last

    def post(self, *args, **kwargs):
        """Guard against tampered forms and lost sessions before formtools sees them."""
        self.restore_saved_answers()
        # The step named in formtools' management form, read as its form reads it (formtools
        # checks the form itself next).
        posted_step = self.request.POST.get(f"{self.prefix}-current_step", "").strip()
        if posted_step not in self.get_form_list():
            messages.error(self.request, gettext("That page could not be read. Please answer this question again."))
            return redirect(self.get_step_url(self.steps.current))
        if posted_language(self.request) or (self.request.POST.get("size") in TEXT_SIZES and posted_step != "check"):
            return self.switch_display(posted_step)
        if posted_step != self.steps.first and not self.storage.data.get(self.storage.step_data_key):
            # formtools would validate this as the first step and say "required".
            return redirect(answers_gone_url(self.request))
        return super().post(*args, **kwargs)

    def get_form_step_data(self, form):
        """Keep only the step's own field, as cleaned: formtools would keep the whole POST, junk too."""
        data = MultiValueDict()
        for name, value in form.cleaned_data.items():
            data.setlist(form.add_prefix(name), value if isinstance(value, list) else [value] if value else [])
        return data

    def get_form_step_files(self, form):
        """No step asks for a file: one sent anyway is dropped, not stored (formtools would 500)."""
        return {}

    def render_next_step(self, form, **kwargs):
        """After a "Change", go straight back to check answers if nothing else is missing."""
        if self.request.POST.get("return_to_check") and all(
                self.storage.get_step_data(step) is not None
                for step in self.get_form_list() if step != "check"):
            self.storage.current_step = "check"
            return redirect(self.get_step_url("check"))
        return super().render_next_step(form, **kwargs)

    def stored_values(self, step):
        data = self.storage.get_step_data(step)
        return tuple(data.getlist(f"{step}-{step}")) if data is not None else None

    def get_context_data(self, form, **kwargs):
        context = super().get_context_data(form=form, **kwargs)
        step = self.steps.current
        previous = self.steps.prev
        returning_to_check = self.request.GET.get("change") == "1"
        if returning_to_check:
            back_url = self.get_step_url("check")  # a "Change" goes back where it came from
        else:
            back_url = self.get_step_url(previous) if previous else reverse("questionnaire:start")
        context.update({
            "step_name": step,
            "step_title": form.fields[step].label if step in form.fields else "",
            "back_url": back_url,
            "returning_to_check": returning_to_check,
            "hints": getattr(form, "hints", {}),
            "show_start_over": True,
            "answers_form_id": None if step == "check" else "step-form",
            "content": self.content,
        })
        if step == "check":
            context["answers"] = self.answer_rows()
        return context

    def answer_rows(self):
        """Each answer in words, with the URL of the step that changes it.

        Read from what each step stored, which was checked when it was sent; a value
        the content no longer has is left out, as the step's own check would.
        """
        conditions = {slug: c.label for slug, c in self.content.conditions.items()}
        medicines = {slug: forms.medicine_label(m) for slug, m in self.content.medicines.items()}
        medicines[forms.NOT_SURE] = str(forms.NOT_SURE_LABEL)
        factors = {**dict(Factor.choices), forms.NONE_OF_THESE: str(forms.NONE_OF_THESE_LABEL)}
        words = {
            "goal": dict(Goal.choices), "condition": conditions, "medicines": medicines, "stage": dict(Stage.choices),
            "factors": factors, "concerns": dict(Concern.choices),
        }
        page_language = get_language()
        rows = []
        for step, label in ANSWER_LABELS.items():
            values = self.stored_values(step) or ()
            # A condition not yet translated shows in English, marked as such (WCAG 3.1.2).
            item = self.content.conditions.get(values[0]) if step == "condition" and values else None
            rows.append({
                "step": step,
                "label": label,
                "values": [words[step][v] for v in values if v in words[step]] or [gettext("None selected")],
                "lang": item.language if item is not None and item.language != page_language else "",
                "change_url": self.get_step_url(step) + "?change=1",
            })
        return rows

    def done(self, form_list, form_dict, **kwargs):
        """Keep the answers under their own key; formtools resets its storage next."""
        answers = {}
        for step, form in form_dict.items():
            answers.update(form.cleaned_data)
        answers["medicines"] = [m for m in answers.get("medicines", ()) if m != forms.NOT_SURE]
        answers["factors"] = [f for f in answers.get("factors", ()) if f != forms.NONE_OF_THESE]
        new_answers = Answers.from_mapping(answers, self.content)
        self.tell_what_a_change_took_off(stored_answers(self.request, self.content), new_answers)
        self.request.session[ANSWERS_SESSION_KEY] = new_answers.as_dict()
        return HttpResponseRedirect(reverse("questionnaire:result"))

    def tell_what_a_change_took_off(self, old_answers, new_answers):
        """A saved list keeps every choice that still applies; say which questions went.

        What the person kept stays kept, what they unticked stays off, their top 3
        and own questions stay (:meth:`ListChoices.carried_over`).
        """
        if old_answers is None or old_answers == new_answers or LIST_SESSION_KEY not in self.request.session:
            return
        content = self.content
        choices = saved_choices(self.request)
        old_result, new_result = recommend(old_answers, content), recommend(new_answers, content)
        self.request.session[LIST_SESSION_KEY] = choices.carried_over(old_result, new_result).as_dict()
        before = build_question_list(old_result, choices).kept
        after = {q.slug for q in new_result.questions}
        gone = [content.questions[slug].text for slug in sorted(before - after) if slug in content.questions]
        if gone:
            messages.info(self.request, ngettext(
                "Your new answers took %(count)d question off your list: %(questions)s "
                "Everything else you chose is kept.",
                "Your new answers took %(count)d questions off your list: %(questions)s "
                "Everything else you chose is kept.", len(gone)) % {
                    "count": len(gone), "questions": " ".join(gone)})
