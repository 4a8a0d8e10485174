"""A writer process of the fault test: appends N notes to one shared incident, one commit each,
and prints the event id of each note once the store says it is recorded."""

from __future__ import annotations

import sys
import uuid
from datetime import datetime, timedelta, timezone

from crisisplay.timeline.events import NewEvent
from crisisplay.timeline.pgconn import parse_target
from crisisplay.timeline.pgstore import PgStore

START = datetime(2026, 11, 23, 15, 0, tzinfo=timezone.utc)


def main() -> None:
    url, incident, name, count = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])
    store = PgStore(parse_target(url), incident, retry_for=60.0)
    for i in range(count):
        new = NewEvent(
            "note.added", name, None, {"text": f"{name} {i}"}, START + timedelta(seconds=i)
        )
        event_id = uuid.uuid4()
        _, recorded = store.commit_ids([new], [event_id], None)
        assert recorded
        sys.stdout.write(f"{event_id}\n")
        sys.stdout.flush()


if __name__ == "__main__":
    main()
