"""What a content change does to patients: two snapshots in, their differences out.

Plain Python, like the engine it runs: ``content_diff`` prints what this finds,
``sign_off`` records its summary, and the tests build the two snapshots by hand.

Every goal x condition x stage is run through the engine on both snapshots and
the results compared: therapy categories, treatment types, notes, and the
suggested and other questions (added, removed, reordered). Then each single
factor and each single concern is added to every combination, and what it
changes beyond the plain answers is reported too. An item whose text changed
is reported where it is shown ("reworded"), and listed once with the fields
that changed.
"""
import dataclasses
import textwrap
from dataclasses import dataclass, field

from .engine import Answers, answer_choices, recommend
from .registry import CONTENT
from .vocabulary import Goal, Stage

#: The parts of a result a patient sees, in the order a page shows them.
PARTS = ("categories", "treatments", "notes", "suggested", "other")
PART_ORDER = ("condition", *PARTS)


@dataclass(frozen=True)
class Change:
    """One difference in one part of a result: an item added or removed, or a list reordered."""

    part: str
    #: "added", "removed", "reordered", "reworded" (same item, new text: ``text``);
    #: "raised" (from the other questions into the suggested
    #: ones) and "lowered" (the other way); "offered" and "withdrawn" (a condition).
    change: str
    slug: str = ""
    text: str = ""
    old: tuple = ()
    new: tuple = ()

    def as_dict(self):
        data = {"part": self.part, "change": self.change}
        if self.change == "reordered":
            data.update(old=list(self.old), new=list(self.new))
        elif self.slug:
            data.update(slug=self.slug, text=self.text)
            if self.change == "reworded":
                data["old_text"] = self.old[0]
        return data


@dataclass(frozen=True)
class Case:
    """Answers the engine was run on: a combination, with at most one factor or concern."""

    goal: str
    condition: str
    stage: str
    factor: str = ""
    concern: str = ""

    def answers(self):
        return Answers(self.goal, self.condition, self.stage,
                       (self.factor,) if self.factor else (), (self.concern,) if self.concern else ())

    def plain(self):
        return Case(self.goal, self.condition, self.stage)

    def label(self):
        extra = f" + factor {self.factor}" if self.factor else f" + concern {self.concern}" if self.concern else ""
        return f"{self.goal} / {self.condition} / {self.stage}{extra}"


@dataclass(frozen=True)
class ItemChange:
    """An item of the content added, removed, or with these fields changed."""

    kind: str
    slug: str
    change: str  # "added", "removed", "changed"
    fields: tuple = ()


@dataclass
class ContentDiff:
    old_version: str
    new_version: str
    combinations: int
    single_answer_cases: int
    items: list = field(default_factory=list)
    #: Case -> tuple of Change, for every case whose result changes.
    cases: dict = field(default_factory=dict)
    #: Each answer's choices the cases were drawn from (case_choices).
    choices: dict = field(default_factory=dict, repr=False)

    def changed_combinations(self):
        return sum(1 for case in self.cases if not (case.factor or case.concern))

    def changed_single_answer_cases(self):
        return sum(1 for case in self.cases if case.factor or case.concern)

    def counts(self):
        """How many items were added, removed and changed, and how many changes of each kind results show."""
        items = {"added": 0, "removed": 0, "changed": 0}
        for item in self.items:
            items[item.change] += 1
        return items

    def is_empty(self):
        return not self.items and not self.cases

    def summary(self):
        """One line for the top of the report and for the sign-off record."""
        items = self.counts()
        return (
            f"Content {self.old_version} -> {self.new_version}: "
            f"{self.changed_combinations()} of {self.combinations} answer combinations change for patients; "
            f"with one factor or concern added, {self.changed_single_answer_cases()} of "
            f"{self.single_answer_cases} see a further change of their own; "
            f"items: {items['added']} added, {items['removed']} removed, {items['changed']} changed.")

    def by_change(self):
        """(change, [cases it reaches]) for each distinct change, the most widespread first."""
        reach = {}
        for case, changes in self.cases.items():
            for change in changes:
                reach.setdefault(change, []).append(case)
        return sorted(((change, sorted(cases, key=_case_order)) for change, cases in reach.items()),
                      key=lambda pair: (-len(pair[1]), PART_ORDER.index(pair[0].part), pair[0].slug))

    def as_dict(self):
        return {
            "old_version": self.old_version,
            "new_version": self.new_version,
            "summary": {
                "text": self.summary(),
                "combinations": self.combinations,
                "combinations_changed": self.changed_combinations(),
                "single_answer_cases": self.single_answer_cases,
                "single_answer_cases_changed": self.changed_single_answer_cases(),
                "items": self.counts(),
            },
            "items": [dataclasses.asdict(item) | {"fields": list(item.fields)} for item in self.items],
            "cases": [
                {**{k: v for k, v in dataclasses.asdict(case).items() if v},
                 "changes": [change.as_dict() for change in changes]}
                for case, changes in sorted(self.cases.items(), key=lambda pair: _case_order(pair[0]))],
        }


