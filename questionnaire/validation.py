"""Content validation: finds broken rules, questions and other items.

Each problem names the item and the field, so a reviewer knows exactly what to
fix. Used by the system check, the ``validate_content`` command, ``load_content``
(which refuses a broken load) and the admin. This module checks the content's
integrity (vocabulary, references, lengths, translations); the clinical rules that
must hold for every answer are checked in clinical_rules.py, on sound content only.
"""
from collections.abc import Mapping

from .clinical_rules import clinical_problems
from .durations import is_duration
from .engine import answer_choices
from .problems import ContentProblem
from .vocabulary import (
    CAUTION_FACTORS, ConditionGroup, Given, Interaction, MedicineAdvice, NoteKind, PregnancyWait, Prevention,
    QuestionPriority, Risk, Sign, Stage, TestBeforeStarting, Theme, TREATMENT_GOALS)

TREATMENT_GOAL_VALUES = [g.value for g in TREATMENT_GOALS]


def rule_condition_choices(content):
    """For each rule condition field, the values it may hold: the answers' own (engine.answer_choices),
    and the condition groups."""
    choices = answer_choices(content)
    return {
        "goals": choices["goal"],
        "given_goals": choices["goal"],
        "conditions": choices["condition"],
        "condition_groups": ConditionGroup.values,
        "stages": choices["stage"],
        "factors": choices["factors"],
        "concerns": choices["concerns"],
    }

#: For each rule addition field, the content pool it points into and its item name.
RULE_ADDITIONS = {
    "categories": ("categories", "therapy category"),
    "treatments": ("treatments", "treatment type"),
    "questions": ("questions", "question"),
    "notes": ("notes", "note"),
}


def _unknown(values, allowed):
    if not isinstance(values, (list, tuple)):
        return [values]
    return [v for v in values if v not in allowed]


def _check_text(problems, kind, obj, *field_names):
    for name in field_names:
        if not str(getattr(obj, name, "") or "").strip():
            problems.append(ContentProblem(kind, obj.slug, name, "must not be empty"))


def _check_sources(problems, kind, obj):
    if not obj.sources:
        problems.append(ContentProblem(kind, obj.slug, "sources", "needs at least one source"))


#: Each medicine fact that lists vocabulary slugs, and the slugs it may hold.
MEDICINE_FACT_SLUGS = {
    "tests_before": TestBeforeStarting.values,
    "infection_prevention": Prevention.values,
    "given": Given.values,
    "interactions": Interaction.values,
    "cautions": [f.value for f in CAUTION_FACTORS],
    "call_now": Sign.values,
}
#: The medicine fields that hold a duration (questionnaire/durations.py).
DURATION_FIELDS = ("pregnancy_wait", "live_vaccine_lead", "vaccine_lead")


def medicine_fact_problems(medicine):
    """A medicine's facts hold the vocabulary's slugs only: an unknown one would silently never
    reach a question (docs/content-format.md#the-medicine-knowledge-base)."""
    problems = []
    for name, allowed in MEDICINE_FACT_SLUGS.items():
        bad = _unknown(getattr(medicine, name), allowed)
        if bad:
            problems.append(ContentProblem(
                "medicine", medicine.slug, name, f"unknown value(s) {', '.join(map(repr, bad))}; "
                f"valid: {', '.join(allowed)}", code="unknown_slug", params={"field": name, "values": bad}))
    risks = medicine.risks if isinstance(medicine.risks, Mapping) else {}
    for risk, stages in risks.items():
        bad = ([risk] if risk not in Risk.values else []) + _unknown(stages, Stage.values)
        if bad:
            problems.append(ContentProblem(
                "medicine", medicine.slug, "risks", f"unknown risk or stage(s) {', '.join(map(repr, bad))}; "
                f"risks: {', '.join(Risk.values)}; stages: {', '.join(Stage.values)}",
                code="unknown_slug", params={"field": "risks", "values": bad}))
    return problems + _wait_problems(medicine)


