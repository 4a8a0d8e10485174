"""The shared store's commands: `store init`, `incidents`, `sync`, and `timeline push|pull|follow`
(added to the timeline group)."""

from __future__ import annotations

import dataclasses
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from crisisplay.cli.options import FormatOption, OutputFormat, TimelineOption
from crisisplay.cli.runner import command
from crisisplay.errors import UsageError

if TYPE_CHECKING:
    from crisisplay.timeline.pgconn import StoreTarget

store_app = typer.Typer(
    rich_markup_mode=None,
    name="store",
    help="The cell's shared store (PostgreSQL).\n\n"
    "Example: crisisplay store init --store postgresql://crisis-admin@crisis-db/crisisplay",
    no_args_is_help=True,
)
#: the commands of this module; `crisisplay.cli.main` loads them on first use
commands = typer.Typer(rich_markup_mode=None)
commands.add_typer(store_app)

StoreOption = Annotated[
    str | None,
    typer.Option(
        "--store",
        metavar="URL",
        help="The shared store (default: the global --store, $CRISISPLAY_STORE, or the "
        "organisation file's store:).",
        show_default=False,
    ),
]


def shared_target(given: str | None) -> StoreTarget:
    """The shared store a command works on; the file store is refused with the way out."""
    from crisisplay.cli.context import get_globals, set_globals
    from crisisplay.cli.options import current_store

    if given:
        set_globals(dataclasses.replace(get_globals(), store=given))
    target = current_store()
    if target is None:
        raise UsageError(
            "this command needs a shared store",
            hint="give --store postgresql://... or set $CRISISPLAY_STORE",
        )
    return target


@store_app.command("init")
@command
def store_init(store: StoreOption = None) -> int:
    """Create the shared store's schema, or migrate it to this version (run by its owner).

    Members then need the role crisisplay_member: GRANT crisisplay_member TO alice;

    Example: crisisplay store init --store postgresql://crisis-admin@crisis-db/crisisplay
    """
    from crisisplay.timeline.pgconn import connect
    from crisisplay.timeline.pgschema import MEMBER_ROLE, migrate

    target = shared_target(store)
    with connect(target) as conn:
        before, after = migrate(conn)
    if before == after:
        typer.echo(f"the shared store ({target.label}) is up to date (schema version {after})")
    else:
        typer.echo(f"schema version {before} -> {after} in the shared store ({target.label})")
    typer.echo(f"members need the role {MEMBER_ROLE}: GRANT {MEMBER_ROLE} TO <login>;")
    return 0


@commands.command("incidents")
@command
def incidents(store: StoreOption = None, output: FormatOption = OutputFormat.text) -> int:
    """The incidents of the shared store, newest first: id, scenario, drill or real, state.

    Example: crisisplay incidents --store postgresql://alice@crisis-db/crisisplay
    """
    from crisisplay.timeline.pgquery import list_incidents

    rows = list_incidents(shared_target(store))
    if output is OutputFormat.json:
        from crisisplay.console import write_json

        write_json([r.as_json() for r in rows])
        return 0
    from crisisplay.console import print_table
    from crisisplay.texts import catalogue, t

    lang = _home_lang()
    words = catalogue(lang)
    table = [
        (r.id, r.scenario or "-", t("incidents.drill" if r.drill else "incidents.real", lang),
         words.get(f"incidents.state.{r.state}", r.state),
         r.started or "-", r.last_event or "-", r.events)
        for r in rows
    ]  # fmt: skip
    print_table(None, t("incidents.columns", lang).split(" | "), table, ids=(0, 1))
    return 0


def _home_lang() -> str:
    """The organisation's first language (English when the home cannot tell)."""
    from crisisplay.cli.options import current_home
    from crisisplay.drills.load import home_languages
    from crisisplay.errors import CrisisplayError
    from crisisplay.texts import interface_lang

    try:
        return interface_lang(home_languages(current_home())[0])
    except CrisisplayError:
        return "en"


