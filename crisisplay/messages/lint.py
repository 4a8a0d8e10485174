"""The tone linter: the organisation's "do and don't" checked on a message, per language.

Forbidden patterns (denial, minimising, blame, unverifiable promises, jargon...) give one finding
per match, with its span and the rule's hint; required elements (the next update time, where to
follow, an apology) give one finding when no pattern of the rule matches anywhere in the title or
the body. Matching is case-insensitive. Typographic apostrophes and no-break spaces are read as
their plain forms (one character for one, so spans stay exact): "d’ici" is caught like "d'ici".

Two kinds of forbidden rules run together. The built-in ones (``crisisplay.tone``) work on
words and their lemmas, so "nous garantissons" and "retour prévu à 14h30" are caught whatever
the inflection; when the organisation file has a rule of the same id, its level, hint and
kinds apply to them. The organisation's own patterns are regular expressions; where one
matches words a built-in rule already reported, only the built-in finding is kept, and where
one matches words a built-in rule read and found fine in their context ("nous ne pouvons pas
garantir", "sans gravité pour vos données"), nothing is reported. A promise of a time is not
reported when the time is one of the ``known`` times (the next update, an ETA fact the
template inserted): the renderer knows them, a text checked by hand has none.

A finding names its rule in the text's language (``finding.rule.ID`` in the interface texts:
« aucune panne » : déni); an organisation rule the texts do not name is called by its id.

Patterns come from the organisation file, so each match runs under a timeout (``regex``): a
pattern with catastrophic backtracking becomes a warning, not a hung CLI.
"""

from __future__ import annotations

import dataclasses
import datetime
import html as html_lib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

# No stubs for regex in the environment (types-regex would add them).
import regex  # type: ignore[import-untyped, unused-ignore]

from crisisplay.findings import Finding, Level
from crisisplay.playbook.model import ForbiddenRule, RequiredRule, Scenario, ToneRules
from crisisplay.texts import catalogue, t
from crisisplay.tone.builtin import BuiltinRule, matches, rules_for
from crisisplay.tone.org_patterns import compile_tone_pattern
from crisisplay.tone.when import NO_KNOWN_TIMES, KnownTimes

MATCH_TIMEOUT = 0.25
_PLAIN = str.maketrans({"\u2019": "'", "\u2018": "'", "\u02bc": "'", "\xa0": " ", "\u202f": " "})
_SNIPPET = 40
_TAG = regex.compile(r"<[^>]*>")
_ISO_DAY = regex.compile(r"^\d{4}-\d{2}-\d{2}$")


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


#: texts already read, by rules (their content: a playbook loaded again reads the same), text
#: and context: a text is read again at every look (rendered for its validators, then at
#: publication; every resume renders what it publishes again)
_READ: dict[tuple[object, ...], tuple[Finding, ...]] = {}
_READ_KEPT = 4096


class ToneLinter:
    """The tone rules of one organisation in one language."""

    def __init__(self, tone: ToneRules, lang: str) -> None:
        self.lang = lang
        self.forbidden = tuple(_rule(r, lang) for r in tone.forbidden)
        self.required = tuple(_rule(r, lang) for r in tone.required)
        self._rules = (lang, self.forbidden, self.required)
        self.by_id = {rule.id: rule for rule in self.forbidden}

    def lint(
        self,
        text: str,
        *,
        kind: str | None = None,
        channel: str | None = None,
        title: str | None = None,
        html: str | None = None,
        known: KnownTimes = NO_KNOWN_TIMES,
    ) -> list[Finding]:
        """Findings for a message of ``kind`` on ``channel``.

        Without ``kind`` (a text written by hand), every forbidden rule applies and no element
        is required. Spans point into ``text``; a forbidden phrase in the title or the HTML part
        is reported without a span, quoted in the message.
        """
        key = (self._rules, text, kind, channel, title, html, known)
        found = _READ.get(key)
        if found is None:
            found = tuple(self._lint(text, kind, channel, title, html, known))
            if len(_READ) >= _READ_KEPT:
                _READ.clear()
            _READ[key] = found
        return list(found)

    def _lint(
        self,
        text: str,
        kind: str | None,
        channel: str | None,
        title: str | None,
        html: str | None,
        known: KnownTimes,
    ) -> list[Finding]:
        plain = text.translate(_PLAIN)
        title_plain = (title or "").translate(_PLAIN)
        others = {
            t("finding.tone.title", self.lang): title_plain,
            t("finding.tone.html", self.lang): _html_text(html).translate(_PLAIN) if html else "",
        }
        forbidden = [r for r in self.forbidden if kind is None or not r.kinds or kind in r.kinds]
        builtin = [r for r in rules_for(self.lang) if self._applies(r, kind, channel)]
        findings = self._forbidden_in(forbidden, builtin, plain, text, known)
        for where, other in others.items():
            findings += self._forbidden_in(forbidden, builtin, other, other, known, where=where)
        if kind is not None:
            for rule in self.required:
                if kind in rule.kinds and (not rule.channels or channel in rule.channels):
                    findings += _required(rule, f"{title_plain}\n{plain}", self.lang)
        return sorted(findings, key=_order)

    def _applies(self, rule: BuiltinRule, kind: str | None, channel: str | None) -> bool:
        spec = rule.spec
        kinds = self.by_id[spec.id].kinds if spec.id in self.by_id else spec.kinds
        if spec.needs_kind and kind is None:
            return False
        if spec.channels and channel not in spec.channels:
            return False
        return kind is None or not kinds or kind in kinds

    def _forbidden_in(
        self,
        forbidden: list[_Rule],
        builtin: list[BuiltinRule],
        plain: str,
        original: str,
        known: KnownTimes,
        *,
        where: str | None = None,
    ) -> list[Finding]:
        """Built-in then organisation findings in one part of the message (body, title, HTML);
        an organisation finding on words a built-in one covers is left out."""
        specs = {rule.spec.id: rule.spec for rule in builtin}
        found: list[Finding] = []
        covered: list[tuple[int, int]] = []
        for match in matches(builtin, plain, self.lang, known):
            covered.append((match.start, match.end))
            if match.cleared:
                continue
            spec = specs[match.rule]
            org = self.by_id.get(spec.id)
            hint = t(f"finding.hint.{spec.id}", self.lang)
            rule = org or _Rule(spec.id, spec.level, hint, (), spec.kinds)
            found.append(_finding(rule, original, match.start, match.end, where, self.lang))
        for rule in forbidden:
            for finding in _forbidden(rule, plain, original, self.lang, where=where):
                start, end = finding.start, finding.end
                if (
                    start is None
                    or end is None
                    or not any(s < end and start < e for s, e in covered)
                ):
                    found.append(finding)
        return [_placed(f) if where else f for f in found]


