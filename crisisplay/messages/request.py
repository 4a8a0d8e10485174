"""``crisisplay render`` as one core call: gather the facts, build the context, render.

The CLI builds a ``RenderRequest`` (it owns the clock: ``now`` is given) and prints
the ``RenderOutcome``; writing files and timeline events are the edges' job
(``crisisplay.messages.outputs``).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from crisisplay.errors import InputError, Location
from crisisplay.home import Home
from crisisplay.messages.fact_sources import (
    IncidentFacts,
    facts_from_assignments,
    facts_from_file,
    sample_facts,
)
from crisisplay.messages.render import MissingFacts, Renderer, find_message
from crisisplay.messages.rendered import RenderedChannel
from crisisplay.messages.variables import (
    SAMPLE_NOW,
    RenderContext,
    default_next_update,
    local_clock,
    local_day,
    sample_today,
)
from crisisplay.playbook.facts import FactValue
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
    #: the incident it is rendered on (its situation's facts, promise and record), if any
    incident: IncidentFacts | None = None
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
    #: what the text would contradict on the incident's record: rendered, shown, not recorded
    contradictions: tuple[str, ...] = ()
    #: what is worth knowing about it, but does not stop it
    warnings: tuple[str, ...] = ()

    @property
    def ok(self) -> bool:
        return not self.contradictions and all(item.ok for item in self.items)


def run_render(home: Home, request: RenderRequest) -> RenderOutcome:
    """Render the requested message; raises the crisisplay error to report otherwise."""
    playbook = load_playbook(home, only=request.scenario)
    scenario = playbook.scenario(request.scenario)
    message = find_message(scenario, request.message)
    org = playbook.organisation
    incident = request.incident
    if incident is not None and incident.scenario not in (None, scenario.id):
        raise InputError(
            f"this incident is one of {incident.scenario!r}, not {scenario.id!r}",
            location=Location(incident.incident_id or "<incident>"),
        )
    lang = request.lang or org.languages[0]
    facts = gather_facts(scenario, request, incident)
    now = local_clock(request.now, org.timezone)
    today = local_day(request.now, org.timezone)
    if request.sample and incident is None:
        now, today = SAMPLE_NOW, sample_today(scenario)  # the sample story's own morning
    next_update = request.next_update
    if incident is not None and incident.next_update is not None:
        next_update = incident.next_update  # the promise in force: no text says another time
    elif next_update is None and request.sample:
        next_update = default_next_update(org, now)  # a sample, said so in its first line
    context = RenderContext(
        now=now,
        today=today,
        next_update=next_update,
        drill=request.drill or (incident.drill if incident else False),
        sample=request.sample,
        severity=incident.severity if incident else None,
        incident_id=incident.incident_id if incident else None,
        record_head=incident.record_head if incident else None,
        record=incident.record if incident else (),
    )
    try:
        items = Renderer(playbook, scenario, lang).render(message, facts, context, request.channels)
    except MissingFacts as exc:
        raise _with_hint(exc) from None
    contradictions, warnings = against_record(message, request, incident)
    return RenderOutcome(
        playbook, scenario, message, lang, items, incident, contradictions, warnings
    )


def against_record(
    message: Message, request: RenderRequest, incident: IncidentFacts | None
) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """What a text rendered on an incident would contradict (refused: exit 1) or should warn
    about, read from the incident's folded state."""
    if incident is None:
        return (), ()
    refused: list[str] = []
    warned: list[str] = []
    if incident.resolved and message.kind in ("holding", "update"):
        refused.append(
            f"the incident is resolved: the {message.id} message would say it is still going on"
        )
    if not incident.resolved and message.kind == "resolution":
        warned.append("the incident is not resolved yet: this resolution message is a draft")
    promised = incident.next_update
    if request.next_update is not None and promised not in (None, request.next_update):
        refused.append(
            f"--next-update {request.next_update} contradicts the promise in force "
            f"({promised}); a new promise is made by publishing an update"
        )
    if request.sample:
        warned.append("--sample mixes invented facts into the incident's: do not publish this")
    return tuple(refused), tuple(warned)


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
