"""A drill's expectations and score, for the report of a drill timeline.

The scoring belongs to the drills (``crisisplay.drills.scoring``, the same as ``crisisplay drill
score``); the report only shows it. It reads the folded state alone (the drill's plan is
recorded in the activation event), so the report stays a function of the events. The score is
taken through its stable JSON form (DESIGN.md, "Machine-readable outputs"), not through the
drills' internals.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from typing import Any

from crisisplay.drills.scoring import score_state
from crisisplay.errors import CrisisplayError
from crisisplay.report.kpis import DrillResult, ExpectationResult
from crisisplay.timeline.events import parse_time
from crisisplay.timeline.state import IncidentState


def drill_result(state: IncidentState) -> DrillResult | None:
    """The score of a drill timeline (None for a real incident's)."""
    if not state.drill:
        return None

    try:
        scored = score_state(state, "<timeline>", state.lang)
    except CrisisplayError as exc:
        name = str(state.drill_id or state.scenario)
        first = str(exc).splitlines()[0]
        return DrillResult(name, None, None, None, (), note=f"Not scored: {first}")
    return from_score_json(scored.as_json())


def from_score_json(score: Mapping[str, Any]) -> DrillResult:
    return DrillResult(
        drill=str(score["drill"]),
        title=score.get("title"),
        score=score["score"],
        max=score["max"],
        expectations=tuple(_expectation(item) for item in score["expectations"]),
    )


def _expectation(item: Mapping[str, Any]) -> ExpectationResult:
    return ExpectationResult(
        id=str(item["id"]),
        kind=item.get("kind"),
        title=item.get("title"),
        met=bool(item["met"]),
        at=_time(item.get("at")),
        due=_time(item.get("due")),
        late_min=item.get("late_min"),
        points=item["points"],
        max_points=item.get("max_points", item["points"]),
        note=item.get("note") or None,
    )


def _time(value: object) -> datetime | None:
    return parse_time(value) if isinstance(value, str) else None
