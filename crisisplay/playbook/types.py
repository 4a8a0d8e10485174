"""Value types of the playbook format that carry their own parsing and JSON Schema.

Each type knows how to build itself from a plain YAML value (``from_yaml``, raising
``ValueError`` with a short reason) and how to describe itself in JSON Schema (``json_schema``),
so the loader and ``crisisplay schema`` can never disagree about them.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from datetime import timedelta
from typing import Any, ClassVar

LANG_PATTERN = r"^[a-z]{2}(?:-[A-Z]{2})?$"
ID_PATTERN = r"^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$"
FACT_ID_PATTERN = r"^[a-z][a-z0-9_]*$"
CLOCK_PATTERN = r"^(?:[01][0-9]|2[0-3]):[0-5][0-9]$|^24:00$"
MAX_DURATION_DAYS = 3650
_DURATION = re.compile(r"^(?:(?P<d>\d+)d)?\s*(?:(?P<h>\d+)h)?\s*(?:(?P<m>\d+)m(?:in)?)?$")


@dataclass(frozen=True)
class Pattern:
    """``Annotated`` marker: the string must match this regular expression."""

    regex: str
    what: str

    def check(self, value: str) -> None:
        # fullmatch: with match, ``$`` would also accept the id followed by a newline.
        if not re.fullmatch(self.regex, value):
            raise ValueError(f"{value!r} is not a valid {self.what}")


@dataclass(frozen=True)
class Described:
    """``Annotated`` marker: a description used by the JSON Schema (and nothing else)."""

    text: str


class LocalText(Mapping[str, str]):
    """Text in each of the organisation's languages: ``{fr: ..., en: ...}``.

    A plain string is accepted for names that do not translate (a brand, a URL): it then
    stands for every language.
    """

    __slots__ = ("_by_lang", "_same")
    schema_name: ClassVar[str] = "LocalText"

    def __init__(self, by_lang: Mapping[str, str], *, same_for_all: bool = False) -> None:
        self._by_lang = dict(by_lang)
        self._same = same_for_all

    @classmethod
    def from_yaml(cls, value: Any) -> LocalText:
        if isinstance(value, str):
            return cls({"*": value}, same_for_all=True)
        if isinstance(value, dict) and value:
            for lang, text in value.items():
                if not re.fullmatch(LANG_PATTERN, lang):
                    raise ValueError(f"{lang!r} is not a language code (like fr or en)")
                if not isinstance(text, str):
                    raise ValueError(f"the {lang} text must be a string")
            return cls(value)
        raise ValueError("expected a text, or a mapping of language code to text")

    @staticmethod
    def json_schema() -> dict[str, Any]:
        return {
            "description": "Text per language ({fr: ..., en: ...}); a plain string for all.",
            "oneOf": [
                {"type": "string"},
                {
                    "type": "object",
                    "minProperties": 1,
                    "patternProperties": {LANG_PATTERN: {"type": "string"}},
                    "additionalProperties": False,
                },
            ],
        }

    @property
    def same_for_all(self) -> bool:
        return self._same

    def get_text(self, lang: str, fallback: str | None = None) -> str:
        """The text in ``lang``, else in ``fallback``, else any (never raises)."""
        if self._same:
            return self._by_lang["*"]
        for choice in (lang, fallback):
            if choice and choice in self._by_lang:
                return self._by_lang[choice]
        return next(iter(self._by_lang.values()))

    def missing(self, langs: tuple[str, ...]) -> list[str]:
        """The languages of ``langs`` this text lacks."""
        if self._same:
            return []
        return [lang for lang in langs if lang not in self._by_lang]

    def __getitem__(self, lang: str) -> str:
        if self._same:
            return self._by_lang["*"]
        return self._by_lang[lang]

    def __iter__(self) -> Iterator[str]:
        return iter(self._by_lang)

    def __len__(self) -> int:
        return len(self._by_lang)

    def __repr__(self) -> str:
        return f"LocalText({self._by_lang!r})"

    def __eq__(self, other: object) -> bool:
        return isinstance(other, LocalText) and self._by_lang == other._by_lang

    def __hash__(self) -> int:
        return hash(tuple(sorted(self._by_lang.items())))


class Duration(timedelta):
    """A length of time written ``30m``, ``2h``, ``1h30m``, ``2d`` (or a number of minutes)."""

    schema_name: ClassVar[str] = "Duration"

    @classmethod
    def from_yaml(cls, value: Any) -> Duration:
        if isinstance(value, bool):
            raise ValueError("expected a duration like 30m, 2h or 1h30m")
        if isinstance(value, int) and value >= 0:
            return cls._bounded(days=0, hours=0, minutes=value)
        if isinstance(value, str):
            return cls.parse(value)
        raise ValueError("expected a duration like 30m, 2h or 1h30m")

    @classmethod
    def parse(cls, text: str) -> Duration:
        match = _DURATION.fullmatch(text.strip())
        if not text.strip() or match is None:
            raise ValueError(f"{text!r} is not a duration (write 30m, 2h, 1h30m or 2d)")
        parts = {k: int(v) for k, v in match.groupdict(default="0").items()}
        return cls._bounded(days=parts["d"], hours=parts["h"], minutes=parts["m"])

    @classmethod
    def _bounded(cls, *, days: int, hours: int, minutes: int) -> Duration:
        # Every duration is added to an incident's dates: past ten years, that is a typo.
        if days * 1440 + hours * 60 + minutes > MAX_DURATION_DAYS * 1440:
            raise ValueError(f"a duration longer than {MAX_DURATION_DAYS} days (ten years)")
        return cls(days=days, hours=hours, minutes=minutes)

    @staticmethod
    def json_schema() -> dict[str, Any]:
        return {
            "description": "A duration: 30m, 2h, 1h30m, 2d, or a number of minutes.",
            "oneOf": [
                {"type": "integer", "minimum": 0},
                {"type": "string", "pattern": r"^(\d+d)?\s*(\d+h)?\s*(\d+m(in)?)?$"},
            ],
        }

    @property
    def minutes(self) -> int:
        return int(self.total_seconds() // 60)

    def label(self) -> str:
        """``1h30m``, ``24h``, ``72h``, ``7d``: hours below a week (legal clocks count in hours)."""
        total = self.minutes
        if total >= 7 * 1440 and total % 1440 == 0:
            return f"{total // 1440}d"
        hours, minutes = divmod(total, 60)
        text = f"{hours}h" if hours else ""
        return text + (f"{minutes}m" if minutes or not text else "")


#: what a deadline or a wait counts from, besides a date-time fact of the scenario
ANCHORS = ("activation", "resolution")
_DUE = re.compile(r"^(?P<length>.+?)\s+after\s+(?P<anchor>[a-z][a-z0-9_]*)$")


class Due(Duration):
    """A deadline: ``30m`` (after the task's usual start: activation for a step, resolution
    for a post-crisis action), ``6h after resolution``, or ``24h after detected_at`` (a
    date-time fact: the legal clocks of a breach run from when the company learnt of it)."""

    schema_name: ClassVar[str] = "Due"
    #: ``activation``, ``resolution``, a date-time fact's id, or None (the task's usual start)
    anchor: str | None = None

    @classmethod
    def from_yaml(cls, value: Any) -> Due:
        anchor = None
        if isinstance(value, str) and (match := _DUE.fullmatch(value.strip())):
            value, anchor = match["length"], match["anchor"]
        length = Duration.from_yaml(value)
        due = cls(seconds=length.total_seconds())
        due.anchor = anchor
        return due

    def counted_from(self, default: str) -> str:
        return self.anchor or default

    def describe(self) -> str:
        return self.label() + (f" after {self.anchor}" if self.anchor else "")

    @staticmethod
    def json_schema() -> dict[str, Any]:
        return {
            "description": "A deadline: 30m, 2h, 1h30m, 2d, a number of minutes, or "
            "'24h after ANCHOR' (activation, resolution or a date-time fact).",
            "oneOf": [
                {"type": "integer", "minimum": 0},
                {
                    "type": "string",
                    "pattern": r"^(\d+d)?\s*(\d+h)?\s*(\d+m(in)?)?"
                    r"(\s+after\s+[a-z][a-z0-9_]*)?$",
                },
            ],
        }
