"""Times and delays in a text: "à 14h30", "dans 2 heures", "d'ici ce soir", "within the hour",
"dans moins d'une heure", "in a few minutes", "sous 48 heures", "avant midi".

The time of the next update is no promise of a return: in "le service revient progressivement,
prochain point à 18h", "à 18h" is when the cell speaks again ("point", "update", "on vous tient
au courant", "rendez-vous"), not when the service is back.

A promise of a time is fine when the time is one the cell validated (the next update, an ETA
fact the template inserts): the renderer passes those as ``KnownTimes``, and a promise whose
times are all known is not reported. A vague time ("ce soir", "tomorrow") is never known.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from crisisplay.tone.words import Token, Tokens

# What a time said in words is worth: a clock time, a delay in minutes, or only "some time".
When = tuple[str, int]
VAGUE: When = ("vague", 0)

_DELAY_BEFORE = frozenset(
    {"dans", "sous", "en", "comptez", "in", "within", "under", "allow"}
)  # fmt: skip
_CLOCK_BEFORE = frozenset(
    {"ici", "avant", "vers", "a", "des", "pour", "by", "at", "before", "around"}
)  # fmt: skip
# "pour l'heure", "pour le moment": for now, not a time
_FOR_NOW = (("pour", "le", "heure"), ("pour", "le", "moment"), ("pour", "le", "instant"))
# "la réparation prendra moins d'une heure": a duration said is a delay
_LASTING = frozenset({"prendre", "durer", "take", "last"})
_PAST_BEFORE = frozenset({"depuis", "since", "from"})
_UNITS = {
    "minute": 1, "min": 1, "mn": 1, "heure": 60, "h": 60, "hour": 60, "hr": 60, "jour": 1440,
    "day": 1440, "instant": 1, "moment": 1, "seconde": 0, "second": 0, "sec": 0, "mins": 1,
    "hrs": 60,
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
    "cinquantaine": 50, "soixantaine": 60, "couple": 2, "paire": 2,
}  # fmt: skip
# Words that make a delay approximate, not less of a promise: "dans moins d'une heure".
_APPROXIMATE = (
    ("moins", "de"), ("plus", "de"), ("a", "peine"), ("tout", "au", "plus"), ("au", "plus"),
    ("environ",), ("less", "than"), ("more", "than"), ("under",), ("about",), ("around",),
    ("roughly",), ("approximately",), ("at", "most"), ("just",), ("juste",), ("les",),
    ("pas", "plus", "de"), ("pas", "plus", "que"), ("no", "more", "than"),
    ("the",), ("prochaines",), ("prochains",), ("next",),
)  # fmt: skip
# Words that are a time only after "the", "this", "end of"...: "by the end of the day", "late
# morning", not "on a normal day".
_VAGUE_AFTER_FILLER = frozenset(
    {"day", "morning", "matin", "midday", "lunchtime", "dejeuner", "diner", "repas", "lunch",
     "dinner"}
)  # fmt: skip
# "une petite heure", "deux petites heures", "a good hour"
_SIZES = frozenset(
    {"petit", "petite", "petits", "petites", "bon", "bonne", "bons", "bonnes", "grosse",
     "grosses", "good", "full", "solid"}
)  # fmt: skip
# A time of day said in words.
_NAMED_CLOCKS = {"midi": 12 * 60, "minuit": 0, "noon": 12 * 60, "midnight": 0}
# "dans les prochaines heures", "in the coming hours": a delay nobody can check.
_COMING = frozenset({"prochain", "prochaine", "prochains", "prochaines", "next", "coming"})
# Words that are a time of their own, or start one ("la journée", "the end of the day").
_VAGUE_WORDS = frozenset(
    {"soir", "soiree", "demain", "tonight", "tomorrow", "journee", "matinee", "later", "evening",
     "afternoon", "weekend", "aprem", "nuit"}
)  # fmt: skip
# Before a time of day, words that make it a length: "une soirée sans réseau", "toute la nuit".
_LENGTHS = frozenset({"un", "une", "toute", "tout", "pendant", "durant", "a", "an", "all"})
_THIS = frozenset({"ce", "cet", "cette", "this"})
# Spans of days, a time only after a preposition: "d'ici la fin de la semaine", "by next week".
_SPANS = frozenset({"semaine", "mois", "week", "month"})
# Times of their own said in several words: "tout à l'heure", "dans pas longtemps", "cet
# après-midi" (not "après le retour du réseau").
_PHRASES = (
    ("tout", "a", "le", "heure"), ("pas", "longtemps"), ("pas", "tres", "longtemps"),
    ("apres", "midi"), ("de", "un", "moment", "a", "le", "autre"), ("demi", "heure"),
    ("quart", "de", "heure"), ("week", "end"), ("trois", "quarts", "de", "heure"),
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
    {"ce", "cet", "cette", "le", "la", "les", "de", "du", "the", "this", "of", "end", "fin",
     "late", "early", "debut", "milieu", "mid"}
)  # fmt: skip


# Words right before a time that make it the time of the next update: "prochain point à 18h",
# "next update at 16:00"; and the pairs that do it: "au courant", "rendez-vous", "back to you".
_UPDATE_WORDS = frozenset(
    {"point", "update", "updates", "bulletin", "nouvelles", "news", "rdv", "communique"}
)  # fmt: skip
_UPDATE_PAIRS = frozenset(
    {("au", "courant"), ("rendez", "vous"), ("vers", "vous"), ("to", "you"),
     ("touch", "again"), ("posted", "again")}
)  # fmt: skip
# How many words before the time an update word still names it: "le prochain point public est
# prévu à 11h".
_UPDATE_REACH = 4
# What may stand between those words and the time: "prochain point à 18h", "update at 4pm".
_BEFORE_TIME = frozenset({"a", "vers", "de", "des", "pour", "at", "by", "around", "for", "ici"})


_FILLERS_OR_COMING = _FILLERS | _COMING
# The words a time said in words may start with
_STARTERS = (
    _DELAY_BEFORE
    | _CLOCK_BEFORE
    | _FILLERS_OR_COMING
    | _VAGUE_WORDS
    | _WEEKDAYS
    | frozenset(_MONTHS)
    | frozenset(phrase[0] for phrase in _PHRASES)
    | {"du", "the", "on"}
)
# The phrases by their first word: a word starts few of them
_PHRASES_FROM: dict[str, tuple[tuple[str, ...], ...]] = {}
for _phrase in _PHRASES:
    _PHRASES_FROM[_phrase[0]] = (*_PHRASES_FROM.get(_phrase[0], ()), _phrase)


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
    """A time said from token ``i``: where it ends and what it is worth, else ``None`` (read
    once per token of a text's ``Tokens``)."""
    memo = tokens.whens if isinstance(tokens, Tokens) else None
    if memo is not None and i in memo:
        return memo[i]  # type: ignore[return-value]
    found = _when_at(tokens, i)
    if memo is not None:
        memo[i] = found
    return found


def _when_at(tokens: Sequence[Token], i: int) -> tuple[int, When] | None:
    if i >= len(tokens) or (i > 0 and tokens[i - 1].fold in _PAST_BEFORE):
        return None
    token = tokens[i]
    if token.kind in {"sym", "end", "url"} or (
        token.kind == "word" and token.fold not in _STARTERS and token.lemma not in _LASTING
    ):
        return None  # no time starts with this word
    if _announces_update(tokens, i):
        return None
    if tuple(t.fold for t in tokens[i : i + 3]) in _FOR_NOW:
        return None
    if token.fold in _DELAY_BEFORE | _CLOCK_BEFORE:
        return _after_preposition(tokens, i + 1, delay=token.fold in _DELAY_BEFORE)
    if token.lemma in _LASTING:
        found = _after_preposition(tokens, i + 1, delay=True)
        return found if found is not None and found[1] != VAGUE else None
    if token.kind == "time" and token.clock is not None:
        return i + 1, ("clock", token.clock[0] * 60 + token.clock[1])
    return _vague(tokens, i)


def _announces_update(tokens: Sequence[Token], i: int) -> bool:
    """Whether the time said from ``i`` is the one the next update is announced for: an
    update word right before it, or a few words before in its clause ("le prochain point est
    prévu à 11h")."""
    j = i - 1
    while j >= 0 and i - j <= 2 and tokens[j].fold in _BEFORE_TIME:
        j -= 1
    if j > 0 and (tokens[j - 1].fold, tokens[j].fold) in _UPDATE_PAIRS:
        return True
    # "mis à jour à 10h" (when the page was updated), not "la mise à jour de 15h" (a fix)
    if j > 1 and tuple(t.fold for t in tokens[j - 2 : j + 1]) == ("mis", "a", "jour"):
        return True
    for k in range(j, max(-1, j - _UPDATE_REACH), -1):
        if tokens[k].kind == "end" or tokens[k].text == ",":
            return False
        if tokens[k].fold in _UPDATE_WORDS:
            return True
    return False


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
    if i > 0 and tokens[i - 1].fold in _LENGTHS:
        return None  # "une soirée sans réseau", "toute la nuit": how long, not when
    end = i
    while end < len(tokens) and end - i < 4 and tokens[end].fold in _FILLERS_OR_COMING:
        end += 1
    for at in (i, end):
        for words in _PHRASES_FROM.get(tokens[at].fold if at < len(tokens) else "", ()):
            if tuple(t.fold for t in tokens[at : at + len(words)]) == words:
                return at + len(words), VAGUE
    if end >= len(tokens):
        return None
    token = tokens[end]
    if token.fold in _VAGUE_WORDS | _WEEKDAYS:
        return end + 1, VAGUE
    if end > i and token.fold in _VAGUE_AFTER_FILLER:
        return end + 1, VAGUE
    if end > i and token.fold in _NAMED_CLOCKS:
        return end + 1, ("clock", _NAMED_CLOCKS[token.fold])  # "ce midi"
    if after_preposition and _vague_after_preposition(token, filled=end > i):
        return end + 1, VAGUE
    if token.fold in _SPANS and any(t.fold in _THIS for t in tokens[i:end]):
        return end + 1, VAGUE  # "cette semaine", "this week"
    return None


def _vague_after_preposition(token: Token, *, filled: bool) -> bool:
    """Words that are a time only after "dans", "d'ici", "avant"... (``filled``: after "le",
    "les prochaines"...)."""
    if not filled:
        return token.fold == "peu"  # "d'ici peu", "sous peu"
    return (
        token.fold in _SPANS  # "d'ici la fin de la semaine", "avant la fin du mois"
        or token.fold in {"heure", "hour"}  # "dans l'heure", "within the hour"
        # "dans les prochaines heures", "dans les minutes qui viennent"
        or token.lemma in _UNITS.keys() - _MOMENTS
    )


def _date(tokens: Sequence[Token], i: int) -> tuple[int, When] | None:
    """``mardi 8 avril``, ``le 1er mars``, ``Tuesday 8 April``, ``April 8``."""
    start = i + 1 if tokens[i].fold in {"le", "du", "the", "on"} else i
    if start < len(tokens) and tokens[start].fold in _WEEKDAYS:
        start += 1
    rest = [t.fold for t in tokens[start : start + 3]] + ["", "", ""]
    if rest[0].isdigit() and rest[1] == "er" and rest[2] in _MONTHS:
        return start + 3, ("date", _MONTHS[rest[2]] * 100 + int(rest[0]))
    if rest[0].isdigit() and rest[1] in _MONTHS:
        return start + 2, ("date", _MONTHS[rest[1]] * 100 + int(rest[0]))
    if rest[0] in _MONTHS and rest[1].isdigit() and int(rest[1]) <= 31:
        return start + 2, ("date", _MONTHS[rest[0]] * 100 + int(rest[1]))
    return None
