"""One form per wizard step; each asks one thing (docs/product.md#flow)."""
import unicodedata

from django import forms
from django.conf import settings
from django.utils import translation
from django.utils.functional import cached_property
from django.utils.text import capfirst, format_lazy
from django.utils.translation import gettext, gettext_lazy as _, pgettext

from .content_reading import current_content
from .engine import factors_offered
from .question_list import MAX_OWN, MAX_OWN_LENGTH, MAX_TOP, ListChoices
from .vocabulary import ConditionGroup, Concern, Factor, Goal, Stage
from .wallet_card import BOTH

#: A plain explanation and an example for each goal, shown under its option.
GOAL_HINTS = {
    Goal.STRENGTHEN: _("Help the immune system find and attack a disease. "
                       "For example, to help fight cancer."),
    Goal.MODULATE: _("Re-train or re-balance one part of the immune system. "
                     "For example, allergy shots or a medicine that blocks one immune signal."),
    Goal.DAMPEN: _("Calm an immune system that attacks the body or a new organ. "
                   "For example, after a kidney transplant or for lupus."),
    Goal.UNSURE: _("That is fine. Your answer to the next question will help us work it out."),
}

STAGE_HINTS = {
    Stage.CONSIDERING: _("You and your care team are talking about it."),
    Stage.STARTING: _("A start date is set or coming soon."),
    Stage.ON_TREATMENT: _("You are having or taking it now."),
    Stage.FINISHED: _("Your course has ended, or it was stopped."),
}

FACTOR_HINTS = {
    Factor.AUTOIMMUNE_HISTORY: _("For example, rheumatoid arthritis, lupus, psoriasis, "
                                 "or a thyroid problem caused by the immune system."),
    Factor.INFECTION_HISTORY: _("Also tell us if you are not sure."),
    Factor.OTHER_MEDICINES: _("Including vitamins, herbal products and medicines you buy yourself."),
    Factor.CHILD: _("Answer the other questions about your child."),
    Factor.SERIOUS_SIDE_EFFECT_NOW: _("For example, an inflamed bowel, liver or lungs during immunotherapy."),
    Factor.SURGERY_OR_DENTAL_SOON: _("Including a tooth pulled or an implant."),
}

#: For a condition of the autoimmune group, examples that cannot be the condition itself.
ANOTHER_AUTOIMMUNE_HINT = _("One besides the condition you chose. For example, a thyroid problem caused by the "
                            "immune system, or celiac disease.")

#: The factors step's last, exclusive choice (GOV.UK's "or / None of these" pattern).
NONE_OF_THESE = "none"
NONE_OF_THESE_LABEL = _("None of these")


class GoalForm(forms.Form):
    goal = forms.ChoiceField(
        label=_("What is the aim of the treatment?"),
        choices=Goal.choices,
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Select the aim of the treatment, or “I am not sure”"),
            "invalid_choice": _("Select one of the options shown"),
        },
    )
    hints = GOAL_HINTS


class ContentChoiceField(forms.ChoiceField):
    """A choice among content items, checked against their slugs (``slugs``, set by the
    form) rather than by walking the grouped options, which are made only to show them."""

    slugs = frozenset()

    def valid_value(self, value):
        return str(value) in self.slugs


