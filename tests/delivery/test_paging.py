"""Mobilising the cell on a real incident: the board pages each role's holder as soon as the
role is held, a page is acknowledged from a terminal, by its code, or by the person's first
act, a page left unanswered past its delay passes to the backup, a decline passes it at once,
and the cell is formed when the quorum has answered. The paging account here is the tests' own
connector (tests/delivery/support.py); the SMS centre and SMTP paths have their own tests."""

from __future__ import annotations

import json
from datetime import datetime, timezone
from pathlib import Path

import pytest

from crisisplay.clock import ManualClock
from crisisplay.home import Home
from crisisplay.incident.run import Edges, activate
from crisisplay.playbook.load import load_playbook
from crisisplay.prompts import ScriptedPrompter, load_answers
from crisisplay.roster import candidates
from crisisplay.timeline.store import read_events
from crisisplay.timeline.verify import verify
from tests.conftest import Cli
from tests.delivery.support import _account, _activate, _home, _received, outbox

pytestmark = pytest.mark.usefixtures("outbox")
__all__ = ["outbox"]


#: Monday 23 November 2026, 07:50 in Paris
START = datetime(2026, 11, 23, 6, 50, tzinfo=timezone.utc)


def _paging_home(tmp_path: Path, **extra: object) -> Path:
    return _home(tmp_path, [_account(tmp_path, "pager", [], page=True, **extra)])


def _cell(cli: Cli, home: Path, timeline: Path, *more: str) -> list[dict[str, object]]:
    ran = cli("cell", "--format", "json", "--timeline", str(timeline), *more, home=home)
    assert ran.exit_code == 0, ran.stderr
    found: list[dict[str, object]] = json.loads(ran.stdout)
    return found


def test_activation_pages_each_holder_and_each_answer_is_on_the_record(
    cli: Cli, tmp_path: Path
) -> None:
    home = _paging_home(tmp_path)
    timeline = _activate(cli, home)
    events = read_events(timeline).events
    sent = [e for e in events if e.kind == "page.sent" and e.payload["because"] == "activation"]
    paged = {e.payload["role"]: e.payload["person"] for e in sent}
    # every role of the scenario but the lead's, who activated
    assert paged == {"noc-liaison": "noc-duty", "cm-lead": "ines-haddad",
                     "monitoring": "sarah-benali", "moderation": "lucas-moreau",
                     "care-liaison": "karim-mansouri", "comms-director": "anne-lefevre",
                     "legal": "julie-fabre"}  # fmt: skip
    received = _received(tmp_path, "pager")
    codes = {e.payload["person"]: e.payload["code"] for e in sent}
    for person, code in codes.items():
        assert any(code in r["text"] for r in received), person
    delivered = [e for e in events if e.kind == "page.delivered"]
    assert {e.payload["page"] for e in delivered} >= {e.payload["page"] for e in sent}
    # 1) from a member's terminal
    ack = cli("ack", "--actor", "julie-fabre", "--timeline", str(timeline), home=home)
    assert ack.exit_code == 0, ack.stderr
    # 2) with the code of the page
    code = codes["anne-lefevre"]
    assert cli("ack", code, "--actor", "anne-lefevre", "--timeline", str(timeline),
               home=home).exit_code == 0  # fmt: skip
    wrong = cli("ack", "000000" if code != "000000" else "111111", "--actor", "karim-mansouri",
                "--timeline", str(timeline), home=home)  # fmt: skip
    assert wrong.exit_code == 2
    # 3) by a first act
    note = cli("log", "note", "on it", "--actor", "ines-haddad", "--timeline", str(timeline),
               home=home)  # fmt: skip
    assert note.exit_code == 0, note.stderr
    acked = {e.payload["person"]: e.payload["via"] for e in read_events(timeline).events
             if e.kind == "page.acked"}  # fmt: skip
    assert acked == {"julie-fabre": "terminal", "anne-lefevre": "terminal", "ines-haddad": "act"}
    seats = {s["person"]: s for s in _cell(cli, home, timeline)}
    assert seats["julie-fabre"]["state"] == "acked" and seats["julie-fabre"]["acked_at"]
    assert seats["noc-duty"]["state"] in ("paged", "late", "escalated")
    assert verify(timeline).ok


