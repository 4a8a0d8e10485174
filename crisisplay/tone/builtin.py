"""The built-in tone rules applied to a text: which words broke which rule, and where.

``rules_for(lang)`` compiles a language's rules once per process; ``matches`` runs them over
the tokens of a text. A pattern needs one word of each of some sets ("garantir|promettre",
"@trouble"...): a language's rules share an index from each word to the sets it is in, so a
text's words say at once which patterns can match, and only those are searched. Only French
and English have built-in rules; other languages rely on the organisation file's patterns
alone. A match the context clears (a negation, a past tense, a validated time) is returned too,
marked ``cleared``: the words were read and found fine, so an organisation pattern on the same
words is not reported either.
"""

from __future__ import annotations

import contextlib
import dataclasses
import functools
import os
import pickle
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from crisisplay.cachedir import (
    CacheFolder,
    read_entry,
    source_fingerprint,
    user_cache,
    write_entry,
)
from crisisplay.tone import rules_en, rules_fr
from crisisplay.tone.negation import negated
from crisisplay.tone.patterns import (
    Element,
    Pattern,
    anchor,
    compile_pattern,
    find_all,
    match_at,
    needs,
    starts_with_when,
    vocabulary,
)
from crisisplay.tone.spec import RuleSpec
from crisisplay.tone.when import KnownTimes, when_at
from crisisplay.tone.words import Token, in_future, tokens_of

# The groups of a rule's patterns (``RuleSpec``): plain, polar (a negation is their meaning),
# asserted (a "si" before them makes them a case to check), others (what another did: fine when
# the text owns the fault).
_PLAIN, _POLAR, _ASSERTED, _OTHERS = "plain", "polar", "asserted", "others"


@dataclass(frozen=True)
class Searched:
    """A pattern a rule searches, its group, the numbers of the word sets it needs, and where
    a match may start: at most ``reach`` tokens before one of the ``anchor`` words, or where a
    time is said (``when``), or anywhere (neither)."""

    group: str
    pattern: Pattern
    needs: frozenset[int]
    anchor: frozenset[str] | None = None
    reach: int = 0
    when: bool = False


@dataclass(frozen=True)
class WordIndex:
    """For each word, the numbers of the word sets (of a language's patterns) it is in."""

    sets_of: dict[str, frozenset[int]]

    def met(self, vocab: frozenset[str]) -> frozenset[int]:
        """The word sets a text with these words has a word of."""
        found = [self.sets_of[word] for word in vocab if word in self.sets_of]
        return frozenset().union(*found)


@dataclass(frozen=True)
class BuiltinRule:
    spec: RuleSpec
    searched: tuple[Searched, ...]
    unless: tuple[Pattern, ...]
    unless_after: tuple[Pattern, ...]
    index: WordIndex
    owning: tuple[Pattern, ...] = ()
    #: the places in ``searched`` of the patterns that need no word, and of those that need a
    #: word of a set, by the number of their smallest such set: a text's words say at once
    #: which patterns to try
    free: tuple[int, ...] = ()
    by_need: dict[int, tuple[int, ...]] = dataclasses.field(default_factory=dict)
    #: for each of ``unless``: the words it must take one of and how far before them it may
    #: start (``crisisplay.tone.patterns.anchor``), when that can be said
    unless_anchors: tuple[tuple[frozenset[str], int] | None, ...] = ()

    def candidates(self, met: frozenset[int]) -> list[int]:
        """The places of the patterns whose every needed set a text has a word of."""
        found = list(self.free)
        for number in met.intersection(self.by_need):
            found += self.by_need[number]
        return sorted(rank for rank in set(found) if self.searched[rank].needs <= met)


@dataclass(frozen=True)
class WordMatch:
    """Where a rule fired, as character offsets into the text; ``cleared`` when its context
    makes it fine."""

    rule: str
    start: int
    end: int
    cleared: bool = False
    #: the place of its pattern in its rule: on the same words, the first pattern speaks
    rank: int = 0


_RULES: dict[str, Any] = {"fr": rules_fr, "en": rules_en}


