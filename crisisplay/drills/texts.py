"""The drills' own words (inject kinds and titles, scoring, replay): in the interface's
catalogue under ``drill.``, one place per language (the drill files bring the exercise's words)."""

from __future__ import annotations

from typing import Any

from crisisplay.texts import t


def dt(key: str, lang: str, **values: Any) -> str:
    """The drill text ``key`` in ``lang``."""
    return t(f"drill.{key}", lang, **values)
