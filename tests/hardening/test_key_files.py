"""A signing key is read only from a regular file of a key's size: a FIFO or a device named
signing-key.pem or signing-key.json is refused at once, never waited on or read without end.

Run as subprocesses with a timeout and a memory limit, so that a regression fails instead of
hanging the suite or filling the machine.
"""

from __future__ import annotations

import os
import resource
import stat
import subprocess
import sys
from datetime import datetime, timezone
from pathlib import Path

import pytest

from crisisplay.errors import UsageError
from crisisplay.timeline.events import NewEvent
from crisisplay.timeline.signing import (
    IDENTITY_FILE,
    KEY_FILE,
    KeySigner,
    create_key,
    read_identity,
)
from crisisplay.timeline.store import TimelineStore
from tests.conftest import ROOT

START = datetime(2026, 11, 23, 15, 0, tzinfo=timezone.utc)
INCIDENT = "20261123-1500-local-outage-7e1d"


def _activation() -> NewEvent:
    payload = {"scenario": "local-outage", "title": "Local outage", "lang": "fr"}
    return NewEvent("incident.activated", "camille-roux", "cell-lead", payload, START)


def _small_memory() -> None:
    """A command that reads a device without end fails here instead of filling the machine."""
    resource.setrlimit(resource.RLIMIT_AS, (1 << 30, 1 << 30))


def _zero_device(path: Path) -> None:
    """A device that never ends, readable by its owner only (as /dev/zero would be, chmod 600)."""
    try:
        os.mknod(path, stat.S_IFCHR | 0o600, os.makedev(1, 5))
    except PermissionError:  # not root: the system's own /dev/zero, through a link
        path.symlink_to("/dev/zero")


@pytest.mark.parametrize("special", ["fifo", "zero device"])
@pytest.mark.parametrize("name", [KEY_FILE, IDENTITY_FILE])
def test_a_key_file_that_is_not_a_regular_file_is_refused_at_once(
    tmp_path: Path, name: str, special: str
) -> None:
    config = tmp_path / "config"
    create_key(config, "camille-roux", None)
    target = config / name
    target.unlink()
    if special == "fifo":
        os.mkfifo(target, 0o600)
    else:
        _zero_device(target)
    timeline = tmp_path / "incident.jsonl"
    TimelineStore(timeline, incident=INCIDENT, signer=None, witness=None).append(_activation())
    env = {**os.environ, "CRISISPLAY_CONFIG_DIR": str(config), "PYTHONPATH": str(ROOT)}
    env.pop("CRISISPLAY_KEY_PASSPHRASE", None)
    ran = subprocess.run(
        [sys.executable, "-m", "crisisplay", "log", "note", "press desk called",
         "--timeline", str(timeline), "--actor", "camille-roux"],
        env=env, capture_output=True, text=True, timeout=30, stdin=subprocess.DEVNULL,
        preexec_fn=_small_memory, check=False,
    )  # fmt: skip
    assert ran.returncode == 2, ran.stderr
    assert "not a regular file" in ran.stderr and str(target) in ran.stderr
    assert len(ran.stderr.strip().splitlines()) == 1


def test_a_key_file_larger_than_any_key_or_not_a_key_is_refused(tmp_path: Path) -> None:
    config = tmp_path / "config"
    create_key(config, "camille-roux", None)
    (config / KEY_FILE).write_bytes(b"-" * (1 << 20))
    (config / KEY_FILE).chmod(0o600)
    identity = read_identity(config)
    assert identity is not None
    with pytest.raises(UsageError, match="larger than a key file can be"):
        KeySigner(identity, lambda: None).sign(b"{}")
    (config / KEY_FILE).write_bytes(b"-" * 100)
    with pytest.raises(UsageError, match="is not a PEM private key"):
        KeySigner(identity, lambda: None).sign(b"{}")
