"""FHIR R4 for health records: what a clinic's record system can take in.

The wizard as a ``Questionnaire``, a person's answers and chosen questions as a
``QuestionnaireResponse``, the codes both use as two ``CodeSystem``s (the
product's vocabulary, and the content's questions), and a ``ConceptMap`` to
SNOMED CT where a code plainly fits. Plain Python like the engine: a content
snapshot and answers in, JSON-ready dicts out; nothing is stored.

Canonical URLs start at ``base`` (the IMMUNOGUIDE_FHIR_BASE setting), the same
for the web pages and the commands, so a response names the Questionnaire it answers.
"""
from functools import wraps

from django.utils import translation
from django.utils.translation import gettext_noop

from . import forms
from .translation import translated_languages
from .engine import answer_choices
from .vocabulary import Concern, Factor, Goal, Stage
from .visit import visit_items

FHIR_VERSION = "4.0.1"
VOCABULARY_ID = "immunoguide"
QUESTIONS_ID = "immunoguide-questions"
QUESTIONNAIRE_ID = "immunoguide"
CONCEPT_MAP_ID = "immunoguide-to-snomed"
SNOMED = "http://snomed.info/sct"

#: The wizard's answer steps, in order: (link id = the step, its form, vocabulary axis, more than one answer).
STEP_ITEMS = [
    ("goal", forms.GoalForm, "goal", False),
    ("condition", forms.ConditionForm, "condition", False),
    ("medicines", forms.MedicinesForm, "medicine", True),
    ("stage", forms.StageForm, "stage", False),
    ("factors", forms.FactorsForm, "factor", True),
    ("concerns", forms.ConcernsForm, "concern", True),
]
#: The list the person takes away: (link id, text, answer type).
LIST_ITEMS = [
    ("questions", "The questions I will bring", "choice"),
    ("top-questions", "Most important to me (at most 3)", "choice"),
    ("own-questions", "My own questions", "string"),
]
#: During the visit (questionnaire/visit.py): one group per question the person noted on, then
#: anything else the doctor said. A question is a code of the questions' code system, or an own
#: question's text (open-choice).
VISIT_ID = "visit"
VISIT_ITEMS = [
    ("visit.question", "The question", "open-choice"),
    ("visit.asked", "Asked", "boolean"),
    ("visit.answer", "What the doctor said", "string"),
    ("visit.own-words", "In my own words, the doctor said", "string"),
]
VISIT_OTHER = ("visit-other", "Anything else the doctor said", "text")
VISIT_DATE = ("visit-date", "Date of the visit", "date")
#: Each group of the vocabulary's codes: (code, display) of the group, and its codes' labels.
AXES = {
    "goal": (gettext_noop("Aim of the treatment"), dict(Goal.choices)),
    "condition": (gettext_noop("What the treatment is for"), None),
    "medicine": (gettext_noop("A medicine the person named"), None),
    "stage": (gettext_noop("Where the person is with the treatment"), dict(Stage.choices)),
    "factor": (gettext_noop("Something else that applies"), dict(Factor.choices)),
    "concern": (gettext_noop("What matters most to the person"), dict(Concern.choices)),
    "therapy-category": (gettext_noop("Kind of immunotherapy"), None),
}

#: ImmunoGuide codes with a SNOMED CT concept that plainly means the same, checked against
#: SNOMED International's own editorial guide, and only those (docs/fhir.md says why the
#: therapy categories and the other conditions are not mapped yet):
#: (axis, code) -> (SNOMED CT id, its fully specified name).
SNOMED_CODES = {
    ("condition", "rheumatoid_arthritis"): ("69896004", "Rheumatoid arthritis (disorder)"),
    ("condition", "crohns_disease"): ("34000006", "Crohn's disease (disorder)"),
}


def _in_english(build):
    """FHIR resources speak English whatever the page's language: the Questionnaire's texts and
    the codes' displays are what a record system stores, so they must not change with the reader.
    Labels are made plain strings here, so JSON never meets a lazy translation. The content is
    read in English too (the snapshot a page in Spanish passes is its translation)."""
    @wraps(build)
    def wrapper(*args, **kwargs):
        args = [arg.source if hasattr(arg, "in_language") else arg for arg in args]
        with translation.override("en"):
            return build(*args, **kwargs)
    return wrapper


def _other_languages():
    """The languages a code's display is given in besides English, as a ``designation``."""
    return translated_languages()


def canonical(base, kind, resource_id):
    return f"{base.rstrip('/')}/{kind}/{resource_id}"


def _labels_in(language, axis, content):
    """Code -> label for one group in another language (the vocabulary's catalogue, the content's translation)."""
    with translation.override(language):
        return _labels(axis, content.in_language(language))


def _labels(axis, content):
    """Code -> display for one group, in the order the wizard shows them."""
    if axis == "condition":
        return {slug: str(condition.label) for slug, condition in content.conditions.items()}
    if axis == "medicine":
        return {slug: str(medicine.name) for slug, medicine in content.medicines.items()}
    if axis == "therapy-category":
        return {slug: str(category.title) for slug, category in content.categories.items()}
    return {code: str(label) for code, label in AXES[axis][1].items()}