def _wait_problems(medicine):
    """A medicine to avoid in pregnancy says how long it is stopped before trying: the planning
    question names it. A live-vaccine lead time belongs to a medicine that rules them out (one
    without it rules them out before it too)."""
    def problem(name, message, code, **params):
        return ContentProblem("medicine", medicine.slug, name, message, code=code, params={"field": name, **params})

    problems = [problem(name, f"{getattr(medicine, name)!r} is not a duration such as 'P6W' or 'P3M'",
                        "bad_duration", value=getattr(medicine, name))
                for name in DURATION_FIELDS if getattr(medicine, name) and not is_duration(getattr(medicine, name))]
    kind, avoid = medicine.pregnancy_wait_kind, medicine.pregnancy == MedicineAdvice.AVOID
    if avoid and kind not in PregnancyWait.values:
        problems.append(problem("pregnancy_wait_kind", f"is to avoid in pregnancy, so it needs one of "
                                f"{', '.join(PregnancyWait.values)}", "missing_wait"))
    if not avoid and kind:
        problems.append(problem("pregnancy_wait_kind", "only a medicine to avoid in pregnancy has a wait",
                                "needless_wait"))
    if (kind == PregnancyWait.FIXED) != bool(medicine.pregnancy_wait):
        problems.append(problem("pregnancy_wait", 'a wait is given with "fixed", and only then', "missing_wait"))
    if medicine.live_vaccine_lead and not medicine.avoid_live_vaccines:
        problems.append(problem("live_vaccine_lead", "only a medicine that rules out live vaccines has a lead "
                                "time for them", "needless_lead"))
    return problems


def validate_rule(rule, content):
    """Problems with one rule (a :class:`~questionnaire.content.Rule`)."""
    problems = []
    listed = False
    for name, allowed in rule_condition_choices(content).items():
        values = getattr(rule, name)
        listed = listed or bool(values)
        bad = _unknown(values, allowed)
        if bad:
            problems.append(ContentProblem(
                "rule", rule.slug, name,
                f"unknown value(s) {', '.join(map(repr, bad))}; valid: {', '.join(allowed)}"))
    if not listed:
        problems.append(ContentProblem(
            "rule", rule.slug, "conditions", "lists no condition, so it would match everyone; "
            "list at least one (for everyone, list all goals in given_goals)"))
    problems += _rule_references(rule, content)
    if not any(getattr(rule, name) for name in RULE_ADDITIONS):
        problems.append(ContentProblem("rule", rule.slug, "adds", "adds nothing"))
    for slug in rule.questions:
        question = content.questions.get(slug)
        if question is None:
            continue
        for name in ("goals", "stages"):
            wanted, fits = set(getattr(rule, name)), set(getattr(question, name) or ())
            if wanted and fits and not wanted & fits:
                problems.append(ContentProblem(
                    "rule", rule.slug, "questions",
                    f"adds question {slug!r}, whose {name} ({', '.join(sorted(fits))}) never include the "
                    f"rule's ({', '.join(sorted(wanted))}), so it is never shown"))
    if not rule.reason.strip():
        problems.append(ContentProblem("rule", rule.slug, "reason", "must not be empty"))
    if rule.question_priority and rule.question_priority not in QuestionPriority.values:
        problems.append(ContentProblem(
            "rule", rule.slug, "question_priority",
            f"unknown priority {rule.question_priority!r}; valid: {', '.join(QuestionPriority.values)}"))
    return problems


def _rule_references(rule, content):
    problems = []
    for name, (pool_name, item) in RULE_ADDITIONS.items():
        pool = getattr(content, pool_name)
        for slug in getattr(rule, name):
            if slug not in pool:
                problems.append(ContentProblem(
                    "rule", rule.slug, name, f"refers to {item} {slug!r}, which does not exist"))
    return problems


def reference_problems(content):
    """Items that name an item the snapshot does not hold: the engine cannot run on such content."""
    problems = [problem for rule in content.rules for problem in _rule_references(rule, content)]
    for treatment in content.treatments.values():
        if treatment.category not in content.categories:
            problems.append(ContentProblem(
                "treatment type", treatment.slug, "category",
                f"refers to therapy category {treatment.category!r}, which does not exist"))
    return problems


def dangling_references(using="default"):
    """Links between content items that point at an item no longer there.

    A snapshot cannot show these (the join drops them), and inside an open
    transaction the database only refuses them at commit, so look directly.
    """
    from django.apps import apps

    problems = []
    for model in apps.get_app_config("questionnaire").get_models():
        for field in model._meta.many_to_many:
            through = field.remote_field.through
            source_column = field.m2m_field_name() + "_id"
            target_column = field.m2m_reverse_field_name() + "_id"
            target = field.related_model
            rows = (through.objects.using(using)
                    .exclude(**{f"{target_column}__in": target.objects.using(using).values("pk")})
                    .values_list(source_column, target_column))
            for source_pk, target_pk in rows:
                problems.append(ContentProblem(
                    model._meta.verbose_name, source_pk, field.name,
                    f"refers to {target._meta.verbose_name} {target_pk!r}, which does not exist"))
    return problems