def test_a_page_left_unanswered_passes_to_the_backup_and_a_decline_at_once(
    cli: Cli, tmp_path: Path
) -> None:
    """The board runs on an exercise clock the answers move (T+24m for the holding...): with
    nobody answering, each page passes on once its role's ten minutes are over."""
    home = _paging_home(tmp_path)
    timeline = home / "incident.jsonl"
    answers = load_answers(home / "lead.yaml")
    edges = Edges(ScriptedPrompter(answers), ManualClock(START), "camille-roux", environ={})
    activate(Home(home), "nationwide-outage", edges, timeline=timeline, token="feed")
    events = read_events(timeline).events
    escalated = [e for e in events if e.kind == "page.escalated"]
    chain: dict[str, list[str]] = {}
    for e in escalated:
        chain.setdefault(e.payload["role"], []).append(e.payload["to"])
    # each role passes to its first backup on duty at that moment, then to the lead
    playbook = load_playbook(Home(home))
    org = playbook.organisation
    for e in escalated:
        if e.payload["page"].endswith("-1"):
            backups = [c.person.id for c in candidates(org, e.payload["role"], e.at)
                       if c.via == "backup" and c.on_duty]  # fmt: skip
            assert e.payload["to"] == (backups[0] if backups else "camille-roux"), e.payload
    assert any(len(targets) >= 2 and targets[-1] == "camille-roux" for targets in chain.values())
    assert all(e.payload["because"] == "late" for e in escalated)
    first = {e.payload["page"]: e.at for e in events if e.kind == "page.sent"}
    for e in escalated:  # never before the ten minutes
        assert (e.at - first[e.payload["page"]]).total_seconds() >= 600
    again = [e for e in events if e.kind == "page.sent" and e.payload["because"] == "late"]
    firsts = [e for e in escalated if e.payload["page"].endswith("-1")]
    assert {e.payload["page"] for e in again} >= {f"{e.payload['role']}-2" for e in firsts}
    assert verify(timeline).ok


def test_a_decline_passes_the_role_on_at_once(cli: Cli, tmp_path: Path) -> None:
    home = _paging_home(tmp_path)
    timeline = _activate(cli, home)
    declined = cli("ack", "--decline", "on a train, no laptop", "--actor", "julie-fabre",
                   "--timeline", str(timeline), home=home)  # fmt: skip
    assert declined.exit_code == 0, declined.stderr
    after = read_events(timeline).events
    [decline] = [e for e in after if e.kind == "page.declined"]
    assert decline.payload == {"page": "legal-1", "person": "julie-fabre",
                               "reason": "on a train, no laptop"}  # fmt: skip
    [passed] = [e for e in after if e.kind == "page.escalated"]
    [paged] = [e for e in after if e.kind == "page.sent" and e.payload["because"] == "declined"]
    assert passed.seq == decline.seq + 1 and paged.seq == passed.seq + 1  # one act
    assert passed.payload["to"] == paged.payload["person"] != "julie-fabre"
    seats = {s["person"]: s["state"] for s in _cell(cli, home, timeline)
             if s["role"] == "legal"}  # fmt: skip
    assert seats["julie-fabre"] == "declined" and seats[paged.payload["person"]] == "paged"


def test_the_cell_is_formed_when_the_quorum_has_answered(cli: Cli, tmp_path: Path) -> None:
    home = _paging_home(tmp_path)
    scenario = home / "playbooks" / "scenarios" / "nationwide-outage.yaml"
    data = scenario.read_text(encoding="utf-8")
    scenario.write_text(data + "\nquorum: [cell-lead, noc-liaison, comms-director]\n", "utf-8")
    timeline = _activate(cli, home)
    status = cli("cell", "--timeline", str(timeline), home=home)
    assert "pas encore constituée" in status.stdout or "not formed" in status.stdout
    for person in ("noc-duty", "anne-lefevre"):
        ran = cli("ack", "--actor", person, "--timeline", str(timeline), home=home)
        assert ran.exit_code == 0, ran.stderr
    formed = cli("cell", "--timeline", str(timeline), home=home)
    assert "cellule constituée" in formed.stdout or "cell formed" in formed.stdout


def test_a_drill_pages_only_the_drill_contacts(cli: Cli, tmp_path: Path) -> None:
    from tests.conftest import ROOT

    accounts = [_account(tmp_path, "pager", [], page=True),
                _account(tmp_path, "drill-pager", [], page=True, drill=True)]  # fmt: skip
    home = _home(tmp_path, accounts)
    timeline = home / "drill.jsonl"
    ran = cli("drill", "run", "nationwide-eta-slip", "--answers",
              str(ROOT / "playbooks" / "answers" / "nationwide-eta-slip.yaml"),
              "--timeline", str(timeline), "--quiet", home=home)  # fmt: skip
    assert ran.exit_code == 0, ran.stdout + ran.stderr
    assert _received(tmp_path, "pager") == []
    pages = [e for e in read_events(timeline).events if e.kind == "page.sent"]
    assert pages and all(e.payload["accounts"] == ["drill-pager"] for e in pages)
    assert _received(tmp_path, "drill-pager")


def test_paging_without_a_paging_account_records_nothing(cli: Cli, tmp_path: Path) -> None:
    home = _home(tmp_path, [])
    timeline = _activate(cli, home)
    assert not [e for e in read_events(timeline).events if e.kind.startswith("page.")]
