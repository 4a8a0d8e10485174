"""`crisisplay render` against `python -c "import typer, jinja2"`, measured side by side.

    .venv/bin/python benchmarks/bench_render.py [--repeats 15]

Target: `crisisplay render nationwide-outage holding --lang fr` (every channel of the holding
statement, rendered, measured, linted and shown as panels) <= 2.0x the floor. The sample facts
stand in for an incident's (`--sample`); the JSON form is printed for reference.
"""

from __future__ import annotations

import argparse

from commands import compare, crisisplay, python, report

RENDER = ("render", "nationwide-outage", "holding", "--lang", "fr", "--sample")


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
    floor = python("import typer, jinja2")
    rows = [
        compare("crisisplay render nationwide-outage holding", crisisplay(*RENDER), floor, 2.0,
                args.repeats),
        compare("  same, --format json", crisisplay(*RENDER, "--format", "json"), floor,
                float("inf"), args.repeats),
    ]  # fmt: skip
    return report(rows)


if __name__ == "__main__":
    raise SystemExit(main())