@functools.cache
def rules_for(lang: str) -> tuple[BuiltinRule, ...]:
    """The built-in rules of ``lang``, compiled: from the user's cache when this very code
    compiled them before (building them costs more than any text they read)."""
    if lang not in _RULES:
        return ()
    folder = _cache_folder()
    if folder is not None:
        data = read_entry(folder, lang)
        if data is not None:
            with contextlib.suppress(Exception):  # a stale or damaged entry is a miss
                # Trusted: written by this user into a private folder (``crisisplay.cachedir``).
                found = pickle.loads(data)  # noqa: S301
                if isinstance(found, tuple) and all(isinstance(r, BuiltinRule) for r in found):
                    return found
    rules = _build(lang)
    if folder is not None:
        write_entry(folder, lang, pickle.dumps(rules, protocol=pickle.HIGHEST_PROTOCOL))
    return rules


def _cache_folder() -> CacheFolder | None:
    """Where compiled rules are kept: a folder per version of the code that compiles them."""
    base = user_cache(os.environ)
    if base is None:
        return None
    here = Path(__file__).resolve().parent
    sources = [*sorted(here.glob("*.py")), here.parent / "cachedir.py"]
    return base.child(f"tone-{source_fingerprint(*sources)}-{sys.implementation.cache_tag}")


def _build(lang: str) -> tuple[BuiltinRule, ...]:
    module = _RULES[lang]

    built: dict[tuple[str, bool], Element] = {}
    numbers: dict[frozenset[str], int] = {}
    sets_of: dict[str, set[int]] = {}

    def compiled(sources: tuple[str, ...], negatable: bool = False) -> tuple[Pattern, ...]:
        return tuple(
            compile_pattern(p, module.SETS, negatable=negatable, built=built) for p in sources
        )

    def searched(group: str, sources: tuple[str, ...], negatable: bool) -> list[Searched]:
        found = []
        for pattern in compiled(sources, negatable):
            wanted = set()
            for values in needs(pattern):
                if values not in numbers:
                    numbers[values] = len(numbers)
                    for word in values:
                        sets_of.setdefault(word, set()).add(numbers[values])
                wanted.add(numbers[values])
            anchored = anchor(pattern)
            words, reach = anchored if anchored is not None else (None, 0)
            found.append(
                Searched(group, pattern, frozenset(wanted), words, reach, starts_with_when(pattern))
            )
        return found

    parts = [
        (
            spec,
            searched(_PLAIN, spec.patterns, spec.negatable)
            + searched(_POLAR, spec.polar, spec.negatable)
            + searched(_ASSERTED, spec.asserted, spec.negatable)
            + searched(_OTHERS, spec.others, spec.negatable),
        )
        for spec in module.RULES
    ]
    index = WordIndex({word: frozenset(sets) for word, sets in sets_of.items()})
    size = {number: len(values) for values, number in numbers.items()}

    def assembled(spec: RuleSpec, found: list[Searched]) -> BuiltinRule:
        by_need: dict[int, list[int]] = {}
        free = []
        for rank, item in enumerate(found):
            if item.needs:
                by_need.setdefault(min(item.needs, key=size.__getitem__), []).append(rank)
            else:
                free.append(rank)
        unless = compiled(spec.unless)
        return BuiltinRule(
            spec,
            tuple(found),
            unless,
            compiled(spec.unless_after),
            index,
            compiled(spec.owning),
            tuple(free),
            {number: tuple(ranks) for number, ranks in by_need.items()},
            tuple(anchor(pattern) for pattern in unless),
        )

    return tuple(assembled(spec, found) for spec, found in parts)