def _text(form, link_id):
    return str(form.base_fields[link_id].label)


def _coding(base, axis, code, content):
    return {"system": canonical(base, "CodeSystem", VOCABULARY_ID), "code": code,
            "display": _labels(axis, content)[code]}


def _question_coding(base, question, content):
    """A question's code, with its display as the code system has it (the list may be in another language)."""
    known = content.questions.get(question.slug, question)
    return {"system": canonical(base, "CodeSystem", QUESTIONS_ID), "code": question.slug,
            "display": str(known.text)}


def _version(content):
    return content.release.version if content.release else "-"


def _concept(code, display, translated=None):
    """A code with its English display, and a designation in each language it is shown in."""
    display = str(display)
    designations = [{"language": "en", "value": display}]
    designations += [{"language": language, "value": str(value)}
                     for language, value in (translated or {}).items() if value]
    return {"code": code, "display": display, "designation": designations}


def _translated_titles(axis_title):
    found = {}
    for language in _other_languages():
        with translation.override(language):
            found[language] = translation.gettext(axis_title)
    return found


@_in_english
def vocabulary_code_system(content, base):
    """The product's vocabulary (the slugs of docs/product.md#vocabulary): each axis a group of its codes."""
    translated = {axis: {language: _labels_in(language, axis, content) for language in _other_languages()}
                  for axis in AXES}
    groups = [
        {**_concept(axis, title, _translated_titles(title)),
         "property": [{"code": "notSelectable", "valueBoolean": True}],
         "concept": [_concept(code, label, {language: labels.get(code) for language, labels in translated[axis].items()})
                     for code, label in _labels(axis, content).items()]}
        for axis, (title, _) in AXES.items()]
    return {
        "resourceType": "CodeSystem", "id": VOCABULARY_ID,
        "url": canonical(base, "CodeSystem", VOCABULARY_ID), "version": _version(content),
        "name": "ImmunoGuideVocabulary", "title": "ImmunoGuide answers",
        "status": "active", "publisher": "ImmunoGuide", "caseSensitive": True,
        "description": "The answers ImmunoGuide asks for: aims, conditions, stages, other things that apply, "
                       "concerns, and the kinds of immunotherapy. Top-level codes group the others.",
        "hierarchyMeaning": "grouped-by", "content": "complete",
        "count": sum(len(group["concept"]) for group in groups) + len(groups),
        "property": [{"code": "notSelectable", "uri": "http://hl7.org/fhir/concept-properties#notSelectable",
                      "type": "boolean"}],
        "concept": groups,
    }


@_in_english
def questions_code_system(content, base):
    """The content's questions, one code each, versioned with the content release."""
    return {
        "resourceType": "CodeSystem", "id": QUESTIONS_ID,
        "url": canonical(base, "CodeSystem", QUESTIONS_ID), "version": _version(content),
        "name": "ImmunoGuideQuestions", "title": "ImmunoGuide questions to ask the care team",
        "status": "active", "publisher": "ImmunoGuide", "caseSensitive": True, "content": "complete",
        "count": len(content.questions),
        "valueSet": canonical(base, "ValueSet", QUESTIONS_ID),
        "concept": [_concept(slug, question.text, {
            language: content.in_language(language).questions[slug].text for language in _other_languages()})
            for slug, question in sorted(content.questions.items())],
    }


@_in_english
def questions_value_set(content, base):
    """Every question of the content: what the list items of the Questionnaire may answer."""
    return {
        "resourceType": "ValueSet", "id": QUESTIONS_ID,
        "url": canonical(base, "ValueSet", QUESTIONS_ID), "version": _version(content),
        "name": "ImmunoGuideQuestions", "title": "ImmunoGuide questions to ask the care team",
        "status": "active", "publisher": "ImmunoGuide",
        "compose": {"include": [{"system": canonical(base, "CodeSystem", QUESTIONS_ID), "version": _version(content)}]},
    }


@_in_english
def questionnaire(content, base):
    """The wizard: one item per step, then the list. The wizard skips no step, so its items
    have no enableWhen; the most important questions are asked once questions are chosen."""
    items = []
    for link_id, form, axis, repeats in STEP_ITEMS:
        codes = answer_choices(content)[link_id]
        items.append({
            "linkId": link_id, "text": _text(form, link_id), "type": "choice",
            "required": form.base_fields[link_id].required,
            "repeats": repeats,
            "answerOption": [{"valueCoding": _coding(base, axis, code, content)} for code in codes],
        })
    for link_id, text, kind in LIST_ITEMS:
        item = {"linkId": link_id, "text": text, "type": kind, "repeats": True}
        if kind == "choice":
            item["answerValueSet"] = canonical(base, "ValueSet", QUESTIONS_ID)
        if link_id == "top-questions":
            item["enableWhen"] = [{"question": "questions", "operator": "exists", "answerBoolean": True}]
        items.append(item)
    visit = [{"linkId": link_id, "text": text, "type": kind} for link_id, text, kind in VISIT_ITEMS]
    visit[0]["answerValueSet"] = canonical(base, "ValueSet", QUESTIONS_ID)
    items.append({"linkId": VISIT_ID, "text": "During the visit: what was asked and said", "type": "group",
                  "repeats": True, "item": visit})
    items += [{"linkId": link_id, "text": text, "type": kind} for link_id, text, kind in (VISIT_OTHER, VISIT_DATE)]
    release = content.release
    return {
        "resourceType": "Questionnaire", "id": QUESTIONNAIRE_ID,
        "url": canonical(base, "Questionnaire", QUESTIONNAIRE_ID), "version": _version(content),
        "name": "ImmunoGuideAppointmentQuestions", "title": "Questions for my appointment",
        "status": "active", "subjectType": ["Patient"], "publisher": "ImmunoGuide",
        **({"date": release.published.isoformat()} if release else {}),
        "description": "Prepares a person for an appointment about a treatment that acts on the immune system: "
                       "the aim of the treatment, what it is for, where they are with it, what else applies and "
                       "what matters to them, then the questions they will bring. Education, not medical advice.",
        "item": items,
    }


