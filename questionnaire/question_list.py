"""The person's own question list: which questions they keep, which matter most,
and the questions they add themselves.

Plain Python like the engine: the web page, the PDF, the text download and the
reopen link all build the same :class:`QuestionList` from a result and the
person's :class:`ListChoices`.
"""
from dataclasses import dataclass, field

from .engine import group_by_theme

MAX_TOP = 3
MAX_OWN = 10
MAX_OWN_LENGTH = 300


@dataclass(frozen=True)
class ListChoices:
    """What the person changed from the suggestion.

    ``dropped``: suggested questions they unticked; ``added``: other questions
    they ticked; ``top``: their most important, or None while they have not
    chosen (the first three suggested are then marked); ``own``: their own.
    Storing changes rather than the whole list keeps old links meaningful
    after the content changes.
    """

    dropped: tuple = ()
    added: tuple = ()
    top: tuple = None
    own: tuple = ()

    @classmethod
    def from_dict(cls, data):
        data = data or {}
        top = data.get("top")
        return cls(
            dropped=tuple(str(s) for s in data.get("dropped", ())),
            added=tuple(str(s) for s in data.get("added", ())),
            top=None if top is None else tuple(str(s) for s in top)[:MAX_TOP],
            own=tuple(str(q)[:MAX_OWN_LENGTH] for q in data.get("own", ()))[:MAX_OWN],
        )

    def carried_over(self, old_result, new_result):
        """These choices, made on ``old_result``, as they apply to ``new_result`` (changed answers).

        Every question the person kept stays ticked, even where the new answers no
        longer suggest it; one they unticked stays off; new suggestions come ticked.
        """
        kept = build_question_list(old_result, self).kept
        offered_before = {q.slug for q in old_result.questions}
        slugs = [q.slug for q in new_result.questions]
        return ListChoices(
            dropped=tuple(s for s in slugs if s in new_result.suggested and s in offered_before and s not in kept),
            added=tuple(s for s in slugs if s not in new_result.suggested and s in kept),
            top=self.top,
            own=self.own,
        )

    def as_dict(self):
        data = {"dropped": list(self.dropped), "added": list(self.added), "own": list(self.own)}
        if self.top is not None:
            data["top"] = list(self.top)
        return data


@dataclass
class QuestionList:
    """The list as it prints: most important first, then the rest of the short list,
    then the other questions kept (by theme), then the person's own."""

    top: list = field(default_factory=list)
    suggested: list = field(default_factory=list)
    more_groups: list = field(default_factory=list)
    own: list = field(default_factory=list)
    kept: frozenset = frozenset()

    @property
    def kept_count(self):
        return len(self.kept)

    @property
    def top_slugs(self):
        return {q.slug for q in self.top}


def build_question_list(result, choices):
    """Apply the person's choices to a result's questions.

    Slugs that are not in the result (an old link after a content change, or a
    tampered form) are ignored rather than refused.
    """
    in_result = {q.slug for q in result.questions}
    kept = (set(result.suggested) - set(choices.dropped)) | (set(choices.added) & in_result)
    ordered_kept = [q for q in result.questions if q.slug in kept]
    if choices.top is None:
        top = [q for q in ordered_kept if q.slug in result.suggested][:MAX_TOP]
    else:
        by_slug = {q.slug: q for q in ordered_kept}
        top = [by_slug[s] for s in dict.fromkeys(choices.top) if s in by_slug][:MAX_TOP]
    top_slugs = {q.slug for q in top}
    rest = [q for q in ordered_kept if q.slug not in top_slugs]
    return QuestionList(
        top=top,
        suggested=[q for q in rest if q.slug in result.suggested],
        more_groups=group_by_theme([q for q in rest if q.slug not in result.suggested]),
        own=list(choices.own),
        kept=frozenset(kept),
    )