#: how much of a text the word rules read
MAX_WORDS_READ = 100_000
_IF = frozenset({"si", "if", "unless"})
# Verbs that ask the customer to check whether: "regardez si...", "check if..."
_CHECK = frozenset(
    {"regardez", "verifiez", "voyez", "controlez", "checkez", "regarder", "verifier", "check",
     "see"}
)  # fmt: skip


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
    met = rules[0].index.met(vocabulary(tokens))
    at = _positions(tokens)
    timed: list[int] | None = None  # where a time is said, once asked
    found: list[WordMatch] = []
    for rule in rules:
        owned: bool | None = None  # whether the text owns the fault, once asked
        for rank in rule.candidates(met):
            item = rule.searched[rank]
            if item.when and timed is None:
                timed = [i for i in range(len(tokens)) if when_at(tokens, i) is not None]
            starts = _starts(item, at, timed or [])
            for first, last in find_all(item.pattern, tokens, starts=starts):
                polar = item.group == _POLAR
                cleared = not _kept(rule, tokens, first, last, known, at, polar=polar)
                if item.group == _ASSERTED and not cleared:
                    cleared = _after_if(tokens, first)
                if item.group == _OTHERS and not cleared:
                    if owned is None:
                        owned = any(find_all(pattern, tokens) for pattern in rule.owning)
                    cleared = owned
                start, end = tokens[first].start, tokens[last - 1].end
                found.append(WordMatch(rule.spec.id, start, end, cleared, rank))
    return _without_overlaps(found)


def _positions(tokens: Sequence[Token]) -> dict[str, list[int]]:
    """Where each written form, lemma, infinitive and singular of a text is (and each word as
    written, after a ``=``)."""
    at: dict[str, list[int]] = {}
    for i, token in enumerate(tokens):
        forms = {token.fold, token.lemma, "=" + token.text, *token.infinitives}
        if token.singular:
            forms.add(token.singular)
        for form in forms:
            at.setdefault(form, []).append(i)
    return at


def _starts(item: Searched, at: dict[str, list[int]], timed: list[int]) -> list[int] | None:
    """The positions a match of ``item`` may start at, or ``None``: any."""
    if item.when:
        return timed
    if item.anchor is None:
        return None
    found = {i for word in item.anchor if word in at for i in at[word]}
    if item.reach:
        found = {i - back for i in found for back in range(item.reach + 1) if i >= back}
    return sorted(found)


def _kept(
    rule: BuiltinRule,
    tokens: Sequence[Token],
    first: int,
    last: int,
    known: KnownTimes,
    at: dict[str, list[int]],
    *,
    polar: bool = False,
) -> bool:
    if rule.unless:
        start = first
        while start > 0 and tokens[start - 1].kind != "end":
            start -= 1
        sentence = tokens[start:last]
        for pattern, anchored in zip(rule.unless, rule.unless_anchors, strict=True):
            starts = None if anchored is None else _within(anchored, at, start, last)
            for _, end in find_all(pattern, sentence, starts=starts):
                if not any(in_future(t) for t in tokens[start + end : last]):
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


def _within(
    anchored: tuple[frozenset[str], int], at: dict[str, list[int]], start: int, last: int
) -> list[int]:
    """Where in ``tokens[start:last]`` a match anchored on these words may start."""
    words, reach = anchored
    found = {i - back for word in words for i in at.get(word, ()) for back in range(reach + 1)}
    return sorted(i - start for i in found if start <= i < last)


def _after_if(tokens: Sequence[Token], first: int) -> bool:
    """Whether a "si" or "if" comes before ``tokens[first]`` in its sentence, setting a
    condition: not the "si" of a question put to the customer ("regardez si votre mode avion
    est coupé")."""
    i = first - 1
    while i >= 0 and tokens[i].kind != "end":
        if tokens[i].fold in _IF:
            asked = i > 0 and tokens[i - 1].fold in _CHECK
            return not asked
        i -= 1
    return False


def _without_overlaps(found: list[WordMatch]) -> list[WordMatch]:
    """One finding per rule and place: two patterns of a rule on the same words count once
    (kept and cleared matches apart), as the rule's first pattern found them: the broad
    patterns a rule lists last ("vos SMS partiront d'ici 30 min") do not widen what a narrow
    one found ("reviendra d'ici quelques minutes")."""
    kept: list[WordMatch] = []
    for match in sorted(found, key=lambda m: (m.cleared, m.rule, m.rank, m.start, -m.end)):
        if not any(
            (other.cleared, other.rule) == (match.cleared, match.rule)
            and match.start < other.end
            and other.start < match.end
            for other in kept
        ):
            kept.append(match)
    return sorted(kept, key=lambda m: (m.cleared, m.rule, m.start))
