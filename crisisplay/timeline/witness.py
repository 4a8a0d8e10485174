"""The witness of an incident's head, kept outside the timeline file.

After each append the file store writes the new head (seq and hash) to a small append-only file
of the incident in the user's state folder, fsync'd like the timeline. A timeline edited with
every hash recomputed, or cut short, no longer reaches or no longer matches what was witnessed.
A head written down elsewhere (its short form is printed in the report) is a witness too
(``timeline verify --expect``), and so is anything with ``heads(incident)``: on the shared store
the server's head is one.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

from crisisplay.errors import CrisisplayError, UsageError
from crisisplay.timeline.events import Event
from crisisplay.timeline.fileio import describe, fsync_dir, make_folder, write_all
from crisisplay.timeline.signatures import Flaw

SUFFIX = ".witness"
SHORT = 16  # hex digits of the short form: enough that no forger finds another chain for it
_UNSAFE = re.compile(r"[^A-Za-z0-9._-]")
_HEAD = re.compile(rf"#?(\d+):([0-9a-f]{{{SHORT},64}})\Z")


def short_head(seq: int, head: str) -> str:
    """``133:4f2a9c1e7b3d0a55``: what a printed page carries to anchor the record."""
    return f"{seq}:{head[:SHORT]}"


@dataclass(frozen=True, slots=True)
class WitnessedHead:
    """A head seen by a witness: ``head`` is the hash at ``seq`` (or its first digits)."""

    seq: int
    head: str
    source: str

    @property
    def short(self) -> str:
        return short_head(self.seq, self.head)


def parse_head(text: str, source: str = "the head you expect") -> WitnessedHead:
    """A head as written down: ``SEQ:HASH`` with at least :data:`SHORT` hex digits, as the short
    form has them (``#`` allowed): fewer would let a forger find another chain that fits."""
    found = _HEAD.match(text.strip().lower())
    if found is None or int(found.group(1)) < 1:
        raise UsageError(
            f"{text!r} is not a head",
            hint=f"give SEQ:HASH with at least {SHORT} hex digits, as `timeline verify` or the "
            "report prints it, like 133:4f2a9c1e7b3d0a55",
        )
    return WitnessedHead(int(found.group(1)), found.group(2), source)


class WitnessSource(Protocol):
    def heads(self, incident: str) -> list[WitnessedHead]: ...


class HeadWitness(Protocol):
    def witness(self, incident: str, seq: int, head: str, timeline: Path) -> None: ...


class FileWitness:
    """The witness files of one user's state folder: ``witness/<incident>.witness``."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder / "witness"
        #: why the witness could not be read, when it could not
        self.unreadable: str | None = None

    def path_for(self, incident: str) -> Path:
        digest = hashlib.sha256(incident.encode("utf-8", "surrogatepass")).hexdigest()[:12]
        return self.folder / f"{_UNSAFE.sub('_', incident)[:80]}-{digest}{SUFFIX}"

    def witness(self, incident: str, seq: int, head: str, timeline: Path) -> None:
        """Append the head, durably: called once the timeline's own write is on disk."""
        path = self.path_for(incident)
        record = {"head": head, "seq": seq, "timeline": str(Path(timeline).absolute())}
        make_folder(self.folder)
        flags = os.O_WRONLY | os.O_APPEND | os.O_CREAT | os.O_CLOEXEC
        fd = os.open(path, flags, 0o600)
        try:
            new = os.fstat(fd).st_size == 0
            write_all(fd, (json.dumps(record, sort_keys=True) + "\n").encode("utf-8"))
            os.fsync(fd)
        finally:
            os.close(fd)
        if new:
            fsync_dir(path)

    def heads(self, incident: str) -> list[WitnessedHead]:
        """Every head witnessed for ``incident`` on this machine, whatever file it was in (a
        line cut short by a crash is left out: its append was never acknowledged)."""
        path = self.path_for(incident)
        try:
            data = path.read_bytes()
        except FileNotFoundError:
            return []
        except OSError as exc:  # said by verify; the chain and signatures are still checked
            self.unreadable = f"cannot read the witness {path}: {exc.strerror or exc}"
            return []
        source = f"the witness {path}"
        return [head for line in data.splitlines() if (head := _head_of(line, source))]


def _head_of(line: bytes, source: str) -> WitnessedHead | None:
    try:
        record = json.loads(line)
        seq, head = record["seq"], record["head"]
    except (ValueError, TypeError, KeyError):
        return None
    if type(seq) is not int or not isinstance(head, str):
        return None
    where = record.get("timeline")
    return WitnessedHead(seq, head, f"{source} (of {where})" if where else source)


#: heads this process could not witness, said once each by the command line on stderr
_UNWITNESSED: list[str] = []


def witness_head(witness: HeadWitness, last: Event, timeline: Path) -> str | None:
    """Tell ``witness`` the new head; why it could not be told, or None. The act is on disk
    whatever happens here, so a witness that cannot be written is reported, never raised."""
    try:
        witness.witness(last.incident, last.seq, last.hash, timeline)
    except OSError as exc:
        reason = describe(exc)
    except CrisisplayError as exc:
        reason = str(exc)
    else:
        return None
    where = getattr(witness, "folder", None)
    _UNWITNESSED.append(
        f"recorded (#{last.seq}), but its head could not be witnessed"
        + (f" in {where}" if where is not None else "")
        + f": {reason}; `timeline verify` cannot compare with this machine's witness"
    )
    return reason


def unwitnessed() -> list[str]:
    """What could not be witnessed since the last call, each once."""
    found = list(dict.fromkeys(_UNWITNESSED))
    _UNWITNESSED.clear()
    return found


class HeadCheck:
    """Where a timeline falls short of, or differs from, what was witnessed: its events are
    given block by block as it is walked (only the first head it differs from is reported)."""

    def __init__(self, heads: Iterable[WitnessedHead]) -> None:
        self.heads = list(heads)
        self.at: dict[int, list[WitnessedHead]] = {}
        for head in sorted({(h.seq, h.head): h for h in self.heads}.values(), key=_seq):
            self.at.setdefault(head.seq, []).append(head)
        self.rewritten: Flaw | None = None

    def take(self, events: Sequence[Event]) -> None:
        if self.rewritten is not None or not self.at:
            return
        at = self.at
        for event in events:
            for head in at.get(event.seq, ()):
                if not event.hash.startswith(head.head):
                    self.rewritten = Flaw(
                        head.seq,
                        f"#{head.seq} is not the event that {head.source} gives there "
                        f"({head.short}): the timeline was rewritten up to there",
                    )
                    return

    def flaws(self, count: int, *, complete: bool) -> list[Flaw]:
        """The flaws found once ``count`` events were walked; ``complete``: they are the whole
        timeline (a damaged one is only compared up to its damage)."""
        flaws = []
        beyond = [h for h in self.heads if h.seq > count]
        if beyond and complete:
            far = max(beyond, key=_seq)
            flaws.append(
                Flaw(
                    count + 1,
                    f"the timeline ends at #{count}, short of the head #{far.seq} ({far.short}) "
                    f"that {far.source} gives: its last events were removed",
                )
            )
        if self.rewritten is not None:
            flaws.append(self.rewritten)
        return flaws


def _seq(head: WitnessedHead) -> int:
    return head.seq
