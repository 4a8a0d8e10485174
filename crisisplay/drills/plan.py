"""The drill plan: what a drill timeline records at activation so it stands on its own.

Scoring reads the expectations and the inject times, resuming needs the injects and the roster
change, and `no-failing-gate` needs each message's gates: all of it goes into the activation
event's ``drill_plan``, in the drill file's own shape. The drill file may then change or vanish;
the timeline still scores and resumes exactly as it was run.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from crisisplay.drills.model import START_INJECT, Drill, Inject, RosterChange
from crisisplay.errors import TimelineError
from crisisplay.playbook.convert import INVALID, Converter
from crisisplay.playbook.facts import coerce
from crisisplay.playbook.model import Organisation, Scenario
from crisisplay.playbook.types import Duration, LocalText
from crisisplay.playbook.yamlio import Document

PAYLOAD_KEY = "drill_plan"


@dataclass(frozen=True)
class DrillPlan:
    """A drill resolved against its scenario: canonical fact values, every deadline known."""

    drill: Drill
    message_gates: Mapping[str, tuple[str, ...]]

    def as_payload(self) -> dict[str, Any]:
        return {
            "drill": to_data(self.drill),
            "message_gates": {m: list(gates) for m, gates in self.message_gates.items()},
        }

    @classmethod
    def from_payload(cls, payload: Any, source: str) -> DrillPlan:
        """The plan a timeline recorded; ``TimelineError`` when it is not one."""

        if not isinstance(payload, dict) or not isinstance(payload.get("drill"), dict):
            raise TimelineError(f"{source}: the activation records no drill plan")
        converter = Converter(Document(source, payload["drill"]))
        drill = converter.build(Drill, payload["drill"], ())
        gates = payload.get("message_gates")
        if drill is INVALID or converter.problems or not isinstance(gates, dict):
            first = converter.problems[0] if converter.problems else "message_gates"
            raise TimelineError(f"{source}: the recorded drill plan is not readable ({first})")
        return cls(drill, {str(m): tuple(map(str, g)) for m, g in gates.items()})


def make_plan(drill: Drill, scenario: Scenario) -> DrillPlan:
    """Resolve ``drill`` against ``scenario`` (both already checked by the validator)."""
    facts = {f.id: f for f in scenario.facts}

    def canonical(values: Mapping[str, Any]) -> dict[str, Any]:
        # a date-time ("09:10") is read on the exercise clock when its inject fires
        return {
            key: value if facts[key].type == "datetime" else coerce(facts[key], value)
            for key, value in values.items()
        }

    rules = {rule.id: rule.within for rule in scenario.escalations}
    expectations = tuple(
        dataclasses.replace(e, within=rules.get(e.escalation))
        if e.kind == "escalation-within" and e.within is None and e.escalation
        else e
        for e in drill.expectations
    )
    injects = tuple(
        dataclasses.replace(i, facts=canonical(i.facts))
        for i in sorted(drill.injects, key=lambda i: i.at)
    )
    resolved = dataclasses.replace(
        drill,
        start_facts=canonical(drill.start_facts),
        injects=injects,
        expectations=expectations,
    )
    return DrillPlan(resolved, {m.id: tuple(m.gates) for m in scenario.messages})


def changed_roster(org: Organisation, change: RosterChange) -> Organisation:
    """The organisation as the drill has it: roles re-held, some people off duty."""
    if not change.duty and not change.off_duty:
        return org
    people = tuple(
        dataclasses.replace(p, availability=()) if p.id in change.off_duty else p
        for p in org.people
    )
    return dataclasses.replace(org, people=people, roster={**org.roster, **change.duty})


def start_inject(drill: Drill) -> Inject:
    """The opening briefing: the drill's summary and its start facts, at T+0."""

    return Inject(START_INJECT, Duration(0), "situation", drill.summary, drill.start_facts)


# ---------------------------------------------------------------- plain data


def to_data(value: Any) -> Any:
    """A loaded drill (or any part of it) as the plain data its YAML file would hold.

    Fields left at their default are left out, so the output reads like a hand-written file.
    """
    if isinstance(value, LocalText):
        return value.get_text("") if value.same_for_all else dict(value)
    if isinstance(value, Duration):
        return value.label()
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {
            f.name: to_data(getattr(value, f.name))
            for f in dataclasses.fields(value)
            if not _is_default(f, getattr(value, f.name))
        }
    if isinstance(value, Mapping):
        return {key: to_data(item) for key, item in value.items()}
    if isinstance(value, tuple | list):
        return [to_data(item) for item in value]
    return value


def _is_default(f: dataclasses.Field[Any], value: Any) -> bool:
    if f.default is not dataclasses.MISSING:
        return bool(value == f.default)
    if f.default_factory is not dataclasses.MISSING:
        return bool(value == f.default_factory())
    return False