class ConditionForm(forms.Form):
    """What the treatment is for; the groups that fit the goal come first, and open.

    51 options in one list are seven phone screens; so only the groups that fit the
    goal are open (about two screens at most) and the others are folded under their
    names, one tap away. An open group shows its first conditions (the most common, by
    their order) and folds the rest under "More".
    """

    #: Open groups together show at most this many options, each group's name counted as one.
    OPEN_OPTIONS = 10
    #: A group shows at most this many conditions; the rest are folded, one tap away.
    SHOWN_PER_GROUP = 6
    #: Where several groups fit the goal they share OPEN_OPTIONS, each showing at least this many.
    FEWEST_SHOWN = 3

    condition = ContentChoiceField(
        label=_("What is the treatment for?"),
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Select what the treatment is for, or “Not listed”"),
            "invalid_choice": _("Select one of the options shown"),
        },
    )

    def __init__(self, *args, goal=None, content=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.conditions = list((content or current_content()).conditions.values())
        self.goal = goal
        self.fields["condition"].slugs = frozenset(c.slug for c in self.conditions)
        # Worked out when rendered; a page already rendered, or an answer checked, asks for neither.
        self.fields["condition"].choices = lambda: [
            (label, [(c.slug, c.label) for c in members]) for _, label, members in self.groups]

    @cached_property
    def groups(self):
        return self.grouped(self.conditions, self.goal)

    @cached_property
    def hints(self):
        return {c.slug: c.hint for c in self.conditions if c.hint}

    @cached_property
    def option_languages(self):
        """The language of each option not in the page's (a condition not yet translated), to mark it."""
        page = translation.get_language()
        return {c.slug: c.language for c in self.conditions if c.language != page}

    def choice_groups(self):
        """(group slug, label, [radio buttons shown], open, [radio buttons folded], folded open) in
        display order, for the template.

        A group, and its fold, also open when they hold the answer already given, so a
        "Change" shows it.
        """
        radios = {radio.data["value"]: radio for radio in self["condition"]}
        chosen = self["condition"].value()
        shown = self.shown_open(self.groups, self.goal)
        groups = []
        for group, label, members in self.groups:
            count = shown.get(group, self.SHOWN_PER_GROUP)
            groups.append((group, label, [radios[c.slug] for c in members[:count]],
                           group in shown or group == ConditionGroup.OTHER or any(c.slug == chosen for c in members),
                           [radios[c.slug] for c in members[count:]], any(c.slug == chosen for c in members[count:])))
        return groups

    @property
    def error_anchors(self):
        """Where the error summary's link goes: the first thing in sight, which takes the focus (the
        first group's first option, or its name when it is folded), never an option folded away."""
        group, _, radios, is_open, _, _ = self.choice_groups()[0]
        return {"condition": radios[0].id_for_label if is_open else f"group-{group}-summary"}

    @classmethod
    def shown_open(cls, groups, goal):
        """How many conditions each open group shows, by group: every group that fits the goal opens
        (rheumatoid arthritis is re-balanced as well as the allergies), and they share OPEN_OPTIONS.

        Each shows as many as a cap that keeps them within it (at most SHOWN_PER_GROUP, at least
        FEWEST_SHOWN); a group's name, and its "More", each take about an option's room. What the
        cap leaves goes to the best-fitting groups first. When even FEWEST_SHOWN each is too many,
        the group where the goal comes first for the fewest conditions stays folded.
        """
        fitting = [(group, len(members), cls.fit(members, goal) * len(members)) for group, _, members in groups
                   if group != ConditionGroup.OTHER and cls.fit(members, goal)]

        def room(shown):
            folds = sum(1 for group, size, _ in fitting if size > shown[group])
            return cls.OPEN_OPTIONS - sum(shown.values()) - len(shown) - folds

        while fitting:
            for cap in range(cls.SHOWN_PER_GROUP, cls.FEWEST_SHOWN - 1, -1):
                shown = {group: min(size, cap) for group, size, _ in fitting}
                if room(shown) >= 0:
                    for group, size, _ in fitting:
                        while shown[group] < min(size, cls.SHOWN_PER_GROUP):
                            if room({**shown, group: shown[group] + 1}) < 0:
                                break
                            shown[group] += 1
                    return shown
            fitting.remove(min(fitting, key=lambda entry: entry[2]))
        return {}

    @staticmethod
    def fit(members, goal):
        """How well a group fits the goal: the share of its conditions where it is the first usual goal."""
        if not goal:
            return 0
        return sum(1 for c in members if (c.usual_goals or [None])[0] == goal) / len(members)

    @classmethod
    def grouped(cls, conditions, goal):
        """(group slug, label, conditions) in the order to show them.

        Groups where the goal is usual come first, those where it is most often the
        first aim ahead; "other" (not listed) is always last.
        """
        labels = dict(ConditionGroup.choices)
        by_group = {}
        for condition in conditions:
            by_group.setdefault(condition.group, []).append(condition)

        def rank(group):
            if group == ConditionGroup.OTHER:
                return (2, 0, 0)
            fits = goal and any(goal in (c.usual_goals or []) for c in by_group[group])
            return (0 if fits else 1, -cls.fit(by_group[group], goal), list(labels).index(group))

        return [(g, labels[g], by_group[g]) for g in sorted(by_group, key=rank)]


class ContentMultipleChoiceField(forms.MultipleChoiceField):
    """Several content items, checked against their slugs (see ContentChoiceField)."""

    slugs = frozenset()

    def valid_value(self, value):
        return str(value) in self.slugs


#: The first choice of the medicine step: naming a medicine is optional.
NOT_SURE = "not_sure"
NOT_SURE_LABEL = _("Not yet, or not sure")


def medicine_label(medicine):
    """A medicine as an option or an answer: its name, as a sentence starts."""
    return capfirst(medicine.name)


class MedicinesForm(forms.Form):
    """Which medicine, if the person knows (docs/product.md#medicines): the condition's usual
    medicines first and open, the others folded by treatment type; a search box where
    JavaScript runs (medicines.js)."""

    medicines = ContentMultipleChoiceField(
        label=_("Do you know the name of the medicine?"),
        help_text=_("Optional. Select any you know, by their names or brand names. "
                    "Your list then speaks of them by name."),
        widget=forms.CheckboxSelectMultiple,
        required=False,
        error_messages={"invalid_choice": _("Select only the options shown")},
    )

    def __init__(self, *args, condition=None, goal=None, content=None, **kwargs):
        from .facts import usual_medicine_slugs
        super().__init__(*args, **kwargs)
        content = content or current_content()
        self.medicines = content.medicines
        condition = content.conditions.get(condition)
        usual = usual_medicine_slugs(condition, goal) if condition is not None else []
        self.usual = [content.medicines[s] for s in usual if s in content.medicines]
        self.treatments = content.treatments
        self.condition_label = condition.label if condition is not None else ""
        self.fields["medicines"].slugs = frozenset([NOT_SURE, *self.medicines])
        self.fields["medicines"].choices = [
            (NOT_SURE, NOT_SURE_LABEL), *[(m.slug, medicine_label(m)) for m in self.ordered()]]

    def ordered(self):
        usual = {m.slug for m in self.usual}
        others = sorted((m for m in self.medicines.values() if m.slug not in usual),
                        key=lambda m: (self.treatments[m.treatment].order if m.treatment in self.treatments else 0,
                                       m.treatment, m.order, m.slug))
        return [*self.usual, *others]

    @cached_property
    def hints(self):
        return {m.slug: m.examples for m in self.medicines.values()}

    @cached_property
    def option_languages(self):
        page = translation.get_language()
        return {m.slug: m.language for m in self.medicines.values() if m.language != page}

    def choice_groups(self):
        """(key, label, [check boxes], open): "not sure", then the usual medicines (open), then the
        others folded by treatment type."""
        boxes = {box.data["value"]: box for box in self["medicines"]}
        chosen = set(self["medicines"].value() or ())
        groups = [("not_sure", "", [boxes[NOT_SURE]], True)]
        if self.usual:
            groups.append(("usual", format_lazy(_("Often used for {condition}"), condition=self.condition_label),
                           [boxes[m.slug] for m in self.usual], True))
        by_treatment = {}
        usual = {m.slug for m in self.usual}
        for medicine in self.ordered():
            if medicine.slug not in usual:
                by_treatment.setdefault(medicine.treatment, []).append(boxes[medicine.slug])
        for treatment, members in by_treatment.items():
            title = self.treatments[treatment].title if treatment in self.treatments else treatment
            groups.append((treatment, title, members, any(b.data["value"] in chosen for b in members)))
        return groups

    def clean_medicines(self):
        medicines = self.cleaned_data["medicines"]
        if NOT_SURE in medicines and len(medicines) > 1:
            raise forms.ValidationError(
                _("You chose “%(not_sure)s” and a medicine. Choose one or the other."),
                code="not_sure_and_medicines", params={"not_sure": str(NOT_SURE_LABEL)})
        return medicines


class StageForm(forms.Form):
    stage = forms.ChoiceField(
        label=_("Where are you with this treatment?"),
        choices=Stage.choices,
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Select where you are with the treatment"),
            "invalid_choice": _("Select one of the options shown"),
        },
    )
    hints = STAGE_HINTS


