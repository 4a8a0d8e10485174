"""verify finds every change to a recorded event, at the right seq: bit flips, edits, deletions,
swaps, duplicates; and truncation at any byte is a torn tail or a shorter chain, repaired on
the next write."""

from __future__ import annotations

import hashlib
import json
import random
from pathlib import Path

import pytest
from timeline_support import Filler, NoteMaker, stable

from crisisplay.timeline.store import TimelineStore, read_events
from crisisplay.timeline.verify import VerifyResult, verify


def lines_of(path: Path) -> list[bytes]:
    return path.read_bytes().splitlines(keepends=True)


def rewrite(path: Path, lines: list[bytes]) -> VerifyResult:
    path.write_bytes(b"".join(lines))
    return verify(path)


def rehash(line: bytes, **changes: object) -> bytes:
    """An edit by someone who knows the format: the event's own hash recomputed."""
    obj = json.loads(line)
    obj.update(changes)
    del obj["hash"]
    body = json.dumps(obj, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    obj["hash"] = hashlib.sha256(body.encode()).hexdigest()
    return (
        json.dumps(obj, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode() + b"\n"
    )


@pytest.mark.slow
def test_a_thousand_single_bit_flips_are_each_found_at_their_seq(
    timeline: Path, fill: Filler
) -> None:
    fill(25)
    data = bytearray(timeline.read_bytes())
    before_last = data.rstrip(b"\n").rfind(b"\n") + 1
    rng = random.Random(20261123)
    for _ in range(1000):
        pos, bit = rng.randrange(before_last), 1 << rng.randrange(8)
        data[pos] ^= bit
        timeline.write_bytes(data)
        result = verify(timeline)
        # The line the byte was on (a flip that adds or removes a newline breaks that line).
        expected = data.count(b"\n", 0, pos) + 1
        assert not result.ok, f"flip of bit {bit} at byte {pos} went unnoticed"
        assert result.first_bad_seq == expected, (pos, bit, result.reason)
        data[pos] ^= bit
    timeline.write_bytes(data)
    assert verify(timeline).ok


def test_an_edit_is_found_at_the_edited_event(timeline: Path, fill: Filler) -> None:
    fill(6)
    lines = lines_of(timeline)
    lines[3] = lines[3].replace(b"note 4", b"note 5")
    result = rewrite(timeline, lines)
    assert stable(result.as_json()) == {
        "ok": False,
        "first_bad_seq": 4,
        "reason": "line 4: hash does not match the event's content (edited or corrupted)",
    }


def test_an_edit_with_its_hash_recomputed_breaks_the_next_link(
    timeline: Path, fill: Filler
) -> None:
    fill(6)
    lines = lines_of(timeline)
    lines[3] = rehash(lines[3], payload={"text": "nothing happened"})
    result = rewrite(timeline, lines)
    assert result.first_bad_seq == 5
    assert result.reason == (
        "line 5: prev does not match the hash of #4 "
        "(an earlier event was edited, removed or reordered)"
    )


@pytest.mark.parametrize(
    ("change", "first_bad"),
    [
        (lambda ls: ls[:2] + ls[3:], 3),  # delete event 3
        (lambda ls: ls[1:], 1),  # delete the first event
        (lambda ls: [ls[0], ls[2], ls[1], *ls[3:]], 2),  # swap 2 and 3
        (lambda ls: [*ls[:4], ls[3], *ls[4:]], 5),  # duplicate event 4
        (lambda ls: [*ls[:3], b"\n", *ls[3:]], 4),  # blank line inserted
    ],
    ids=["delete-middle", "delete-first", "swap", "duplicate", "blank-line"],
)
def test_deletions_swaps_and_insertions_are_found(
    timeline: Path, fill: Filler, change: object, first_bad: int
) -> None:
    fill(6)
    result = rewrite(timeline, change(lines_of(timeline)))  # type: ignore[operator]
    assert not result.ok and result.first_bad_seq == first_bad, result.reason


def test_a_renumbered_deletion_still_breaks_the_chain(timeline: Path, fill: Filler) -> None:
    fill(6)
    lines = lines_of(timeline)
    rest = [rehash(line, seq=i) for i, line in enumerate(lines[3:], start=3)]
    result = rewrite(timeline, lines[:2] + rest)
    assert result.first_bad_seq == 3 and "prev does not match the hash of #2" in str(result.reason)


def test_another_incident_spliced_in_is_found(timeline: Path, fill: Filler) -> None:
    fill(4)
    lines = lines_of(timeline)
    lines[2] = rehash(lines[2], incident="drill-42")
    result = rewrite(timeline, lines)
    assert result.first_bad_seq == 3
    assert result.reason == "line 3: incident is 'drill-42', the timeline's is 'outage-2026-11-23'"


def test_verify_json_shapes(timeline: Path, fill: Filler) -> None:
    events = fill(3)
    document = verify(timeline).as_json()
    assert stable(document) == {"ok": True, "events": 3, "head": events[-1].hash}
    assert document["short_head"] == f"3:{events[-1].hash[:16]}"
    assert document["signatures"] == {
        "own": 0,
        "on_behalf": 0,
        "system": 0,
        "unsigned": 3,
        "bad": 0,
        "roster_checked": False,
    }
    assert (document["witnessed"], document["problems"]) == ([], [])
    timeline.write_bytes(b"")
    assert stable(verify(timeline).as_json()) == {"ok": True, "events": 0, "head": "0" * 64}


@pytest.mark.slow
def test_truncation_at_every_byte_of_the_last_three_events(
    timeline: Path, fill: Filler, note: NoteMaker
) -> None:
    events = fill(6)
    data = timeline.read_bytes()
    ends = [i + 1 for i, byte in enumerate(data) if byte == ord("\n")]
    start = ends[2]
    broken = timeline.with_name("incident.jsonl.broken")
    for offset in range(start, len(data) + 1):
        timeline.write_bytes(data[:offset])
        broken.unlink(missing_ok=True)
        complete = sum(1 for end in ends if end <= offset)
        read = read_events(timeline)
        assert read.events == events[:complete]
        at_boundary = offset in ends
        assert read.torn_tail == (None if at_boundary else data[ends[complete - 1] : offset])
        result = verify(timeline)
        assert result.ok == at_boundary
        if not at_boundary:
            assert result.first_bad_seq == complete + 1
            assert "the last line is incomplete" in str(result.reason)
        TimelineStore(timeline).append(note("after"))
        after = read_events(timeline).events
        assert after[:complete] == events[:complete]
        kinds = [e.kind for e in after[complete:]]
        assert kinds == (["note.added"] if at_boundary else ["timeline.repaired", "note.added"])
        assert broken.exists() != at_boundary
        assert verify(timeline).ok
