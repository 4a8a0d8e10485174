"""The JSON Schema and the loader agree on the bundled files; shipped schema files are current."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest
import yaml

from crisisplay.checks.schemas import combined_schema, schema_for
from crisisplay.playbook.yamlio import load_yaml
from tests.conftest import ROOT, Cli

ORGANISATION = ROOT / "playbooks" / "organisation.yaml"
SCENARIOS = sorted((ROOT / "playbooks" / "scenarios").glob("*.yaml"))
BUNDLED = [("organisation", ORGANISATION)] + [("scenario", p) for p in SCENARIOS]


@pytest.mark.parametrize(("kind", "path"), BUNDLED, ids=[p.stem for _, p in BUNDLED])
def test_bundled_file_is_valid_under_the_schema(kind: str, path: Path) -> None:
    data = load_yaml(path).data
    errors = list(jsonschema.Draft202012Validator(schema_for(kind)).iter_errors(data))
    assert not errors, [f"{list(e.path)}: {e.message}" for e in errors]


@pytest.mark.parametrize(("kind", "path"), BUNDLED, ids=[p.stem for _, p in BUNDLED])
def test_pure_python_yaml_reads_the_bundled_file_alike(kind: str, path: Path) -> None:
    # Editors and other tools may not use libyaml: the files must mean the same everywhere.
    assert (
        yaml.load(path.read_text(encoding="utf-8"), Loader=yaml.SafeLoader) == load_yaml(path).data
    )


@pytest.mark.parametrize(("kind", "path"), BUNDLED, ids=[p.stem for _, p in BUNDLED])
def test_bundled_file_carries_the_schema_modeline(kind: str, path: Path) -> None:
    first = path.read_text(encoding="utf-8").splitlines()[0]
    assert first.startswith("# yaml-language-server: $schema=")
    target = (path.parent / first.split("$schema=", 1)[1]).resolve()
    assert target == (ROOT / "playbooks" / "schema" / f"{kind}.schema.json").resolve()


@pytest.mark.parametrize("kind", ["organisation", "scenario"])
def test_shipped_schema_files_are_current(kind: str) -> None:
    shipped = json.loads((ROOT / "playbooks" / "schema" / f"{kind}.schema.json").read_text())
    assert shipped == schema_for(kind), "regenerate with: crisisplay schema --kind " + kind


def test_schema_command_prints_one_json_document(cli: Cli) -> None:
    ran = cli("schema")
    assert ran.exit_code == 0
    document = json.loads(ran.stdout)
    assert document == json.loads(json.dumps(combined_schema()))
    jsonschema.Draft202012Validator.check_schema(document)


def test_combined_schema_accepts_every_bundled_file() -> None:
    validator = jsonschema.Draft202012Validator(combined_schema())
    for _, path in BUNDLED:
        assert validator.is_valid(load_yaml(path).data), path.name
