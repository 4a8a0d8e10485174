"""Shared-store benchmarks on a throwaway PostgreSQL with durable commits (fsync on, as in
production; or $CRISISPLAY_TEST_DSN's server), as ratios against a floor measured in the same run.

    .venv/bin/python benchmarks/bench_store.py [--appends 1000] [--events 100000] [--follow 1000]

- append: `PgStore.append` (seal, one call of the append function: lock, chain check, insert,
  notify) against a bare psycopg INSERT + COMMIT loop of the very same rows. Target <= 2x.
- read + fold: reading a 100,000-event incident of real walkthrough events from the server and
  folding it, against a bare SELECT + json.loads loop over the same lines. Target <= 3x.
- follow latency: from an append in this process until `crisisplay timeline follow`, in another
  process, prints it; median under 100 ms and p99 under 1 s over 1,000 events.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench_timeline import SLICE, Row, mixed_timeline, note, report, timed  # noqa: E402

from crisisplay.timeline.pgconn import connect, parse_target  # noqa: E402
from crisisplay.timeline.pgschema import migrate  # noqa: E402
from crisisplay.timeline.pgstore import PgStore  # noqa: E402
from crisisplay.timeline.state import fold  # noqa: E402
from tests.store.pgcluster import throwaway_cluster  # noqa: E402

REPEATS = 3
_BARE = """CREATE TABLE bare (incident text, seq bigint, event_id uuid UNIQUE, hash text,
    line text, login text, received timestamptz DEFAULT now(), PRIMARY KEY (incident, seq))"""


def append_rows(url: str, appends: int) -> Row:
    target = parse_target(url)
    store = PgStore(target, "bench-append", create=True)
    store.append(note(0))
    bare = connect(target)
    bare.autocommit = False
    bare.execute(_BARE)
    bare.commit()
    ours = floor = 0.0
    for start in range(1, appends + 1, SLICE):
        news = [note(i) for i in range(start, min(start + SLICE, appends + 1))]
        begin = time.perf_counter()
        events = [store.append(new) for new in news]
        ours += time.perf_counter() - begin
        rows = [(e.incident, e.seq, uuid.uuid4(), e.hash, _line(e), "bench") for e in events]
        floor += timed(lambda rs=rows: _bare_inserts(bare, rs))
    bare.close()
    store.close()
    return Row(f"append x{appends}", ours, floor, 2.0)


def _line(event: object) -> str:
    from crisisplay.timeline.events import Event, canonical_line

    assert isinstance(event, Event)
    return canonical_line(event).decode("utf-8")[:-1]


def _bare_inserts(conn: object, rows: list[tuple[object, ...]]) -> None:
    import psycopg

    assert isinstance(conn, psycopg.Connection)
    for row in rows:
        conn.execute("INSERT INTO bare VALUES (%s, %s, %s, %s, %s, %s)", row)
        conn.commit()


def fold_rows(url: str, events: int, folder: Path) -> Row:
    from crisisplay.timeline.transfer import push

    target = parse_target(url)
    path = mixed_timeline(folder / "mixed.jsonl", events)
    push(target, path)
    ours, floor = [], []
    for _ in range(REPEATS):
        ours.append(timed(lambda: fold(PgStore(target, "bench").read_new())))
        floor.append(timed(lambda: _bare_select(url)))
    return Row(f"read + fold {events} events", min(ours), min(floor), 3.0)


def _bare_select(url: str) -> None:
    with connect(parse_target(url)) as conn:
        for (line,) in conn.execute(
            "SELECT line FROM crisisplay.events WHERE incident = 'bench' ORDER BY seq"
        ):
            json.loads(line)


def follow_latency(url: str, count: int) -> tuple[float, float]:
    target = parse_target(url)
    store = PgStore(target, "bench-follow", create=True)
    store.append(note(0))
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    follower = subprocess.Popen(
        [sys.executable, "-m", "crisisplay", "--store", url, "timeline", "follow",
         "--incident", "bench-follow", "--count", str(count + 1)],
        stdout=subprocess.PIPE, text=True, env=env,
    )  # fmt: skip
    assert follower.stdout is not None
    follower.stdout.readline()  # the first event: the follower is listening
    delays = []
    for i in range(1, count + 1):
        begin = time.perf_counter()
        store.append(note(i))
        follower.stdout.readline()
        delays.append(time.perf_counter() - begin)
    follower.wait(timeout=60)
    delays.sort()
    return statistics.median(delays), delays[int(len(delays) * 0.99) - 1]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--appends", type=int, default=1000)
    parser.add_argument(
        "--quick",
        action="store_true",
        help="a small run that only checks the benchmark still works",
    )
    parser.add_argument("--events", type=int, default=100_000)
    parser.add_argument("--follow", type=int, default=1000)
    args = parser.parse_args(argv)
    if args.quick:
        args.appends, args.events, args.follow = 20, 2000, 20
    with throwaway_cluster(durable=True) as cluster, tempfile.TemporaryDirectory() as scratch:
        url = cluster.url(cluster.create_database())
        with connect(parse_target(url)) as conn:
            migrate(conn)
        rows = [append_rows(url, args.appends), fold_rows(url, args.events, Path(scratch))]
        median, p99 = follow_latency(url, args.follow)
    print(report(rows))
    ok = median < 0.1 and p99 < 1.0
    print(f"follow latency x{args.follow}: median {median * 1000:.1f} ms (target < 100), "
          f"p99 {p99 * 1000:.1f} ms (target < 1000)  {'yes' if ok else 'NO'}")  # fmt: skip
    return 0 if ok and all(r.ratio <= r.target for r in rows) else 1


if __name__ == "__main__":
    sys.exit(main())
