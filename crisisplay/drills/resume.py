"""Resuming a drill timeline: its injects, roster and exercise clock come from the timeline."""

from __future__ import annotations

import dataclasses
from typing import TYPE_CHECKING

from crisisplay.clock import DrillClock, SystemClock
from crisisplay.drills.plan import DrillPlan, changed_roster
from crisisplay.drills.ticker import InjectTicker
from crisisplay.playbook.model import Organisation
from crisisplay.prompts import ScriptedPrompter
from crisisplay.timeline.place import Place
from crisisplay.timeline.state import IncidentState

if TYPE_CHECKING:
    from crisisplay.incident.run import Edges


def drill_edges(path: Place, state: IncidentState, org: Organisation, edges: Edges) -> Edges:
    """``edges`` completed for the drill recorded at ``path`` (unchanged without a plan).

    Exercise time goes on from the last event, not from today: a drill started "on Sunday"
    stays on Sunday. Scripted answers jump to their times; a person answering sees time flow.
    """
    if state.drill_plan is None:
        return edges
    plan = DrillPlan.from_payload(state.drill_plan, str(path))
    clock = edges.clock
    person = not isinstance(edges.prompter, ScriptedPrompter)
    if isinstance(clock, SystemClock) and state.last_at is not None:
        # the pace recorded at activation: a drill run at --speed 60 resumes at 60
        paced = state.drill_paced or person
        clock = DrillClock(state.last_at, state.drill_speed or 1.0, paced=paced)
    live = isinstance(clock, DrillClock) and clock.paced and person
    return dataclasses.replace(
        edges,
        clock=clock,
        ticker=edges.ticker or InjectTicker(plan, live=live),
        organisation=edges.organisation or changed_roster(org, plan.drill.roster),
    )
