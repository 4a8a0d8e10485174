"""`crisisplay check --channel x` on hostile texts: time grows linearly with the length.

    .venv/bin/python benchmarks/bench_check.py [--repeats 3]

Each text (dotted words, ``www.`` runs, prose with links) is measured in-process at 10 KB,
100 KB and 1 MB. Printed: the time per KB at each size as a ratio to the 10 KB time per KB
(target <= 2x at 1 MB: linear), and the 1 MB X time as a ratio to the same text on Bluesky,
whose length is a plain grapheme count (target <= 3x), in-process and as whole commands.
All ratios come from this one run.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

from commands import compare, crisisplay

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from crisisplay.channels import measure, spec_for

SIZES = (10_000, 100_000, 1_000_000)
PATTERNS = {
    "a.a.a.": "a.",
    "www.": "www.",
    "prose and links": "Service restored in Brest, see https://status.example.com/brest now. ",
}
LINEAR_TARGET = 2.0
BLUESKY_TARGET = 3.0


def _text(unit: str, size: int) -> str:
    return (unit * (size // len(unit) + 1))[:size]


def _seconds(channel: str, text: str, repeats: int) -> float:
    spec = spec_for(channel)
    runs = []
    for repeat in range(repeats):
        variant = f"{text[:-2]}{repeat:02d}"  # a new text each time: nothing remembered
        start = time.perf_counter()
        measure(spec, variant)
        runs.append(time.perf_counter() - start)
    return statistics.median(runs)


def _whole_commands(repeats: int, size: int) -> bool:
    """The same comparison through the CLI (start-up, tone linter and all) on ``size`` bytes of
    a.a.a."""
    with tempfile.TemporaryDirectory() as folder:
        text = Path(folder) / "dotted.txt"
        text.write_text(_text(PATTERNS["a.a.a."], size), encoding="utf-8")
        row = compare(
            f"check --channel x vs bluesky, {size // 1000} KB a.a.a.",
            crisisplay("check", "--channel", "x", str(text)),
            crisisplay("check", "--channel", "bluesky", str(text)),
            BLUESKY_TARGET,
            repeats,
        )
    print(row.line().replace("floor", "bluesky"))
    return row.ratio <= BLUESKY_TARGET


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument(
        "--quick",
        action="store_true",
        help="a small run that only checks the benchmark still works",
    )
    args = parser.parse_args()
    sizes: tuple[int, ...] = SIZES
    if args.quick:
        args.repeats, sizes = 1, SIZES[:1]
    measure(spec_for("x"), "warm https://example.com up")  # compile the URL patterns once
    ok = True
    for name, unit in PATTERNS.items():
        per_kb = {size: _seconds("x", _text(unit, size), args.repeats) / size for size in sizes}
        base = per_kb[sizes[0]]
        for size in sizes:
            ratio = per_kb[size] / base
            verdict = "ok" if ratio <= LINEAR_TARGET else "OVER TARGET"
            ok &= ratio <= LINEAR_TARGET
            print(
                f"x  {name:<16} {size // 1000:>5} KB {per_kb[size] * size * 1000:9.1f} ms"
                f"  per-KB ratio to 10 KB {ratio:5.2f}x  (target <= {LINEAR_TARGET:g}x) {verdict}"
            )
        big = _text(unit, sizes[-1])
        x = per_kb[sizes[-1]] * sizes[-1]
        bluesky = _seconds("bluesky", big, args.repeats)
        ratio = x / bluesky
        verdict = "ok" if ratio <= BLUESKY_TARGET else "OVER TARGET"
        ok &= ratio <= BLUESKY_TARGET
        print(
            f"x vs bluesky {name:<16} {sizes[-1] // 1000} KB  x {x * 1000:8.1f} ms"
            f"  bluesky {bluesky * 1000:8.1f} ms"
            f"  ratio {ratio:5.2f}x  (target <= {BLUESKY_TARGET:g}x) {verdict}"
        )
    ok &= _whole_commands(args.repeats, sizes[-1])
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
