"""The store: appends, several writers, incidents, torn tails, tampering, filesystems, caps."""

from __future__ import annotations

import errno
import itertools
import os
import stat
from pathlib import Path

import pytest
from timeline_support import INCIDENT, Filler, NoteMaker

from crisisplay.errors import NotRecorded, TimelineError
from crisisplay.timeline import fileio, mounts, store
from crisisplay.timeline.events import GENESIS, canonical_line
from crisisplay.timeline.store import TimelineStore, read_events
from crisisplay.timeline.verify import verify


def test_appends_chain_from_genesis(timeline: Path, fill: Filler) -> None:
    events = fill(4)
    assert [e.seq for e in events] == [1, 2, 3, 4]
    assert events[0].prev == GENESIS
    assert all(b.prev == a.hash for a, b in itertools.pairwise(events))
    assert {e.incident for e in events} == {INCIDENT}
    assert timeline.read_bytes() == b"".join(canonical_line(e) for e in events)
    assert read_events(timeline).events == events


def test_new_timeline_is_created_0640(timeline: Path, note: NoteMaker) -> None:
    old = os.umask(0o022)
    try:
        TimelineStore(timeline, incident=INCIDENT).append(note())
    finally:
        os.umask(old)
    assert stat.S_IMODE(timeline.stat().st_mode) == 0o640


