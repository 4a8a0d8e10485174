"""`crisisplay timeline show|verify|export` and `crisisplay log decision|note`."""

from __future__ import annotations

import enum
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from crisisplay.cli.options import (
    ActorOption,
    LangOption,
    TimelineOption,
    current_home,
    resolve_timeline,
)
from crisisplay.cli.runner import command

if TYPE_CHECKING:
    from crisisplay.localtime import LocalTimes
    from crisisplay.timeline.events import Event
    from crisisplay.timeline.place import Place
    from crisisplay.timeline.store import ReadResult

timeline_app = typer.Typer(
    rich_markup_mode=None,
    name="timeline",
    help="Read, verify (hash chain) or export an incident's timeline.\n\n"
    "Example: crisisplay timeline verify "
    "--timeline timelines/20261123-0742-nationwide-outage-3f9a.jsonl",
    no_args_is_help=True,
)
log_app = typer.Typer(
    rich_markup_mode=None,
    name="log",
    help="Add a decision or a note to the incident's timeline.\n\n"
    'Example: crisisplay log decision "Switch the status page to degraded"',
    no_args_is_help=True,
)
#: the commands of this module; `crisisplay.cli.main` loads them on first use
commands = typer.Typer(rich_markup_mode=None)

commands.add_typer(timeline_app)
commands.add_typer(log_app)


class VerifyFormat(str, enum.Enum):
    text = "text"
    json = "json"


class ExportFormat(str, enum.Enum):
    md = "md"
    csv = "csv"
    json = "json"


KindOption = Annotated[
    list[str] | None,
    typer.Option("--kind", "-k", help="Only kinds starting with this (repeatable): fact, note."),
]
ActorFilter = Annotated[str | None, typer.Option("--actor", help="Only events by this actor.")]
SinceOption = Annotated[
    str | None,
    typer.Option(
        "--since",
        help="From this time: HH:MM in the organisation's time zone, or ISO (2026-11-23T15:10Z).",
    ),
]
UntilOption = Annotated[
    str | None,
    typer.Option("--until", help="Up to this time: HH:MM in the organisation's time zone, or ISO."),
]
TextArgument = Annotated[str, typer.Argument(help="What to record, in one argument (quote it).")]
RoleOption = Annotated[
    str | None, typer.Option("--role", help="The role you write in, one you hold (e.g. cell-lead).")
]


@timeline_app.command("show")
@command
def show(
    timeline: TimelineOption = None,
    kind: KindOption = None,
    actor: ActorFilter = None,
    since: SinceOption = None,
    until: UntilOption = None,
    lang: LangOption = None,
) -> int:
    """Show the crisis log: each event as a sentence in your language (who did what, when),
    in the organisation's time zone. The raw events: timeline export --format json.

    Example: crisisplay timeline show --kind fact --since 14:30
    """
    from crisisplay.console import print_table, safe
    from crisisplay.texts import t
    from crisisplay.timeline.journal import columns, journal_rows

    path = resolve_timeline(timeline)
    read = path.read()
    times = _reader_times(read.events, lang)
    events = _selected(read, kind, actor, since, until, times)
    if read.events:
        title = t("timeline.title", times.lang, incident=read.events[0].incident)
    else:
        title = t("timeline.empty", times.lang)
    print_table(safe(title), columns(times), journal_rows(events, times))
    _warn_torn(path, read)
    return 0


@timeline_app.command("verify")
@command
def verify(
    timeline: TimelineOption = None,
    output: Annotated[
        VerifyFormat, typer.Option("--format", "-f", help="text for people, json for scripts.")
    ] = VerifyFormat.text,
    require_signatures: Annotated[
        bool,
        typer.Option(
            "--require-signatures",
            help="Also refuse every act of a person not signed by that person's own key "
            "(on-behalf records and unsigned acts included).",
        ),
    ] = False,
    expect: Annotated[
        str | None,
        typer.Option(
            "--expect",
            metavar="SEQ:HASH",
            help="A head written down elsewhere (the report prints it): the timeline must reach "
            "it, unchanged.",
        ),
    ] = None,
) -> int:
    """Check the record: every event intact, in order, none missing; every act's signature
    against the keys of the organisation file; every head witnessed on this machine (exit 1
    if anything does not hold). A lawyer checking the gate decisions adds
    --require-signatures; a copy from another machine is checked against a head written down
    with --expect 133:4f2a9c1e7b3d0a55.

    Example: crisisplay timeline verify --format json
    """
    from crisisplay.attestation import check_record, describe
    from crisisplay.textsafe import sanitize_line
    from crisisplay.timeline.witness import parse_head

    expected = [parse_head(expect)] if expect is not None else []
    path = resolve_timeline(timeline)
    checked = check_record(
        current_home(), path, expect=expected, require_signatures=require_signatures
    )
    if output is VerifyFormat.json:
        from crisisplay.console import write_json

        write_json(checked.result.as_json())
    else:
        for line in describe(checked):
            typer.echo(sanitize_line(line))
    return 0 if checked.result.ok else 1