def _case_order(case):
    return (Goal.values.index(case.goal), case.condition, Stage.values.index(case.stage),
            case.factor, case.concern)


def case_choices(old, new):
    """The answers' choices a diff runs over: the conditions of either snapshot."""
    return {**answer_choices(old), "condition": list(dict.fromkeys([*old.conditions, *new.conditions]))}


def every_case(choices):
    """The combinations first, then each with one factor, then each with one concern."""
    plain = [Case(goal, condition, stage)
             for goal in choices["goal"] for condition in choices["condition"] for stage in choices["stage"]]
    with_factor = [dataclasses.replace(case, factor=f) for case in plain for f in choices["factors"]]
    with_concern = [dataclasses.replace(case, concern=c) for case in plain for c in choices["concerns"]]
    return plain, with_factor + with_concern


def shown(content, case):
    """What a patient with these answers is shown, part by part, as (slug, text) in page order;
    None where this content does not offer the condition."""
    if case.condition not in content.conditions:
        return None
    result = recommend(case.answers(), content)
    return {
        "categories": tuple((c.slug, c.title) for c in result.categories),
        "treatments": tuple((t.slug, t.title) for t in result.treatments),
        "notes": tuple((n.slug, n.title) for n in result.notes),
        "suggested": tuple((q.slug, q.text) for q in result.suggested_questions()),
        "other": tuple((q.slug, q.text) for q in result.more_questions()),
    }


def compare_results(old, new):
    """The changes between what two results show, part by part."""
    if old is None and new is None:
        return ()
    if old is None or new is None:
        return (Change("condition", "offered" if old is None else "withdrawn"),)
    changes = []
    for part in PARTS:
        before, after = dict(old[part]), dict(new[part])
        # A question that only moved between the suggested and the other questions
        # is one change ("raised" or "lowered"), not a removal and an addition.
        moved_from = dict(old[_other(part)]) if part in MOVES else {}
        moving_to = dict(new[_other(part)]) if part in MOVES else {}
        changes += [Change(part, "removed", slug, text) for slug, text in old[part]
                    if slug not in after and slug not in moving_to]
        changes += [Change(part, MOVES[part] if slug in moved_from else "added", slug, text)
                    for slug, text in new[part] if slug not in before]
        changes += [Change(part, "reworded", slug, text, old=(before[slug],)) for slug, text in new[part]
                    if slug in before and before[slug] != text]
        kept_before = tuple(slug for slug, _ in old[part] if slug in after)
        kept_after = tuple(slug for slug, _ in new[part] if slug in before)
        if kept_before != kept_after:
            changes.append(Change(part, "reordered", old=kept_before, new=kept_after))
    return tuple(changes)


MOVES = {"suggested": "raised", "other": "lowered"}


def _other(part):
    return "other" if part == "suggested" else "suggested"


def compare_items(old, new):
    """Items added, removed, or changed field by field, in registry order."""
    changes = []
    for model, _, pool in CONTENT:
        kind = model._meta.verbose_name
        before, after = _pool(old, pool), _pool(new, pool)
        for slug in sorted(before.keys() - after.keys()):
            changes.append(ItemChange(kind, slug, "removed"))
        for slug in sorted(after.keys() - before.keys()):
            changes.append(ItemChange(kind, slug, "added"))
        for slug in sorted(before.keys() & after.keys()):
            fields = tuple(f.name for f in dataclasses.fields(before[slug])
                           if getattr(before[slug], f.name) != getattr(after[slug], f.name))
            if fields:
                changes.append(ItemChange(kind, slug, "changed", fields))
    return changes


