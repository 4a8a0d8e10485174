"""A drill's expectations and score, for the report of a drill timeline.

The scoring belongs to the drills (``crisisplay drill score``); the report only shows it. Until
the drills package is installed beside the report, a drill timeline's report says it is not
scored rather than guessing.
"""

from __future__ import annotations

from collections.abc import Sequence

from crisisplay.home import Home
from crisisplay.report.kpis import DrillResult
from crisisplay.timeline.events import Event


def drill_result(home: Home, events: Sequence[Event], activation: Event) -> DrillResult | None:
    """The score of a drill timeline (None for a real incident)."""
    if activation.payload.get("drill") is not True:
        return None
    name = str(activation.payload.get("drill_id") or activation.payload.get("scenario"))
    return DrillResult(name, None, None, (), note="Drill scoring is not available yet.")
