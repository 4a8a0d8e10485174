"""Drill files are checked by `crisisplay validate`: each rule has a bad fixture and its message.

A fixture replaces the valid ``minimal-drill.yaml`` of the drill home (the fixture home plus the
fixture drills). Its header says the first line `validate` must print and whether the JSON
Schema rejects the file too ("accept": a cross-reference only the checks can see).
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import jsonschema
import pytest
import yaml

from crisisplay.checks.schemas import schema_for
from tests.conftest import ROOT, Cli
from tests.drills.conftest import FIXTURES

BAD = sorted((FIXTURES / "bad").glob("*.yaml"))
HEADER = re.compile(
    r"^# replaces: (?P<target>\S+)\n# expect: (?P<expect>.*)\n# schema: (?P<schema>accept|reject)\n"
)
BUNDLED = sorted((ROOT / "playbooks" / "drills").glob("*.yaml"))


def _header(fixture: Path) -> re.Match[str]:
    match = HEADER.match(fixture.read_text(encoding="utf-8"))
    assert match, f"{fixture.name} lacks its header"
    return match


def _home_with(home: Path, fixture: Path) -> Path:
    (home / _header(fixture)["target"]).write_text(fixture.read_text(encoding="utf-8"))
    return home


def test_the_drill_home_is_valid(cli: Cli, drill_home: Path) -> None:
    ran = cli("validate", home=drill_home)
    assert ran.exit_code == 0, ran.stdout


def test_every_rule_has_a_bad_fixture() -> None:
    assert len(BAD) >= 20


@pytest.mark.parametrize("fixture", BAD, ids=[f.stem for f in BAD])
def test_bad_drill_gives_its_pinned_line(cli: Cli, drill_home: Path, fixture: Path) -> None:
    ran = cli("validate", home=_home_with(drill_home, fixture))
    assert ran.exit_code == 1
    first = ran.stdout.splitlines()[0]
    assert first == _header(fixture)["expect"]
    assert re.match(r"^playbooks/drills/minimal-drill\.yaml:\d+:\d+: ", first)
    assert "Traceback" not in ran.stdout + ran.stderr


def test_bad_drill_in_json(cli: Cli, drill_home: Path) -> None:
    fixture = FIXTURES / "bad" / "unknown-after.yaml"
    ran = cli("validate", "--format", "json", home=_home_with(drill_home, fixture))
    document = json.loads(ran.stdout)
    assert document["ok"] is False
    assert document["problems"][0] == {
        "file": "playbooks/drills/minimal-drill.yaml",
        "line": 30,
        "column": 12,
        "path": "expectations[0].after",
        "message": "unknown inject 'calll' (did you mean 'call'?)",
        "level": "error",
    }


@pytest.mark.parametrize("fixture", BAD, ids=[f.stem for f in BAD])
def test_schema_agrees_with_the_loader(fixture: Path) -> None:
    data = yaml.safe_load(fixture.read_text(encoding="utf-8"))
    errors = list(jsonschema.Draft202012Validator(schema_for("drill")).iter_errors(data))
    assert bool(errors) == (_header(fixture)["schema"] == "reject"), [e.message for e in errors]


def test_a_broken_scenario_does_not_bury_its_drills_in_echoes(cli: Cli, drill_home: Path) -> None:
    scenario = drill_home / "playbooks" / "scenarios" / "minimal.yaml"
    scenario.write_text(scenario.read_text().replace("roles: [cell-lead", "roles: [cel-lead"))
    ran = cli("validate", home=drill_home)
    assert ran.exit_code == 1
    assert "playbooks/drills/" not in ran.stdout  # the scenario's own problem is enough


def test_shipped_drill_schema_is_current() -> None:
    shipped = json.loads((ROOT / "playbooks" / "schema" / "drill.schema.json").read_text())
    assert shipped == schema_for("drill"), "regenerate with: crisisplay schema --kind drill"


def test_schema_command_prints_the_drill_schema(cli: Cli) -> None:
    ran = cli("schema", "--kind", "drill")
    assert ran.exit_code == 0
    assert json.loads(ran.stdout)["title"] == "crisisplay drill file"


@pytest.mark.parametrize("path", BUNDLED, ids=[p.stem for p in BUNDLED])
def test_bundled_drill_is_valid_under_the_schema(path: Path) -> None:
    from crisisplay.playbook.yamlio import load_yaml

    data = load_yaml(path).data
    errors = list(jsonschema.Draft202012Validator(schema_for("drill")).iter_errors(data))
    assert not errors, [f"{list(e.path)}: {e.message}" for e in errors]


@pytest.mark.parametrize("path", BUNDLED, ids=[p.stem for p in BUNDLED])
def test_bundled_drill_carries_the_schema_modeline(path: Path) -> None:
    first = path.read_text(encoding="utf-8").splitlines()[0]
    assert first == "# yaml-language-server: $schema=../schema/drill.schema.json"


def test_the_bundled_drills_pass_their_checks() -> None:
    from crisisplay.drills.checks import check_drills
    from crisisplay.home import Home
    from crisisplay.playbook.load import read_home

    playbook, problems = read_home(Home(ROOT))
    assert playbook is not None and not problems
    assert check_drills(Home(ROOT), playbook) == []
