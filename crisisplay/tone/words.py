"""A text cut into words with their lemmas, each with its span in the text.

Times (``14h30``, ``2pm``), numbers, links and sentence ends are tokens of their own, so a
pattern can ask for "a time" or stop at the end of a sentence. French elisions (``n'``, ``qu'``)
and English contractions (``isn't``, ``it's``) become the words they stand for, with the span
of what was written. Words are compared folded: lower case, no accents, ``œ`` as ``oe``, so
"coeur" typed on a phone is "cœur".
"""

from __future__ import annotations

import functools
import re
import unicodedata
from dataclasses import dataclass

from crisisplay.tone.forms import infinitives
from crisisplay.tone.lemmas import lemmas_of

_PLAIN = str.maketrans({"\u2019": "'", "\u2018": "'", "\u02bc": "'", "\xa0": " ", "\u202f": " "})
_URL = (
    r"(?:https?://|www\.)[^\s<>\"]*[^\s<>\".,;:!?)]"
    # A domain has a few labels: bounded, so a text like "a.a.a.a..." is read in linear time.
    r"|\b(?:[a-z0-9-]{1,63}\.){1,8}(?:fr|com|net|org|eu|example)\b(?:/[^\s<>\"]*[^\s<>\".,;:!?)])?"
)
_CLOCK = {
    "fr": r"\b(?:[01]?\d|2[0-3])\s?h\s?(?:[0-5]\d)?(?![\w])|\b(?:[01]?\d|2[0-3]):[0-5]\d\b",
    "en": r"\b(?:1[0-2]|0?[1-9])(?:[:.][0-5]\d)?\s?(?:am|pm|a\.m\.|p\.m\.)(?!\w)"
    r"|\b(?:[01]?\d|2[0-3])[:.][0-5]\d\b",
}
_REST = (
    # "4G" is one word, not a number and a letter
    rf"(?P<url>{_URL})|(?P<network>\b[2-5]G\b)|(?P<num>\d+(?:[ ,.]\d{{3}})*(?:[.,]\d+)?)"
    r"|(?P<word>aujourd'hui|[^\W\d_]+(?:'[^\W\d_]+)?'?)|(?P<end>[.!?;:\u2026])|(?P<sym>[,%()])"
)


@functools.cache
def _tokens(lang: str) -> re.Pattern[str]:
    """Compiled for the languages a run lints, not at import."""
    clock = _CLOCK.get(lang, _CLOCK["en"])
    return re.compile(rf"(?P<time>{clock})|{_REST}", re.IGNORECASE)


_FR_ELISIONS = {
    "n'": "ne", "l'": "le", "d'": "de", "j'": "je", "m'": "me", "t'": "te", "s'": "se",
    "c'": "ce", "qu'": "que", "jusqu'": "jusque", "lorsqu'": "lorsque", "puisqu'": "puisque",
}  # fmt: skip
_EN_ENDINGS = {"'re": "are", "'m": "am", "'ve": "have", "'ll": "will", "'d": "would"}
_EN_IS = frozenset({"it", "that", "there", "what", "here", "he", "she", "who", "this"})
_EN_NOT_BASES = {"ca": "can", "wo": "will", "sha": "shall"}


@dataclass(frozen=True)
class Token:
    """One word (or time, number, link, sentence end, comma, percent sign) of a text."""

    kind: str  # word, time, num, url, end, sym
    text: str
    fold: str
    lemma: str
    start: int
    end: int
    clock: tuple[int, int] | None = None
    #: French: the infinitives the word is a regular form of (``crisisplay.tone.forms``)
    infinitives: tuple[str, ...] = ()


@functools.lru_cache(maxsize=8192)
def fold(word: str) -> str:
    """Lower case without accents: what a pattern's word is compared with (remembered: the
    rules' words and a message's words come back often)."""
    if word.isascii():
        return word.lower()
    word = word.lower().replace("œ", "oe").replace("æ", "ae")
    decomposed = unicodedata.normalize("NFD", word)
    return "".join(c for c in decomposed if unicodedata.category(c) != "Mn")


def tokens_of(text: str, lang: str) -> list[Token]:
    """The tokens of ``text`` (spans index ``text``), words with their lemmas."""
    plain = text.translate(_PLAIN)
    raw: list[tuple[str, str, int, int]] = []
    for match in _tokens(lang).finditer(plain):
        kind = match.lastgroup or "sym"
        start, end = match.span()
        if kind == "network":
            raw.append(("word", match.group(), start, end))
        elif kind == "word":
            raw += _words(match.group(), lang, start, end)
        else:
            raw.append((kind, match.group(), start, end))
    lemmas = lemmas_of((w.lower() for kind, w, _, _ in raw if kind == "word"), lang)
    return [_token(kind, word, start, end, lemmas, lang) for kind, word, start, end in raw]


def _token(kind: str, word: str, start: int, end: int, lemmas: dict[str, str], lang: str) -> Token:
    folded = fold(word)
    if kind == "word":
        lemma = fold(lemmas.get(word.lower(), word))
        verbs = infinitives(folded) if lang == "fr" else ()
        return Token(kind, word, folded, lemma, start, end, infinitives=verbs)
    clock = _clock(word) if kind == "time" else None
    return Token(kind, word, folded, folded, start, end, clock)


def _words(word: str, lang: str, start: int, end: int) -> list[tuple[str, str, int, int]]:
    low = word.lower()
    if lang == "fr" and "'" in low and low != "aujourd'hui":
        head, _, tail = word.partition("'")
        first = _FR_ELISIONS.get(head.lower() + "'", head.lower())
        rest = [("word", tail, start, end)] if tail else []  # as written: "l'EPC" is jargon
        return [("word", first, start, end), *rest]
    if lang == "en" and "'" in low:
        return [("word", part, start, end) for part in _english(low)]
    return [("word", word, start, end)]


def _english(word: str) -> list[str]:
    if word.endswith("n't"):
        base = word[:-3]
        return [_EN_NOT_BASES.get(base, base), "not"]
    head, _, tail = word.partition("'")
    if not tail:
        return [head]
    if f"'{tail}" in _EN_ENDINGS:
        return [head, _EN_ENDINGS[f"'{tail}"]]
    if tail == "s" and head in _EN_IS:
        return [head, "is"]
    return [head]


def _clock(text: str) -> tuple[int, int] | None:
    digits = re.findall(r"\d+", text)
    if not digits:
        return None
    hours = int(digits[0])
    minutes = int(digits[1]) if len(digits) > 1 else 0
    low = text.lower()
    if "p" in low and hours < 12:
        hours += 12
    elif "a" in low and hours == 12:
        hours = 0
    return hours, minutes
