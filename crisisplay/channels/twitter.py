"""X (Twitter) weighted length, exactly as twitter-text v3 ``parseTweet`` computes it.

Source: twitter/twitter-text (Apache-2.0), ``js/src/parseTweet.js``,
``js/src/lib/getCharacterWeight.js``, ``js/src/hasInvalidCharacters.js`` and
``config/v2.json`` / ``config/v3.json``. The text is NFC-normalised; each URL weighs
``transformedURLLength``; with v3 each emoji sequence weighs ``defaultWeight``; every other
character weighs what its range says (Latin, most European scripts and general punctuation 1,
CJK and the rest 2), all in hundredths (``scale``).
"""

from __future__ import annotations

import functools
import math
import unicodedata
from dataclasses import dataclass

from crisisplay.channels.emoji import emoji_spans
from crisisplay.channels.urls import extract_urls

# hasInvalidCharacters.js / invalidCharsGroup.js: X refuses a post containing these.
INVALID_CHARACTERS = frozenset("\ufffe\ufeff\uffff")


@dataclass(frozen=True)
class WeightRange:
    """Code points ``start``..``end`` (inclusive) weigh ``weight`` hundredths."""

    start: int
    end: int
    weight: int


@dataclass(frozen=True)
class TwitterConfig:
    """One twitter-text configuration file, as Python values."""

    version: int
    max_weighted_length: int
    scale: int
    default_weight: int
    transformed_url_length: int
    ranges: tuple[WeightRange, ...]
    emoji_parsing: bool

    def __post_init__(self) -> None:
        # Whole weights keep weightedLength an integer, as in both published configs.
        weights = [self.default_weight, *(r.weight for r in self.ranges)]
        if any(weight % self.scale for weight in weights):
            raise ValueError("twitter-text weights must be multiples of the scale")


# config/v2.json and config/v3.json (identical ranges; v3 adds emojiParsingEnabled).
_RANGES = (
    WeightRange(0, 4351, 100),  # Latin, Greek, Cyrillic, Hebrew, Arabic, Indic...
    WeightRange(8192, 8205, 100),  # U+2000-U+200D spaces and joiners
    WeightRange(8208, 8223, 100),  # U+2010-U+201F dashes and quotation marks
    WeightRange(8242, 8247, 100),  # U+2032-U+2037 primes
)
CONFIG_V2 = TwitterConfig(
    version=2,
    max_weighted_length=280,
    scale=100,
    default_weight=200,
    transformed_url_length=23,
    ranges=_RANGES,
    emoji_parsing=False,
)
CONFIG_V3 = TwitterConfig(
    version=3,
    max_weighted_length=280,
    scale=100,
    default_weight=200,
    transformed_url_length=23,
    ranges=_RANGES,
    emoji_parsing=True,
)


@dataclass(frozen=True)
class ParsedTweet:
    """The result of ``parse_tweet``.

    ``fits`` is how many code points of the NFC-normalised text fit within the maximum; it is
    twitter-text's ``validRangeEnd + 1`` counted in code points of the normalised text.
    """

    weighted_length: int
    valid: bool
    permillage: int
    fits: int


@functools.lru_cache(maxsize=4)
def parse_tweet(text: str, config: TwitterConfig = CONFIG_V3) -> ParsedTweet:
    """Weighted length, validity and permillage of ``text`` under ``config``.

    Remembered for the last few texts: measuring a post asks for its length, then for where
    its limit falls, and a long text should be read once, not once per question.
    """
    normalized = unicodedata.normalize("NFC", text)
    steps = _entity_steps(normalized, config)
    max_units = config.max_weighted_length * config.scale
    units = fits = index = 0
    while index < len(normalized):
        end, weight = steps.get(index) or (index + 1, _weight(normalized[index], config))
        units += weight
        index = end
        if units <= max_units:
            fits = index
    return _result(normalized, units, fits, config)


def _entity_steps(text: str, config: TwitterConfig) -> dict[int, tuple[int, int]]:
    """Map each entity start to (end, weight); a URL wins over an emoji at the same start."""
    url_weight = config.transformed_url_length * config.scale
    return _steps(text, config.emoji_parsing, config.default_weight, url_weight)


@functools.lru_cache(maxsize=2)
def _steps(
    text: str, emoji_parsing: bool, emoji_weight: int, url_weight: int
) -> dict[int, tuple[int, int]]:
    # Keyed by what the steps depend on only: the same text under another maximum length
    # (where a limit falls, where a warning starts) reuses them. Callers only read the dict.
    steps: dict[int, tuple[int, int]] = {}
    if emoji_parsing:
        for start, end in emoji_spans(text).items():
            steps[start] = (end, emoji_weight)
    for url in extract_urls(text):
        steps[url.start] = (url.end, url_weight)
    return steps


def _weight(char: str, config: TwitterConfig) -> int:
    code = ord(char)
    if code > 0xFFFF:
        # twitter-text weighs an astral character by its low surrogate (charAt after the
        # pair skip), which no published range covers: mimic it rather than the code point.
        code = 0xDC00 + ((code - 0x10000) & 0x3FF)
    for weight_range in config.ranges:
        if weight_range.start <= code <= weight_range.end:
            return weight_range.weight
    return config.default_weight


def _result(normalized: str, units: int, fits: int, config: TwitterConfig) -> ParsedTweet:
    weighted_length = units // config.scale
    # Same float arithmetic as the JavaScript, so the floor lands on the same integer.
    permillage = math.floor(units / config.scale / config.max_weighted_length * 1000)
    invalid = any(char in INVALID_CHARACTERS for char in normalized)
    if invalid:
        fits = min(fits, _first_invalid(normalized))
    valid = not invalid and 0 < weighted_length <= config.max_weighted_length
    return ParsedTweet(weighted_length, valid, permillage, fits)


def _first_invalid(text: str) -> int:
    return next(i for i, char in enumerate(text) if char in INVALID_CHARACTERS)


def invalid_characters(text: str) -> list[tuple[int, str]]:
    """Offsets and characters of ``text`` that X refuses outright."""
    return [(i, char) for i, char in enumerate(text) if char in INVALID_CHARACTERS]