def field_length_problems(content):
    """Text longer than its column allows: SQLite stores it anyway, PostgreSQL refuses the load."""
    from .registry import CONTENT

    problems = []
    for model, _, pool in CONTENT:
        items = getattr(content, pool)
        if not isinstance(items, Mapping):
            continue  # the rules (checked below, as the engine holds them) and the one release
        limited = [f for f in model._meta.concrete_fields
                   if f.max_length and f.get_internal_type() in ("CharField", "SlugField", "URLField")]
        for item in items.values():
            for field in limited:
                value = getattr(item, field.attname, None)
                if isinstance(value, str) and len(value) > field.max_length:
                    problems.append(ContentProblem(
                        model._meta.verbose_name, item.slug, field.name,
                        f"is {len(value)} characters; it may be at most {field.max_length}"))
    for rule in content.rules:
        if len(rule.reason) > 300:
            problems.append(ContentProblem("rule", rule.slug, "reason",
                                           f"is {len(rule.reason)} characters; it may be at most 300"))
    return problems


def sign_off_warning(content):
    """Why no clinical sign-off covers this content, or "" when one does."""
    release = content.release
    if release is None or content.sign_off is not None:
        return ""
    if not release.signed_off:
        return (f"content {release.version} is awaiting clinical sign-off; after a clinician has "
                f"reviewed content_diff against the last release, record it with: manage.py sign_off "
                f"<the last release: a git revision or a fixture folder> --by NAME --role ROLE "
                f"(docs/content-review.md)")
    return (f"the content changed after {release.signed_off_by} signed it off on "
            f"{release.signed_off_on.isoformat()}; compare it again (content_diff) and sign it off again")


#: Lists translated entry by entry (a glossary term's matches are the words of each language).
ITEM_BY_ITEM = {"call_now_signs"}
#: What a translation may be marked, in the release's ``languages``.
TRANSLATION_STATUSES = ("complete", "partial")


def translation_problems(content):
    """Problems in the translations: a language marked complete with a text missing, a
    translated list of another length, matches not lower case, text too long for its column,
    or a release's record of a language that is not one of ours."""
    from .translation import translated_fields, translated_languages

    problems = []
    release = content.release
    others = translated_languages()
    states = release.languages if release is not None else {}
    if not isinstance(states, Mapping):
        return [ContentProblem("content release", release.version, "languages",
                               "must map each language to its state", code="invalid_languages")]
    for language, state in states.items():
        status = state.get("status") if isinstance(state, Mapping) else None
        if language not in others:
            problems.append(ContentProblem(
                "content release", release.version, "languages",
                f"{language!r} is not one of the translated languages ({', '.join(others)})", code="unknown_language"))
        elif status not in TRANSLATION_STATUSES:
            problems.append(ContentProblem(
                "content release", release.version, "languages",
                f"{language!r} needs a status, one of {', '.join(TRANSLATION_STATUSES)}", code="invalid_status"))
    for language in others:
        complete = isinstance(states.get(language), Mapping) and states[language].get("status") == "complete"
        texts = content.translations.get(language, {})
        for model, pool, items in _translatable_items(content):
            kind = model._meta.verbose_name
            for slug, item in items:
                given = texts.get(pool, {}).get(slug, {})
                for name in translated_fields(model):
                    english, translated = getattr(item, name), given.get(name)
                    field = f"{name}_{language}"
                    if english and not translated:
                        if complete:
                            problems.append(ContentProblem(
                                kind, slug, field, f"has no {language!r} text, and the release marks "
                                f"{language!r} complete", code="missing_translation"))
                        continue
                    if name in ITEM_BY_ITEM and translated and len(translated) != len(english):
                        problems.append(ContentProblem(
                            kind, slug, field, f"has {len(translated)} entries; the English has {len(english)}",
                            code="translation_length"))
                    limit = model._meta.get_field(name).max_length
                    if limit and isinstance(translated, str) and len(translated) > limit:
                        problems.append(ContentProblem(
                            kind, slug, field, f"is {len(translated)} characters; it may be at most {limit}",
                            code="too_long"))
                    if name == "matches" and translated and any(m != m.lower() or not m.strip() for m in translated):
                        problems.append(ContentProblem(
                            kind, slug, field, "needs one or more lower-case words or phrases", code="invalid_matches"))
    return problems


def _translatable_items(content):
    """(model, pool, [(slug, item)]) for each content model with translated fields (registry.CONTENT)."""
    from .translation import translated_fields
    from .registry import CONTENT

    for model, _, pool in CONTENT:
        if not translated_fields(model):
            continue
        items = getattr(content, pool)
        if isinstance(items, Mapping):
            yield model, pool, sorted(items.items())
        elif pool == "rules":
            yield model, pool, sorted((rule.slug, rule) for rule in items)
        elif items is not None:  # the release: one item, named by its version
            yield model, pool, [(items.version, items)]


def validate_database(using="default"):
    """All problems in the content stored in a database."""
    from .content_reading import read_content

    return dangling_references(using) + validate_content(read_content(using))


