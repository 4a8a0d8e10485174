"""Disk faults while appending: the event is NOT recorded, said so, and the file left as it was."""

from __future__ import annotations

import errno
import os
import resource
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from timeline_support import Filler, NoteMaker

from crisisplay.errors import NotRecorded
from crisisplay.timeline.store import TimelineStore, read_events
from crisisplay.timeline.verify import verify


def is_timeline(fd: int, timeline: Path) -> bool:
    info = os.fstat(fd)
    return os.path.exists(timeline) and os.path.samestat(info, os.stat(timeline))


def fail_on_timeline(
    monkeypatch: pytest.MonkeyPatch, timeline: Path, name: str, action: Callable[..., object]
) -> list[int]:
    """Replace os.<name> with ``action`` for the timeline's descriptor; count the calls."""
    real = getattr(os, name)
    calls: list[int] = []

    def fake(fd: int, *args: object) -> object:
        if is_timeline(fd, timeline):
            calls.append(fd)
            return action(real, fd, *args)
        return real(fd, *args)

    monkeypatch.setattr(os, name, fake)
    return calls


def raise_errno(code: int) -> Callable[..., object]:
    def action(*_: object) -> object:
        raise OSError(code, os.strerror(code))

    return action


@pytest.mark.parametrize(
    ("call", "code", "reason"),
    [
        ("write", errno.ENOSPC, "the disk is full"),
        ("write", errno.EIO, "input/output error (is the disk failing?)"),
        ("fsync", errno.EIO, "input/output error (is the disk failing?)"),
        ("fsync", errno.ENOSPC, "the disk is full"),
    ],
)
def test_a_failed_write_or_fsync_is_not_recorded(
    timeline: Path,
    fill: Filler,
    note: NoteMaker,
    monkeypatch: pytest.MonkeyPatch,
    call: str,
    code: int,
    reason: str,
) -> None:
    fill(3)
    before = timeline.read_bytes()
    writer = TimelineStore(timeline)
    calls = fail_on_timeline(monkeypatch, timeline, call, raise_errno(code))
    with pytest.raises(NotRecorded) as caught:
        writer.append_many([note("one"), note("two")])
    assert str(caught.value) == f"event NOT recorded: {reason} ({timeline})"
    assert len(calls) == 1, "a failed fsync must never be retried"
    assert timeline.read_bytes() == before
    monkeypatch.undo()
    assert writer.append(note()).seq == 4
    assert verify(timeline).ok


def test_short_writes_are_continued(
    timeline: Path, fill: Filler, note: NoteMaker, monkeypatch: pytest.MonkeyPatch
) -> None:
    fill(2)
    calls = fail_on_timeline(
        monkeypatch, timeline, "write", lambda real, fd, data: real(fd, bytes(data[:7]))
    )
    event = TimelineStore(timeline).append(note("written seven bytes at a time"))
    assert len(calls) > 10
    monkeypatch.undo()
    assert read_events(timeline).events[-1] == event
    assert verify(timeline).ok


def test_a_short_write_then_an_error_leaves_no_partial_line(
    timeline: Path, fill: Filler, note: NoteMaker, monkeypatch: pytest.MonkeyPatch
) -> None:
    fill(2)
    before = timeline.read_bytes()
    state = {"calls": 0}

    def half_then_full(real: Callable[..., int], fd: int, data: bytes) -> int:
        state["calls"] += 1
        if state["calls"] == 1:
            return real(fd, bytes(data[: len(data) // 2]))
        raise OSError(errno.ENOSPC, "No space left on device")

    fail_on_timeline(monkeypatch, timeline, "write", half_then_full)
    with pytest.raises(NotRecorded, match="the disk is full"):
        TimelineStore(timeline).append(note())
    assert timeline.read_bytes() == before


def test_when_even_the_undo_fails_the_next_write_repairs(
    timeline: Path, fill: Filler, note: NoteMaker, monkeypatch: pytest.MonkeyPatch
) -> None:
    fill(2)
    before = timeline.read_bytes()
    fail_on_timeline(monkeypatch, timeline, "fsync", raise_errno(errno.EIO))
    fail_on_timeline(monkeypatch, timeline, "ftruncate", raise_errno(errno.EIO))
    writer = TimelineStore(timeline)
    with pytest.raises(NotRecorded):
        writer.append(note("lost"))
    monkeypatch.undo()
    # The unsynced line is still in the page cache: complete, so it is kept as event 3.
    assert read_events(timeline).events[-1].payload == {"text": "lost"}
    assert writer.append(note()).seq == 4
    assert timeline.read_bytes().startswith(before) and verify(timeline).ok


def test_an_interrupt_during_the_write_records_nothing(
    timeline: Path, fill: Filler, note: NoteMaker, monkeypatch: pytest.MonkeyPatch
) -> None:
    fill(2)
    before = timeline.read_bytes()

    def interrupt(*_: object) -> object:
        raise KeyboardInterrupt

    fail_on_timeline(monkeypatch, timeline, "fsync", interrupt)
    with pytest.raises(KeyboardInterrupt):
        TimelineStore(timeline).append(note())
    assert timeline.read_bytes() == before


def run_cli(*args: str, limit: int | None = None) -> subprocess.CompletedProcess[str]:
    def set_limit() -> None:
        if limit is not None:
            resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))

    env = {**os.environ, "PYTHONDONTWRITEBYTECODE": "1", "CRISISPLAY_ACTOR": "ines-haddad"}
    return subprocess.run(
        [sys.executable, "-m", "crisisplay", *args],
        capture_output=True,
        text=True,
        env=env,
        preexec_fn=set_limit,
        timeout=60,
        check=False,
    )


def test_a_real_file_size_limit_through_the_cli(timeline: Path, fill: Filler) -> None:
    fill(3)
    before = timeline.read_bytes()
    done = run_cli(
        "log", "note", "past the limit", "--timeline", str(timeline), limit=len(before) + 10
    )
    assert done.returncode == 2, done.stderr
    assert done.stderr == (
        f"error: event NOT recorded: the file size limit is reached ({timeline})\n"
    )
    assert done.stdout == ""
    assert timeline.read_bytes() == before
    checked = run_cli("timeline", "verify", "--timeline", str(timeline))
    assert checked.returncode == 0 and checked.stdout.startswith("ok: 3 events, head ")
    logged = run_cli("log", "note", "within the limit", "--timeline", str(timeline))
    assert logged.returncode == 0 and logged.stdout == "recorded #4\n"
