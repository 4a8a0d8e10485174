"""``crisisplay render`` as one core call: gather the facts, build the context, render.

The CLI builds a ``RenderRequest`` (it owns the clock: ``now`` is given) and prints
the ``RenderOutcome``; writing files and timeline events are the edges' job
(``crisisplay.messages.outputs``).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from crisisplay.errors import InputError
from crisisplay.facts import FactValue
from crisisplay.home import Home
from crisisplay.messages.fact_sources import (
    IncidentFacts,
    facts_from_assignments,
    facts_from_file,
    facts_from_timeline,
    sample_facts,
)
from crisisplay.messages.render import MissingFacts, Renderer, find_message
from crisisplay.messages.rendered import RenderedChannel
from crisisplay.messages.variables import RenderContext, local_clock
from crisisplay.playbook.load import Playbook, load_playbook
from crisisplay.playbook.model import Message, Scenario


@dataclass(frozen=True)
class RenderRequest:
    scenario: str
    message: str
    #: the moment of the render (aware); shown in the organisation's time zone
    now: datetime
    lang: str | None = None
    channels: tuple[str, ...] = ()
    facts_file: Path | None = None
    assignments: tuple[str, ...] = ()
    timeline: Path | None = None
    sample: bool = False
    drill: bool = False
    next_update: str | None = None


@dataclass(frozen=True)
class RenderOutcome:
    playbook: Playbook
    scenario: Scenario
    message: Message
    lang: str
    items: list[RenderedChannel]
    incident: IncidentFacts | None = None

    @property
    def ok(self) -> bool:
        return all(item.ok for item in self.items)


def run_render(home: Home, request: RenderRequest) -> RenderOutcome:
    """Render the requested message; raises the crisisplay error to report otherwise."""
    playbook = load_playbook(home, only=request.scenario)
    scenario = playbook.scenario(request.scenario)
    message = find_message(scenario, request.message)
    org = playbook.organisation
    incident = (
        facts_from_timeline(request.timeline, scenario, org.timezone) if request.timeline else None
    )
    lang = request.lang or org.languages[0]
    facts = gather_facts(scenario, request, incident)
    context = RenderContext(
        now=local_clock(request.now, org.timezone),
        next_update=request.next_update or (incident.next_update if incident else None),
        drill=request.drill or (incident.drill if incident else False),
        severity=incident.severity if incident else None,
        incident_id=incident.incident_id if incident else None,
    )
    try:
        items = Renderer(playbook, scenario, lang).render(message, facts, context, request.channels)
    except MissingFacts as exc:
        raise _with_hint(exc) from None
    return RenderOutcome(playbook, scenario, message, lang, items, incident)


def gather_facts(
    scenario: Scenario, request: RenderRequest, incident: IncidentFacts | None
) -> dict[str, FactValue]:
    """Sample facts (if asked), then the timeline's, then the facts file, then each --set."""
    facts: dict[str, FactValue] = {}
    if request.sample:
        facts.update(sample_facts(scenario))
    if incident is not None:
        facts.update(incident.facts)
    if request.facts_file is not None:
        facts.update(facts_from_file(request.facts_file, scenario))
    facts.update(facts_from_assignments(request.assignments, scenario))
    return facts


def _with_hint(exc: MissingFacts) -> InputError:
    sets = " ".join(f"--set {name}=..." for name in exc.names)
    return InputError(
        exc.message,
        hint=f"add {sets}, or --facts FILE, --timeline FILE, or --sample to preview",
    )