class FactorsForm(forms.Form):
    """Other things that apply, with "None of these" last; the answer drops that choice
    (QuestionnaireWizard.done), as the medicine step drops "not sure"."""

    factors = forms.MultipleChoiceField(
        label=_("Do any of these apply to you?"),
        help_text=_("Select all that apply, or none. This helps us add safety points and questions."),
        choices=[*Factor.choices, (NONE_OF_THESE, NONE_OF_THESE_LABEL)],
        widget=forms.CheckboxSelectMultiple,
        required=False,
        error_messages={"invalid_choice": _("Select only the options shown")},
    )

    def __init__(self, *args, condition=None, content=None, **kwargs):
        """A parent cannot answer for a child where the condition's content is written for adults
        (Condition.adults_only): the choice is not offered, and refused if sent. Someone with an
        autoimmune disease is not offered it as an example of "another" one."""
        super().__init__(*args, **kwargs)
        self.hints = FACTOR_HINTS
        chosen = content.conditions.get(condition) if content is not None and condition else None
        if chosen is not None:
            offered = {*factors_offered(chosen), NONE_OF_THESE}
            field = self.fields["factors"]
            field.choices = [(value, label) for value, label in field.choices if value in offered]
            if chosen.group == ConditionGroup.AUTOIMMUNE:
                self.hints = {**FACTOR_HINTS, Factor.AUTOIMMUNE_HISTORY: ANOTHER_AUTOIMMUNE_HINT}

    def clean_factors(self):
        """"None of these" goes alone; pregnant now and planning a pregnancy are different situations
        (docs/content-guide.md#lessons): one or the other."""
        factors = self.cleaned_data["factors"]
        if NONE_OF_THESE in factors and len(factors) > 1:
            raise forms.ValidationError(
                _("You chose “%(none)s” and something from the list. Choose one or the other."),
                code="none_and_factors", params={"none": str(NONE_OF_THESE_LABEL)})
        planning = [f for f in (Factor.PREGNANCY_PLANNING, Factor.PARTNER_PREGNANCY) if f in factors]
        if Factor.PREGNANCY in factors and planning:
            raise forms.ValidationError(
                _("You chose both “%(pregnant)s” and “%(planning)s”. "
                  "Choose the one that fits you now."),
                code="pregnant_and_planning",
                params={"pregnant": str(Factor.PREGNANCY.label),
                        # Between two option names, each in curly quotes: closes one quote, opens the next.
                        "planning": pgettext("between two quoted options", "” and “").join(
                            str(Factor(f).label) for f in planning)})
        return factors


