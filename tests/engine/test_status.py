"""The status board: a projection of the timeline against the scenario at a given time."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

from crisisplay.home import Home
from crisisplay.incident.run import current_status
from tests.engine.conftest import FIXTURE_HOME, RunnerFactory

ANSWERS = FIXTURE_HOME / "playbooks" / "answers" / "minimal.yaml"


def _cut(full: Path, keep: int, tmp_path: Path) -> Path:
    cut = tmp_path / f"cut{keep}.jsonl"
    cut.write_bytes(b"".join(full.read_bytes().splitlines(keepends=True)[:keep]))
    return cut


def test_overdue_steps_and_waiting_gates(runner: RunnerFactory, tmp_path: Path) -> None:
    full = tmp_path / "full.jsonl"
    state = runner(FIXTURE_HOME).activate("minimal", ANSWERS, full).state
    assert state.activated_at is not None
    cut = _cut(full, 9, tmp_path)  # the step started, its gate refused once
    board = current_status(
        Home(FIXTURE_HOME), cut, "en", now=state.activated_at + timedelta(minutes=40)
    )
    assert [s.id for s in board.overdue] == ["confirm", "publish"]
    assert board.overdue[0].late == timedelta(minutes=30)
    assert [(g.id, g.status) for g in board.gates_waiting] == [("scope", "refused")]
    assert board.next_update is None and board.first_public_at is None


def test_next_update_countdown_after_publication(runner: RunnerFactory, tmp_path: Path) -> None:
    full = tmp_path / "full.jsonl"
    state = runner(FIXTURE_HOME).activate("minimal", ANSWERS, full).state
    assert state.activated_at is not None
    board = current_status(
        Home(FIXTURE_HOME), full, "fr", now=state.activated_at + timedelta(minutes=60)
    )
    # published at T+16m with the next update promised at 16:30 Paris (T+88m)
    assert board.next_update_in == timedelta(minutes=28)
    assert board.as_json()["next_update_in_min"] == 28
    assert board.first_public_at == state.activated_at + timedelta(minutes=16)
