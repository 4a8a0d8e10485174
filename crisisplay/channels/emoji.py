"""Where the emoji are in a text, the way X's "discounted emoji" rule sees them.

twitter-text v3 finds emoji with twemoji-parser's generated regex and counts each match as one
character of default weight (2), whatever its length in code points. That regex is a list of
every emoji twemoji drew; this module follows the Unicode grammar of emoji sequences (UTS #51
section 1.4) instead, with the ``regex`` package's emoji properties, and keeps twemoji-parser's
visible choices:

- a keycap is ``[#*0-9]``, an optional U+FE0F and U+20E3; a bare digit is not an emoji;
- ``© ® ™ ♟`` are emoji only when followed by U+FE0F (they are common in plain text);
- a text-style emoji followed by U+FE0E (text presentation) is not an emoji;
- a lone U+FE0F counts as an emoji.

Known difference: a ZWJ sequence that no vendor draws (not RGI) is one emoji here, where
twemoji-parser splits it into its parts; and emoji newer than twemoji's list are recognised.
"""

from __future__ import annotations

# No stubs for regex in the environment (types-regex would add them).
import regex  # type: ignore[import-untyped, unused-ignore]

_TEXT_DEFAULT = "\u00a9\u00ae\u2122\u265f"  # © ® ™ ♟

# One emoji in a sequence: a modifier (skin tone) or VS16 may follow, U+FE0E may not.
_ELEMENT = (
    rf"(?![#*0-9{_TEXT_DEFAULT}])\p{{Emoji}}"
    r"(?:\p{Emoji_Modifier}|\uFE0F|(?!\uFE0E))"
)

_EMOJI = regex.compile(
    r"[#*0-9]\uFE0F?\u20E3"  # keycap
    rf"|[{_TEXT_DEFAULT}]\uFE0F"
    r"|\U0001F3F4[\U000E0020-\U000E007E]+\U000E007F"  # subdivision flag (tag sequence)
    r"|\p{Regional_Indicator}{2}"  # country flag
    rf"|{_ELEMENT}(?:\u200D{_ELEMENT})*"  # single emoji or ZWJ sequence
    r"|\uFE0F",
    regex.VERSION0,
)


def emoji_spans(text: str) -> dict[int, int]:
    """Map the start offset of each emoji to its end offset (code points, end exclusive)."""
    return {match.start(): match.end() for match in _EMOJI.finditer(text)}
