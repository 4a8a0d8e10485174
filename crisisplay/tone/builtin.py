"""The built-in tone rules applied to a text: which words broke which rule, and where.

``rules_for(lang)`` compiles a language's rules once per process; ``matches`` runs them over
the tokens of a text. Only French and English have built-in rules; other languages rely on the
organisation file's patterns alone. A match the context clears (a negation, a past tense, a
validated time) is returned too, marked ``cleared``: the words were read and found fine, so an
organisation pattern on the same words is not reported either.
"""

from __future__ import annotations

import functools
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from crisisplay.tone import rules_en, rules_fr
from crisisplay.tone.negation import negated
from crisisplay.tone.patterns import (
    Element,
    Pattern,
    compile_pattern,
    find_all,
    match_at,
    vocabulary,
)
from crisisplay.tone.spec import RuleSpec
from crisisplay.tone.when import KnownTimes, when_at
from crisisplay.tone.words import Token, tokens_of


@dataclass(frozen=True)
class BuiltinRule:
    spec: RuleSpec
    patterns: tuple[Pattern, ...]
    unless: tuple[Pattern, ...]
    unless_after: tuple[Pattern, ...] = ()
    polar: tuple[Pattern, ...] = ()


@dataclass(frozen=True)
class WordMatch:
    """Where a rule fired, as character offsets into the text; ``cleared`` when its context
    makes it fine."""

    rule: str
    start: int
    end: int
    cleared: bool = False


_RULES: dict[str, Any] = {"fr": rules_fr, "en": rules_en}


@functools.cache
def rules_for(lang: str) -> tuple[BuiltinRule, ...]:
    module = _RULES.get(lang)
    if module is None:
        return ()

    built: dict[tuple[str, bool], Element] = {}

    def compiled(sources: tuple[str, ...], negatable: bool = False) -> tuple[Pattern, ...]:
        return tuple(
            compile_pattern(p, module.SETS, negatable=negatable, built=built) for p in sources
        )

    return tuple(
        BuiltinRule(
            spec,
            compiled(spec.patterns, spec.negatable),
            compiled(spec.unless),
            compiled(spec.unless_after),
            compiled(spec.polar),
        )
        for spec in module.RULES
    )


#: how much of a text the word rules read
MAX_WORDS_READ = 100_000


def matches(
    rules: Sequence[BuiltinRule], text: str, lang: str, known: KnownTimes
) -> list[WordMatch]:
    """Every match of ``rules`` in ``text``, the cleared ones included; a word is lemmatised
    only if some rule applies."""
    if not rules or not text.strip():
        return []
    # No message is this long (the longest channel takes some 63,000 characters): past it, a
    # pasted file is counted and flagged for its length, not read word by word.
    tokens = tokens_of(text[:MAX_WORDS_READ], lang)
    vocab = vocabulary(tokens)
    found: list[WordMatch] = []
    for rule in rules:
        for polar, patterns in ((False, rule.patterns), (True, rule.polar)):
            for pattern in patterns:
                for first, last in find_all(pattern, tokens, vocab):
                    cleared = not _kept(rule, tokens, first, last, known, polar=polar)
                    start, end = tokens[first].start, tokens[last - 1].end
                    found.append(WordMatch(rule.spec.id, start, end, cleared))
    return _without_overlaps(found)


def _kept(
    rule: BuiltinRule,
    tokens: Sequence[Token],
    first: int,
    last: int,
    known: KnownTimes,
    *,
    polar: bool = False,
) -> bool:
    if rule.unless:
        start = first
        while start > 0 and tokens[start - 1].kind != "end":
            start -= 1
        sentence = tokens[start:last]
        if any(find_all(pattern, sentence) for pattern in rule.unless):
            return False
    if any(match_at(pattern, tokens, last) for pattern in rule.unless_after):
        return False
    if rule.spec.negatable and not polar and negated(tokens, first, last):
        return False
    if rule.spec.timed:
        times = [when_at(tokens, i) for i in range(first, last)]
        said = [found[1] for found in times if found is not None]
        return not said or not all(known.knows(when) for when in said)
    return True


def _without_overlaps(found: list[WordMatch]) -> list[WordMatch]:
    """One finding per rule and place: two patterns of a rule on the same words count once
    (kept and cleared matches apart)."""
    kept: list[WordMatch] = []
    for match in sorted(found, key=lambda m: (m.cleared, m.rule, m.start, -m.end)):
        last = kept[-1] if kept else None
        if (
            last is not None
            and (last.cleared, last.rule) == (match.cleared, match.rule)
            and match.start < last.end
        ):
            continue
        kept.append(match)
    return kept
