"""What the report needs from the events that the fold does not keep.

The fold (``crisisplay.timeline.state``) is shared by the walkthrough, status and the report, so
it keeps only what a live incident needs. The after-action report also wants the targets the
activation recorded, whether each publication was public, and each post-crisis action's kind:
one extra pass over the same events collects them.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from crisisplay.timeline import kinds
from crisisplay.timeline.events import Event

DEFAULT_TARGET_MIN = 30.0
DEFAULT_INTERVAL_MIN = 60.0
# Kinds that never face the public, for a publication recorded without its `public` flag.
PRIVATE_KINDS = frozenset(("internal-brief", "agent-script", "authority-notice"))


@dataclass(frozen=True)
class PublicationRecord:
    """One `message.published` event."""

    seq: int
    at: datetime
    message: str
    kind: str
    channels: tuple[str, ...]
    public: bool
    by: str
    gates_overridden: tuple[str, ...]


@dataclass
class Ledger:
    events: int = 0
    first_message_target_min: float = DEFAULT_TARGET_MIN
    update_interval_min: float = DEFAULT_INTERVAL_MIN
    publications: list[PublicationRecord] = field(default_factory=list)
    post_kinds: dict[str, str] = field(default_factory=dict)

    def add(self, event: Event) -> None:
        self.events += 1
        if event.kind == kinds.MESSAGE_PUBLISHED:
            self.publications.append(_publication(event))
        elif event.kind == kinds.INCIDENT_ACTIVATED:
            p = event.payload
            self.first_message_target_min = _number(
                p, "first_message_target_min", DEFAULT_TARGET_MIN
            )
            self.update_interval_min = _number(p, "update_interval_min", DEFAULT_INTERVAL_MIN)
        elif event.kind.startswith("post.") and isinstance(event.payload.get("kind"), str):
            self.post_kinds[str(event.payload.get("action"))] = event.payload["kind"]


def read_ledger(events: Iterable[Event]) -> Ledger:
    ledger = Ledger()
    for event in events:
        ledger.add(event)
    return ledger


def _number(payload: dict[str, Any], key: str, default: float) -> float:
    value = payload.get(key)
    if isinstance(value, bool) or not isinstance(value, (int, float)) or value < 0:
        return default
    return float(value)


def _strings(payload: dict[str, Any], key: str) -> tuple[str, ...]:
    value = payload.get(key)
    return tuple(str(item) for item in value) if isinstance(value, list) else ()


def _publication(event: Event) -> PublicationRecord:
    p = event.payload
    kind = str(p.get("kind", ""))
    public = p.get("public")
    return PublicationRecord(
        seq=event.seq,
        at=event.at,
        message=str(p.get("message")),
        kind=kind,
        channels=_strings(p, "channels"),
        public=public if isinstance(public, bool) else kind not in PRIVATE_KINDS,
        by=event.actor,
        gates_overridden=_strings(p, "gates_overridden"),
    )
