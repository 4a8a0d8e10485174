"""The clocks of the public word: first message, promised updates, update cadence."""

from __future__ import annotations

import dataclasses
import itertools
from collections.abc import Mapping, Sequence
from datetime import datetime, timedelta

from crisisplay.report.kpis import Cadence, FirstWord, PromiseCounts, PromiseKpi
from crisisplay.timeline.state import IncidentState, Promise, Publication

#: the kinds of message that tell the public where the incident stands
CADENCE_KINDS = ("holding", "update", "resolution")


def minutes(delta: timedelta) -> float:
    """Minutes, to a tenth (event times carry milliseconds; nobody reads them in a review)."""
    return round(delta.total_seconds() / 60, 1)


#: Kinds that speak after the crisis (a callback, a survey): never a first word.
AFTER_CRISIS_KINDS = frozenset(("recontact", "survey"))


def _speaks_first(publication: Publication) -> bool:
    return publication.public and publication.kind not in AFTER_CRISIS_KINDS


#: when customers could read each publication, per channel: the first delivery receipt
Readable = Mapping[int, Mapping[str, datetime]]


def readable(state: IncidentState) -> tuple[Readable, frozenset[int]]:
    """The first receipt of each publication per channel, and the publications handed to
    accounts at all (a publication no account delivered counts from its recording, as when
    its texts were posted by hand)."""
    found: dict[int, dict[str, datetime]] = {}
    delivered: set[int] = set()
    for delivery in state.deliveries.values():
        delivered.add(delivery.publication)
        if delivery.state == "sent" and delivery.at is not None:
            channels = found.setdefault(delivery.publication, {})
            earlier = channels.get(delivery.channel)
            channels[delivery.channel] = min(delivery.at, earlier or delivery.at)
    return found, frozenset(delivered)


def _read_at(
    publication: Publication,
    channel: str | None,
    receipts: Readable,
    delivered: frozenset[int],
) -> datetime | None:
    if publication.seq not in delivered:
        return publication.at
    times = receipts.get(publication.seq, {})
    if channel is not None:
        return times.get(channel)
    return min(times.values(), default=None)


def first_word(
    publications: Sequence[Publication],
    activated_at: datetime,
    target_min: float,
    channel: str | None = None,
    receipts: tuple[Readable, frozenset[int]] = ({}, frozenset()),
) -> FirstWord:
    """The first public publication (on ``channel``, or on any channel) against the target,
    from the moment customers could read it: its first delivery receipt where accounts
    delivered it."""
    candidates = [
        (at, p)
        for p in publications
        if _speaks_first(p) and (channel is None or channel in p.channels) and p.channels
        for at in [_read_at(p, channel, *receipts)]
        if at is not None
    ]
    if not candidates:
        return FirstWord(channel, None, None, None, target_min, False, None)
    at, found = min(candidates, key=lambda pair: (pair[0], pair[1].seq))
    after = minutes(at - activated_at)
    late = round(max(0.0, after - target_min), 1)
    return FirstWord(channel, found.message, at, after, target_min, late == 0, late)


def first_words(
    publications: Sequence[Publication],
    activated_at: datetime,
    target_min: float,
    left_out: Mapping[str, Mapping[str, str]] | None = None,
    receipts: tuple[Readable, frozenset[int]] = ({}, frozenset()),
) -> tuple[FirstWord, ...]:
    """One first word per channel that carried a public message during the crisis (a callback
    or a survey after it is no first word), earliest first. A channel
    that an earlier public message left out on purpose (``left_out``: message -> channel ->
    reason) carries the reason: its first word came late by choice, not by delay."""
    channels: list[str] = []
    for publication in publications:
        if _speaks_first(publication):
            channels += [c for c in publication.channels if c not in channels]
    words = [
        _left_out(
            first_word(publications, activated_at, target_min, c, receipts),
            publications,
            left_out,
        )
        for c in channels
    ]
    return tuple(sorted(words, key=lambda w: (w.at or activated_at, w.channel or "")))


def _left_out(
    word: FirstWord,
    publications: Sequence[Publication],
    left_out: Mapping[str, Mapping[str, str]] | None,
) -> FirstWord:
    if not left_out or word.met or word.channel is None:
        return word
    for p in publications:
        if word.at is not None and p.at >= word.at:
            break
        reason = left_out.get(p.message, {}).get(word.channel)
        if p.public and reason:
            return dataclasses.replace(word, left_out=reason)
    return word


def promise_kpi(promise: Promise, ended_at: datetime) -> PromiseKpi:
    answered = promise.kept_at
    if answered is not None:
        kept = answered <= promise.due
        outcome = "kept" if kept else "missed"
        late = 0.0 if kept else minutes(answered - promise.due)
        early = minutes(promise.due - answered) if kept else 0.0
    elif promise.due < ended_at:
        outcome, late, early = "unanswered", minutes(ended_at - promise.due), 0.0
    else:
        outcome, late, early = "open", 0.0, 0.0
    return PromiseKpi(promise.message, promise.made_at, promise.due, answered, outcome, late, early)


def promise_counts(promises: Sequence[PromiseKpi]) -> PromiseCounts:
    def count(outcome: str) -> int:
        return sum(1 for p in promises if p.outcome == outcome)

    return PromiseCounts(
        len(promises), count("kept"), count("missed"), count("unanswered"), count("open")
    )


def cadence(publications: Sequence[Publication], target_min: float) -> Cadence:
    moments = [p.at for p in publications if p.public and p.kind in CADENCE_KINDS]
    intervals = tuple(minutes(b - a) for a, b in itertools.pairwise(moments))
    mean = round(sum(intervals) / len(intervals), 1) if intervals else None
    return Cadence(
        kinds=CADENCE_KINDS,
        publications=len(moments),
        intervals_min=intervals,
        mean_interval_min=mean,
        longest_interval_min=max(intervals, default=None),
        target_min=target_min,
        over_target=sum(1 for i in intervals if i > target_min),
    )
