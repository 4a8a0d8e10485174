"""The local outbox: acts made while the shared store could not be reached, kept on this laptop.

Each act is one JSON line (its events, their event ids, and the seq it was decided on), written
and fsynced before the user is told it is kept; a line cut short by a crash was never reported
kept and is skipped. Sending one appends ``{"sent": ids}``; the file goes once all are sent.
An act is sent with its own event ids, so a send retried after an unknown outcome lands once. On
arrival, an act decided on an older state is checked against the incident as it now stands:
one that no longer applies is recorded as an ``act.late`` event (kept, visible, not applied).
"""

from __future__ import annotations

import contextlib
import json
import os
import uuid
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from crisisplay.errors import EXIT_OK, CrisisplayError, TimelineError
from crisisplay.timeline import pgstore
from crisisplay.timeline.events import NewEvent, format_time, parse_time
from crisisplay.timeline.fileio import fsync_dir, make_folder, write_all
from crisisplay.timeline.pgconn import StoreUnreachable
from crisisplay.timeline.state import fold
from crisisplay.timeline.vocabulary import LateAct, new_event

if TYPE_CHECKING:
    from crisisplay.timeline.pgstore import PgStore
    from crisisplay.timeline.state import IncidentState

LATE_KIND = "act.late"
#: kinds that still apply after resolution: a note or a decision is history, not an act on it
_ALWAYS = frozenset({"note.added", "decision.logged"})
_GATE_KINDS = frozenset({"gate.passed", "gate.refused", "gate.overridden"})
#: told to the user when acts kept earlier are sent (the CLI prints it on stderr)
notice: Callable[[str], None] = lambda _text: None  # noqa: E731


class KeptLocally(CrisisplayError):
    """Not an error: the act is safe on this laptop, not yet shared (exit 0)."""

    exit_code = EXIT_OK


@dataclass(frozen=True)
class Pending:
    """An act waiting in the outbox."""

    ids: tuple[uuid.UUID, ...]
    news: tuple[NewEvent, ...]
    expect: int | None


@dataclass
class SyncReport:
    sent: list[Pending] = field(default_factory=list)
    late: list[tuple[Pending, str]] = field(default_factory=list)


class Outbox:
    """The outbox file of one shared incident on this laptop."""

    def __init__(self, path: Path, label: str) -> None:
        self.path = path
        self.label = label

    def keep(self, news: Sequence[NewEvent], ids: Sequence[uuid.UUID], expect: int | None) -> None:
        """Write the act durably, then tell the user (raises KeptLocally)."""
        self._append({"ids": [str(i) for i in ids], "expect": expect, "events": _encode(news)})
        raise KeptLocally(
            f"the shared store ({self.label}) cannot be reached: this act is kept on this "
            f"laptop ({self.path}) and NOT yet shared with the cell; the next command that "
            "reaches the server sends it, or run `crisisplay sync`"
        )

    def pending(self) -> list[Pending]:
        try:
            data = self.path.read_bytes()
        except FileNotFoundError:
            return []
        except OSError as exc:
            raise TimelineError(f"cannot read the outbox {self.path}: {exc.strerror}") from None
        acts: dict[tuple[uuid.UUID, ...], Pending] = {}
        damaged: list[tuple[int, bytes]] = []
        lines = data.splitlines()
        for number, line in enumerate(lines, start=1):
            try:
                entry = json.loads(line)
            except ValueError:
                if number < len(lines) or data.endswith(b"\n"):
                    damaged.append((number, line))
                continue  # the last write, cut short by a crash: never reported as kept
            try:
                if "sent" in entry:
                    acts.pop(tuple(uuid.UUID(i) for i in entry["sent"]), None)
                    continue
                ids = tuple(uuid.UUID(i) for i in entry["ids"])
                acts[ids] = Pending(ids, _decode(entry["events"]), entry["expect"])
            except (TypeError, KeyError, ValueError, AttributeError):
                damaged.append((number, line))
        if damaged:
            self._set_aside(damaged)
        return list(acts.values())

    def _set_aside(self, damaged: list[tuple[int, bytes]]) -> None:
        """Keep damaged lines in ``<outbox>.damaged`` (durably, first), say which, and leave the
        outbox with the others: one bad line never stops the acts kept beside it."""
        aside = self.path.with_name(self.path.name + ".damaged")
        _append_durably(aside, b"".join(line + b"\n" for _, line in damaged))
        bad = {number for number, _ in damaged}
        kept = [
            line for n, line in enumerate(self.path.read_bytes().splitlines(), 1) if n not in bad
        ]
        temporary = self.path.with_name(self.path.name + ".tmp")
        fd = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_TRUNC | os.O_CLOEXEC, 0o600)
        try:
            write_all(fd, b"".join(line + b"\n" for line in kept))
            os.fsync(fd)
        finally:
            os.close(fd)
        temporary.replace(self.path)
        fsync_dir(self.path)
        for number, _ in damaged:
            notice(f"{self.path}:{number}: not an act this outbox keeps: set aside in {aside}")

    def mark_sent(self, act: Pending) -> None:
        self._append({"sent": [str(i) for i in act.ids]})

    def clear_if_done(self) -> None:
        if not self.pending():
            with contextlib.suppress(FileNotFoundError):
                self.path.unlink()

    def _append(self, entry: dict[str, Any]) -> None:
        make_folder(self.path.parent)
        line = (json.dumps(entry, sort_keys=True, ensure_ascii=False) + "\n").encode("utf-8")
        _append_durably(self.path, line)


