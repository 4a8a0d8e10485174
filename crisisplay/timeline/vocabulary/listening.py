"""Listening on an open incident: each hour of a signal against its usual level, and the level
crossings that propose the cell's next step. The signals themselves stay in their own files
(there are too many for the hash chain)."""

from __future__ import annotations

from dataclasses import dataclass

from crisisplay.timeline.payloads import Moment, Payload, doc, kind


@kind("signal.summary")
@dataclass(frozen=True, slots=True)
class SignalSummary(Payload):
    """One hour of a signal (mentions, calls, cancellations) against its usual level; recorded
    again when more rows of that hour came in."""

    signal: str = doc("mentions, calls or cancellations.")
    hour: Moment = doc("The start of the hour.")
    count: int = doc("How many in that hour.")
    level: str = doc("veille, vigilance, alerte or crise.")
    baseline: float | None = doc("The usual count of that hour.", default=None)
    ratio: float | None = doc("The count over the usual.", default=None)


@kind("signal.level")
@dataclass(frozen=True, slots=True)
class SignalLevelCrossed(Payload):
    """A signal crossed into another level; going up, the next step is proposed (never taken:
    nothing is published or paged by it)."""

    signal: str = doc("mentions, calls or cancellations.")
    level: str = doc("The level reached.")
    previous: str = doc("The level before.")
    hour: Moment = doc("The hour that reached it.")
    count: int = doc("How many in that hour.")
    reason: str = doc("Why: the ratio, an influencer, words.")
    baseline: float | None = doc("The usual count of that hour.", default=None)
    ratio: float | None = doc("The count over the usual.", default=None)
    proposed: str | None = doc("The command proposed as the next step.", default=None)
