"""`status`, the lead's board and `gate show` say whether the cell is formed: since when, else
which roles of the quorum have not answered; a gate whose validator's role was paged and not
acknowledged is "not yet reached". Pages and answers are recorded through the engine's acts on
a clock the test moves (tests/delivery/paged.py)."""

from __future__ import annotations

import json
from datetime import timedelta
from pathlib import Path

import pytest

from crisisplay.console import get_console
from crisisplay.console.status_views import status_board
from crisisplay.incident.board.waiting import board_lines
from crisisplay.incident.ops import Acknowledge
from crisisplay.incident.status import Status, status_of
from tests.conftest import Cli
from tests.delivery.paged import START, PagedIncident, paged_incident
from tests.delivery.support import _activate, _home, outbox

pytestmark = pytest.mark.usefixtures("outbox")
__all__ = ["outbox"]

QUORUM = ("cell-lead", "noc-liaison", "comms-director")
#: validated by the NOC liaison and the communications director; gesture-approved, by legal,
#: waits too (its answer depends on them)
GATES = ("noc-scope", "comms-approval")


@pytest.fixture(autouse=True)
def _wide(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COLUMNS", "200")  # the board's lines unwrapped


@pytest.fixture
def incident(tmp_path: Path) -> PagedIncident:
    """Paged at T+0; the NOC answers at T+3; the director and legal not yet."""
    found = paged_incident(tmp_path, QUORUM, GATES)
    found.at(3)
    found.act("noc-duty", Acknowledge())
    return found


def _status(incident: PagedIncident, lang: str = "en") -> Status:
    return status_of(incident.desk().situation(), lang)


def _text(status: Status) -> str:
    console = get_console()
    with console.capture() as captured:
        console.print(status_board(status))
    return captured.get()


def test_status_says_which_roles_of_the_quorum_have_not_answered(incident: PagedIncident) -> None:
    status = _status(incident)
    assert status.cell is not None and status.cell.formed_at is None
    assert status.cell.waiting_for == ("comms-director",)
    unreached = {g.id: g.unreached for g in status.gates_waiting}
    assert unreached == {"noc-scope": False, "comms-approval": True, "gesture-approved": True}
    text = _text(status)
    assert "cell not formed yet: waiting for Communications director" in text
    [approval] = [line for line in text.splitlines() if "Communications director, pending" in line]
    assert "not yet reached" in approval
    [scope] = [line for line in text.splitlines() if "Technical liaison (NOC), pending" in line]
    assert "not yet reached" not in scope
    document = status.as_json()
    assert document["cell"] == {"formed": False, "formed_at": None, "formed_after_min": None,
                                "waiting_for": ["comms-director"]}  # fmt: skip
    french = _text(_status(incident, "fr"))
    assert "cellule pas encore constituée : en attente de " in french
    assert "pas encore joint" in french


def test_the_board_marks_a_gate_whose_validator_is_not_yet_reached(
    incident: PagedIncident,
) -> None:
    situation = incident.desk().situation()
    lines = [text for _, text in board_lines(situation.read_in("en"))]
    [approval] = [line for line in lines if "[gate comms-approval]" in line]
    [scope] = [line for line in lines if "[gate noc-scope]" in line]
    assert approval.endswith("(not yet reached)") and "not yet reached" not in scope
    french = [text for _, text in board_lines(situation.read_in("fr"))]
    [approval_fr] = [line for line in french if "[gate comms-approval]" in line]
    assert approval_fr.endswith("(pas encore joint)")


def test_gate_show_says_the_validator_is_not_yet_reached(cli: Cli, incident: PagedIncident) -> None:
    def shown(gate: str, lang: str = "en") -> str:
        ran = cli("gate", "show", gate, "--timeline", str(incident.path), "--lang", lang,
                  home=incident.home)  # fmt: skip
        assert ran.exit_code == 0, ran.stderr
        return ran.stdout

    assert "not yet reached" in shown("comms-approval")
    assert "pas encore joint" in shown("comms-approval", "fr")
    assert "not yet reached" not in shown("noc-scope")
    ran = cli("status", "--format", "json", "--timeline", str(incident.path), home=incident.home)
    assert ran.exit_code == 0, ran.stderr
    document = json.loads(ran.stdout)
    assert document["cell"]["waiting_for"] == ["comms-director"]
    assert {g["id"]: g["unreached"] for g in document["gates_waiting"]}["comms-approval"]


def test_status_says_since_when_the_cell_is_formed(incident: PagedIncident) -> None:
    incident.at(7)
    incident.act("anne-lefevre", Acknowledge())
    status = _status(incident)
    assert status.cell is not None and status.cell.formed_at == START + timedelta(minutes=7)
    assert status.cell.waiting_for == ()
    assert status.as_json()["cell"]["formed_after_min"] == 7
    assert "cell formed at 07:57 (7 min after activation)" in _text(status)
    unreached = {g.id: g.unreached for g in status.gates_waiting}
    assert unreached["comms-approval"] is False and unreached["gesture-approved"] is True


def test_without_pages_status_says_nothing_of_the_cell(cli: Cli, tmp_path: Path) -> None:
    home = _home(tmp_path, [])
    timeline = _activate(cli, home)
    ran = cli("status", "--format", "json", "--timeline", str(timeline), home=home)
    assert ran.exit_code == 0, ran.stderr
    document = json.loads(ran.stdout)
    assert document["cell"] is None
    assert not any(g["unreached"] for g in document["gates_waiting"])
    text = cli("status", "--timeline", str(timeline), "--lang", "en", home=home).stdout
    assert "cell" not in text.lower() and "not yet reached" not in text
