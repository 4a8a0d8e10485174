"""One exception family for the whole of crisisplay.

Core code raises these with a source location and a context path; only the CLI turns them into
one line of text and an exit code (see ``crisisplay.cli.main``). Nothing here prints.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Literal

# Exit codes of the stable command surface.
EXIT_OK = 0
EXIT_PROBLEMS = 1
EXIT_CANNOT_RUN = 2
EXIT_INTERNAL = 3
EXIT_INTERRUPTED = 130

PathPart = str | int


def format_path(path: Sequence[PathPart]) -> str:
    """`phases[2].steps[0].owner`: the path to a value inside a YAML document."""
    out = ""
    for part in path:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += f".{part}" if out else part
    return out


@dataclass(frozen=True)
class Location:
    """Where something is: a file, and when known a 1-based line and column."""

    file: str
    line: int | None = None
    column: int | None = None

    def __str__(self) -> str:
        if self.line is None:
            return self.file
        if self.column is None:
            return f"{self.file}:{self.line}"
        return f"{self.file}:{self.line}:{self.column}"


@dataclass(frozen=True)
class Problem:
    """One thing wrong with an input, with where it is and the path to the bad value."""

    message: str
    location: Location | None = None
    path: tuple[PathPart, ...] = field(default=())
    #: ``error`` makes the home invalid; ``warning`` is worth knowing (a roster gap)
    level: Literal["error", "warning"] = "error"

    @property
    def is_error(self) -> bool:
        return self.level == "error"

    def __str__(self) -> str:
        where = f"{self.location}: " if self.location else ""
        at = f"{format_path(self.path)}: " if self.path else ""
        return f"{where}{at}{self.message}"

    def as_json(self) -> dict[str, object]:
        loc = self.location
        return {
            "file": loc.file if loc else None,
            "line": loc.line if loc else None,
            "column": loc.column if loc else None,
            "path": format_path(self.path),
            "message": self.message,
            "level": self.level,
        }


class CrisisplayError(Exception):
    """Base of every error crisisplay reports to a person. Exit code 2: it could not run."""

    exit_code = EXIT_CANNOT_RUN

    def __init__(
        self,
        message: str,
        *,
        location: Location | None = None,
        path: Sequence[PathPart] = (),
        hint: str | None = None,
    ) -> None:
        super().__init__(message)
        self.message = message
        self.location = location
        self.path = tuple(path)
        self.hint = hint

    @property
    def problem(self) -> Problem:
        return Problem(self.message, self.location, self.path)

    def __str__(self) -> str:
        text = str(self.problem)
        return f"{text} ({self.hint})" if self.hint else text


class UsageError(CrisisplayError):
    """The command was called wrongly (missing option, no terminal to prompt on...)."""


class InputError(CrisisplayError):
    """An input file or value is wrong; the message names the file and line."""


class PlaybookInvalid(CrisisplayError):
    """A playbook home has problems; carries all of them at once. Exit code 1."""

    exit_code = EXIT_PROBLEMS

    def __init__(self, problems: Sequence[Problem]) -> None:
        self.problems = tuple(problems)
        first = self.problems[0] if self.problems else Problem("invalid playbook")
        more = len(self.problems) - 1
        suffix = f" (and {more} more problem{'s' if more > 1 else ''}; run `crisisplay validate`)"
        super().__init__(
            first.message + (suffix if more else ""),
            location=first.location,
            path=first.path,
        )


class TimelineError(CrisisplayError):
    """The timeline cannot be read or written as asked (tampering, bad file, locked...)."""


class NotRecorded(TimelineError):
    """An event could not be made durable: it was NOT recorded."""


class Runaway(CrisisplayError):
    """A walkthrough that kept recording without asking anything: stopped, everything kept."""

    exit_code = EXIT_INTERNAL


class Interrupted(CrisisplayError):
    """The operator interrupted (Ctrl-C); progress is kept and the way to resume is known."""

    exit_code = EXIT_INTERRUPTED
