"""The person's own question list: which suggested questions they keep, which
matter most, and the questions they add themselves.

Plain Python like the engine: the web page, the PDF, the text download and the
signed link all build the same :class:`QuestionList` from a result and the
person's :class:`ListChoices`.
"""
from dataclasses import dataclass, field

MAX_TOP = 3
MAX_OWN = 10
MAX_OWN_LENGTH = 300


@dataclass(frozen=True)
class ListChoices:
    """What the person changed: dropped and most-important question slugs, own questions."""

    dropped: tuple = ()
    top: tuple = ()
    own: tuple = ()

    @classmethod
    def from_dict(cls, data):
        data = data or {}
        return cls(
            dropped=tuple(str(s) for s in data.get("dropped", ())),
            top=tuple(str(s) for s in data.get("top", ()))[:MAX_TOP],
            own=tuple(str(q)[:MAX_OWN_LENGTH] for q in data.get("own", ()))[:MAX_OWN],
        )

    def as_dict(self):
        return {"dropped": list(self.dropped), "top": list(self.top), "own": list(self.own)}


@dataclass
class QuestionList:
    """The list as it prints: most important first, then the rest by theme, then the person's own."""

    top: list = field(default_factory=list)
    groups: list = field(default_factory=list)
    own: list = field(default_factory=list)
    dropped: list = field(default_factory=list)

    @property
    def kept_count(self):
        return len(self.top) + sum(len(questions) for _, _, questions in self.groups)


def build_question_list(result, choices):
    """Apply the person's choices to a result's questions.

    Slugs that are not in the result (an old link after a content change, or a
    tampered form) are ignored rather than refused.
    """
    by_slug = {q.slug: q for q in result.questions}
    dropped = set(choices.dropped) & set(by_slug)
    top = [by_slug[s] for s in dict.fromkeys(choices.top) if s in by_slug and s not in dropped][:MAX_TOP]
    top_slugs = {q.slug for q in top}
    groups = []
    for theme, label, questions in result.question_groups():
        kept = [q for q in questions if q.slug not in dropped and q.slug not in top_slugs]
        if kept:
            groups.append((theme, label, kept))
    return QuestionList(
        top=top,
        groups=groups,
        own=list(choices.own),
        dropped=[q for q in result.questions if q.slug in dropped],
    )
