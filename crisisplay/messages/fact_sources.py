"""Where the facts of a render come from: an incident (its situation gives them), a facts
file, ``key=value``.

The CLI merges them in this order, later ones winning: the timeline's current facts, then the
facts file, then each ``--set``. Every value is coerced by ``playbook.facts.coerce`` against
the scenario's fact, and a bad one is reported with the fact and where it came from
(``facts.yaml:4:12``). Sample facts are never mixed in unless asked for (``--sample``).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from crisisplay.errors import InputError, Location
from crisisplay.playbook.facts import FactValue, coerce, parse_assignment
from crisisplay.playbook.model import Scenario
from crisisplay.playbook.yamlio import load_yaml
from crisisplay.suggest import did_you_mean

MAX_FACTS_FILE_BYTES = 256 * 1024


@dataclass(frozen=True)
class IncidentFacts:
    """What an incident's timeline says a render needs to know."""

    incident_id: str | None = None
    #: the scenario of the incident
    scenario: str | None = None
    facts: Mapping[str, FactValue] = field(default_factory=dict)
    severity: str | None = None
    drill: bool = False
    #: the promise in force: when the next update is due (``HH:MM`` in the organisation's zone)
    next_update: str | None = None
    #: the same promise as a moment (what a recorded rendering says)
    promise_due: datetime | None = None
    #: the incident is resolved
    resolved: bool = False
    #: the ids of the messages already published
    published: frozenset[str] = frozenset()
    #: the record's head then, short (``133:4f2a9c1e7b3d0a55``)
    record_head: str | None = None
    #: what the record says of the response so far, for the report frames
    record: tuple[tuple[str, Any], ...] = ()


def coerce_fact(scenario: Scenario, key: str, raw: Any, where: Location) -> FactValue:
    """``raw`` in the canonical form of fact ``key``; ``InputError`` naming fact and place."""
    fact = scenario.fact(key)
    if fact is None:
        known = [f.id for f in scenario.facts]
        raise InputError(
            f"{scenario.id!r} has no fact {key!r}{did_you_mean(key, known)}",
            location=where,
            hint=f"its facts: {', '.join(known)}",
        )
    try:
        return coerce(fact, raw)
    except ValueError as exc:
        raise InputError(f"fact {key!r}: {exc}", location=where) from None


def facts_from_file(path: Path, scenario: Scenario) -> dict[str, FactValue]:
    """A YAML mapping ``fact: value``; errors name ``file:line:column``."""

    doc = load_yaml(path, display=str(path), max_bytes=MAX_FACTS_FILE_BYTES)
    if doc.data is None:
        return {}
    if not isinstance(doc.data, dict):
        raise InputError(
            "a facts file is a mapping of fact id to value (region: Bretagne)",
            location=doc.location(()),
        )
    return {
        str(key): coerce_fact(scenario, str(key), raw, doc.location((key,)))
        for key, raw in doc.data.items()
    }


def facts_from_assignments(items: Iterable[str], scenario: Scenario) -> dict[str, FactValue]:
    """``--set key=value`` items, in order (a later one wins)."""
    values: dict[str, FactValue] = {}
    for item in items:
        try:
            key, raw = parse_assignment(item)
        except ValueError as exc:
            raise InputError(f"--set {exc}", hint="write --set KEY=VALUE") from None
        values[key] = coerce_fact(scenario, key, raw, Location(f"--set {key}"))
    return values


def sample_facts(scenario: Scenario) -> dict[str, FactValue]:
    """The scenario's example facts (``--sample``), coerced like any other."""
    where = Location(f"sample_facts of {scenario.id}")
    return {
        key: coerce_fact(scenario, key, raw, where) for key, raw in scenario.sample_facts.items()
    }


#: the count used for a number with no upper bound in the widest facts (millions of customers)
WIDE_NUMBER = 9_999_999


def widest_facts(scenario: Scenario, *, figures: bool = True) -> dict[str, FactValue | None]:
    """The sample facts with every multi-choice fact ticked in full and, with ``figures``,
    every number at its largest (``WIDE_NUMBER`` when it has no bound): the longest texts a
    bad day can produce."""
    values: dict[str, FactValue | None] = dict(sample_facts(scenario))
    for fact in scenario.facts:
        if fact.type == "multi-choice":
            values[fact.id] = list(fact.choice_ids())
        elif figures and fact.type == "number":
            values[fact.id] = WIDE_NUMBER if fact.max is None else int(fact.max)
    return values


def narrowest_facts(scenario: Scenario) -> dict[str, FactValue | None]:
    """The sample facts with as little as a real incident may know: what may be unknown is
    unknown, optional facts are at their default (empty when they have none), a choice at its
    default, a list of choices at its default when it may be empty, else one choice, and the
    other numbers at their smallest. Required facts keep their sample values."""
    values: dict[str, FactValue | None] = dict(sample_facts(scenario))
    for fact in scenario.facts:
        if fact.unknown_ok:
            values[fact.id] = None
        elif fact.type == "multi-choice":
            default = fact.default if isinstance(fact.default, list) else None
            values[fact.id] = list(default) if default == [] else list(fact.choice_ids()[:1])
        elif fact.type == "choice" and fact.default is not None:
            values[fact.id] = fact.default
        elif fact.type == "number" and fact.min is not None:
            values[fact.id] = int(fact.min) if float(fact.min).is_integer() else fact.min
        elif not fact.required:
            values[fact.id] = fact.default if fact.default is not None else _empty(fact.type)
    return values


def _empty(fact_type: str) -> FactValue | None:
    return None if fact_type in ("number", "duration", "boolean") else ""
