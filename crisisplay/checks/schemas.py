"""The JSON Schemas of the home's files: the organisation and scenario files (the playbook's
format) and the drills (the drills' format), for editors and `crisisplay schema`."""

from __future__ import annotations

from typing import Any

from crisisplay.drills.model import Drill
from crisisplay.playbook.model import Organisation, Scenario
from crisisplay.playbook.schema import combined_schema_of, schema_of

ROOTS: dict[str, type] = {"organisation": Organisation, "scenario": Scenario, "drill": Drill}


def schema_for(kind: str) -> dict[str, Any]:
    """The JSON Schema of one kind of playbook file ('organisation', 'scenario' or 'drill')."""
    return schema_of(kind, ROOTS[kind])


def combined_schema() -> dict[str, Any]:
    """One schema for any playbook file: an organisation, a scenario or a drill."""
    return combined_schema_of(ROOTS)
