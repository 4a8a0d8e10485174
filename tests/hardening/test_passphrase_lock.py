"""A passphrase prompt never holds the timeline: while one member's command waits for the
passphrase of their key, another member records at once; the first act, once the passphrase is
typed, is decided again on the present and recorded after it."""

from __future__ import annotations

import os
import pty
import select
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.conftest import ROOT, Cli

ANSWERS = ROOT / "playbooks" / "answers" / "nationwide-outage.yaml"
PASSPHRASE = "correct horse battery"


def _read_until(fd: int, wanted: bytes, seconds: float) -> bytes:
    seen = b""
    deadline = time.monotonic() + seconds
    while wanted not in seen and time.monotonic() < deadline:
        ready, _, _ = select.select([fd], [], [], 0.1)
        if ready:
            try:
                seen += os.read(fd, 4096)
            except OSError:
                break
    return seen


def _ended(pid: int, seconds: float) -> int:
    """The child's wait status; killed when it has not ended within ``seconds``."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        done, status = os.waitpid(pid, os.WNOHANG)
        if done:
            return status
        time.sleep(0.05)
    os.kill(pid, signal.SIGKILL)
    return os.waitpid(pid, 0)[1]


def test_a_member_records_while_another_types_a_passphrase(
    cli: Cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    timeline = tmp_path / "incident.jsonl"
    ran = cli("activate", "nationwide-outage", "--answers", str(ANSWERS), "--timeline",
              str(timeline), "--quiet")  # fmt: skip
    assert ran.exit_code == 0, ran.stderr
    keyed = tmp_path / "ines-config"
    monkeypatch.setenv("CRISISPLAY_CONFIG_DIR", str(keyed))
    monkeypatch.setenv("CRISISPLAY_KEY_PASSPHRASE", PASSPHRASE)
    made = cli("key", "init", "--person", "ines-haddad", "--passphrase")
    assert made.exit_code == 0, made.stderr
    monkeypatch.delenv("CRISISPLAY_KEY_PASSPHRASE")
    base = [sys.executable, "-m", "crisisplay", "--home", str(ROOT), "log", "note"]
    where = ["--timeline", str(timeline)]
    pid, fd = pty.fork()
    if pid == 0:  # the member at a terminal, asked for her passphrase
        os.execv(sys.executable, [*base, "from Ines", *where, "--actor", "ines-haddad"])
    try:
        assert b"passphrase" in _read_until(fd, b"passphrase", 30)
        other = {**os.environ, "CRISISPLAY_CONFIG_DIR": str(tmp_path / "camille-config")}
        started = time.monotonic()
        camille = subprocess.run([*base, "from Camille", *where, "--actor", "camille-roux"],
                                 env=other, capture_output=True, text=True, timeout=60,
                                 check=False)  # fmt: skip
        took = time.monotonic() - started
        assert camille.returncode == 0, camille.stderr
        os.write(fd, PASSPHRASE.encode() + b"\n")
        _read_until(fd, b"\xc2\xb0", 30)  # "n°": recorded
    finally:
        status = _ended(pid, 30)
        os.close(fd)
    assert os.waitstatus_to_exitcode(status) == 0
    assert took < 20  # it never waited for the passphrase (the prompt waits forever)
    notes = [line for line in timeline.read_text("utf-8").splitlines() if "note.added" in line]
    assert "from Camille" in notes[-2] and "from Ines" in notes[-1]