def fsyncs(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Record what each os.fsync call synced: 'dir' or 'file'."""
    seen: list[str] = []
    real = os.fsync

    def spy(fd: int) -> None:
        seen.append("dir" if stat.S_ISDIR(os.fstat(fd).st_mode) else "file")
        real(fd)

    monkeypatch.setattr(os, "fsync", spy)
    return seen


def test_creating_the_file_also_syncs_its_folder(
    timeline: Path, note: NoteMaker, monkeypatch: pytest.MonkeyPatch
) -> None:
    seen = fsyncs(monkeypatch)
    store_ = TimelineStore(timeline, incident=INCIDENT)
    store_.append(note())
    assert seen == ["dir", "file"]
    store_.append(note())
    assert seen == ["dir", "file", "file"]


def test_append_many_is_one_write_and_one_fsync(
    timeline: Path, fill: Filler, note: NoteMaker, monkeypatch: pytest.MonkeyPatch
) -> None:
    fill(1)
    writes: list[int] = []
    real_write = os.write

    def spy(fd: int, data: bytes) -> int:
        writes.append(len(data))
        return real_write(fd, data)

    seen = fsyncs(monkeypatch)
    monkeypatch.setattr(os, "write", spy)
    events = TimelineStore(timeline).append_many([note("a"), note("b"), note("c")])
    assert [e.seq for e in events] == [2, 3, 4]
    assert len(writes) == 1 and seen == ["file"]
    assert read_events(timeline).events[1:] == events
    assert TimelineStore(timeline).append_many([]) == []


def test_writers_take_turns_and_catch_up(timeline: Path, fill: Filler, note: NoteMaker) -> None:
    fill(1)
    first, second = TimelineStore(timeline), TimelineStore(timeline)
    seqs = [s.append(note()).seq for s in (first, second, first, first, second)]
    assert seqs == [2, 3, 4, 5, 6]
    assert verify(timeline).ok


def test_a_file_replaced_behind_the_store_is_checked_again(
    timeline: Path, fill: Filler, note: NoteMaker
) -> None:
    fill(5)
    writer = TimelineStore(timeline)
    writer.append(note())
    shorter = b"".join(timeline.read_bytes().splitlines(keepends=True)[:3])
    replacement = timeline.with_name("other.jsonl")
    replacement.write_bytes(shorter)
    os.replace(replacement, timeline)
    assert writer.append(note()).seq == 4
    assert verify(timeline).ok


def test_a_file_that_shrank_is_checked_again(timeline: Path, fill: Filler, note: NoteMaker) -> None:
    fill(5)
    writer = TimelineStore(timeline)
    writer.append(note())
    lines = timeline.read_bytes().splitlines(keepends=True)
    os.truncate(timeline, sum(map(len, lines[:2])))
    assert writer.append(note()).seq == 3
    assert verify(timeline).ok


def test_incident_must_match_the_first_event(timeline: Path, fill: Filler, note: NoteMaker) -> None:
    fill(2)
    with pytest.raises(TimelineError, match="is the timeline of 'outage-2026-11-23', not 'other'"):
        TimelineStore(timeline, incident="other").append(note())


def test_joining_needs_an_existing_timeline(timeline: Path, note: NoteMaker) -> None:
    with pytest.raises(TimelineError, match="no timeline at"):
        TimelineStore(timeline).append(note())
    assert not timeline.exists()
    timeline.touch()
    with pytest.raises(TimelineError, match="no complete event yet, so its incident is unknown"):
        TimelineStore(timeline).append(note())
    assert timeline.read_bytes() == b""


# -- torn tails: a crash mid-write --------------------------------------------------------------


@pytest.mark.parametrize(
    "tail",
    [b'{"actor":"bob","hash":"12', b"\x00\x00\x00\x00", b"garbage\n", b"\n"],
    ids=["prefix", "zeros", "unparsable-with-newline", "empty-line"],
)
def test_a_torn_last_line_is_moved_aside_and_the_repair_recorded(
    timeline: Path, fill: Filler, note: NoteMaker, tail: bytes
) -> None:
    fill(3)
    good = timeline.read_bytes()
    with timeline.open("ab") as file:
        file.write(tail)
    assert read_events(timeline).torn_tail == tail
    event = TimelineStore(timeline).append(note("after the crash"))
    events = read_events(timeline).events
    repaired = events[3]
    assert repaired.kind == "timeline.repaired" and repaired.actor == "crisisplay"
    assert repaired.payload == {
        "bytes": len(tail),
        "sha256": __import__("hashlib").sha256(tail).hexdigest(),
        "broken": "incident.jsonl.broken",
        "broken_offset": 0,
        "offset": len(good),
    }
    assert event.seq == 5 and events[4] == event
    assert timeline.read_bytes().startswith(good)
    broken = timeline.with_name("incident.jsonl.broken").read_bytes()
    assert broken == (tail if tail.endswith(b"\n") else tail + b"\n")
    assert verify(timeline).ok


def test_a_complete_line_without_its_newline_was_never_acknowledged(
    timeline: Path, fill: Filler, note: NoteMaker
) -> None:
    fill(3)
    data = timeline.read_bytes()
    timeline.write_bytes(data[:-1])
    TimelineStore(timeline).append(note())
    kinds = [e.kind for e in read_events(timeline).events]
    assert kinds[2:] == ["timeline.repaired", "note.added"]
    assert timeline.with_name("incident.jsonl.broken").read_bytes() == data.splitlines()[-1] + b"\n"


def test_tears_accumulate_in_the_broken_file(timeline: Path, fill: Filler, note: NoteMaker) -> None:
    fill(2)
    for tail in (b"first tear", b"second tear"):
        with timeline.open("ab") as file:
            file.write(tail)
        TimelineStore(timeline).append(note())
    broken = timeline.with_name("incident.jsonl.broken")
    assert broken.read_bytes() == b"first tear\nsecond tear\n"
    offsets = [
        e.payload["broken_offset"]
        for e in read_events(timeline).events
        if e.kind == "timeline.repaired"
    ]
    assert offsets == [0, len(b"first tear\n")]


def test_a_timeline_holding_only_a_torn_line_restarts_at_seq_1(
    timeline: Path, note: NoteMaker
) -> None:
    timeline.write_bytes(b'{"actor":"al')
    with pytest.raises(TimelineError, match="incident is unknown"):
        TimelineStore(timeline).append(note())
    assert timeline.read_bytes() == b'{"actor":"al'
    event = TimelineStore(timeline, incident=INCIDENT).append(note())
    assert [e.seq for e in read_events(timeline).events] == [1, 2] and event.seq == 2


def test_readers_never_modify_the_file(timeline: Path, fill: Filler) -> None:
    fill(3)
    with timeline.open("ab") as file:
        file.write(b'{"torn')
    before = timeline.read_bytes()
    read_events(timeline)
    verify(timeline)
    assert timeline.read_bytes() == before
    assert not timeline.with_name("incident.jsonl.broken").exists()


# -- tampering: never repaired ------------------------------------------------------------------


@pytest.mark.parametrize("line_index", [1, 3])
def test_a_damaged_line_followed_by_good_ones_is_refused(
    timeline: Path, fill: Filler, note: NoteMaker, line_index: int
) -> None:
    fill(5)
    lines = timeline.read_bytes().splitlines(keepends=True)
    lines[line_index] = lines[line_index].replace(b"note", b"NOTE", 1)
    timeline.write_bytes(b"".join(lines))
    before = timeline.read_bytes()
    for attempt in (lambda: TimelineStore(timeline).append(note()), lambda: read_events(timeline)):
        with pytest.raises(TimelineError) as caught:
            attempt()
        message = str(caught.value)
        assert message.startswith(f"{timeline}:{line_index + 1}: ")
        assert f"damaged at seq {line_index + 1}" in message
        assert "never repaired automatically" in message
    assert timeline.read_bytes() == before
    assert not timeline.with_name("incident.jsonl.broken").exists()


def test_a_parsable_but_forged_last_line_is_tampering_not_a_tear(
    timeline: Path, fill: Filler, note: NoteMaker
) -> None:
    fill(3)
    data = timeline.read_bytes()
    timeline.write_bytes(data.replace(b"note 3", b"note 9"))
    with pytest.raises(TimelineError, match="damaged at seq 3: hash does not match"):
        TimelineStore(timeline).append(note())


def test_a_last_line_rewritten_behind_a_live_store_is_noticed(
    timeline: Path, fill: Filler, note: NoteMaker
) -> None:
    fill(3)
    writer = TimelineStore(timeline)
    writer.append(note("four"))
    timeline.write_bytes(timeline.read_bytes().replace(b'"four"', b'"FOUR"'))
    with pytest.raises(TimelineError, match="damaged at seq 4"):
        writer.append(note())


# -- filesystems, permissions and caps ----------------------------------------------------------

MOUNTINFO = """\
22 27 0:21 / /proc rw,relatime - proc proc rw
27 1 254:0 / / rw,relatime - ext4 /dev/vda rw
40 27 0:50 / /mnt/crisis\\040share rw,relatime shared:5 - nfs4 srv:/export rw,vers=4.2
41 40 0:51 / /mnt/crisis\\040share/local rw - ext4 /dev/vdb rw
42 27 0:52 / /home/ops/remote rw - fuse.sshfs ops@host:/srv rw
"""


@pytest.mark.parametrize(
    ("path", "fstype"),
    [
        ("/home/ops/incident.jsonl", "ext4"),
        ("/mnt/crisis share/incident.jsonl", "nfs4"),
        ("/mnt/crisis share/local/incident.jsonl", "ext4"),
        ("/mnt/crisis sharex/incident.jsonl", "ext4"),
        ("/home/ops/remote/t.jsonl", "fuse.sshfs"),
    ],
)
def test_the_deepest_mount_decides_the_filesystem(path: str, fstype: str) -> None:
    assert mounts.filesystem_of(path, MOUNTINFO) == fstype


def test_proc_mounts_format_is_understood_too() -> None:
    table = "/dev/vda / ext4 rw 0 0\n//nas/crisis /srv/crisis cifs rw 0 0\n"
    assert mounts.filesystem_of("/srv/crisis/t.jsonl", table, mountinfo=False) == "cifs"


def test_a_network_filesystem_is_refused(
    timeline: Path, note: NoteMaker, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    table = tmp_path / "mountinfo"
    table.write_text(
        f"1 0 0:1 / / rw - ext4 /dev/vda rw\n2 1 0:2 / {tmp_path} rw - nfs srv:/x rw\n"
    )
    monkeypatch.setattr(mounts, "_MOUNT_TABLES", (str(table),))
    with pytest.raises(TimelineError) as caught:
        TimelineStore(timeline, incident=INCIDENT).append(note())
    assert "network filesystem (nfs): file locks and fsync are not reliable" in str(caught.value)
    assert not timeline.exists()


def refuse_open(monkeypatch: pytest.MonkeyPatch, target: Path, code: int) -> None:
    real = os.open

    def fake(path: object, flags: int, mode: int = 0o777, **kw: object) -> int:
        if Path(str(path)) == target and flags & (os.O_WRONLY | os.O_RDWR):
            raise OSError(code, os.strerror(code), str(path))
        return real(path, flags, mode, **kw)  # type: ignore[arg-type]

    monkeypatch.setattr(os, "open", fake)


@pytest.mark.parametrize(
    ("code", "reason"),
    [
        (errno.EROFS, "the filesystem is read-only"),
        (errno.EACCES, "permission denied (read-only file or folder?)"),
    ],
)
def test_a_read_only_timeline_is_reported_and_left_alone(
    timeline: Path,
    fill: Filler,
    note: NoteMaker,
    monkeypatch: pytest.MonkeyPatch,
    code: int,
    reason: str,
) -> None:
    fill(2)
    before = timeline.read_bytes()
    refuse_open(monkeypatch, timeline, code)
    with pytest.raises(NotRecorded) as caught:
        TimelineStore(timeline).append(note())
    assert str(caught.value) == (
        f"event NOT recorded: cannot open it for writing: {reason} ({timeline})"
    )
    assert timeline.read_bytes() == before


def test_a_read_only_folder_is_reported_and_nothing_created(
    timeline: Path, note: NoteMaker, monkeypatch: pytest.MonkeyPatch
) -> None:
    refuse_open(monkeypatch, timeline, errno.EACCES)
    with pytest.raises(NotRecorded, match="event NOT recorded: cannot open it for writing"):
        TimelineStore(timeline, incident=INCIDENT).append(note())
    assert list(timeline.parent.iterdir()) == []


def test_a_missing_folder_is_named(tmp_path: Path, note: NoteMaker) -> None:
    path = tmp_path / "timelines" / "incident.jsonl"
    with pytest.raises(NotRecorded, match=r"its folder .*timelines does not exist"):
        TimelineStore(path, incident=INCIDENT).append(note())


def test_file_and_line_size_caps(
    timeline: Path, fill: Filler, note: NoteMaker, monkeypatch: pytest.MonkeyPatch
) -> None:
    fill(2)
    before = timeline.read_bytes()
    monkeypatch.setattr(store, "MAX_LINE_BYTES", 200)
    with pytest.raises(TimelineError, match="more than the 200 a timeline line may hold"):
        TimelineStore(timeline).append(note("x" * 300))
    monkeypatch.undo()
    monkeypatch.setattr(fileio, "MAX_FILE_BYTES", len(before) + 10)
    with pytest.raises(TimelineError, match=r"would grow to .* a timeline may hold"):
        TimelineStore(timeline).append(note())
    monkeypatch.setattr(fileio, "MAX_FILE_BYTES", 100)
    with pytest.raises(TimelineError, match=f"{len(before)} bytes, more than the 100"):
        read_events(timeline)
    assert timeline.read_bytes() == before


def test_an_over_long_line_is_reported_by_verify(
    timeline: Path, fill: Filler, monkeypatch: pytest.MonkeyPatch
) -> None:
    fill(3)
    monkeypatch.setattr("crisisplay.timeline.events.MAX_LINE_BYTES", 100)
    result = verify(timeline)
    assert not result.ok and result.first_bad_seq == 1
    assert result.reason == "line 1: line longer than 100 bytes"


def test_when_the_torn_line_cannot_be_kept_nothing_is_cut(
    timeline: Path, fill: Filler, note: NoteMaker, monkeypatch: pytest.MonkeyPatch
) -> None:
    fill(2)
    with timeline.open("ab") as file:
        file.write(b'{"torn')
    before = timeline.read_bytes()
    broken = timeline.with_name("incident.jsonl.broken")
    refuse_open(monkeypatch, broken, errno.ENOSPC)
    with pytest.raises(NotRecorded) as caught:
        TimelineStore(timeline).append(note())
    assert str(caught.value) == (
        f"event NOT recorded: cannot open {broken}: the disk is full ({timeline})"
    )
    assert timeline.read_bytes() == before