def validate_content(content):
    """All problems in a :class:`~questionnaire.content.Content` snapshot; empty when sound."""
    problems = field_length_problems(content) + translation_problems(content)
    if content.release is None:
        problems.append(ContentProblem("content release", "-", "version", "no content release loaded"))

    goals_covered = {}
    for category in content.categories.values():
        if category.goal not in TREATMENT_GOAL_VALUES:
            problems.append(ContentProblem(
                "therapy category", category.slug, "goal", f"unknown goal {category.goal!r}"))
        goals_covered.setdefault(category.goal, []).append(category.slug)
        _check_text(problems, "therapy category", category, "title", "summary", "how_it_works",
                    "how_given", "common_side_effects", "serious_side_effects")
        _check_sources(problems, "therapy category", category)
        if not category.call_now_signs:
            problems.append(ContentProblem(
                "therapy category", category.slug, "call_now_signs", "needs the warning signs"))
    for goal in TREATMENT_GOAL_VALUES:
        if len(goals_covered.get(goal, [])) != 1:
            problems.append(ContentProblem(
                "therapy category", ",".join(goals_covered.get(goal, [])) or "-", "goal",
                f"there must be exactly one category for the goal {goal!r}"))

    problems += [p for p in reference_problems(content) if p.kind == "treatment type"]
    for treatment in content.treatments.values():
        _check_text(problems, "treatment type", treatment, "title", "description")
        _check_sources(problems, "treatment type", treatment)

    for medicine in content.medicines.values():
        problems.extend(medicine_fact_problems(medicine))

    for condition in content.conditions.values():
        if condition.group not in ConditionGroup.values:
            problems.append(ContentProblem(
                "condition", condition.slug, "group",
                f"unknown group {condition.group!r}; valid: {', '.join(ConditionGroup.values)}"))
        bad = _unknown(condition.usual_goals, TREATMENT_GOAL_VALUES)
        if bad:
            problems.append(ContentProblem(
                "condition", condition.slug, "usual_goals", f"unknown goal(s) {bad}"))
        if condition.default_goal and condition.default_goal not in TREATMENT_GOAL_VALUES:
            problems.append(ContentProblem(
                "condition", condition.slug, "default_goal", f"unknown goal {condition.default_goal!r}"))
        elif condition.usual_goals and condition.default_goal not in condition.usual_goals:
            problems.append(ContentProblem(
                "condition", condition.slug, "default_goal", "must be one of the usual goals"))

    themes = [t.value for t in Theme]
    for question in content.questions.values():
        _check_text(problems, "question", question, "text")
        if question.theme not in themes:
            problems.append(ContentProblem(
                "question", question.slug, "theme",
                f"unknown theme {question.theme!r}; valid: {', '.join(themes)}"))
        for name, allowed in (("goals", TREATMENT_GOAL_VALUES), ("stages", Stage.values)):
            bad = _unknown(getattr(question, name), allowed)
            if bad:
                problems.append(ContentProblem(
                    "question", question.slug, name,
                    f"unknown value(s) {', '.join(map(repr, bad))}; valid: {', '.join(allowed)}"))
        if question.priority not in QuestionPriority.values:
            problems.append(ContentProblem(
                "question", question.slug, "priority",
                f"unknown priority {question.priority!r}; valid: {', '.join(QuestionPriority.values)}"))
        _check_sources(problems, "question", question)

    for note in content.notes.values():
        if note.kind not in NoteKind.values:
            problems.append(ContentProblem("note", note.slug, "kind", f"unknown kind {note.kind!r}"))
        _check_text(problems, "note", note, "title", "text")
        _check_sources(problems, "note", note)
        printed_by = note.printed_by if isinstance(note.printed_by, (list, tuple)) else ()
        if note.kind == NoteKind.SAFETY and not printed_by:
            problems.append(ContentProblem(
                "note", note.slug, "printed_by",
                "a safety note names the questions that print its point (the screen's notes are not printed)"))
        for slug in printed_by:
            if slug not in content.questions:
                problems.append(ContentProblem(
                    "note", note.slug, "printed_by", f"refers to question {slug!r}, which does not exist"))

    for term in content.glossary.values():
        _check_text(problems, "glossary term", term, "term", "definition")
        _check_sources(problems, "glossary term", term)
        if not term.matches or any(m != m.lower() or not m.strip() for m in term.matches):
            problems.append(ContentProblem(
                "glossary term", term.slug, "matches", "needs one or more lower-case words or phrases"))

    for rule in content.rules:
        problems.extend(validate_rule(rule, content))
    if not problems:
        problems.extend(clinical_problems(content))
    return problems