@commands.command("sync")
@command
def sync(store: StoreOption = None, timeline: TimelineOption = None) -> int:
    """Send the acts kept on this laptop while the shared store was out of reach.

    Each is sent once; one that no longer applies (a gate decided meanwhile) is recorded as
    late, not applied.

    Example: crisisplay sync --incident 20261123-0742-nationwide-outage-3f9a
    """
    from crisisplay.cli.options import resolve_timeline
    from crisisplay.timeline.outbox import Outbox, describe, send_pending
    from crisisplay.timeline.pgstore import PgStore
    from crisisplay.timeline.place import SharedTimeline

    shared_target(store)
    found = resolve_timeline(timeline)
    if not isinstance(found, SharedTimeline):
        raise UsageError("sync sends the acts kept for a shared store: give --store URL")
    outbox = Outbox(found.outbox, found.target.label)
    if not outbox.pending():
        typer.echo("nothing to send: every act of this laptop is shared")
        return 0
    report = send_pending(PgStore(found.target, found.incident), outbox, quiet_if_unreachable=False)
    typer.echo(describe(report))
    return 0


def push(
    file: Annotated[Path, typer.Argument(help="The timeline file to send.")],
    store: StoreOption = None,
) -> int:
    """Send an incident's timeline file into the shared store, chain intact.

    Refused unless it verifies as `timeline verify` has it (signatures against the organisation
    file, heads witnessed on this machine), and if the incident is there already with another
    history.

    Example: crisisplay timeline push timelines/20261123-0742-nationwide-outage-3f9a.jsonl
    """
    from crisisplay.attestation import home_roster, local_witnesses
    from crisisplay.cli.options import current_home
    from crisisplay.timeline.transfer import push as push_file

    target = shared_target(store)
    roster, _ = home_roster(current_home())
    done = push_file(target, file, roster=roster, witnesses=local_witnesses())
    typer.echo(f"pushed {done.sent} of {done.events} events of {done.incident}, head {done.head}")
    return 0


def pull(
    out: Annotated[Path, typer.Option("--out", "-o", help="The file to write.")],
    store: StoreOption = None,
    timeline: TimelineOption = None,
) -> int:
    """Write a verified copy of a shared incident to a file (archive, or working offline).

    Example: crisisplay timeline pull --incident 20261123-0742-nationwide-outage-3f9a --out a.jsonl
    """
    from crisisplay.cli.options import resolve_timeline
    from crisisplay.outfile import write_output
    from crisisplay.timeline.place import SharedTimeline
    from crisisplay.timeline.transfer import pull as pull_lines

    target = shared_target(store)
    found = resolve_timeline(timeline)
    if not isinstance(found, SharedTimeline):
        raise UsageError("pull copies an incident of the shared store: give --incident ID")
    data, checked = pull_lines(target, found.incident)
    if not checked.ok:
        typer.echo(f"BROKEN at seq {checked.first_bad_seq}: {checked.reason}")
        return 1
    write_output(out, data.decode("utf-8"))
    typer.echo(f"ok: {checked.events} events, head {checked.head} -> {out}")
    return 0


def follow(
    timeline: TimelineOption = None,
    store: StoreOption = None,
    count: Annotated[
        int | None, typer.Option("--count", "-n", help="Stop after this many events.", min=1)
    ] = None,
    output: FormatOption = OutputFormat.text,
) -> int:
    """Print the incident's events as they are appended, from any terminal (Ctrl-C stops).

    Example: crisisplay timeline follow --incident 20261123-0742-nationwide-outage-3f9a
    """
    import sys

    from crisisplay.cli.options import resolve_timeline
    from crisisplay.textsafe import escape_hidden_json, sanitize_line
    from crisisplay.timeline.events import canonical_line
    from crisisplay.timeline.export import details
    from crisisplay.timeline.follow import follow as follow_events

    if store:
        shared_target(store)
    for shown, event in enumerate(follow_events(resolve_timeline(timeline)), start=1):
        if output is OutputFormat.json:
            # the event's line, each hidden character escaped: the same JSON values
            sys.stdout.write(escape_hidden_json(canonical_line(event).decode("utf-8")))
        else:
            line = f"#{event.seq} {event.time} {event.kind} {event.actor} {details(event)}"
            sys.stdout.write(sanitize_line(line) + "\n")
        sys.stdout.flush()
        if count is not None and shown >= count:
            return 0
    return 0


def add_timeline_commands(group: typer.Typer) -> None:
    """`timeline push|pull|follow`, registered on the timeline group."""
    group.command("push")(command(push))
    group.command("pull")(command(pull))
    group.command("follow")(command(follow))
