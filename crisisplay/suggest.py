"""Near misses: "did you mean" for a mistyped id, shared by every message that names one."""

from __future__ import annotations

from collections.abc import Iterable


def closest(word: str, candidates: Iterable[str]) -> str | None:
    """The candidate closest to ``word``, when one is close enough."""
    import difflib  # noqa: PLC0415 -- only when an id is mistyped, not at every start-up

    close = difflib.get_close_matches(word, list(candidates), n=1, cutoff=0.6)
    return close[0] if close else None


def did_you_mean(word: str, candidates: Iterable[str]) -> str:
    """`` (did you mean 'cell-lead'?)`` when a candidate is close enough, else ``""``."""
    close = closest(word, candidates)
    return f" (did you mean {close!r}?)" if close else ""
