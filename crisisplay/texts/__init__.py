"""The interface's own words, one folder per language (the playbooks bring the crisis's words).

``crisisplay/texts/fr/`` holds every French text of the interface and ``crisisplay/texts/en/``
every English one, under the same keys; tests/test_texts.py fails when a key or a placeholder is
missing in one language. A language's texts are imported the first time one is asked for.
"""

from __future__ import annotations

import importlib
from collections.abc import Mapping
from typing import Any

#: the languages the interface speaks, the first being the fallback of an unknown one
LANGUAGES = ("fr", "en")

_LOADED: dict[str, Mapping[str, str]] = {}


def catalogue(lang: str) -> Mapping[str, str]:
    """Every interface text of ``lang`` by key (English for a language the interface lacks)."""
    chosen = lang if lang in LANGUAGES else "en"
    if chosen not in _LOADED:
        module = importlib.import_module(f"crisisplay.texts.{chosen}")
        _LOADED[chosen] = module.TEXTS
    return _LOADED[chosen]


def t(key: str, lang: str, **values: Any) -> str:
    """The interface text ``key`` in ``lang``, its ``{placeholders}`` filled from ``values``."""
    template = catalogue(lang)[key]
    return template.format(**values) if values else template


def reworded(text: str, key: str, lang: str) -> str:
    """``text`` said in ``lang`` when it is the catalogue's ``key`` in one of the interface's
    languages (crisisplay's own words, recorded in another language), else as it is."""
    if any(catalogue(known).get(key) == text for known in LANGUAGES):
        return t(key, lang)
    return text


def interface_lang(lang: str | None) -> str:
    """``lang`` when the interface speaks it, else English."""
    return lang if lang in LANGUAGES else "en"


def number(value: int, lang: str) -> str:
    """``1,234`` in English, ``1 234`` in French (grouped by a narrow no-break space)."""
    grouped = f"{value:,}"
    return grouped.replace(",", "\u202f") if interface_lang(lang) == "fr" else grouped


def minutes_label(minutes: float) -> str:
    """``1 h 05`` / ``12 min``: a countdown a person reads at a glance."""
    total = round(abs(minutes))
    hours, rest = divmod(total, 60)
    return f"{hours} h {rest:02d}" if hours else f"{rest} min"
