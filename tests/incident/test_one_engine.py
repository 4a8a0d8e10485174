"""Each act of the cell decided once, by someone allowed to, on the situation everyone sees:
the defects a cell met on a nationwide outage, each reproduced and pinned absent."""

from __future__ import annotations

import json
import re
import time
from datetime import timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from crisisplay.errors import UsageError
from crisisplay.incident.board.waiting import board_lines
from crisisplay.incident.lock import lead_board
from crisisplay.incident.ops import DecideGate, NotAllowed, Publish, Refused, SetFact
from crisisplay.incident.ops.messages import answering_of
from crisisplay.incident.status import status_of
from crisisplay.timeline.store import TimelineStore, read_events
from crisisplay.timeline.vocabulary import DecisionLogged, MessagePublished, new_event
from tests.conftest import Cli
from tests.incident.conftest import START, Incident, Opener

PARIS = ZoneInfo("Europe/Paris")
CM = "ines-haddad"
NOC = "noc-duty"


def _publish(incident: Incident, message: str, next_update: timedelta | None = None) -> Publish:
    situation = incident.situation()
    chosen = situation.scenario.message(message)
    assert chosen is not None
    due = START + next_update if next_update is not None else None
    return Publish(message, answering_of(situation, chosen), due)


def _texts(incident: Incident, message: str) -> list[str]:
    return [
        text.text
        for p in incident.state().publications
        if p.message == message
        for text in p.texts
        if text.channel == "x"
    ]


@pytest.fixture
def holding_out(opened: Opener) -> Incident:
    """The holding statement and the updates left to the CM; the holding out at T+24m."""
    incident = opened({"messages": ["holding", "update"]})
    incident.at(timedelta(minutes=24))
    assert incident.act(CM, _publish(incident, "holding", timedelta(hours=1, minutes=40))).recorded
    return incident


def test_every_update_makes_its_own_promise_and_says_it_at_the_moment_it_goes_out(
    holding_out: Incident,
) -> None:
    incident = holding_out
    incident.at(timedelta(hours=1, minutes=25))
    first = incident.act(CM, _publish(incident, "update", timedelta(hours=2, minutes=40)))
    incident.at(timedelta(hours=1, minutes=30))
    second = incident.act(CM, _publish(incident, "update", timedelta(hours=3, minutes=25)))
    assert first.recorded and second.recorded
    promises = [p.due for p in incident.state().promises]
    assert promises[-2:] == [
        START + timedelta(hours=2, minutes=40),
        START + timedelta(hours=3, minutes=25),
    ]
    one, two = _texts(incident, "update")
    assert "10h30" in one and "11h15" in two and one != two  # each says its own promise
    # ninety minutes later, with a new estimate, a third: it says the moment it goes out
    incident.at(timedelta(hours=3))
    assert incident.act(NOC, SetFact("eta_at", "T+4h30m")).recorded
    assert incident.act(NOC, DecideGate("noc-scope", "pass")).recorded
    third = incident.act(CM, _publish(incident, "update", timedelta(hours=4, minutes=10)))
    assert third.recorded
    text = _texts(incident, "update")[-1]
    assert "Point de 10h50" in text and "Prochain point à 12h" in text  # now, and its promise
    assert "10h30" not in text and "11h15" not in text and "10h45" not in text  # nothing stale


def test_a_text_that_would_say_something_past_is_refused_with_the_reason(
    holding_out: Incident,
) -> None:
    incident = holding_out
    # the promise of the holding statement (09:30) is missed: the FAQ would repeat it
    incident.at(timedelta(hours=2))
    with pytest.raises(Refused, match=r"9h30|09:30"):
        incident.act("camille-roux", _publish(incident, "faq"))
    # the restoration estimate (10:45) has passed: no update says it
    incident.at(timedelta(hours=3, minutes=5))
    with pytest.raises(Refused, match="eta_at"):
        incident.act(CM, _publish(incident, "update", timedelta(hours=4)))
    # corrected by the NOC, the update goes out
    assert incident.act(NOC, SetFact("eta_at", "T+4h30m")).recorded
    assert incident.act(NOC, DecideGate("noc-scope", "pass")).recorded
    assert incident.act(CM, _publish(incident, "update", timedelta(hours=4))).recorded


