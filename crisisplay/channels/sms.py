"""How an SMS is encoded and cut into parts.

An SMS carries 140 octets: 160 GSM-7 septets or 70 UCS-2 (UTF-16) code units. A longer message
is sent in parts, each losing 6 octets to the concatenation header (3GPP TS 23.040 section
9.2.3.24.1): 153 septets or 67 code units per part. A part never ends between the escape and
the character of a GSM-7 extension pair, nor inside a UTF-16 surrogate pair. This matches the
split-sms conformance data (Codesleuth/split-sms).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from crisisplay.channels.gsm import gsm_replacement, gsm_septets, is_gsm, septets

Encoding = Literal["GSM-7", "UCS-2"]

SINGLE_PART_UNITS: dict[Encoding, int] = {"GSM-7": 160, "UCS-2": 70}
MULTI_PART_UNITS: dict[Encoding, int] = {"GSM-7": 153, "UCS-2": 67}


@dataclass(frozen=True)
class NonGsmChar:
    """A character that forced UCS-2, where it first appears and what could replace it."""

    char: str
    first_index: int
    replacement: str | None


@dataclass(frozen=True)
class SmsSplit:
    """``text`` as the network sends it. ``units`` are septets (GSM-7) or UTF-16 code units."""

    encoding: Encoding
    parts: tuple[str, ...]
    part_units: tuple[int, ...]
    non_gsm_chars: tuple[NonGsmChar, ...]

    @property
    def part_count(self) -> int:
        return len(self.parts)

    @property
    def units(self) -> int:
        return sum(self.part_units)

    @property
    def units_per_part(self) -> int:
        """What each part may hold: a single SMS holds more than a part of a long one."""
        table = SINGLE_PART_UNITS if self.part_count == 1 else MULTI_PART_UNITS
        return table[self.encoding]


def split_sms(text: str) -> SmsSplit:
    """Encode ``text`` in GSM-7 when it can be, UCS-2 otherwise, and cut it into parts."""
    non_gsm = _non_gsm_chars(text)
    encoding: Encoding = "UCS-2" if non_gsm else "GSM-7"
    costs = [_cost(char, encoding) for char in text]
    parts, part_units = _segment(text, costs, encoding)
    return SmsSplit(encoding, parts, part_units, non_gsm)


def encode_parts(split: SmsSplit) -> tuple[bytes, ...]:
    """Each part of ``split`` as the network carries it, the concatenation header aside:
    GSM-7 one septet an octet (an SMS centre packs them), UCS-2 as UTF-16 big-endian. A part's
    length is its units in GSM-7, twice them in UCS-2: the counter and the sender agree."""
    if split.encoding == "GSM-7":
        return tuple(gsm_septets(part) for part in split.parts)
    return tuple(part.encode("utf-16-be") for part in split.parts)


def _non_gsm_chars(text: str) -> tuple[NonGsmChar, ...]:
    first_seen: dict[str, int] = {}
    for index, char in enumerate(text):
        if not is_gsm(char) and char not in first_seen:
            first_seen[char] = index
    return tuple(
        NonGsmChar(char, index, gsm_replacement(char)) for char, index in first_seen.items()
    )


def _cost(char: str, encoding: Encoding) -> int:
    if encoding == "GSM-7":
        return septets(char)
    return 2 if ord(char) > 0xFFFF else 1  # a surrogate pair is two code units


def _segment(
    text: str, costs: list[int], encoding: Encoding
) -> tuple[tuple[str, ...], tuple[int, ...]]:
    total = sum(costs)
    if total <= SINGLE_PART_UNITS[encoding]:
        return (text,), (total,)
    per_part = MULTI_PART_UNITS[encoding]
    parts: list[str] = []
    units: list[int] = []
    start = used = 0
    for index, cost in enumerate(costs):
        # Each character goes whole into a part, which keeps escape pairs and surrogates intact.
        if used + cost > per_part:
            parts.append(text[start:index])
            units.append(used)
            start, used = index, 0
        used += cost
    parts.append(text[start:])
    units.append(used)
    return tuple(parts), tuple(units)
