"""Copying an incident between a file and the shared store, its chain intact both ways.

A push sends a file only once it verifies as `timeline verify` has it (signatures against the
organisation file, witnessed heads). It sends the lines verbatim, each with an event id made from
the incident, seq and hash, so a push interrupted and run again lands each line once; an
incident already on the server is only extended when its lines are the file's first ones, and
refused otherwise. A pull writes the server's lines, verified, exactly as a file store would
hold them.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from crisisplay.errors import TimelineError, UsageError
from crisisplay.timeline.chain import scan
from crisisplay.timeline.pgconn import StoreTarget
from crisisplay.timeline.pgquery import read_lines
from crisisplay.timeline.pgstore import PgStore
from crisisplay.timeline.signatures import RosterKeys
from crisisplay.timeline.store import read_timeline_bytes
from crisisplay.timeline.verify import VerifyResult, verify_bytes
from crisisplay.timeline.witness import WitnessSource

_PUSHED = uuid.UUID("8d3c5b52-7f0e-4d55-9a43-1f6f2d1f0c6e")
#: lines sent per call of the append function
_BATCH = 500


@dataclass(frozen=True)
class Pushed:
    incident: str
    events: int
    sent: int
    head: str


def push(
    target: StoreTarget,
    path: Path,
    *,
    roster: RosterKeys | None = None,
    witnesses: Sequence[WitnessSource] = (),
) -> Pushed:
    """Send the timeline file at ``path`` into the shared store, once it verifies as
    `timeline verify` has it: chain, signatures against ``roster``, heads the ``witnesses``
    saw. A copy that does not is refused with the first seq that does not hold."""

    data = read_timeline_bytes(path)
    checked = verify_bytes(data, path, roster=roster, witnesses=witnesses)
    if not checked.ok:
        raise TimelineError(
            f"{path} does not verify, not pushed: BROKEN at seq {checked.first_bad_seq}: "
            f"{checked.reason}",
            hint="see `crisisplay timeline verify`",
        )
    found = scan(data)
    if not found.events:
        raise UsageError(f"{path} holds no event")
    incident = found.events[0].incident
    lines = data.splitlines(keepends=True)
    try:
        there = read_lines(target, incident)
    except TimelineError:
        there = b""
    if not data.startswith(there):
        raise UsageError(
            f"incident {incident} already exists in the shared store ({target.label}) with "
            "another history: not pushed"
        )
    done = there.count(b"\n")
    store = PgStore(target, incident, create=done == 0)
    try:
        if done:
            store.read_new()
        for start in range(done, len(lines), _BATCH):
            chunk = lines[start : start + _BATCH]
            ids = [
                _line_id(e.incident, e.seq, e.hash) for e in found.events[start : start + _BATCH]
            ]
            status, _ = store.append_lines(chunk, ids)
            if status == "moved":
                raise UsageError(f"incident {incident} changed on the server during the push")
    finally:
        store.close()
    return Pushed(incident, len(lines), len(lines) - done, found.tip.head)


def pull(target: StoreTarget, incident: str) -> tuple[bytes, VerifyResult]:
    """The lines of ``incident`` as a file holds them, and their verification."""

    data = read_lines(target, incident)
    return data, verify_bytes(data, Path(f"{incident}.jsonl"))


def _line_id(incident: str, seq: int, digest: str) -> uuid.UUID:
    return uuid.uuid5(_PUSHED, f"{incident}\0{seq}\0{digest}")
