"""The tone linter: the organisation's "do and don't" checked on a message, per language.

Forbidden patterns (denial, minimising, blame, unverifiable promises, jargon...) give one finding
per match, with its span and the rule's hint; required elements (the next update time, where to
follow, an apology) give one finding when no pattern of the rule matches anywhere in the title or
the body. Matching is case-insensitive. Typographic apostrophes and no-break spaces are read as
their plain forms (one character for one, so spans stay exact): "d’ici" is caught like "d'ici".

Patterns come from the organisation file, so each match runs under a timeout (``regex``): a
pattern with catastrophic backtracking becomes a warning, not a hung CLI.
"""

from __future__ import annotations

import functools
import html as html_lib
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

# No stubs for regex in the environment (types-regex would add them).
import regex  # type: ignore[import-untyped, unused-ignore]

from crisisplay.findings import Finding, Level
from crisisplay.playbook.model import ForbiddenRule, RequiredRule, ToneRules

MATCH_TIMEOUT = 0.25
_PLAIN = str.maketrans({"\u2019": "'", "\u2018": "'", "\u02bc": "'", "\xa0": " ", "\u202f": " "})
_SNIPPET = 40
_TAG = regex.compile(r"<[^>]*>")


@functools.lru_cache(maxsize=512)
def compile_tone_pattern(pattern: str) -> tuple[Any, str | None]:
    """An organisation pattern compiled once per process (``crisisplay validate`` and the
    linter share it): the pattern, or ``None`` and why it does not compile."""
    try:
        return regex.compile(pattern, regex.IGNORECASE | regex.V0), None
    except regex.error as exc:
        return None, str(exc)


def _compile(pattern: str) -> Any:
    return compile_tone_pattern(pattern)[0]


@dataclass(frozen=True)
class _Rule:
    id: str
    level: Level
    hint: str
    patterns: tuple[str, ...]
    kinds: tuple[str, ...]
    channels: tuple[str, ...] = ()


class ToneLinter:
    """The tone rules of one organisation in one language."""

    def __init__(self, tone: ToneRules, lang: str) -> None:
        self.lang = lang
        self.forbidden = tuple(_rule(r, lang) for r in tone.forbidden)
        self.required = tuple(_rule(r, lang) for r in tone.required)

    def lint(
        self,
        text: str,
        *,
        kind: str | None = None,
        channel: str | None = None,
        title: str | None = None,
        html: str | None = None,
    ) -> list[Finding]:
        """Findings for a message of ``kind`` on ``channel``.

        Without ``kind`` (a text written by hand), every forbidden rule applies and no element
        is required. Spans point into ``text``; a forbidden phrase in the title or the HTML part
        is reported without a span, quoted in the message.
        """
        plain = text.translate(_PLAIN)
        others = {
            "the title": (title or "").translate(_PLAIN),
            "the HTML part": _html_text(html).translate(_PLAIN) if html else "",
        }
        findings: list[Finding] = []
        for rule in self.forbidden:
            if kind is None or not rule.kinds or kind in rule.kinds:
                findings += _forbidden(rule, plain, text)
                for where, other in others.items():
                    findings += _forbidden(rule, other, other, where=where)
        if kind is not None:
            for rule in self.required:
                if kind in rule.kinds and (not rule.channels or channel in rule.channels):
                    findings += _required(rule, f"{others['the title']}\n{plain}")
        return sorted(findings, key=_order)


def _rule(rule: ForbiddenRule | RequiredRule, lang: str) -> _Rule:
    channels = rule.channels if isinstance(rule, RequiredRule) else ()
    return _Rule(
        rule.id,
        rule.level,
        rule.hint.get_text(lang),
        tuple(rule.patterns.get(lang, ())),
        tuple(rule.kinds),
        tuple(channels),
    )


def _order(finding: Finding) -> tuple[int, int, str]:
    return (
        0 if finding.is_error else 1,
        finding.start if finding.start is not None else -1,
        finding.rule,
    )


def _matches(rule: _Rule, text: str) -> Iterable[tuple[int, int] | str]:
    """Spans of every match of the rule; a string instead when a pattern is unusable."""
    for pattern in rule.patterns:
        compiled = _compile(pattern)
        if compiled is None:
            yield f"pattern {pattern!r} does not compile"
            continue
        try:
            spans = [m.span() for m in compiled.finditer(text, timeout=MATCH_TIMEOUT)]
        except TimeoutError:
            yield f"pattern {pattern!r} took over {MATCH_TIMEOUT:g} s (catastrophic backtracking?)"
            continue
        yield from (span for span in spans if span[1] > span[0])


def _html_text(html: str) -> str:
    return html_lib.unescape(_TAG.sub(" ", html))


def _forbidden(
    rule: _Rule, plain: str, original: str, *, where: str | None = None
) -> list[Finding]:
    if not plain:
        return []
    found: list[Finding] = []
    for match in _matches(rule, plain):
        if isinstance(match, str):
            found.append(_broken(rule, match))
            continue
        start, end = match
        quoted = original[start:end][:_SNIPPET]
        place = f" in {where}" if where else ""
        found.append(
            Finding(
                rule.id,
                rule.level,
                f'"{quoted}"{place}: {rule.id.replace("-", " ")}',
                None if where else start,
                None if where else end,
                rule.hint,
            )
        )
    return found


def _required(rule: _Rule, text: str) -> list[Finding]:
    broken: list[Finding] = []
    for match in _matches(rule, text):
        if not isinstance(match, str):
            return []
        broken.append(_broken(rule, match))
    missing = Finding(rule.id, rule.level, f"missing: {rule.id.replace('-', ' ')}", hint=rule.hint)
    return [*broken, missing]


def _broken(rule: _Rule, reason: str) -> Finding:
    return Finding(rule.id, "warning", f"rule {rule.id}: {reason}; fix it in organisation.yaml")
