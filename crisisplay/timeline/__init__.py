"""The incident timeline: hash-chained events in a JSON Lines file, the one source of truth.

`events` defines the format, `store` appends durably and reads, `verify` checks the chain,
`export` selects and exports events.
"""

from __future__ import annotations

from crisisplay.timeline.chain import ChainTip
from crisisplay.timeline.events import (
    Event,
    NewEvent,
    canonical_line,
    event_from_line,
    format_time,
    parse_time,
)
from crisisplay.timeline.store import ReadResult, TimelineStore, read_events
from crisisplay.timeline.verify import VerifyResult, verify

__all__ = [
    "ChainTip",
    "Event",
    "NewEvent",
    "ReadResult",
    "TimelineStore",
    "VerifyResult",
    "canonical_line",
    "event_from_line",
    "format_time",
    "parse_time",
    "read_events",
    "verify",
]
