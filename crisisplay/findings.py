"""What a channel rule or the tone linter found in a text."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

Level = Literal["error", "warning"]


@dataclass(frozen=True)
class Finding:
    """One finding: the rule that fired, how bad it is, where in the text, and how to fix it.

    ``start``/``end`` are character offsets into the text (``end`` exclusive); both are ``None``
    when the finding is about the text as a whole (for example a missing element).
    """

    rule: str
    level: Level
    message: str
    start: int | None = None
    end: int | None = None
    hint: str | None = None

    @property
    def is_error(self) -> bool:
        return self.level == "error"

    def as_json(self) -> dict[str, object]:
        return {
            "rule": self.rule,
            "level": self.level,
            "message": self.message,
            "start": self.start,
            "end": self.end,
            "hint": self.hint,
        }
