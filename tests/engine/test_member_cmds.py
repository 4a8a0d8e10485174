"""Acts of the cell's members from their own terminals: a gate decided only by who holds its
role, a gap gone past only by the lead with a reason, a fact set that re-opens its gates, and
the same act from two terminals recorded once."""

from __future__ import annotations

import json
import subprocess
import sys
from datetime import datetime
from pathlib import Path

import pytest

from crisisplay.timeline.events import Event, canonical_line
from crisisplay.timeline.state import fold
from crisisplay.timeline.store import TimelineStore, read_events
from crisisplay.timeline.verify import verify
from crisisplay.timeline.vocabulary import GatePassed, RoleGap, new_event
from tests.conftest import ROOT, Cli
from tests.report.timelines import incident_timeline


@pytest.fixture(scope="module")
def walked(tmp_path_factory: pytest.TempPathFactory) -> list[Event]:
    path = incident_timeline("nationwide-outage", tmp_path_factory.mktemp("walked"))
    return read_events(path).events


def _before_scope(walked: list[Event], folder: Path) -> Path:
    """The incident just before the NOC passes its scope gate (refused once already)."""
    cut = next(
        i for i, e in enumerate(walked)
        if e.kind == GatePassed.KIND and e.payload["gate"] == "noc-scope"
    )  # fmt: skip
    path = folder / "incident.jsonl"
    path.write_bytes(b"".join(canonical_line(e) for e in walked[:cut]))
    return path


def test_only_who_holds_the_role_decides_a_gate(
    cli: Cli, walked: list[Event], tmp_path: Path
) -> None:
    path = _before_scope(walked, tmp_path)
    before = path.read_bytes()
    ran = cli("gate", "pass", "noc-scope", "--timeline", str(path), "--actor", "ines-haddad")
    assert ran.exit_code == 2
    assert "noc-scope est décidée par le rôle" in ran.stderr and "(noc-duty)" in ran.stderr
    assert path.read_bytes() == before
    ran = cli("gate", "pass", "noc-scope", "--timeline", str(path), "--actor", "nobody-here")
    # the incident is in French: so is what its commands say
    assert ran.exit_code == 2 and "'nobody-here' n'est pas une personne de l'annuaire" in ran.stderr
    ran = cli("gate", "pass", "noc-scope", "-t", str(path), "--actor", "nobody", "--lang", "en")
    assert ran.exit_code == 2 and "'nobody' is not a person of the roster" in ran.stderr
    ran = cli("gate", "pass", "noc-scope", "--timeline", str(path), "--actor", "noc-duty",
              "--comment", "60% confirmed")  # fmt: skip
    assert ran.exit_code == 0, ran.stderr
    assert "fait affected_share = 60" in ran.stdout  # the validator saw what it confirms
    state = fold(read_events(path).events)
    last = state.gates["noc-scope"].decisions[-1]
    assert (last.outcome, last.by, last.comment) == ("passed", "noc-duty", "60% confirmed")
    assert state.facts["affected_share"].validated
    again = cli("gate", "pass", "noc-scope", "--timeline", str(path), "--actor", "noc-duty")
    assert (
        again.exit_code == 0
        and "déjà fait : la validation noc-scope est déjà validée, par Astreinte NOC"
        in again.stdout
    )
    assert verify(path).ok


def test_a_role_recorded_as_a_gap_is_gone_past_only_by_the_lead(
    cli: Cli, walked: list[Event], tmp_path: Path
) -> None:
    path = _before_scope(walked, tmp_path)
    state = fold(read_events(path).events)
    # The legal role falls vacant: nobody may validate its gate any more.
    gap = new_event(RoleGap("legal", "on leave"), "camille-roux", None, state.last_at)
    TimelineStore(path).append(gap)
    ran = cli("gate", "pass", "legal-review", "--timeline", str(path), "--actor", "julie-fabre")
    assert ran.exit_code == 2 and "personne ne tient le rôle" in ran.stderr
    ran = cli("gate", "pass", "legal-review", "--override", "legal reached by phone",
              "--timeline", str(path), "--actor", "ines-haddad")  # fmt: skip
    assert ran.exit_code == 2 and "revient au responsable de la cellule" in ran.stderr
    ran = cli("gate", "pass", "legal-review", "--override", "legal reached by phone",
              "--timeline", str(path), "--actor", "camille-roux")  # fmt: skip
    assert ran.exit_code == 0, ran.stderr
    decision = fold(read_events(path).events).gates["legal-review"].decisions[-1]
    assert (decision.outcome, decision.comment) == ("overridden", "legal reached by phone")