@timeline_app.command("export")
@command
def export(
    *,
    output: Annotated[
        ExportFormat, typer.Option("--format", "-f", help="md (a table), csv or json.")
    ] = ExportFormat.md,
    out: Annotated[
        Path | None, typer.Option("--out", "-o", help="Write to FILE instead of stdout.")
    ] = None,
    timeline: TimelineOption = None,
    kind: KindOption = None,
    actor: ActorFilter = None,
    since: SinceOption = None,
    until: UntilOption = None,
    lang: LangOption = None,
) -> int:
    """Export events as Markdown (local times), CSV (formula-safe) or JSON (UTC).

    Example: crisisplay timeline export --format csv --out incident.csv
    """
    from crisisplay.timeline.export import export as render

    path = resolve_timeline(timeline)
    read = path.read()
    times = _reader_times(read.events, lang)
    events = _selected(read, kind, actor, since, until, times)
    text = render(events, output.value, times)
    if out is None:
        sys.stdout.write(text)
    else:
        from crisisplay.outfile import write_output

        write_output(out, text, inputs=[path.path])
    _warn_torn(path, read)
    return 0


@log_app.command("decision")
@command
def log_decision(
    text: TextArgument,
    timeline: TimelineOption = None,
    actor: ActorOption = None,
    role: RoleOption = None,
) -> int:
    """Record a decision of the crisis cell; exits 0 only once it is on disk.

    Example: crisisplay log decision "Hold the press release until 16:00" --role cell-lead
    """
    return _log(text, True, timeline, actor, role)


@log_app.command("note")
@command
def log_note(
    text: TextArgument,
    timeline: TimelineOption = None,
    actor: ActorOption = None,
    role: RoleOption = None,
) -> int:
    """Record a free note; exits 0 only once it is on disk.

    Example: crisisplay log note "Call centre reports 3x usual volume"
    """
    return _log(text, False, timeline, actor, role)


def _log(text: str, decision: bool, given: Path | None, actor: str | None, role: str | None) -> int:
    from crisisplay.cli.member_cmds import act, incident_of
    from crisisplay.incident.ops import WriteDown

    request = WriteDown(text, decision, role or None)
    return act(incident_of(given), actor, request, None)


def _selected(
    read: ReadResult,
    kinds: list[str] | None,
    actor: str | None,
    since: str | None,
    until: str | None,
    times: LocalTimes,
) -> list[Event]:
    from crisisplay.timeline.export import make_filter, select

    chosen = make_filter(kinds or [], actor, since, until, read.events, times.zone)
    return select(read.events, chosen)


def _reader_times(events: list[Event], lang: str | None) -> LocalTimes:
    """The organisation's zone and the reader's language (--lang, else the incident's, else
    the organisation's first); UTC and English when the home cannot say."""
    from crisisplay.cli.options import current_home
    from crisisplay.errors import CrisisplayError
    from crisisplay.localtime import LocalTimes
    from crisisplay.playbook.load import load_playbook

    activation = events[0].payload if events else {}
    scenario, recorded = activation.get("scenario"), activation.get("lang")
    zone, first = "UTC", "en"
    try:
        org = load_playbook(current_home(), only=str(scenario) if scenario else None).organisation
        zone, first = org.timezone, org.languages[0]
    except CrisisplayError:
        pass
    chosen = lang or (recorded if isinstance(recorded, str) else None) or first
    return LocalTimes.spanning(zone, chosen, [e.at for e in events[:1] + events[-1:]])


def _warn_torn(place: Place, read: ReadResult) -> None:
    if read.torn_tail is None:
        return
    from crisisplay.console import get_console, safe_line

    get_console(stderr=True).print(
        f"[warning]warning:[/] {safe_line(place)}: the last line is incomplete "
        f"({len(read.torn_tail)} bytes), a write cut short by a crash and never acknowledged; "
        f"the next write moves it to {safe_line(place.path.name)}.broken",
        soft_wrap=True,  # one line, whatever the width: it may end up in a log
    )


def _add_store_commands() -> None:
    from crisisplay.cli.store_cmds import add_timeline_commands

    add_timeline_commands(timeline_app)


_add_store_commands()