def _pool(content, pool):
    items = getattr(content, pool)
    if pool == "rules":
        return {rule.slug: rule for rule in items}
    if pool == "release":  # one release, whatever its version: a new version is a change to it
        return {"current": items} if items is not None else {}
    return dict(items)


def diff_content(old, new):
    """Everything that differs between two snapshots, for items and for patients."""
    choices = case_choices(old, new)
    plain, single = every_case(choices)
    cases = {}
    for case in plain:
        changes = compare_results(shown(old, case), shown(new, case))
        if changes:
            cases[case] = changes
    for case in single:
        base = set(cases.get(case.plain(), ()))
        changes = tuple(c for c in compare_results(shown(old, case), shown(new, case)) if c not in base)
        if changes:
            cases[case] = changes
    return ContentDiff(
        old_version=old.release.version if old.release else "-",
        new_version=new.release.version if new.release else "-",
        combinations=len(plain),
        choices=choices,
        single_answer_cases=len(single),
        items=compare_items(old, new),
        cases=cases,
    )


PART_NAMES = {
    "condition": "Condition", "categories": "Therapy categories", "treatments": "Treatment types",
    "notes": "Notes", "suggested": "Suggested questions", "other": "Other questions",
}
MAX_CASES_LISTED = 12


def as_text(diff, old_name, new_name):
    """The report a reviewer reads: the summary, the items, then each change and whom it reaches."""
    lines = [f"Content diff: {old_name} -> {new_name}", "", diff.summary(), ""]
    if diff.is_empty():
        return "\n".join(lines + ["Nothing changes."]) + "\n"
    if diff.items:
        lines.append("Items")
        for item in diff.items:
            detail = f" ({', '.join(item.fields)})" if item.fields else ""
            lines.append(f"  {item.change:8} {item.kind} {item.slug!r}{detail}")
        lines.append("")
    changes = diff.by_change()
    if changes:
        lines += ["What changes for patients",
                  "(+ added, - removed, ~ reworded: old text, then new; \"from the other questions\": moved "
                  "into the suggested list; each change is followed by the answers that see it)"]
    for change, cases in changes:
        lines += ["", "  " + _change_line(change), f"    reaches {len(cases)}:"]
        exact = _as_product(cases, diff.choices)
        if exact is not None:  # exactly every combination of these values: say so, list no one
            lines += textwrap.wrap("; ".join(exact), width=100, initial_indent="      ", subsequent_indent="        ")
            continue
        lines += [f"      {case.label()}" for case in cases[:MAX_CASES_LISTED]]
        if len(cases) > MAX_CASES_LISTED:
            lines.append(f"      ... and {len(cases) - MAX_CASES_LISTED} more (see --format json)")
    return "\n".join(lines) + "\n"


#: The answers' dimensions: the attribute of a Case, its plural, and where its values are listed.
DIMENSIONS = (("goal", "goals", "goal"), ("condition", "conditions", "condition"),
              ("stage", "stages", "stage"), ("factor", "factors", "factors"),
              ("concern", "concerns", "concerns"))


def _as_product(cases, choices):
    """The cases as "goals all; conditions a, b; stage c" when they are exactly every
    combination of those values; None when they are not."""
    parts, size = [], 1
    for attribute, plural, listed in DIMENSIONS:
        values = [v for v in choices[listed] if v in {getattr(case, attribute) for case in cases}]
        if not values:
            continue
        size *= len(values)
        if len(values) == len(choices[listed]) and attribute in ("goal", "condition", "stage"):
            parts.append(f"{plural} all")
        else:
            parts.append(f"{plural if len(values) > 1 else attribute} {', '.join(values)}")
    return parts if size == len(cases) else None


CHANGE_WORDS = {"added": "+", "removed": "-", "reworded": "~ (new text)", "raised": "+ (from the other questions)",
                "lowered": "+ (from the suggested questions)"}


def _change_line(change):
    part = PART_NAMES[change.part]
    if change.change == "reordered":
        return f"{part}: reordered from {', '.join(change.old)} to {', '.join(change.new)}"
    if change.part == "condition":
        return f"Condition: {'newly offered' if change.change == 'offered' else 'no longer offered'}"
    if change.change == "reworded":
        return f"{part}: ~ {change.slug}\n      was: \"{change.old[0]}\"\n      now: \"{change.text}\""
    return f"{part}: {CHANGE_WORDS[change.change]} {change.slug} \"{change.text}\""
