"""A long incident is read block by block: memory follows the incident's state, not its length.

`timeline verify`, `status` and `report` walk the file once, a block at a time; the walk says
exactly what a scan of the whole file says (torn last line, break, tip), whatever the block
size; and what each of them holds at its peak is a block and the state, never the file.
"""

from __future__ import annotations

import gc
import tracemalloc
from collections.abc import Callable, Iterator
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

from crisisplay.home import Home
from crisisplay.incident.run import load_state
from crisisplay.report.run import pieces, read_report
from crisisplay.timeline import store
from crisisplay.timeline.chain import Walk, scan
from crisisplay.timeline.events import GENESIS, NewEvent, seal
from crisisplay.timeline.verify import verify

START = datetime(2026, 11, 23, 15, 0, tzinfo=timezone.utc)
INCIDENT = "long-incident"
EVENTS = 12_000
SMALL_BLOCK = 1 << 15


def _script(count: int) -> Iterator[tuple[str, str, dict[str, object]]]:
    """An activation, then renderings that replace each other: a state that stays small."""
    yield (
        "incident.activated",
        "lead",
        {
            "scenario": "nationwide-outage",
            "title": "Long",
            "lang": "en",
            "drill": False,
            "lead_role": "cell-lead",
            "first_message_target_min": 30,
            "update_interval_min": 60,
        },
    )
    for n in range(count - 1):
        payload = {
            "message": "update",
            "kind": "update",
            "channel": ("x", "sms", "facebook")[n % 3],
            "lang": "en",
            "sha256": f"{n:064x}",
            "length": 200,
            "ok": True,
        }
        yield "message.rendered", "cm", payload


def _lines(count: int) -> bytes:
    lines, prev = [], GENESIS
    for seq, (kind, actor, payload) in enumerate(_script(count), start=1):
        new = NewEvent(kind, actor, "cell-lead", payload, START + timedelta(seconds=seq))
        event, line = seal(new, seq=seq, prev=prev, incident=INCIDENT)
        lines.append(line)
        prev = event.hash
    return b"".join(lines)


@pytest.fixture(scope="module")
def long_timeline(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("long") / "long.jsonl"
    path.write_bytes(_lines(EVENTS))
    return path


def _peak(work: Callable[[], object]) -> int:
    """The most memory ``work`` held at once (Python allocations, traced)."""
    gc.collect()
    tracemalloc.start()
    try:
        work()
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


@pytest.mark.parametrize("size", [1, 97, 4096, 1 << 20])
@pytest.mark.parametrize(
    "damage",
    ["none", "torn", "torn-with-newline", "flipped", "crlf", "zeros"],
)
def test_a_walk_block_by_block_finds_what_a_scan_of_the_whole_finds(size: int, damage: str) -> None:
    data = _lines(40)
    if damage == "torn":
        data += b'{"actor":"cm","hash":"ab'
    elif damage == "torn-with-newline":
        data += b'{"actor":"cm","hash":"ab\n'
    elif damage == "flipped":
        data = data[:900] + bytes([data[900] ^ 1]) + data[901:]
    elif damage == "crlf":
        data = data.replace(b"\n", b"\r\n", 5)
    elif damage == "zeros":
        data += b"\0" * 300
    whole = scan(data)
    walk = Walk([data[i : i + size] for i in range(0, len(data), size)], len(data))
    seen = [
        (event.seq, line)
        for events, lines in walk
        for event, line in zip(events, lines, strict=True)
    ]
    assert [seq for seq, _ in seen] == [event.seq for event in whole.events]
    assert all(line + b"\n" in data for _, line in seen)
    end = walk.end
    assert (end.tip, end.good_end, end.last_line, end.torn, end.broken) == (
        whole.tip,
        whole.good_end,
        whole.last_line,
        whole.torn,
        whole.broken,
    )


def test_verify_holds_a_block_not_the_file(
    long_timeline: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(store, "BLOCK_BYTES", SMALL_BLOCK)
    size = long_timeline.stat().st_size
    results = []
    peak = _peak(lambda: results.append(verify(long_timeline)))
    assert results[0].ok and results[0].events == EVENTS
    assert peak < size / 4, f"verify held {peak} bytes of a {size}-byte timeline"


def test_the_state_is_folded_as_the_file_is_read(
    long_timeline: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(store, "BLOCK_BYTES", SMALL_BLOCK)
    size = long_timeline.stat().st_size
    states = []
    peak = _peak(lambda: states.append(load_state(long_timeline)))
    assert states[0].last_seq == EVENTS
    assert peak < size / 4, f"the fold held {peak} bytes of a {size}-byte timeline"


def test_the_report_is_read_and_written_without_holding_the_file(
    long_timeline: Path, bundled_home: Home, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """What the report holds beyond what it holds for a short incident (its playbook, its
    catalogues, its caches) is a block and the state, not the file."""
    monkeypatch.setattr(store, "BLOCK_BYTES", SMALL_BLOCK)
    short = tmp_path / "short.jsonl"
    short.write_bytes(_lines(50))
    size = long_timeline.stat().st_size
    written: list[int] = []

    def report(path: Path) -> Callable[[], None]:
        def run() -> None:
            document, _ = read_report(bundled_home, path, "en")
            written.append(sum(len(piece) for piece in pieces(document, "md")))

        return run

    report(short)()  # caches and imports are not what is measured
    extra = _peak(report(long_timeline)) - _peak(report(short))
    assert written[-2] > written[-1] > 0
    assert extra < size / 4, f"the report held {extra} more bytes for a {size}-byte timeline"


def test_a_store_joining_a_long_timeline_reads_it_in_blocks(
    long_timeline: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(store, "BLOCK_BYTES", SMALL_BLOCK)
    reader = store.TimelineStore(long_timeline)
    blocks: list[int] = []
    reader.read_new_into(lambda events: blocks.append(len(events)))
    assert sum(blocks) == EVENTS and len(blocks) > 10
    assert reader.read_new() == []  # nothing new: the view reached the end
    assert reader.tip.seq == EVENTS
