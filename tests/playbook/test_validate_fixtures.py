"""Every validation rule has a bad fixture, and the exact message it gives is pinned.

A fixture replaces one file of a small valid home (``fixtures/home``). Its header says which
file it replaces, the first line `crisisplay validate` must print, and whether the JSON Schema
rejects it too (``n/a`` when the file is not even loadable YAML).
"""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import jsonschema
import pytest
import yaml

from crisisplay.checks.schemas import schema_for
from tests.conftest import Cli

FIXTURES = Path(__file__).parent / "fixtures"
BAD = sorted((FIXTURES / "bad").glob("*.yaml"))
HEADER = re.compile(
    r"^# replaces: (?P<target>\S+)\n# expect: (?P<expect>.*)\n# schema: "
    r"(?P<schema>accept|reject|n/a)\n"
)


def _header(fixture: Path) -> re.Match[str]:
    match = HEADER.match(fixture.read_text(encoding="utf-8"))
    assert match, f"{fixture.name} lacks its header"
    return match


def _home_with(tmp_path: Path, fixture: Path) -> Path:
    home = tmp_path / "home"
    shutil.copytree(FIXTURES / "home", home)
    (home / _header(fixture)["target"]).write_text(fixture.read_text(encoding="utf-8"))
    return home


def test_there_are_enough_bad_fixtures() -> None:
    assert len(BAD) >= 15


def test_the_fixture_home_is_valid(cli: Cli) -> None:
    ran = cli("validate", home=FIXTURES / "home")
    assert ran.exit_code == 0, ran.stdout


@pytest.mark.parametrize("fixture", BAD, ids=[f.stem for f in BAD])
def test_bad_fixture_gives_its_pinned_message(cli: Cli, tmp_path: Path, fixture: Path) -> None:
    ran = cli("validate", home=_home_with(tmp_path, fixture))
    assert ran.exit_code == 1
    lines = ran.stdout.splitlines()
    assert lines[0] == _header(fixture)["expect"]
    assert "Traceback" not in ran.stdout + ran.stderr
    # file:line:column, then the path to the bad value
    assert re.match(r"^playbooks/\S+\.yaml:\d+:\d+: ", lines[0])


@pytest.mark.parametrize("fixture", BAD, ids=[f.stem for f in BAD])
def test_bad_fixture_in_json(cli: Cli, tmp_path: Path, fixture: Path) -> None:
    ran = cli("validate", "--format", "json", home=_home_with(tmp_path, fixture))
    assert ran.exit_code == 1
    document = json.loads(ran.stdout)
    assert document["ok"] is False
    first = document["problems"][0]
    assert set(first) == {"file", "line", "column", "path", "message", "level"}
    assert first["level"] == "error"
    expected = _header(fixture)["expect"]
    assert expected.startswith(f"{first['file']}:{first['line']}:{first['column']}: ")
    assert expected.endswith(first["message"])


# Fixtures that are not even loadable YAML (broken syntax, duplicate keys, alias bombs, Python
# tags) can only be judged by the loader; every other one is checked against the schema.
SCHEMA_CHECKED = [f for f in BAD if _header(f)["schema"] != "n/a"]


@pytest.mark.parametrize("fixture", SCHEMA_CHECKED, ids=[f.stem for f in SCHEMA_CHECKED])
def test_schema_agrees_with_the_loader(fixture: Path) -> None:
    header = _header(fixture)
    kind = "organisation" if header["target"].endswith("organisation.yaml") else "scenario"
    data = yaml.safe_load(fixture.read_text(encoding="utf-8"))
    errors = list(jsonschema.Draft202012Validator(schema_for(kind)).iter_errors(data))
    # "accept": a cross-reference the schema cannot express (the loader alone catches it).
    assert bool(errors) == (header["schema"] == "reject"), [e.message for e in errors]


def test_the_python_tag_fixture_runs_nothing(cli: Cli, tmp_path: Path) -> None:
    marker = Path("/tmp/crisisplay-pwned")
    marker.unlink(missing_ok=True)
    cli("validate", home=_home_with(tmp_path, FIXTURES / "bad" / "python-tag.yaml"))
    assert not marker.exists()
