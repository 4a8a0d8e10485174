"""One publication, one statement of each fact: the channels of a message must agree.

A message goes out on several channels at once, each with its own template; a fact stated one
way on X and another on the status page (a share, a time, the sentence on 112) is worse than
either alone. ``coherence_findings`` reads the rendered texts of one publication and finds
the facts stated differently between channels:

- the sentence on emergency calls: every sentence that names 112 is the scenario's shared
  statement, word for word, on every channel that gives it;
- times by their role: the estimated time of return ("vers 10h45", "around 10:45"), the next
  update ("prochain point à 11h"), the start ("depuis 7h42") and the time of the update
  ("point de 10h");
- figures by their unit: a share (%), a number of customers, an amount (€), a data volume
  (Go, GB) and a calendar date, compared between channels that give exactly one of each.

A channel that leaves a fact out is not at fault (a short text says less); one that states it
differently from the channels most of the publication follows is, and the finding names the
channel, its sentence and the other channel's. The function is pure: the renderer runs it
after rendering every channel of a message, and the publication runs it again before anything
goes out.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from crisisplay.findings import Finding
from crisisplay.messages.rendered import RenderedChannel
from crisisplay.texts import t

_PLAIN = str.maketrans({"\u2019": "'", "\u2018": "'", "\u00a0": " ", "\u202f": " "})
# A sentence ends at . ! ? (not the dot inside a link or a number) or at the end of a line.
_SENTENCE = re.compile(r"(?:[^.!?\n]|[.!?](?=[\w/]))+(?:[.!?]+|\n|$)")
_TIME = {
    "fr": re.compile(r"(?<![\d:,])\b(?P<h>[01]?\d|2[0-3])h(?P<m>[0-5]\d)?\b"),
    "en": re.compile(r"(?<![\d,])\b(?P<h>[01]?\d|2[0-3]):(?P<m>[0-5]\d)\b"),
}
_ROLES = (
    ("estimate", re.compile(r"\b(?:vers|around)\s*$", re.IGNORECASE)),
    ("since", re.compile(r"\b(?:depuis|since)\s*$", re.IGNORECASE)),
    (
        "next",
        re.compile(
            r"\b(?:prochain|nouveau|next|new) (?:point|update)\b[^.?!\d]{0,30}$", re.IGNORECASE
        ),
    ),
    (
        "now",
        re.compile(r"\b(?:point de|update at|mise? à jour à|updated at|stand at)\s*$", re.I),
    ),
)
_MONTHS = {
    "fr": [
        "janvier",
        "février",
        "mars",
        "avril",
        "mai",
        "juin",
        "juillet",
        "août",
        "septembre",
        "octobre",
        "novembre",
        "décembre",
    ],
    "en": [
        "january",
        "february",
        "march",
        "april",
        "may",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december",
    ],
}
_UNITS: dict[str, dict[str, re.Pattern[str]]] = {
    "fr": {
        "percent": re.compile(r"(?P<n>\d+(?:,\d+)?) ?%"),
        "customers": re.compile(
            r"(?P<n>\d{1,3}(?: \d{3})+|\d+(?:,\d+)?)(?P<million> millions?(?: de)?)? clients\b"
        ),
        "euros": re.compile(r"(?P<n>\d{1,3}(?: \d{3})*(?:,\d{1,2})?) ?€"),
        "data": re.compile(r"(?P<n>\d+) ?Go\b"),
        "date": re.compile(rf"\b(?P<n>1er|\d{{1,2}}) (?P<month>{'|'.join(_MONTHS['fr'])})\b"),
    },
    "en": {
        "percent": re.compile(r"(?P<n>\d+(?:\.\d+)?) ?%"),
        "customers": re.compile(
            r"(?P<n>\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?)(?P<million> million)? customers\b"
        ),
        "euros": re.compile(r"€ ?(?P<n>\d{1,3}(?:,\d{3})*(?:\.\d{1,2})?)"),
        "data": re.compile(r"(?P<n>\d+) ?GB\b"),
        "date": re.compile(
            rf"\b(?P<n>\d{{1,2}}) (?P<month>{'|'.join(_MONTHS['en'])})\b", re.IGNORECASE
        ),
    },
}


@dataclass(frozen=True)
class ChannelFinding:
    """A fact one channel states differently from the rest of its publication."""

    channel: str
    #: the channel's sentence that states it
    sentence: str
    finding: Finding


@dataclass(frozen=True)
class _Statement:
    channel: str
    fact: str
    value: str
    sentence: str
    start: int | None


def coherence_findings(rendered: Sequence[RenderedChannel]) -> list[ChannelFinding]:
    """The facts the channels of one publication state differently (see the module docstring).

    Skipped channels are left out; with fewer than two texts there is nothing to compare."""
    texts = [item for item in rendered if item.skipped is None and item.text]
    if len(texts) < 2:
        return []
    statements = [s for item in texts for s in _statements(item)]
    order = [item.channel for item in texts]
    lang = texts[0].lang
    found: list[ChannelFinding] = []
    for fact in dict.fromkeys(s.fact for s in statements):
        of_fact = [s for s in statements if s.fact == fact]
        found += _differing(of_fact, order, lang, single=fact in _UNITS[_lang(lang)])
    return found


def _lang(lang: str) -> str:
    return lang if lang in _UNITS else "en"


def _statements(item: RenderedChannel) -> Iterator[_Statement]:
    lang = _lang(item.lang)
    for part, offset in ((item.title or "", None), (item.text, 0)):
        plain = part.translate(_PLAIN)
        for match in _SENTENCE.finditer(plain):
            sentence = match.group().strip()
            if not sentence:
                continue
            lead = len(match.group()) - len(match.group().lstrip())
            start = None if offset is None else match.start() + lead + offset
            yield from _in_sentence(item.channel, lang, sentence, start)


def _in_sentence(channel: str, lang: str, sentence: str, start: int | None) -> Iterator[_Statement]:
    if re.search(r"(?<![\d+])\b112\b", sentence):
        yield _Statement(channel, "112", _normalised(sentence), sentence, start)
    for match in _TIME[lang].finditer(sentence):
        role = _role(sentence[: match.start()])
        if role is not None:
            value = f"{int(match['h']):02d}:{match['m'] or '00'}"
            yield _Statement(channel, role, value, sentence, start)
    for fact, pattern in _UNITS[lang].items():
        for match in pattern.finditer(sentence):
            yield _Statement(channel, fact, _value(fact, match, lang), sentence, start)


def _role(before: str) -> str | None:
    for role, pattern in _ROLES:
        if pattern.search(before):
            return role
    return None


def _value(fact: str, match: re.Match[str], lang: str) -> str:
    number = match["n"].replace(" ", "")
    number = number.replace(",", ".") if lang == "fr" else number.replace(",", "")
    if fact == "date":
        day = "1" if number == "1er" else str(int(number))
        return f"{day} {match['month'].lower()}"
    if fact == "customers" and match["million"]:
        return f"{float(number) * 1_000_000:.0f}"
    return f"{float(number):g}"


def _normalised(sentence: str) -> str:
    sentence = re.sub(r"^[-•*\d.)\s]+", "", sentence)
    sentence = sentence.strip(" «»\"“”'").rstrip(".")
    return " ".join(sentence.split()).casefold()


def _differing(
    statements: list[_Statement], order: list[str], lang: str, *, single: bool
) -> list[ChannelFinding]:
    by_channel: dict[str, list[_Statement]] = {}
    for statement in statements:
        by_channel.setdefault(statement.channel, []).append(statement)
    if single:  # a figure: compared only where a channel gives one of its kind
        by_channel = {
            channel: said
            for channel, said in by_channel.items()
            if len({s.value for s in said}) == 1
        }
    if len(by_channel) < 2:
        return []
    said_in_order = [s for channel in order for s in by_channel.get(channel, [])]
    votes = Counter(value for said in by_channel.values() for value in {s.value for s in said})
    # The value most channels give; on a tie, the one the first channel gives.
    reference = max(dict.fromkeys(s.value for s in said_in_order), key=lambda v: votes[v])
    witness = next(s for s in said_in_order if s.value == reference)
    found: list[ChannelFinding] = []
    strict = statements[0].fact == "112"
    for channel in order:
        said = by_channel.get(channel, [])
        values = {s.value for s in said}
        if not said or (reference in values and (not strict or values == {reference})):
            continue
        odd = next(s for s in said if s.value != reference)
        found.append(_channel_finding(odd, witness, lang))
    return found


def _channel_finding(odd: _Statement, witness: _Statement, lang: str) -> ChannelFinding:
    fact = t(f"coherence.fact.{odd.fact}", lang)
    message = t(
        "coherence.differs",
        lang,
        fact=fact[:1].upper() + fact[1:],
        sentence=odd.sentence,
        other=witness.channel,
        other_sentence=witness.sentence,
    )
    end = None if odd.start is None else odd.start + len(odd.sentence)
    finding = Finding(
        f"coherence.{odd.fact}",
        "error",
        message,
        odd.start,
        end,
        hint=t("coherence.differs.hint", lang),
    )
    return ChannelFinding(odd.channel, odd.sentence, finding)
