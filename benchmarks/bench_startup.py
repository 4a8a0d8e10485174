"""Start-up of the CLI against `python -c "import typer"`, measured side by side.

    .venv/bin/python benchmarks/bench_startup.py [--repeats 15]

Targets: `crisisplay --version` <= 1.5x, `crisisplay --help` <= 2x; `crisisplay validate` on the
bundled home is printed for reference (it loads, cross-checks and renders every template).
"""

from __future__ import annotations

import argparse

from commands import compare, crisisplay, python, report


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=15)
    parser.add_argument(
        "--quick",
        action="store_true",
        help="a small run that only checks the benchmark still works",
    )
    args = parser.parse_args()
    if args.quick:
        args.repeats = 1
    floor = python("import typer")
    rows = [
        compare("crisisplay --version", crisisplay("--version"), floor, 1.5, args.repeats),
        compare("crisisplay --help", crisisplay("--help"), floor, 2.0, args.repeats),
    ]
    if not args.quick:  # seconds per run: for reference only
        validate = crisisplay("validate")
        rows.append(compare("crisisplay validate (bundled home)", validate, floor, float("inf"), 3))
    return report(rows)


if __name__ == "__main__":
    raise SystemExit(main())
