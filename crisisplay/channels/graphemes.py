"""User-perceived characters (extended grapheme clusters, UAX #29), as Bluesky counts them.

The AT Protocol lexicon gives ``app.bsky.feed.post`` text a ``maxGraphemes`` of 300: a family
emoji or an "e" with a combining accent is one grapheme, however many code points it has.
"""

from __future__ import annotations

# No stubs for regex in the environment (types-regex would add them).
import regex  # type: ignore[import-untyped, unused-ignore]

_GRAPHEME = regex.compile(r"\X")


def grapheme_starts(text: str) -> list[int]:
    """The code-point offset where each grapheme of ``text`` starts."""
    return [match.start() for match in _GRAPHEME.finditer(text)]


def grapheme_count(text: str) -> int:
    return len(grapheme_starts(text))
