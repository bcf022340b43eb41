"""A problem found in the content: which item, which field, and what is wrong."""
from dataclasses import dataclass, field


@dataclass(frozen=True)
class ContentProblem:
    kind: str
    slug: str
    field: str
    message: str
    #: What kind of problem, for code that acts on it (as Django's ValidationError.code).
    code: str = "invalid"
    #: The values the message names, for code and tests that match them (as ValidationError.params).
    params: dict = field(default=None, hash=False, compare=False)

    def __str__(self):
        return f"{self.kind} {self.slug!r}, field {self.field!r}: {self.message}"
