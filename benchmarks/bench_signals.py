"""`crisisplay signals add` of a million mentions against reading the same CSV with the csv
module alone.

    .venv/bin/python benchmarks/bench_signals.py [--repeats 3] [--rows 1000000]

The export (time,author,audience,text,sentiment: two weeks of mentions, some 3,000 an hour)
is written once. Each round adds it to an empty signal file as a whole command (start-up,
reading, checking every time, the duplicates left out, the file synced, then every hour set
against its usual level) and, as the floor, runs a Python process that reads the same file with
``csv.reader`` and nothing else. Printed: both medians and their ratio (target <= 3x).
"""

from __future__ import annotations

import argparse
import random
import shutil
import statistics
import sys
import tempfile
from datetime import datetime, timedelta, timezone
from pathlib import Path

from commands import ROOT, Comparison, crisisplay, python, run_once

TARGET = 3.0
WORDS = ("réseau", "panne", "Onde", "Mobile", "depuis", "ce", "matin", "toujours", "rien",
         "à", "Rennes", "4G", "appels", "impossible", "boycott", "merci", "retour")  # fmt: skip


def write_export(path: Path, rows: int) -> None:
    chance = random.Random(25)
    start = datetime(2026, 11, 9, tzinfo=timezone.utc)
    span = timedelta(weeks=2).total_seconds()
    with path.open("w", encoding="utf-8") as out:
        out.write("time,author,audience,text,sentiment\n")
        for index in range(rows):
            moment = start + timedelta(seconds=span * index / rows)
            text = " ".join(chance.choices(WORDS, k=chance.randint(4, 12)))
            audience = chance.choice((12, 80, 300, 1500, 40000, 250000))
            out.write(
                f"{moment:%Y-%m-%dT%H:%M:%S}Z,@user{chance.randint(1, 90000)},{audience},"
                f'"{text}",{chance.choice(("negative", "neutral", "positive"))}\n'
            )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument(
        "--quick", action="store_true", help="a small run that only checks the benchmark works"
    )
    args = parser.parse_args()
    if args.quick:
        args.repeats, args.rows = 1, 20_000
    with tempfile.TemporaryDirectory() as folder:
        home = Path(folder) / "home"
        for name in ("playbooks", "templates"):
            shutil.copytree(ROOT / name, home / name)
        export = Path(folder) / "mentions.csv"
        write_export(export, args.rows)
        ours_argv = crisisplay(
            "--home", str(home), "signals", "add", str(export), "--kind", "mentions",
            "--no-incident",
        )  # fmt: skip
        floor_argv = python(
            f"import csv\nwith open({str(export)!r}, newline='', encoding='utf-8') as f:\n"
            "    n = sum(1 for _ in csv.reader(f))\nprint(n)"
        )
        ours, floor = [], []
        run_once(floor_argv)  # the file in the page cache
        for _ in range(args.repeats):
            shutil.rmtree(home / "signals", ignore_errors=True)
            ours.append(run_once(ours_argv))
            floor.append(run_once(floor_argv))
        stored = (home / "signals" / "mentions.csv").read_bytes().count(b"\n") - 1
    if stored != args.rows:
        print(f"signals add stored {stored} rows of {args.rows}", file=sys.stderr)
        return 1
    row = Comparison(
        f"signals add, {args.rows:,} mentions",
        statistics.median(ours),
        statistics.median(floor),
        TARGET,
    )
    print(row.line().replace("floor", "csv"))
    return 0 if row.ratio <= TARGET else 1


if __name__ == "__main__":
    raise SystemExit(main())
