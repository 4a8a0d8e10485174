"""Short patterns over words, the language of the built-in tone rules.

A pattern is a line of elements separated by spaces, matched against consecutive tokens:

- ``garantir|promettre``: a word whose lemma or written form (folded) is one of these;
- ``@trouble``: a word of a named set (``panne|problème|incident...``), also inside ``a|@set``;
- ``=BGP``: exactly this, case and all (acronyms: "IMS" is jargon, "ims" is not a word);
- ``~excus``: a word that starts with this;
- ``TIME``, ``NUM``, ``URL``: a clock time, a number, a link; ``WHEN``: a time or a delay said
  in words ("à 14h", "dans 2 heures", "d'ici ce soir");
- a ``?`` after an element makes it optional; ``!word`` means the next word is not this one;
- ``...`` skips up to 3 words, ``...N`` up to N, never past the end of a sentence; in a rule
  that a negation cancels, never past a negation either ("we cannot promise" is not "we ...
  promise": the negation is read by ``crisisplay.tone.negation``, outside the match).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from crisisplay.tone.negation import negates_at
from crisisplay.tone.when import when_at
from crisisplay.tone.words import Token, fold

DEFAULT_GAP = 3


@dataclass(frozen=True)
class Element:
    test: str  # words, exact, prefix, class, gap
    values: frozenset[str] = frozenset()
    optional: bool = False
    negated: bool = False
    size: int = 0
    stops_at_negation: bool = False  # for a gap: it does not skip a negation

    def accepts(self, token: Token) -> bool:
        if token.kind == "end" and self.test != "class":
            return False
        if self.test == "words":
            return (
                token.fold in self.values
                or token.lemma in self.values
                or not self.values.isdisjoint(token.infinitives)
            )
        if self.test == "exact":
            return token.text in self.values
        if self.test == "prefix":
            return any(token.fold.startswith(value) for value in self.values)
        return token.kind in self.values


Pattern = tuple[Element, ...]


def compile_pattern(
    source: str,
    sets: Mapping[str, str],
    *,
    negatable: bool = False,
    built: dict[tuple[str, bool], Element] | None = None,
) -> Pattern:
    """``source`` as elements; ``sets`` names the word sets that ``@name`` stands for.
    ``negatable``: the gaps do not skip a negation. ``built``: elements already built with
    the same ``sets`` (rules repeat "@restore", "...3"), filled as elements are built."""
    elements = []
    for part in source.split():
        key = (part, negatable)
        element = built.get(key) if built is not None else None
        if element is None:
            element = _element(part, sets, negatable)
            if built is not None:
                built[key] = element
        elements.append(element)
    return tuple(elements)


def _element(part: str, sets: Mapping[str, str], negatable: bool = False) -> Element:
    if part.startswith("..."):
        return Element("gap", size=int(part[3:] or DEFAULT_GAP), stops_at_negation=negatable)
    optional = part.endswith("?") and len(part) > 1
    negated = part.startswith("!")
    body = _expand(part.strip("?!"), sets)
    if body in {"TIME", "NUM", "URL"}:
        return Element("class", frozenset({body.lower()}), optional)
    if body == "WHEN":
        return Element("when", optional=optional)
    if body.startswith("="):
        return Element("exact", frozenset(body[1:].split("|")), optional, negated)
    if body.startswith("~"):
        return Element("prefix", frozenset(fold(body[1:]).split("|")), optional, negated)
    return Element("words", frozenset(fold(w) for w in body.split("|")), optional, negated)


def _expand(body: str, sets: Mapping[str, str]) -> str:
    """``=@acronyms`` or ``a|@trouble`` with each ``@name`` replaced by its words (a set may
    name other sets: ``@device|@setting``)."""
    lead = body[0] if body[:1] in {"=", "~"} else ""
    return lead + "|".join(_words(body[len(lead) :], sets))


def _words(alternatives: str, sets: Mapping[str, str], depth: int = 0) -> list[str]:
    if depth > 3:
        raise ValueError(f"word sets nested too deep: {alternatives}")
    words: list[str] = []
    for word in alternatives.split("|"):
        words += _words(sets[word[1:]], sets, depth + 1) if word.startswith("@") else [word]
    return words


def vocabulary(tokens: Sequence[Token]) -> frozenset[str]:
    """Every written form, lemma and infinitive of ``tokens``: a pattern needing a word absent
    from it cannot match, and is not tried."""
    infinitives = frozenset(word for t in tokens for word in t.infinitives)
    return frozenset(t.fold for t in tokens) | frozenset(t.lemma for t in tokens) | infinitives


def find_all(
    pattern: Pattern, tokens: Sequence[Token], vocab: frozenset[str] | None = None
) -> list[tuple[int, int]]:
    """Token ranges ``[start, end)`` of the non-overlapping matches, left to right."""
    if vocab is not None and not _possible(pattern, vocab):
        return []
    first = pattern[0] if pattern else None
    anchored = (
        first is not None and first.test == "words" and not first.optional and not first.negated
    )
    found: list[tuple[int, int]] = []
    i = 0
    while i < len(tokens):
        if anchored and first is not None and not first.accepts(tokens[i]):
            i += 1
            continue
        end = _match(pattern, 0, tokens, i)
        if end is not None and end > i:
            found.append((i, end))
            i = end
        else:
            i += 1
    return found


def match_at(pattern: Pattern, tokens: Sequence[Token], i: int) -> bool:
    """Whether ``pattern`` matches the tokens starting at ``i``."""
    return _match(pattern, 0, tokens, i) is not None


def _possible(pattern: Pattern, vocab: frozenset[str]) -> bool:
    return all(
        not element.values.isdisjoint(vocab)
        for element in pattern
        if element.test == "words" and not element.optional and not element.negated
    )


def _match(pattern: Pattern, k: int, tokens: Sequence[Token], i: int) -> int | None:
    if k == len(pattern):
        return i
    element = pattern[k]
    if element.test == "gap":
        for skip in range(element.size + 1):
            if skip and (i + skip > len(tokens) or tokens[i + skip - 1].kind == "end"):
                return None
            if skip and element.stops_at_negation and negates_at(tokens, i + skip - 1):
                return None
            end = _match(pattern, k + 1, tokens, i + skip)
            if end is not None:
                return end
        return None
    if element.negated:
        if i < len(tokens) and element.accepts(tokens[i]):
            return None
        return _match(pattern, k + 1, tokens, i)
    step = _step(element, tokens, i)
    if step is not None:
        end = _match(pattern, k + 1, tokens, step)
        if end is not None:
            return end
    return _match(pattern, k + 1, tokens, i) if element.optional else None


def _step(element: Element, tokens: Sequence[Token], i: int) -> int | None:
    """Where the match goes on when ``element`` takes the tokens at ``i``."""
    if i >= len(tokens):
        return None
    if element.test == "when":
        found = when_at(tokens, i)
        return found[0] if found else None
    return i + 1 if element.accepts(tokens[i]) else None