def test_a_fact_set_from_a_terminal_re_opens_the_gates_that_confirmed_it(
    cli: Cli, walked: list[Event], tmp_path: Path
) -> None:
    path = _before_scope(walked, tmp_path)
    assert cli("gate", "pass", "noc-scope", "--timeline", str(path), "--actor", "noc-duty")
    ran = cli("fact", "set", "affected_share", "45", "--timeline", str(path),
              "--actor", "noc-duty")  # fmt: skip
    assert ran.exit_code == 0, ran.stderr
    state = fold(read_events(path).events)
    assert state.facts["affected_share"].value == 45
    assert state.gates["noc-scope"].status == "reopened"
    same = cli("fact", "set", "affected_share", "45", "--timeline", str(path),
               "--actor", "noc-duty")  # fmt: skip
    assert "déjà fait : affected_share vaut déjà 45" in same.stdout
    bad = cli("fact", "set", "affected_shares", "45", "--timeline", str(path),
              "--actor", "noc-duty")  # fmt: skip
    assert bad.exit_code == 2 and "did you mean 'affected_share'" in bad.stderr


def test_the_same_act_from_two_terminals_is_recorded_once(
    walked: list[Event], tmp_path: Path
) -> None:
    path = _before_scope(walked, tmp_path)
    command = [sys.executable, "-m", "crisisplay", "gate", "pass", "noc-scope", "--timeline",
               str(path), "--actor", "noc-duty"]  # fmt: skip
    runs = [subprocess.Popen(command, stdout=subprocess.PIPE, text=True, cwd=ROOT)
            for _ in range(3)]  # fmt: skip
    outputs = [run.communicate(timeout=120)[0] for run in runs]
    assert all(run.returncode == 0 for run in runs)
    assert sum("consigné (n°" in out for out in outputs) == 1
    assert sum("déjà fait" in out for out in outputs) == 2
    passes = [e for e in read_events(path).events if e.kind == GatePassed.KIND
              and e.payload["gate"] == "noc-scope"]  # fmt: skip
    assert len(passes) == 1  # the cut is just before the first pass of the walk


def test_tasks_by_owner_as_the_stable_json_gives_them(
    cli: Cli, walked: list[Event], tmp_path: Path
) -> None:
    path = _before_scope(walked, tmp_path)
    ran = cli("tasks", "--timeline", str(path), "--format", "json")
    assert ran.exit_code == 0, ran.stderr
    items = json.loads(ran.stdout)
    assert {tuple(sorted(item)) for item in items} == {
        ("due", "id", "owner", "owner_role", "state", "title", "waits_on")
    }
    by_id = {item["id"]: item for item in items}
    assert by_id["confirm-alert"]["state"] == "done"
    assert by_id["confirm-scope"]["state"] in ("started", "late")  # its gate is waiting
    # parallel tracks: the lead's briefing is open beside the NOC's scope, the FAQ waits
    assert (
        by_id["brief-cell"]["state"] in ("open", "late") and by_id["brief-cell"]["waits_on"] == []
    )
    assert by_id["publish-faq"]["state"] in ("waiting", "late")  # late: still waiting past due
    assert by_id["publish-faq"]["waits_on"] == ["publish-holding"]
    assert all(i["state"] in ("waiting", "open", "started", "late", "done", "skipped")
               for i in items)  # fmt: skip
    due = datetime.fromisoformat(by_id["confirm-alert"]["due"])
    assert due.utcoffset() is not None and by_id["confirm-alert"]["due"].endswith("+01:00")
    mine = cli("tasks", "--mine", "--timeline", str(path), "--format", "json",
               "--actor", "noc-duty")  # fmt: skip
    assert {i["owner_role"] for i in json.loads(mine.stdout)} == {"noc-liaison"}
    role = cli("tasks", "--role", "cm-lead", "--timeline", str(path), "--format", "json")
    assert {i["owner"] for i in json.loads(role.stdout)} == {"ines-haddad"}


def test_tasks_and_a_gate_are_shown_in_the_incident_s_language_or_in_lang(
    cli: Cli, walked: list[Event], tmp_path: Path
) -> None:
    path = _before_scope(walked, tmp_path)
    french = cli("tasks", "--timeline", str(path))
    assert french.exit_code == 0, french.stderr
    assert "responsable" in french.stdout and "échéance" in french.stdout
    assert "faite" in french.stdout and "owner" not in french.stdout
    english = cli("tasks", "--timeline", str(path), "--lang", "en")
    assert "owner" in english.stdout and "done" in english.stdout
    assert "responsable" not in english.stdout
    gate = cli("gate", "show", "noc-scope", "--timeline", str(path), "--lang", "en")
    assert gate.exit_code == 0, gate.stderr
    assert "gate noc-scope" in gate.stdout and "confirms: The services affected" in gate.stdout
    assert "validation noc-scope" in cli("gate", "show", "noc-scope", "-t", str(path)).stdout
    unknown = cli("tasks", "--timeline", str(path), "--lang", "de")
    assert unknown.exit_code == 2 and "'de' is not one of the organisation's" in unknown.stderr
