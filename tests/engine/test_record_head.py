"""Each internal note carries the record's head as it was written, so a printed page anchors
the timeline (`crisisplay timeline verify --expect SEQ:HASH`)."""

from __future__ import annotations

import re
from pathlib import Path

from crisisplay.timeline.store import read_events
from tests.engine.conftest import RunnerFactory

ROOT = Path(__file__).parents[2]


def test_the_internal_note_quotes_the_head_it_was_written_on(
    runner: RunnerFactory, tmp_path: Path
) -> None:
    path = tmp_path / "t.jsonl"
    runner(ROOT).activate("nationwide-outage", ROOT / "playbooks/answers/nationwide-outage.yaml",
                          path)  # fmt: skip
    events = read_events(path).events
    note = next(e for e in events if e.kind == "message.published"
                and e.payload["message"] == "internal-brief")  # fmt: skip
    text = note.payload["texts"][0]["text"]
    found = re.search(r"Chronologie à la rédaction\s?: (\d+):([0-9a-f]{16})", text)
    assert found, text[:300]
    seq, prefix = int(found[1]), found[2]
    assert events[seq - 1].hash.startswith(prefix)  # the head when it was rendered
    # rendered as it went out: the head is the one just before its publication
    assert seq == note.seq - 1
