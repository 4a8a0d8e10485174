"""Listening on an open incident: the hours of a signal recorded against their usual level, a
level crossing with the next step it proposes, and the fact that measures the noise filled from
the data, with its source."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from crisisplay.incident.ops.decision import Decision, Request, acts, done_already, operation
from crisisplay.incident.rules import may_set_fact, recorded_role
from crisisplay.incident.situation import Situation
from crisisplay.signals.levels import Reading, level_rank
from crisisplay.texts import t
from crisisplay.timeline.payloads import Payload
from crisisplay.timeline.vocabulary import FactSet, SignalLevelCrossed, SignalSummary

HOUR = timedelta(hours=1)


@dataclass(frozen=True)
class RecordSignals(Request):
    """A signal's hours as read now (oldest first), the reasons of its latest in words, the
    step a rise proposes, and the fact it fills (when the scenario has it)."""

    signal: str
    readings: tuple[Reading, ...]
    reason: str = ""
    proposed: str | None = None
    fact: str | None = None


@dataclass(frozen=True)
class SignalFact:
    """The fact a signal fills, and the hour it was read from."""

    fact: str
    reading: Reading


@operation(RecordSignals)
def record_signals(situation: Situation, person: str, request: RecordSignals) -> Decision:
    state = situation.state
    since = _since(situation)
    hours = [r for r in request.readings if since is None or r.time >= since]
    payloads: list[Payload] = []
    for reading in hours:
        known = state.signal_hours.get((request.signal, reading.time))
        if known is None or (known.count, known.level) != (reading.count, reading.level):
            payloads.append(
                SignalSummary(
                    request.signal,
                    reading.time,
                    reading.count,
                    reading.level,
                    reading.baseline,
                    reading.ratio,
                )
            )
    latest = hours[-1] if hours else None
    previous = state.signal_levels.get(request.signal, "veille")
    if latest is not None and latest.level != previous:
        rising = level_rank(latest.level) > level_rank(previous)
        payloads.append(
            SignalLevelCrossed(
                request.signal,
                latest.level,
                previous,
                latest.time,
                latest.count,
                request.reason,
                latest.baseline,
                latest.ratio,
                request.proposed if rising else None,
            )
        )
    filled = signal_fact(situation, person, request, hours)
    if filled is not None:
        payloads.append(filled)
    if not payloads:
        return done_already(t("signals.recorded_already", situation.lang, signal=request.signal))
    return acts(payloads, recorded_role(situation, person, None))


def signal_fact(
    situation: Situation, person: str, request: RecordSignals, hours: list[Reading]
) -> FactSet | None:
    """The fact that measures the noise, from the last full hour (the hour under way when none
    is full yet); None when the scenario has no such fact, the person may not set it, or it
    holds that value already."""
    if request.fact is None or not hours or situation.scenario.fact(request.fact) is None:
        return None
    if not may_set_fact(situation, person, request.fact):
        return None
    full = [r for r in hours if r.time + HOUR <= situation.now]
    reading = full[-1] if full else hours[-1]
    previous = situation.state.facts.get(request.fact)
    if previous is not None and not previous.unknown and previous.value == reading.count:
        return None
    origin = f"signals/{request.signal} {reading.time.astimezone(situation.zone):%Y-%m-%d %H:%M}"
    return FactSet(
        request.fact,
        reading.count,
        "signals",
        previous.value if previous is not None else None,
        origin=origin,
    )


def _since(situation: Situation) -> datetime | None:
    """The first hour that belongs to the incident: the hour before its activation."""
    start = situation.state.alert_at or situation.state.activated_at
    if start is None:
        return None
    return start.replace(minute=0, second=0, microsecond=0) - HOUR
