"""Drill scoring benchmark, as a ratio against a floor measured in the same run.

    .venv/bin/python benchmarks/bench_drill.py [--rounds 2000]

Scoring folds the timeline (the same fold as `status` and the report) and notes the state of
every gate at each publication. The floor is the bare fold of the same events: scoring a long
drill should cost little more than reading it. Target <= 2x.

The timeline is synthetic and in memory: ``rounds`` times a fact changed by an inject, a gate
re-opened and passed again, an update published with its promise; about 7 events a round.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Callable
from datetime import datetime, timedelta, timezone
from typing import Any

from crisisplay.drills.model import Drill, Expectation, Inject
from crisisplay.drills.plan import DrillPlan
from crisisplay.drills.scoring import score_events
from crisisplay.playbook.types import Duration, LocalText
from crisisplay.timeline import vocabulary
from crisisplay.timeline.events import GENESIS, Event, NewEvent, format_time, seal
from crisisplay.timeline.state import fold

START = datetime(2026, 11, 23, 15, 0, tzinfo=timezone.utc)
REPEATS = 5
TARGET = 2.0


def _plan() -> DrillPlan:
    def expect(kind: str, **fields: Any) -> Expectation:
        return Expectation(kind, kind, LocalText({"en": kind}), 10, **fields)  # type: ignore[arg-type]

    expectations = (
        expect("message-within", message_kind="update", within=Duration(minutes=30)),
        expect("gate-before-message", gate="scope", message="update"),
        expect("promises-kept"),
        expect("no-failing-gate"),
    )
    text = LocalText({"en": "Bench."})
    injects = (Inject("slip", Duration(minutes=1), "eta-slip", text),)
    drill = Drill("bench", text, "bench", text, expectations, injects=injects)
    return DrillPlan(drill, {"update": ("scope", "comms")})


def _round(i: int) -> list[tuple[str, dict[str, Any]]]:
    due = format_time(START + timedelta(minutes=i + 60))
    return [
        (
            vocabulary.DrillInject.KIND,
            {"inject": f"slip-{i}", "kind": "eta-slip", "text": {"en": "Slip."}, "offset_min": i},
        ),
        (vocabulary.FactSet.KIND, {"fact": "eta", "value": 60 + i, "source": "inject"}),
        (vocabulary.GatePassed.KIND, {"gate": "scope", "validator": "noc"}),
        (vocabulary.FactsValidated.KIND, {"facts": ["eta"], "gate": "scope"}),
        (vocabulary.GatePassed.KIND, {"gate": "comms", "validator": "anne"}),
        (
            vocabulary.MessagePublished.KIND,
            {
                "message": "update",
                "kind": "update",
                "channels": ["x"],
                "lang": "en",
                "public": True,
            },
        ),
        (vocabulary.PromiseMade.KIND, {"promise": "next-update", "due": due, "message": "update"}),
    ]


def drill_timeline(rounds: int) -> list[Event]:
    payload = {"scenario": "bench", "lang": "en", "drill": True, "drill_plan": _plan().as_payload()}
    items = [(vocabulary.IncidentActivated.KIND, payload)]
    for i in range(rounds):
        items += _round(i)
    events, prev = [], GENESIS
    for seq, (kind, body) in enumerate(items, start=1):
        new = NewEvent(kind, "bench", None, body, START + timedelta(seconds=seq))
        event, _ = seal(new, seq=seq, prev=prev, incident="bench")
        events.append(event)
        prev = event.hash
    return events


def best_of(fn: Callable[[], object]) -> float:
    times = []
    for _ in range(REPEATS):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return min(times)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rounds", type=int, default=2000)
    parser.add_argument(
        "--quick",
        action="store_true",
        help="a small run that only checks the benchmark still works",
    )
    args = parser.parse_args(argv)
    if args.quick:
        args.rounds = 50
    events = drill_timeline(args.rounds)
    ours = best_of(lambda: score_events(events, "bench"))
    floor = best_of(lambda: fold(events))
    ratio = ours / floor
    ok = "yes" if ratio <= TARGET else "NO"
    print(f"{'benchmark':<28} {'ours':>10} {'floor':>10} {'ratio':>7} {'target':>7}  ok")
    name = f"score {len(events)} events"
    print(f"{name:<28} {ours:>9.3f}s {floor:>9.3f}s {ratio:>6.2f}x {TARGET:>6.1f}x  {ok}")
    return 0 if ratio <= TARGET else 1


if __name__ == "__main__":
    sys.exit(main())
