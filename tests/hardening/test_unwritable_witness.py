"""A witness that cannot be written is said, each time: the act is recorded (exit 0) and stderr
says its head was not witnessed and why; `timeline verify` says the witness could not be read
and still checks the chain."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import ROOT, Cli

ANSWERS = ROOT / "playbooks" / "answers" / "nationwide-outage.yaml"


@pytest.mark.parametrize("trouble", ["a file in its place", "a file in the witness's place"])
def test_each_act_says_its_head_was_not_witnessed(
    cli: Cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, trouble: str
) -> None:
    timeline = tmp_path / "incident.jsonl"
    ran = cli("activate", "nationwide-outage", "--answers", str(ANSWERS), "--timeline",
              str(timeline), "--quiet")  # fmt: skip
    assert ran.exit_code == 0, ran.stderr
    state = tmp_path / "state"
    if trouble == "a file in its place":
        state.write_text("not a folder", encoding="utf-8")
    else:
        state.mkdir()
        (state / "witness").write_text("not a folder either", encoding="utf-8")
    monkeypatch.setenv("CRISISPLAY_STATE_DIR", str(state))
    for text in ("first", "second"):
        note = cli("log", "note", text, "--actor", "camille-roux", "--timeline", str(timeline))
        assert note.exit_code == 0, note.stderr
        assert "could not be witnessed" in note.stderr
        assert str(state) in note.stderr
    assert cli("timeline", "show", "--timeline", str(timeline)).stdout.count("second") >= 1
    verify = cli("timeline", "verify", "--timeline", str(timeline))
    assert verify.exit_code == 0, verify.stdout + verify.stderr
    assert "ok:" in verify.stdout
    assert "cannot read the witness" in verify.stdout
