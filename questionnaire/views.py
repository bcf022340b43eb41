"""The questionnaire: a start page, the step-by-step wizard and the result."""
from django.contrib import messages
from django.http import HttpResponseRedirect
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.cache import add_never_cache_headers
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_POST
from formtools.wizard.forms import ManagementForm
from formtools.wizard.views import NamedUrlSessionWizardView

from . import forms
from .content import load_content
from .engine import Answers, InvalidAnswers, recommend
from .models import Condition
from .vocabulary import Concern, Factor, Goal, Stage

ANSWERS_SESSION_KEY = "immunoguide_answers"

STEPS = [
    ("goal", forms.GoalForm),
    ("condition", forms.ConditionForm),
    ("stage", forms.StageForm),
    ("factors", forms.FactorsForm),
    ("concerns", forms.ConcernsForm),
    ("check", forms.CheckAnswersForm),
]

#: The short label of each answer on the check-answers page.
ANSWER_LABELS = {
    "goal": "Aim of the treatment",
    "condition": "What it is for",
    "stage": "Where you are",
    "factors": "Other things that apply",
    "concerns": "What matters most to you",
}


def start_url(expired=False):
    return reverse("questionnaire:start") + ("?expired=1" if expired else "")


@require_GET
def start(request):
    """The start page. It reads no session, so looking at it stores nothing."""
    return render(request, "questionnaire/start.html", {
        "expired": request.GET.get("expired") == "1",
    })


@require_POST
@never_cache
def start_over(request):
    """Wipe every answer at once: the session is flushed and a new one is not made."""
    request.session.flush()
    return redirect("questionnaire:start")


class QuestionnaireWizard(NamedUrlSessionWizardView):
    """The questions, one per page, each step at its own URL.

    Decisions on formtools' edge cases (tested in tests/test_views.py):
    the Back link is a plain link, so what was typed on the current page and not
    sent is dropped, as on any web form; two tabs share one set of answers, and
    the latest answer sent wins.
    """

    form_list = STEPS

    def get_template_names(self):
        if self.steps.current == "check":
            return ["questionnaire/check_answers.html"]
        return ["questionnaire/step.html"]

    def get_form_kwargs(self, step=None):
        if step == "condition":
            goal = (self.storage.get_step_data("goal") or {}).get("goal-goal")
            return {"goal": goal if goal in Goal.values else None}
        return {}

    def dispatch(self, request, *args, **kwargs):
        response = super().dispatch(request, *args, **kwargs)
        add_never_cache_headers(response)
        return response

    def post(self, *args, **kwargs):
        """Guard against tampered forms and lost sessions before formtools sees them."""
        management_form = ManagementForm(self.request.POST, prefix=self.prefix)
        posted_step = (management_form.cleaned_data.get("current_step")
                       if management_form.is_valid() else None)
        if posted_step not in self.get_form_list():
            messages.error(self.request, "That page could not be read. Please answer this question again.")
            return redirect(self.get_step_url(self.steps.current))
        if posted_step != self.steps.first and not self.storage.data.get(self.storage.step_data_key):
            # formtools would validate this as the first step and say "required".
            return redirect(start_url(expired=True))
        return super().post(*args, **kwargs)

    def render_next_step(self, form, **kwargs):
        """After a "Change", go straight back to check answers if nothing else is missing."""
        if self.request.POST.get("return_to_check") and all(
                self.storage.get_step_data(step) is not None
                for step in self.get_form_list() if step != "check"):
            self.storage.current_step = "check"
            return redirect(self.get_step_url("check"))
        return super().render_next_step(form, **kwargs)

    def get_context_data(self, form, **kwargs):
        context = super().get_context_data(form=form, **kwargs)
        step = self.steps.current
        previous = self.steps.prev
        context.update({
            "step_name": step,
            "back_url": self.get_step_url(previous) if previous else reverse("questionnaire:start"),
            "returning_to_check": self.request.GET.get("change") == "1",
            "hints": getattr(form, "hints", {}),
        })
        if step == "check":
            context["answers"] = self.answer_rows()
        return context

    def answer_rows(self):
        """Each answer in words, with the URL of the step that changes it."""
        data = {step: self.get_cleaned_data_for_step(step) or {} for step in self.get_form_list()}
        conditions = {c.slug: c.label for c in Condition.objects.all()}
        words = {
            "goal": dict(Goal.choices), "condition": conditions, "stage": dict(Stage.choices),
            "factors": dict(Factor.choices), "concerns": dict(Concern.choices),
        }
        rows = []
        for step, label in ANSWER_LABELS.items():
            value = data.get(step, {}).get(step)
            values = value if isinstance(value, list) else [value] if value else []
            rows.append({
                "step": step,
                "label": label,
                "values": [words[step].get(v, v) for v in values] or ["None selected"],
                "change_url": self.get_step_url(step) + "?change=1",
            })
        return rows

    def done(self, form_list, form_dict, **kwargs):
        """Keep the answers under their own key; formtools resets its storage next."""
        answers = {}
        for step, form in form_dict.items():
            answers.update(form.cleaned_data)
        self.request.session[ANSWERS_SESSION_KEY] = Answers.from_mapping(answers).as_dict()
        return HttpResponseRedirect(reverse("questionnaire:result"))


@require_GET
@never_cache
def result(request):
    stored = request.session.get(ANSWERS_SESSION_KEY) if request.session.session_key else None
    if not stored:
        return redirect(start_url(expired=True))
    try:
        answers = Answers.from_mapping(stored)
    except InvalidAnswers:
        request.session.pop(ANSWERS_SESSION_KEY, None)
        return redirect(start_url(expired=True))
    content = load_content()
    outcome = recommend(answers, content)
    return render(request, "questionnaire/result.html", {
        "result": outcome,
        "release": content.release,
        "goal_labels": dict(Goal.choices),
        "stage_label": Stage(answers.stage).label,
        "change_url": reverse("questionnaire:step", kwargs={"step": "check"}),
        "sources": outcome.sources(),
    })
