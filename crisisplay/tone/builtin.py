"""The built-in tone rules applied to a text: which words broke which rule, and where.

``rules_for(lang)`` compiles a language's rules once per process; ``matches`` runs them over
the tokens of a text. Only French and English have built-in rules; other languages rely on the
organisation file's patterns alone.
"""

from __future__ import annotations

import functools
from collections.abc import Sequence
from dataclasses import dataclass

from crisisplay.tone.patterns import Pattern, compile_pattern, find_all, vocabulary
from crisisplay.tone.spec import RuleSpec
from crisisplay.tone.when import KnownTimes, when_at
from crisisplay.tone.words import Token, tokens_of


@dataclass(frozen=True)
class BuiltinRule:
    spec: RuleSpec
    patterns: tuple[Pattern, ...]
    unless: tuple[Pattern, ...]


@dataclass(frozen=True)
class WordMatch:
    """Where a rule fired, as character offsets into the text."""

    rule: str
    start: int
    end: int


@functools.cache
def rules_for(lang: str) -> tuple[BuiltinRule, ...]:
    if lang == "fr":
        from crisisplay.tone import rules_fr as module
    elif lang == "en":
        from crisisplay.tone import rules_en as module  # type: ignore[no-redef]
    else:
        return ()
    return tuple(
        BuiltinRule(
            spec,
            tuple(compile_pattern(p, module.SETS) for p in spec.patterns),
            tuple(compile_pattern(p, module.SETS) for p in spec.unless),
        )
        for spec in module.RULES
    )


#: how much of a text the word rules read
MAX_WORDS_READ = 100_000


def matches(
    rules: Sequence[BuiltinRule], text: str, lang: str, known: KnownTimes
) -> list[WordMatch]:
    """Every match of ``rules`` in ``text``; a word is lemmatised only if some rule applies."""
    if not rules or not text.strip():
        return []
    # No message is this long (the longest channel takes some 63,000 characters): past it, a
    # pasted file is counted and flagged for its length, not read word by word.
    tokens = tokens_of(text[:MAX_WORDS_READ], lang)
    vocab = vocabulary(tokens)
    found: list[WordMatch] = []
    for rule in rules:
        for pattern in rule.patterns:
            for first, last in find_all(pattern, tokens, vocab):
                if _kept(rule, tokens, first, last, known):
                    found.append(WordMatch(rule.spec.id, tokens[first].start, tokens[last - 1].end))
    return _without_overlaps(found)


def _kept(
    rule: BuiltinRule, tokens: Sequence[Token], first: int, last: int, known: KnownTimes
) -> bool:
    if rule.unless:
        start = first
        while start > 0 and tokens[start - 1].kind != "end":
            start -= 1
        sentence = tokens[start:last]
        if any(find_all(pattern, sentence) for pattern in rule.unless):
            return False
    if rule.spec.timed:
        times = [when_at(tokens, i) for i in range(first, last)]
        said = [found[1] for found in times if found is not None]
        return not said or not all(known.knows(when) for when in said)
    return True


def _without_overlaps(found: list[WordMatch]) -> list[WordMatch]:
    """One finding per rule and place: two patterns of a rule on the same words count once."""
    kept: list[WordMatch] = []
    for match in sorted(found, key=lambda m: (m.rule, m.start, -m.end)):
        if kept and kept[-1].rule == match.rule and match.start < kept[-1].end:
            continue
        kept.append(match)
    return kept
