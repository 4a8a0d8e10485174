"""`timeline verify`: is every event intact, in order and linked to the one before it?"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from crisisplay.timeline.chain import scan
from crisisplay.timeline.stores import timeline_bytes


@dataclass(frozen=True)
class VerifyResult:
    """``events`` and ``head`` describe the good prefix; ``first_bad_seq`` is the position where
    the chain first breaks (None when ok)."""

    ok: bool
    events: int
    head: str
    first_bad_seq: int | None = None
    reason: str | None = None

    def as_json(self) -> dict[str, object]:
        """The stable machine-readable form (DESIGN.md, "Machine-readable outputs")."""
        if self.ok:
            return {"ok": True, "events": self.events, "head": self.head}
        return {"ok": False, "first_bad_seq": self.first_bad_seq, "reason": self.reason}


def verify(path: Path) -> VerifyResult:
    """Check every line of ``path``: JSON, fields, version, hash, prev link, seq, incident."""
    return verify_bytes(timeline_bytes(path), path)


def verify_bytes(data: bytes, path: Path) -> VerifyResult:
    found = scan(data)
    good = len(found.events)
    if found.broken is not None:
        at = found.broken
        return VerifyResult(False, good, found.tip.head, at.seq, f"line {at.seq}: {at.reason}")
    if found.torn is not None:
        return VerifyResult(False, good, found.tip.head, good + 1, _torn_reason(path, good + 1))
    return VerifyResult(True, good, found.tip.head)


def _torn_reason(path: Path, lineno: int) -> str:
    return (
        f"line {lineno}: the last line is incomplete (a write cut short by a crash); it was "
        f"never acknowledged, and the next write moves it to {path.name}.broken"
    )
