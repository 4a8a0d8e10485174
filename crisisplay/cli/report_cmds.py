"""`crisisplay report`: the after-action report of a timeline."""

from __future__ import annotations

import enum
import sys
from pathlib import Path
from typing import Annotated

import typer

from crisisplay.cli.options import LangOption, TimelineOption, current_home, resolve_timeline
from crisisplay.cli.runner import command


class ReportFormat(str, enum.Enum):
    md = "md"
    html = "html"
    json = "json"


#: the commands of this module; `crisisplay.cli.main` loads them on first use
commands = typer.Typer(rich_markup_mode=None)


@commands.command("report")
@command
def report(
    timeline: TimelineOption = None,
    output: Annotated[
        ReportFormat,
        typer.Option(
            "--format",
            "-f",
            help="md for a wiki, html for one self-contained page (chart included, prints "
            "well), json with every KPI by name for dashboards.",
        ),
    ] = ReportFormat.md,
    out: Annotated[
        Path | None, typer.Option("--out", "-o", help="Write to FILE instead of stdout.")
    ] = None,
    lang: LangOption = None,
) -> int:
    """The after-action report of an incident or drill: KPIs, timeline chart, full record.

    Time to the first public message against the target, promised updates kept or missed,
    update cadence, gates, skipped steps, roster gaps, escalations, severity, resolution,
    messages per channel, post-crisis actions and, for a drill, the score.

    Examples:

      crisisplay report

      crisisplay report --format html --out report.html

      crisisplay report -f json -t timelines/20261123-0742-nationwide-outage-3f9a.jsonl

      crisisplay report --lang en --format html --out report-en.html
    """
    from crisisplay.report.run import buffered, pieces, read_report

    path = resolve_timeline(timeline)
    report, torn = read_report(current_home(), path, lang)
    import gc

    gc.freeze()  # what was read stays to the end: the collector need not walk it again per row
    text = buffered(pieces(report, output.value))
    if out is None:
        if output is ReportFormat.html:
            from crisisplay.textsafe import html_for_terminal

            text = map(html_for_terminal, text)
        sys.stdout.writelines(text)
    else:
        from crisisplay.outfile import write_output

        write_output(out, text, inputs=[path.path])
        _say_written(out, report.reading.lang)
    if torn:
        _warn_torn(path, torn)
    return 0


def _say_written(out: Path, lang: str) -> None:
    """Where the report went, on stderr: stdout stays free for a pipe."""
    from crisisplay.texts import t
    from crisisplay.textsafe import sanitize_line

    sys.stderr.write(sanitize_line(t("report.written", lang, path=out)) + "\n")


def _warn_torn(path: object, size: int) -> None:
    from crisisplay.textsafe import sanitize_line

    sys.stderr.write(
        sanitize_line(
            f"warning: {path}: the last line is incomplete ({size} bytes), a write cut short by "
            "a crash and never acknowledged: the report leaves it out"
        )
        + "\n"
    )