def test_the_same_update_from_two_terminals_goes_out_once(holding_out: Incident) -> None:
    incident = holding_out
    incident.at(timedelta(hours=1, minutes=20))
    request = _publish(incident, "update", timedelta(hours=2, minutes=40))
    # both CMs decided on the same situation: the second finds it done, and records nothing
    assert incident.act(CM, request).recorded
    again = incident.act("lucas-moreau", request)
    assert not again.recorded
    assert again.already is not None and "Inès Haddad" in again.already
    state = incident.state()
    assert sum(1 for p in state.publications if p.message == "update") == 1
    tasks = [t for t in incident.situation().tasks if t.kind == "update"]
    assert [t.id for t in tasks] == ["update-1", "update-2"]  # one update each promise
    assert tasks[0].state == "done" and tasks[1].state == "open"


def test_publishing_closes_its_task_and_the_cell_moves_on(holding_out: Incident) -> None:
    incident = holding_out
    situation = incident.situation()
    # the step carries the holding statement and the site banner: it closes with the second
    assert situation.task_status(situation.task_def("publish-holding")) == "started"  # type: ignore[arg-type]
    assert incident.act(CM, _publish(incident, "banner")).recorded
    situation = incident.situation()
    assert situation.task_status(situation.task_def("publish-holding")) == "done"  # type: ignore[arg-type]
    by_id = {t.id: t for t in situation.tasks}
    assert by_id["publish-faq"].state in ("open", "late") and not by_id["publish-faq"].waits_on
    assert "publish-update" not in by_id  # the promised update is the update step's work
    status = status_of(situation)
    assert "update-1" in {s.id for s in status.open_steps}
    incident.at(timedelta(hours=1, minutes=25))
    assert incident.act(CM, _publish(incident, "update", timedelta(hours=2, minutes=40))).recorded
    assert status_of(incident.situation()).phase != "Premier message"  # the cell moved on
    # two hours on, the board marks what is late, as the tasks say
    incident.at(timedelta(hours=4, minutes=30))
    situation = incident.situation()
    late = [t for t in situation.tasks if t.state == "late"]
    lines = board_lines(situation)
    assert late and sum(1 for level, _ in lines if level == "late") >= len(late)
    assert any("publish update" in line for level, line in lines if level == "late")


def test_the_noc_confirms_the_scope_in_one_act(opened: Opener) -> None:
    incident = opened({"gates": ["noc-scope"]})
    incident.at(timedelta(minutes=13))
    decided = incident.act(NOC, DecideGate("noc-scope", "pass", "60%"))
    kinds = [e.kind for e in decided.events]
    assert kinds[:2] == ["gate.passed", "fact.validated"] and "step.done" in kinds
    assert incident.state().steps["confirm-scope"].status == "done"


def test_the_lead_typing_for_a_validator_is_on_the_record(opened: Opener) -> None:
    incident = opened({})
    events = read_events(incident.path).events
    scope = [e for e in events if e.kind == "gate.passed" and e.payload["gate"] == "noc-scope"]
    assert scope and all(e.actor == NOC for e in scope)
    assert all(e.payload.get("typed_by") == "camille-roux" for e in scope)
    # the role recorded is one the actor holds: Camille leads, and backs up the director
    published = [e for e in events if e.kind == MessagePublished.KIND]
    assert {e.role for e in published if e.actor == "camille-roux"} <= {
        "cell-lead",
        "comms-director",
    }


