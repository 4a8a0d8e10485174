"""How long a text takes to say, for the IVR message callers hear."""

from __future__ import annotations

import re

# A word is a run of letters or digits; an apostrophe or hyphen inside ("l'incident",
# "24h-24") does not start a new one.
_WORD = re.compile(r"\w+(?:['’-]\w+)*")


def word_count(text: str) -> int:
    return len(_WORD.findall(text))


def speaking_seconds(text: str, words_per_minute: int) -> int:
    """Whole seconds needed to read ``text`` aloud, rounded up (a limit must not be passed)."""
    return -(-word_count(text) * 60 // words_per_minute)