#: What the concerns step promises, and no more: the list has questions on each concern chosen. They
#: do not come first: the safety, "about" and call-now questions do (docs/content-guide.md#how-a-list-is-ranked).
CONCERNS_HELP = _("Select all that apply, or none. Your list will have questions on these.")


class ConcernsForm(forms.Form):
    concerns = forms.MultipleChoiceField(
        label=_("What matters most to you?"),
        help_text=CONCERNS_HELP,
        choices=Concern.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
        error_messages={"invalid_choice": _("Select only the options shown")},
    )
    hints = {}


class CheckAnswersForm(forms.Form):
    """The check-answers step has nothing to fill in; posting it confirms the answers."""


#: Direction embeddings, overrides and isolates (U+202A-U+202E, U+2066-U+2069): invisible, they
#: reorder what prints after them.
DIRECTION_CONTROLS = frozenset(map(chr, [*range(0x202A, 0x202F), *range(0x2066, 0x206A)]))


def is_hidden_control(character):
    """A control character (C0, DEL, C1) or a direction control: never part of a question."""
    return unicodedata.category(character) == "Cc" or character in DIRECTION_CONTROLS


class QuestionListForm(forms.Form):
    """The person's choices on the result page: the questions they keep and their own questions.

    The most important are chosen on a page of their own (:class:`TopQuestionsForm`); this
    form carries the marks the page showed (``top``) over to what is kept.
    """

    keep = forms.MultipleChoiceField(required=False, widget=forms.CheckboxSelectMultiple)
    own = forms.CharField(
        label=_("Your own questions"),
        help_text=format_lazy(_("One question per line. Up to {count} questions, each up to {length} characters."),
                              count=MAX_OWN, length=MAX_OWN_LENGTH),
        required=False,
        strip=False,
        widget=forms.Textarea(attrs={"rows": 5, "spellcheck": "true"}),
    )

    def __init__(self, *args, questions=(), suggested=frozenset(), top=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.suggested = suggested
        self.top = top
        # Only the values are checked; the page writes its own checkboxes.
        self.fields["keep"].choices = [(q.slug, q.slug) for q in questions]
        self.fields["keep"].error_messages["invalid_choice"] = _("Select only questions from your list")

    def clean_own(self):
        lines = [line.strip() for line in self.cleaned_data["own"].splitlines()]
        questions = [line for line in lines if line]
        if len(questions) > MAX_OWN:
            raise forms.ValidationError(
                _("You can add up to %(limit)d questions of your own. You have %(count)d. "
                  "Remove some, or join two into one."),
                code="too_many_own", params={"limit": MAX_OWN, "count": len(questions)})
        hidden = [n for n, q in enumerate(questions, start=1) if any(map(is_hidden_control, q))]
        if hidden:
            raise forms.ValidationError(
                _("Question %(which)s holds a hidden character (a control or direction mark) that would "
                  "print wrongly. Please type it again."),
                code="own_hidden_character", params={
                    "numbers": hidden, "which": pgettext("between list items", ", ").join(map(str, hidden))})
        too_long = [n for n, q in enumerate(questions, start=1) if len(q) > MAX_OWN_LENGTH]
        if too_long:
            raise forms.ValidationError(
                _("Each of your questions can be up to %(limit)d characters. %(which)s."),
                code="own_too_long", params={
                    "limit": MAX_OWN_LENGTH, "numbers": too_long,
                    "which": pgettext("between list items", ", ").join(
                        gettext("Question %(number)d has %(length)d") % {"number": n, "length": len(questions[n - 1])}
                        for n in too_long)})
        return questions

    def refuse_as_too_big_to_keep(self, size, limit):
        """The browser cannot carry this much (questionnaire/sessions.py): say so, keep what was typed."""
        self.add_error("own", forms.ValidationError(
            _("Your own questions are too long for this browser to keep. "
              "Please shorten them or remove one, then save again."),
            code="too_big_to_keep", params={"size": size, "limit": limit}))

    def choices(self):
        """The valid form as :class:`ListChoices`."""
        return self.list_choices(self.cleaned_data["keep"], self.cleaned_data["own"])

    def choices_as_sent(self):
        """What was ticked, valid or not: the page shows it again with the form's errors."""
        return self.list_choices(self.data.getlist("keep"), ())

    def list_choices(self, keep, own):
        """``keep`` as changes from the suggestion, with the marks shown (``top``) of the questions kept.

        Unticking a question takes its mark off, and gives it to no other question.
        """
        keep = set(keep)
        slugs = [slug for slug, _ in self.fields["keep"].choices]
        return ListChoices(
            dropped=tuple(s for s in slugs if s in self.suggested and s not in keep),
            added=tuple(s for s in slugs if s not in self.suggested and s in keep),
            top=tuple(s for s in self.top if s in keep),
            own=tuple(own),
        )


class WalletCardForm(forms.Form):
    """The wallet card's language: English, Spanish, or both on one card (wallet_card.py)."""

    language = forms.ChoiceField(label=_("Language of the card"), widget=forms.RadioSelect)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["language"].choices = [*settings.LANGUAGES, (BOTH, gettext("English and Spanish"))]
        #: Each language's own name is in that language (as the header's switch says it).
        self.option_languages = {code: code for code, _ in settings.LANGUAGES}


class TopQuestionsForm(forms.Form):
    """The page "Which questions matter most to you?": up to MAX_TOP of the questions kept.

    Only kept questions are offered, so a mark always goes with a question on the list.
    """

    top = forms.MultipleChoiceField(
        label=_("Which questions matter most to you?"),
        help_text=format_lazy(_("Choose up to {count}. They come first on your list and print first."),
                              count=MAX_TOP),
        required=False, widget=forms.CheckboxSelectMultiple,
        error_messages={"invalid_choice": _("Select only questions from your list")})

    def __init__(self, *args, questions=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.questions = list(questions)
        self.fields["top"].choices = [(q.slug, q.text) for q in self.questions]

    @property
    def error_anchors(self):
        """The error summary's link goes to the first tick box, as GOV.UK's does."""
        return {"top": f"top-{self.questions[0].slug}"} if self.questions else {}

    def refuse_as_too_big_to_keep(self, size, limit):
        """The browser cannot carry the list with these marks (questionnaire/sessions.py): say so."""
        self.add_error(None, forms.ValidationError(
            _("Your list is too long for this browser to keep. Please shorten your own questions, then "
              "choose again."),
            code="too_big_to_keep", params={"size": size, "limit": limit}))

    def clean_top(self):
        chosen = set(self.cleaned_data["top"])
        top = [q.slug for q in self.questions if q.slug in chosen]
        if len(top) > MAX_TOP:
            raise forms.ValidationError(
                _("Choose up to %(limit)d most important questions. You chose %(count)d."),
                code="too_many_top", params={"limit": MAX_TOP, "count": len(top)})
        return top
