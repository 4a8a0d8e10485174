"""Property: whatever is appended, in whatever batches, is read back exactly."""

from __future__ import annotations

import tempfile
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from crisisplay.timeline.events import NewEvent, canonical_line
from crisisplay.timeline.store import TimelineStore, read_events
from crisisplay.timeline.verify import verify

json_scalars = st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False,
    allow_infinity=False) | st.text()  # fmt: skip
json_values: st.SearchStrategy[Any] = st.recursive(
    json_scalars,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(), inner, max_size=4),
    max_leaves=12,
)
new_events = st.builds(
    NewEvent,
    kind=st.from_regex(r"[a-z][a-z0-9_]{0,8}(\.[a-z][a-z0-9_]{0,8}){1,2}", fullmatch=True),
    actor=st.text(min_size=1).filter(str.strip),
    role=st.none() | st.text(),
    payload=st.dictionaries(st.text(), json_values, max_size=5),
    time=st.datetimes(
        min_value=datetime(1970, 1, 1),
        max_value=datetime(2999, 12, 31, 23, 59, 59),
        timezones=st.just(timezone.utc),
    ),
)
batches = st.lists(st.lists(new_events, min_size=1, max_size=4), min_size=1, max_size=4)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(batches=batches, incident=st.text(min_size=1))
def test_appends_read_back_exactly(batches: list[list[NewEvent]], incident: str) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "incident.jsonl"
        store = TimelineStore(path, incident=incident)
        written = []
        for batch in batches:
            written += [store.append(batch[0])] if len(batch) == 1 else store.append_many(batch)
        read = read_events(path)
        assert read.torn_tail is None
        assert read.events == written
        assert path.read_bytes() == b"".join(canonical_line(e) for e in written)
        assert verify(path).ok