def _append_durably(path: Path, data: bytes) -> None:
    """Append ``data`` to ``path`` (made owner-only if new) and have it on disk on return."""
    created = not path.exists()
    fd = os.open(path, os.O_WRONLY | os.O_APPEND | os.O_CREAT | os.O_CLOEXEC, 0o600)
    try:
        write_all(fd, data)
        os.fsync(fd)
    finally:
        os.close(fd)
    if created:
        fsync_dir(path)


def send_pending(store: PgStore, outbox: Outbox, *, quiet_if_unreachable: bool) -> SyncReport:
    """Send every act of the outbox, in order, each exactly once; a server still out of reach
    leaves them kept (or, unless ``quiet_if_unreachable``, raises)."""
    report = SyncReport()
    acts = outbox.pending()
    if not acts:
        return report

    sender = pgstore.PgStore(store.target, store.incident, retry_for=store.retry_for)
    try:
        for act in acts:
            reason = _send(sender, act)
            outbox.mark_sent(act)
            if reason is None:
                report.sent.append(act)
            else:
                report.late.append((act, reason))
    except StoreUnreachable:
        if not quiet_if_unreachable:
            raise
    finally:
        sender.close()
    outbox.clear_if_done()
    if report.sent or report.late:
        notice(describe(report))
    return report


def describe(report: SyncReport) -> str:
    parts = [f"{len(report.sent)} act(s) kept on this laptop are now shared"]
    parts += [f"late, not applied: {_what(act)} ({reason})" for act, reason in report.late]
    return "; ".join(parts)


def _send(sender: PgStore, act: Pending) -> str | None:
    """Record the act, or its late record; the reason it is late, or None. Whether its ids
    landed is asked first: a send that crashed before its "sent" mark, or another `sync` at
    the same moment, applied it, and it is not late for having moved the head itself."""
    if sender.landed(act.ids):
        return None
    _, recorded = sender.commit_ids(act.news, act.ids, act.expect)
    if recorded:
        return None

    state = fold(_all_events(sender), f"incident {sender.incident}")
    reason = late_reason(state, act.news, act.expect)
    if reason is None:
        sender.commit_ids(act.news, act.ids, None)
        return None
    late_id = uuid.uuid5(act.ids[0], LATE_KIND)
    sender.commit_ids([late_record(act, reason)], [late_id], None)
    return reason


def _all_events(sender: PgStore) -> list[Any]:

    reader = pgstore.PgStore(sender.target, sender.incident, retry_for=sender.retry_for)
    try:
        return reader.read_new()
    finally:
        reader.close()


def late_reason(
    state: IncidentState, news: Sequence[NewEvent], decided_at: int | None = None
) -> str | None:
    """Why an act made on an older state (decided at seq ``decided_at``) no longer applies to
    ``state``; None if it does."""
    for new in news:
        if new.kind == "fact.set" and decided_at is not None:
            fact = state.facts.get(str(new.payload.get("fact")))
            if fact is not None and fact.seq > decided_at:
                return (
                    f"fact {new.payload.get('fact')} was set meanwhile to {fact.value!r} by "
                    f"{fact.set_by}"
                )
        if new.kind in _GATE_KINDS:
            gate = state.gates.get(str(new.payload.get("gate")))
            if gate is not None and gate.status in ("passed", "refused", "overridden"):
                last = gate.decisions[-1]
                return f"gate {new.payload.get('gate')} was already {last.outcome} by {last.by}"
        if state.resolved_at is not None and new.kind not in _ALWAYS:
            return "the incident was resolved meanwhile"
    return None


def late_record(act: Pending, reason: str) -> NewEvent:

    first = act.news[0]
    late = LateAct(reason, act.expect, _encode(act.news))
    return new_event(late, first.actor, first.role, first.time)


def _what(act: Pending) -> str:
    return ", ".join(f"{n.kind} by {n.actor}" for n in act.news)


def _encode(news: Sequence[NewEvent]) -> list[dict[str, Any]]:
    return [
        {
            "kind": n.kind,
            "actor": n.actor,
            "role": n.role,
            "payload": dict(n.payload),
            "time": format_time(n.time),
        }
        for n in news
    ]


def _decode(items: list[dict[str, Any]]) -> tuple[NewEvent, ...]:
    return tuple(
        NewEvent(i["kind"], i["actor"], i["role"], i["payload"], parse_time(i["time"]))
        for i in items
    )