def test_a_role_check_stops_the_moderator(holding_out: Incident) -> None:
    incident = holding_out
    with pytest.raises(NotAllowed):
        incident.act("lucas-moreau", SetFact("affected_share", "40"))
    with pytest.raises(NotAllowed):
        incident.act("lucas-moreau", _publish(incident, "faq"))
    published = incident.act(CM, _publish(incident, "faq"))
    assert published.recorded
    assert {e.role for e in published.events} == {"cm-lead"}  # the role she holds


def test_an_explicit_timeline_wins_over_the_store_of_the_environment(
    cli: Cli, holding_out: Incident, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("CRISISPLAY_STORE", "postgresql://nobody@127.0.0.1:1/nowhere")
    ran = cli("timeline", "verify", "--timeline", str(holding_out.path))
    assert ran.exit_code == 0, ran.stdout + ran.stderr


def test_crisisplay_is_nobody_and_verify_says_so(cli: Cli, holding_out: Incident) -> None:
    path = str(holding_out.path)
    ran = cli("log", "decision", "stop all SMS", "--timeline", path, "--actor", "crisisplay")
    assert ran.exit_code == 2 and "crisisplay n'est pas une personne" in ran.stderr
    forged = new_event(
        DecisionLogged("stop all SMS"), "crisisplay", None, START + timedelta(hours=1)
    )
    TimelineStore(holding_out.path).append(forged)
    checked = cli("timeline", "verify", "--timeline", path)
    assert checked.exit_code == 1
    assert re.search(r"crisisplay a écrit un événement decision.logged", checked.stdout)


def test_verify_checks_who_decided_each_gate_against_the_organisation_file(
    cli: Cli, opened: Opener, tmp_path: Path, home_copy: Path
) -> None:
    incident = opened({"gates": ["noc-scope"]})
    # on one laptop, the organisation file is edited: the moderator becomes a NOC backup
    org = home_copy / "playbooks" / "organisation.yaml"
    text = org.read_text(encoding="utf-8")
    edited = text.replace(
        "noc-liaison: {primary: noc-duty, backups: [olivier-blanc]}",
        "noc-liaison: {primary: noc-duty, backups: [lucas-moreau, olivier-blanc]}",
    )
    assert edited != text
    # and on duty whatever the hour the test runs at (the command reads the real clock)
    edited = re.sub(r"(id: lucas-moreau\n(?:    .*\n)*?    availability:\n      - )\{[^}]*\}",
                    r"\1{days: [mon, tue, wed, thu, fri, sat, sun]}", edited)  # fmt: skip
    always = "availability:\n      - {days: [mon, tue, wed, thu, fri, sat, sun]}\n  - id: sarah"
    assert always in edited
    org.write_text(edited, encoding="utf-8")
    path = str(incident.path)
    lucas = cli("gate", "pass", "noc-scope", "--timeline", path, "--actor", "lucas-moreau",
                home=home_copy)  # fmt: skip
    assert lucas.exit_code == 0, lucas.stderr
    seq = incident.state().gates["noc-scope"].decisions[-1].seq
    checked = cli("timeline", "verify", "--timeline", path, "--format", "json")
    assert checked.exit_code == 1
    problems = json.loads(checked.stdout)["problems"]
    assert any(p["seq"] == seq and "noc-scope" in p["reason"] for p in problems)


def test_the_board_that_takes_over_holds_the_board(holding_out: Incident) -> None:
    path = holding_out.path
    first = lead_board(path, "camille-roux", START)
    first.__enter__()
    with lead_board(path, "camille-roux", START, take_over=True) as previous:
        assert previous is not None
        first.__exit__(None, None, None)  # the first board stops at its next act
        deadline = time.monotonic() + 5
        while time.monotonic() < deadline:
            try:
                with lead_board(path, "yann-le-goff", START):
                    pass
            except UsageError:
                break  # the board that took over holds it
            time.sleep(0.1)
        else:
            pytest.fail("a plain resume got a second board after a take-over")
    with lead_board(path, "yann-le-goff", START) as free:
        assert free is None  # and lets it go when it ends
