"""The organisation's own tone patterns (forbidden phrases in its file), compiled once per
process: `crisisplay validate` and the linter share them."""

from __future__ import annotations

import functools
from typing import Any

import regex  # type: ignore[import-untyped, unused-ignore]


@functools.lru_cache(maxsize=512)
def compile_tone_pattern(pattern: str) -> tuple[Any, str | None]:
    """The pattern compiled, or ``None`` and why it does not compile."""
    try:
        return regex.compile(pattern, regex.IGNORECASE | regex.V0), None
    except regex.error as exc:
        return None, str(exc)