def known_times(scenario: Scenario, variables: Mapping[str, Any]) -> KnownTimes:
    """The times a render may promise: the next update and the scenario's time and duration
    facts (an ETA the NOC confirmed, inserted by the template), and the days given as
    ``YYYY-MM-DD`` facts (a refund date billing confirmed)."""
    clocks = {_clock(variables.get("next_update"))}
    delays: set[int | None] = set()
    dates: set[int] = set()
    for fact in scenario.facts:
        value = variables.get(fact.id)
        if fact.type == "time":
            clocks.add(_clock(value))
        elif fact.type == "duration":
            delays.add(_minutes(value))
        elif isinstance(value, str) and _ISO_DAY.match(value):
            dates.add(int(value[5:7]) * 100 + int(value[8:10]))
    return KnownTimes(
        frozenset(c for c in clocks if c is not None),
        frozenset(d for d in delays if d),
        frozenset(dates),
    )


def _clock(value: object) -> tuple[int, int] | None:
    hours, _, minutes = str(value).partition(":")
    if not (hours.isdigit() and minutes.isdigit()):
        return None
    return int(hours), int(minutes)


def _minutes(value: object) -> int | None:
    if isinstance(value, datetime.timedelta):
        return int(value.total_seconds() // 60)
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return int(value)
    return None


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


def _matches(rule: _Rule, text: str, lang: str) -> Iterable[tuple[int, int] | str]:
    """Spans of every match of the rule; a string instead when a pattern is unusable."""
    for pattern in rule.patterns:
        compiled = _compile(pattern)
        if compiled is None:
            yield t("finding.tone.no_compile", lang, pattern=repr(pattern))
            continue
        try:
            spans = [m.span() for m in compiled.finditer(text, timeout=MATCH_TIMEOUT)]
        except TimeoutError:
            seconds = f"{MATCH_TIMEOUT:g}"
            yield t("finding.tone.timeout", lang, pattern=repr(pattern), seconds=seconds)
            continue
        yield from (span for span in spans if span[1] > span[0])


def _html_text(html: str) -> str:
    return html_lib.unescape(_TAG.sub(" ", html))


def _forbidden(
    rule: _Rule, plain: str, original: str, lang: str, *, where: str | None = None
) -> list[Finding]:
    if not plain:
        return []
    found: list[Finding] = []
    for match in _matches(rule, plain, lang):
        if isinstance(match, str):
            found.append(_broken(rule, match, lang))
        else:
            found.append(_finding(rule, original, *match, where, lang))
    return found


def _finding(
    rule: _Rule, original: str, start: int, end: int, where: str | None, lang: str
) -> Finding:
    """The words found, quoted; the span is dropped later for a part that is not the body."""
    quoted = " ".join(original[start:end].split())[:_SNIPPET]
    name = rule_label(rule.id, lang)
    if where:
        message = t("finding.tone.found_in", lang, quoted=quoted, where=where, rule=name)
    else:
        message = t("finding.tone.found", lang, quoted=quoted, rule=name)
    return Finding(rule.id, rule.level, message, start, end, rule.hint)


def rule_label(rule: str, lang: str) -> str:
    """What a finding calls a tone rule in ``lang``: its label in the interface texts, else
    its id in words (an organisation's own rule)."""
    key = f"finding.rule.{rule}"
    return t(key, lang) if key in catalogue(lang) else rule.replace("-", " ")


def _placed(finding: Finding) -> Finding:
    return dataclasses.replace(finding, start=None, end=None)


def _required(rule: _Rule, text: str, lang: str) -> list[Finding]:
    broken: list[Finding] = []
    for match in _matches(rule, text, lang):
        if not isinstance(match, str):
            return []
        broken.append(_broken(rule, match, lang))
    message = t("finding.tone.missing", lang, rule=rule_label(rule.id, lang))
    return [*broken, Finding(rule.id, rule.level, message, hint=rule.hint)]


def _broken(rule: _Rule, reason: str, lang: str) -> Finding:
    message = t("finding.tone.broken", lang, rule=rule.id, reason=reason)
    return Finding(rule.id, "warning", message)