@_in_english
def questionnaire_response(answers, question_list, content, base, authored, notes=None):
    """A person's answers and the questions they will bring (their own as text), and with
    ``notes`` (visit.VisitNotes) what was asked and said at the visit, so a clinic can take the
    visit summary into its record.

    No identifier of the person: ImmunoGuide never asks for one. ``authored`` is a
    timezone-aware datetime.
    """
    values = answers.as_dict()
    items = []
    for link_id, form, axis, _ in STEP_ITEMS:
        given = values[link_id] if isinstance(values[link_id], list) else [values[link_id]]
        if given:
            items.append({"linkId": link_id, "text": _text(form, link_id), "answer": [
                {"valueCoding": _coding(base, axis, code, content)} for code in given]})
    kept = [*question_list.top, *question_list.suggested,
            *(q for _, _, questions in question_list.more_groups for q in questions)]
    for link_id, text, chosen in (("questions", LIST_ITEMS[0][1], kept),
                                  ("top-questions", LIST_ITEMS[1][1], question_list.top)):
        if chosen:
            items.append({"linkId": link_id, "text": text,
                          "answer": [{"valueCoding": _question_coding(base, q, content)} for q in chosen]})
    if question_list.own:
        items.append({"linkId": "own-questions", "text": LIST_ITEMS[2][1],
                      "answer": [{"valueString": own} for own in question_list.own]})
    if notes is not None and not notes.is_empty:
        items += _visit_items(question_list, notes, content, base)
    return {
        "resourceType": "QuestionnaireResponse",
        "questionnaire": f"{canonical(base, 'Questionnaire', QUESTIONNAIRE_ID)}|{_version(content)}",
        "status": "completed",
        "authored": authored.isoformat(timespec="seconds"),
        "item": items,
    }


def _visit_items(question_list, notes, content, base):
    """One group per question noted on (asked, or with an answer or own words), in the list's order."""
    items = []
    for item in visit_items(question_list):
        answer, own_words = notes.answers.get(item.key, ""), notes.teach_back.get(item.key, "")
        if not (notes.was_asked(item.key) or answer or own_words):
            continue
        question = ({"valueString": item.text} if item.question is None
                    else {"valueCoding": _question_coding(base, item.question, content)})
        parts = [(VISIT_ITEMS[0], question), (VISIT_ITEMS[1], {"valueBoolean": notes.was_asked(item.key)})]
        parts += [(VISIT_ITEMS[n], {"valueString": text}) for n, text in ((2, answer), (3, own_words)) if text]
        items.append({"linkId": VISIT_ID, "text": "During the visit: what was asked and said", "item": [
            {"linkId": link_id, "text": text, "answer": [value]} for (link_id, text, _), value in parts]})
    if notes.other:
        items.append({"linkId": VISIT_OTHER[0], "text": VISIT_OTHER[1], "answer": [{"valueString": notes.other}]})
    if notes.date:
        items.append({"linkId": VISIT_DATE[0], "text": VISIT_DATE[1], "answer": [{"valueDate": notes.date.isoformat()}]})
    return items


@_in_english
def concept_map(content, base):
    """ImmunoGuide codes to SNOMED CT, for the codes where one plainly fits (SNOMED_CODES)."""
    elements = [
        {"code": code, "display": _labels(axis, content).get(code, code),
         "target": [{"code": snomed_id, "display": name, "equivalence": "equivalent"}]}
        for (axis, code), (snomed_id, name) in sorted(SNOMED_CODES.items())
        if code in _labels(axis, content)]
    return {
        "resourceType": "ConceptMap", "id": CONCEPT_MAP_ID,
        "url": canonical(base, "ConceptMap", CONCEPT_MAP_ID), "version": _version(content),
        "name": "ImmunoGuideToSnomedCT", "title": "ImmunoGuide codes to SNOMED CT",
        "status": "active", "publisher": "ImmunoGuide",
        "sourceUri": canonical(base, "CodeSystem", VOCABULARY_ID), "targetUri": SNOMED,
        "group": [{"source": canonical(base, "CodeSystem", VOCABULARY_ID), "target": SNOMED,
                   "element": elements}] if elements else [],
    }
