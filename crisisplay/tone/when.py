"""Times and delays in a text: "à 14h30", "dans 2 heures", "d'ici ce soir", "within the hour",
"dans moins d'une heure", "in a few minutes", "sous 48 heures", "avant midi".

A promise of a time is fine when the time is one the cell validated (the next update, an ETA
fact the template inserts): the renderer passes those as ``KnownTimes``, and a promise whose
times are all known is not reported. A vague time ("ce soir", "tomorrow") is never known.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from crisisplay.tone.words import Token

# What a time said in words is worth: a clock time, a delay in minutes, or only "some time".
When = tuple[str, int]
VAGUE: When = ("vague", 0)

_DELAY_BEFORE = frozenset(
    {"dans", "sous", "en", "comptez", "in", "within", "under", "allow"}
)  # fmt: skip
_CLOCK_BEFORE = frozenset({"ici", "avant", "vers", "a", "des", "by", "at", "before", "around"})
# "la réparation prendra moins d'une heure": a duration said is a delay
_LASTING = frozenset({"prendre", "durer", "take", "last"})
_PAST_BEFORE = frozenset({"depuis", "since", "from"})
_UNITS = {
    "minute": 1, "min": 1, "mn": 1, "heure": 60, "h": 60, "hour": 60, "hr": 60, "jour": 1440,
    "day": 1440, "instant": 1, "moment": 1, "seconde": 0, "second": 0,
}  # fmt: skip
_QUANTITIES = {
    "un": 1, "une": 1, "a": 1, "an": 1, "one": 1, "deux": 2, "two": 2, "trois": 3, "three": 3,
    "quatre": 4, "four": 4, "cinq": 5, "five": 5, "dix": 10, "ten": 10, "quinze": 15,
    "fifteen": 15, "trente": 30, "thirty": 30, "demi": 0, "half": 0, "six": 6, "sept": 7,
    "seven": 7, "huit": 8, "eight": 8, "neuf": 9, "nine": 9, "douze": 12, "twelve": 12,
    "vingt": 20, "twenty": 20, "quarante": 40, "forty": 40, "soixante": 60, "sixty": 60,
}  # fmt: skip
_SOME = frozenset({"quelques", "quelque", "few", "several", "plusieurs"})
# Units only with an amount: "dans quelques instants", not "en ce moment"
_MOMENTS = frozenset({"instant", "moment", "seconde", "second"})
# "une dizaine de minutes"
_ROUGHLY = {
    "dizaine": 10, "quinzaine": 15, "vingtaine": 20, "trentaine": 30, "quarantaine": 40,
    "cinquantaine": 50, "soixantaine": 60, "couple": 2,
}  # fmt: skip
# Words that make a delay approximate, not less of a promise: "dans moins d'une heure".
_APPROXIMATE = (
    ("moins", "de"), ("plus", "de"), ("a", "peine"), ("tout", "au", "plus"), ("au", "plus"),
    ("environ",), ("less", "than"), ("more", "than"), ("under",), ("about",), ("around",),
    ("roughly",), ("approximately",), ("at", "most"), ("just",), ("juste",), ("les",),
    ("the",), ("prochaines",), ("prochains",), ("next",),
)  # fmt: skip
# Words that are a time only after "the", "this", "end of"...: "by the end of the day", "late
# morning", not "on a normal day".
_VAGUE_AFTER_FILLER = frozenset({"day", "morning", "matin", "midday", "lunchtime"})
# "une petite heure", "a good hour"
_SIZES = frozenset({"petit", "petite", "bon", "bonne", "grosse", "good", "full", "solid"})
# A time of day said in words.
_NAMED_CLOCKS = {"midi": 12 * 60, "minuit": 0, "noon": 12 * 60, "midnight": 0}
# "dans les prochaines heures", "in the coming hours": a delay nobody can check.
_COMING = frozenset({"prochain", "prochaine", "prochains", "prochaines", "next", "coming"})
# Words that are a time of their own, or start one ("la journée", "the end of the day").
_VAGUE_WORDS = frozenset(
    {"soir", "soiree", "demain", "tonight", "tomorrow", "journee", "matinee", "apres", "later",
     "evening", "afternoon", "weekend"}
)  # fmt: skip
_MONTHS = {
    name: number
    for number, names in enumerate(
        (
            "janvier january", "fevrier february", "mars march", "avril april", "mai may",
            "juin june", "juillet july", "aout august", "septembre september",
            "octobre october", "novembre november", "decembre december",
        ),
        start=1,
    )
    for name in names.split()
}  # fmt: skip
_WEEKDAYS = frozenset(
    {"lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche", "monday",
     "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"}
)  # fmt: skip
_FILLERS = frozenset(
    {"ce", "cet", "cette", "le", "la", "les", "de", "the", "this", "of", "end", "fin", "late",
     "early", "debut", "milieu", "mid"}
)  # fmt: skip


@dataclass(frozen=True)
class KnownTimes:
    """Times the cell validated: clock times ``(hours, minutes)`` and delays in minutes."""

    clocks: frozenset[tuple[int, int]] = frozenset()
    delays: frozenset[int] = frozenset()
    #: days as ``month * 100 + day`` (a refund date confirmed by billing)
    dates: frozenset[int] = frozenset()

    def knows(self, when: When) -> bool:
        kind, value = when
        if kind == "clock":
            return divmod(value, 60) in self.clocks
        if kind == "date":
            return value in self.dates
        return kind == "delay" and value in self.delays


NO_KNOWN_TIMES = KnownTimes()


def when_at(tokens: Sequence[Token], i: int) -> tuple[int, When] | None:
    """A time said from token ``i``: where it ends and what it is worth, else ``None``."""
    if i >= len(tokens) or (i > 0 and tokens[i - 1].fold in _PAST_BEFORE):
        return None
    token = tokens[i]
    if token.fold in _DELAY_BEFORE | _CLOCK_BEFORE:
        return _after_preposition(tokens, i + 1, delay=token.fold in _DELAY_BEFORE)
    if token.lemma in _LASTING:
        found = _after_preposition(tokens, i + 1, delay=True)
        return found if found is not None and found[1] != VAGUE else None
    if token.kind == "time" and token.clock is not None:
        return i + 1, ("clock", token.clock[0] * 60 + token.clock[1])
    return _vague(tokens, i)


def _after_preposition(
    tokens: Sequence[Token], start: int, *, delay: bool
) -> tuple[int, When] | None:
    i = _past_approximation(tokens, start)
    if i >= len(tokens):
        return None
    token = tokens[i]
    if token.kind == "time" and token.clock is not None:
        hours, minutes = token.clock
        if delay:
            return i + 1, ("delay", hours * 60 + minutes)
        return i + 1, ("clock", hours * 60 + minutes)
    if token.fold in _NAMED_CLOCKS:
        return i + 1, ("clock", _NAMED_CLOCKS[token.fold])
    found = _delay(tokens, i)
    return found if found is not None else _vague(tokens, start, after_preposition=True)


def _past_approximation(tokens: Sequence[Token], i: int) -> int:
    """Where the delay starts after "moins de", "less than", "environ", "les prochaines"..."""
    moved = True
    while moved:
        moved = False
        for words in _APPROXIMATE:
            if tuple(t.fold for t in tokens[i : i + len(words)]) == words:
                i, moved = i + len(words), True
                break
    return i


def _delay(tokens: Sequence[Token], i: int) -> tuple[int, When] | None:
    """``2 heures 30``, ``une demi-heure``, ``1 jour et 6 heures``, ``quelques minutes``."""
    total, end, vague = 0, i, False
    while end < len(tokens):
        amount, step = _quantity(tokens, end)
        if step == 0 or end + step >= len(tokens) or tokens[end + step].lemma not in _UNITS:
            break
        unit = _UNITS[tokens[end + step].lemma]
        vague = vague or amount is None
        total += unit // 2 if amount == 0 else (amount or 0) * unit
        end += step + 1
        if end < len(tokens) and tokens[end].kind == "num" and unit == 60:
            total += int(tokens[end].text)
            end += 1
        if end < len(tokens) and tokens[end].fold in {"et", "and"}:
            end += 1
    if end == i:
        return None
    return end, VAGUE if vague else ("delay", total)


def _quantity(tokens: Sequence[Token], i: int) -> tuple[int | None, int]:
    """The amount at ``i`` and how many tokens it takes (0: no amount); ``None``: "a few"."""
    amount, step = _amount(tokens, i)
    # "une petite heure", "une dizaine de minutes", "a couple of hours"
    while step and i + step < len(tokens) and tokens[i + step].fold in _SIZES | {"de", "of"}:
        step += 1
    return amount, step


def _amount(tokens: Sequence[Token], i: int) -> tuple[int | None, int]:
    token = tokens[i]
    if token.kind == "num" and token.text.isdigit():
        return int(token.text), 1
    if token.fold in _SOME:
        return None, 1
    if token.fold in _QUANTITIES:
        nxt = tokens[i + 1].fold if i + 1 < len(tokens) else ""
        if nxt in {"demi", "half"}:
            return 0, 2
        if token.fold == "half" and nxt in {"an", "a"}:
            return 0, 2
        if nxt in _SOME:
            return None, 2  # "a few"
        if nxt in _ROUGHLY:
            return _ROUGHLY[nxt], 2
        return _QUANTITIES[token.fold], 1
    return None, 0


def _vague(
    tokens: Sequence[Token], i: int, *, after_preposition: bool = False
) -> tuple[int, When] | None:
    """ "ce soir", "demain", "dans la journée"; "l'heure" only after "dans" ("dans l'heure"),
    not in "l'heure de retour"."""
    dated = _date(tokens, i)
    if dated is not None:
        return dated
    end = i
    while end < len(tokens) and end - i < 4 and tokens[end].fold in _FILLERS | _COMING:
        end += 1
    if end >= len(tokens):
        return None
    token = tokens[end]
    if token.fold in _VAGUE_WORDS | _WEEKDAYS:
        return end + 1, VAGUE
    if end > i and token.fold in _VAGUE_AFTER_FILLER:
        return end + 1, VAGUE
    if after_preposition and end == i and token.fold == "peu":
        return end + 1, VAGUE  # "d'ici peu", "sous peu"
    if after_preposition and end > i and token.fold in {"heure", "hour"}:
        return end + 1, VAGUE  # "dans l'heure", "within the hour"
    if after_preposition and end > i and token.lemma in _UNITS.keys() - _MOMENTS:
        return end + 1, VAGUE  # "dans les prochaines heures", "dans les minutes qui viennent"
    return None


def _date(tokens: Sequence[Token], i: int) -> tuple[int, When] | None:
    """``mardi 8 avril``, ``le 1er mars``, ``Tuesday 8 April``, ``April 8``."""
    start = i + 1 if tokens[i].fold in {"le", "the", "on"} else i
    if start < len(tokens) and tokens[start].fold in _WEEKDAYS:
        start += 1
    rest = [t.fold for t in tokens[start : start + 3]] + ["", "", ""]
    if rest[0].isdigit() and rest[1] == "er" and rest[2] in _MONTHS:
        return start + 3, ("date", _MONTHS[rest[2]] * 100 + int(rest[0]))
    if rest[0].isdigit() and rest[1] in _MONTHS:
        return start + 2, ("date", _MONTHS[rest[1]] * 100 + int(rest[0]))
    if rest[0] in _MONTHS and rest[1].isdigit():
        return start + 2, ("date", _MONTHS[rest[0]] * 100 + int(rest[1]))
    return None
