"""Options given before the command (`--home`, `--debug`), shared with every command."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Globals:
    home: Path | None = None
    debug: bool = False
    store: str | None = None


_current = Globals()


def set_globals(value: Globals) -> None:
    global _current  # noqa: PLW0603 - one process runs one command
    _current = value


def get_globals() -> Globals:
    return _current
