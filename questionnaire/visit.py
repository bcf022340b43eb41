"""What a person notes during their visit: which questions they asked, the answers, their own words.

Plain data like :class:`~questionnaire.question_list.ListChoices`: the visit page, the
visit summary (questionnaire/visit_summary.py) and the carry-forward link read the same
:class:`VisitNotes`, kept in the session cookie beside the list. A question is named by
its slug, a person's own question by its place in their list (``own-1``), so the notes
name no text twice and stay small.
"""
import datetime
from dataclasses import dataclass, field, replace

from .question_list import MAX_OWN, ListChoices, build_question_list
from .vocabulary import Stage

#: Short on purpose: a few words noted in the consulting room, and the cookie holds them all.
MAX_ANSWER_LENGTH = 200
MAX_TEACH_BACK_LENGTH = 200
MAX_OTHER_LENGTH = 600
OWN_PREFIX = "own-"
#: Where a person will be at their next visit: about to start becomes on treatment.
NEXT_STAGE = {Stage.CONSIDERING: Stage.STARTING, Stage.STARTING: Stage.ON_TREATMENT}


def next_visit_answers(answers):
    """The same answers with the stage moved on, for the next visit's list."""
    return replace(answers, stage=str(NEXT_STAGE.get(answers.stage, answers.stage)))


def own_key(number):
    """The key of the person's own question at ``number`` (1 for the first)."""
    return f"{OWN_PREFIX}{number}"


@dataclass(frozen=True)
class VisitItem:
    """One question as the visit page lists it: its key, its text, whether it is most important."""

    key: str
    text: str
    top: bool = False
    own: bool = False
    #: The content item (for its language), or None for an own question.
    question: object = None


def visit_items(question_list):
    """The kept questions in the person's order: most important first, then the rest of the
    short list, the other kept questions by theme, and their own."""
    items = [VisitItem(q.slug, q.text, top=True, question=q) for q in question_list.top]
    items += [VisitItem(q.slug, q.text, question=q) for q in question_list.suggested]
    items += [VisitItem(q.slug, q.text, question=q) for _, _, questions in question_list.more_groups
              for q in questions]
    items += [VisitItem(own_key(n), text, own=True) for n, text in enumerate(question_list.own, start=1)]
    return items


@dataclass(frozen=True)
class VisitNotes:
    """The notes of one visit.

    ``asked``: keys of the questions asked; ``answers`` and ``teach_back``: the answer
    noted and the person's own words, by key; ``other``: anything else the doctor said;
    ``date``: the day of the visit (the first save), or None before anything is saved.
    """

    asked: tuple = ()
    answers: dict = field(default_factory=dict)
    teach_back: dict = field(default_factory=dict)
    other: str = ""
    date: datetime.date = None

    @classmethod
    def from_dict(cls, data):
        """Notes from the session, cut to the limits (a cookie from an older version, or tampered)."""
        data = data if isinstance(data, dict) else {}

        def texts(value, limit):
            value = value if isinstance(value, dict) else {}
            return {str(k): str(v)[:limit] for k, v in value.items() if str(v).strip()}
        try:
            date = datetime.date.fromisoformat(data["date"])
        except (KeyError, TypeError, ValueError):
            date = None
        asked = data.get("asked")
        return cls(
            asked=tuple(dict.fromkeys(str(k) for k in asked)) if isinstance(asked, list) else (),
            answers=texts(data.get("answers"), MAX_ANSWER_LENGTH),
            teach_back=texts(data.get("teach_back"), MAX_TEACH_BACK_LENGTH),
            other=str(data.get("other", ""))[:MAX_OTHER_LENGTH],
            date=date,
        )

    def as_dict(self):
        """For the session: only what is there, so empty notes cost the cookie nothing."""
        data = {"asked": list(self.asked), "answers": dict(self.answers), "teach_back": dict(self.teach_back),
                "other": self.other, "date": self.date.isoformat() if self.date else None}
        return {key: value for key, value in data.items() if value}

    @property
    def is_empty(self):
        return not (self.asked or self.answers or self.teach_back or self.other)

    def was_asked(self, key):
        return key in self.asked

    def carried_forward(self, choices, old_result, new_result):
        """The list for the next visit: the questions not asked stay ticked (own ones too), the
        ones asked go, and the new suggestions of ``new_result`` come ticked.

        A question not asked that ``new_result`` no longer offers (one about starting, say)
        carries as the person's own, in its words, so nothing left to ask is lost.
        """
        kept = build_question_list(old_result, choices).kept
        asked = set(self.asked)
        suggested = set(old_result.suggested)
        offered = {q.slug for q in new_result.questions}
        own = [text for n, text in enumerate(choices.own, start=1) if own_key(n) not in asked]
        own += [q.text for q in old_result.questions if q.slug in kept - asked - offered]
        not_asked = ListChoices(
            dropped=tuple(dict.fromkeys((*choices.dropped, *(q.slug for q in old_result.questions
                                                             if q.slug in kept & asked & suggested)))),
            added=tuple(s for s in choices.added if s not in asked),
            top=None if choices.top is None else tuple(s for s in choices.top if s not in asked) or None,
            own=tuple(own[:MAX_OWN]),
        )
        return not_asked.carried_over(old_result, new_result)
