"""`crisisplay signals add|show|watch|staffing`: mentions, calls and cancellations against their
usual level, the levels that call the cell, and the call centre's load."""

from __future__ import annotations

import enum
import os
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from crisisplay.cli.options import (
    ActorOption,
    FormatOption,
    LangOption,
    OutputFormat,
    TimelineOption,
    current_home,
)
from crisisplay.cli.runner import command

if TYPE_CHECKING:
    from crisisplay.home import Home
    from crisisplay.playbook.model import Organisation
    from crisisplay.signals.levels import Reading
    from crisisplay.signals.rows import Row

signals_app = typer.Typer(
    rich_markup_mode=None,
    name="signals",
    help="Listening: mentions, calls and cancellations against their usual level; the levels "
    "veille, vigilance, alerte and crise, and the next step they propose.\n\n"
    "Example: crisisplay signals add playbooks/signals/mentions-outage.csv --kind mentions",
    no_args_is_help=True,
)
#: the commands of this module; `crisisplay.cli.main` loads them on first use
commands = typer.Typer(rich_markup_mode=None)
commands.add_typer(signals_app)


class Kind(str, enum.Enum):
    mentions = "mentions"
    calls = "calls"
    cancellations = "cancellations"


KindOption = Annotated[Kind, typer.Option("--kind", "-k", help="mentions, calls or cancellations.")]
NoIncidentOption = Annotated[
    bool,
    typer.Option(
        "--no-incident", help="Do not record on the open incident (only store and assess)."
    ),
]


@signals_app.command("add")
@command
def add(
    file: Annotated[
        Path, typer.Argument(help="A CSV or JSON Lines export (- for JSON Lines on stdin).")
    ],
    kind: KindOption,
    timeline: TimelineOption = None,
    no_incident: NoIncidentOption = False,
    actor: ActorOption = None,
    lang: LangOption = None,
) -> int:
    """Add a listening tool's export: a count per interval (time,count) or one mention a row
    (time,author,audience,text, optional sentiment); the organisation file maps other column
    names. Rows already added are not counted twice. The level of each hour is assessed; a
    rise prints the next step, and on an open incident it is recorded with the hours since the
    alert and the fact that measures the noise.

    Examples:

      crisisplay signals add playbooks/signals/mentions-outage.csv --kind mentions

      crisisplay signals add playbooks/signals/calls-outage.csv --kind calls --no-incident
    """
    import sys

    from crisisplay.signals.exports import read_export
    from crisisplay.signals.listen import bulk, columns_of, zone_of

    home, org = _home_and_org()
    language = _lang(org, lang)
    stream = sys.stdin if str(file) == "-" else None
    source = Path("stdin.jsonl") if stream is not None else file
    with bulk():
        rows = read_export(source, columns_of(org, kind.value), zone_of(org), stream)
        return _take(home, org, kind.value, rows, language, timeline, no_incident, actor)


@signals_app.command("show")
@command
def show(
    kind: Annotated[
        Kind | None, typer.Option("--kind", "-k", help="Only this kind (default: all).")
    ] = None,
    hours: Annotated[
        int, typer.Option("--hours", help="The last hours of each signal shown (0: all).")
    ] = 24,
    output: FormatOption = OutputFormat.text,
    lang: LangOption = None,
) -> int:
    """Each hour of the signals against its usual level (the same hour of the same weekday in
    past weeks), with its level and why. JSON gives {time, kind, count, baseline, ratio, level,
    reason}.

    Examples:

      crisisplay signals show

      crisisplay signals show --kind calls --hours 0 --format json
    """
    from crisisplay.signals import KINDS
    from crisisplay.signals.listen import all_readings

    home, org = _home_and_org()
    language = _lang(org, lang)
    kinds = (kind.value,) if kind is not None else KINDS
    found = all_readings(home.signals, org, kinds)
    if hours > 0 and found:
        from datetime import timedelta

        last = {r.kind: r.time for r in found}
        found = [r for r in found if r.time > last[r.kind] - timedelta(hours=hours)]
    if output is OutputFormat.json:
        from crisisplay.console import write_json

        write_json([_json(r, org, language) for r in found])
        return 0
    if not found:
        from crisisplay.texts import t

        typer.echo(t("signals.nothing", language))
        return 0
    for reading in found:
        typer.echo(_line(reading, org, language))
    return 0


@signals_app.command("watch")
@command
def watch(
    kind: Annotated[
        Kind, typer.Option("--kind", "-k", help="mentions, calls or cancellations.")
    ] = Kind.mentions,
    mastodon: Annotated[
        str | None,
        typer.Option(
            "--mastodon",
            metavar="URL",
            help="Search this Mastodon server for the brand's names (listening.names).",
        ),
    ] = None,
    token_env: Annotated[
        str,
        typer.Option("--token-env", help="The environment variable holding the access token."),
    ] = "MASTODON_TOKEN",  # noqa: S107 - the name of a variable, not a secret
    every: Annotated[float, typer.Option("--every", help="Seconds between two searches.")] = 60.0,
    rounds: Annotated[
        int, typer.Option("--rounds", help="Stop after this many searches (0: until Ctrl-C).")
    ] = 0,
    timeline: TimelineOption = None,
    no_incident: NoIncidentOption = False,
    actor: ActorOption = None,
    lang: LangOption = None,
) -> int:
    """Listen to a live source: JSON Lines on stdin (one mention or count a line, as `add`
    reads them), or a Mastodon search for the brand's names. Each batch is added and
    assessed as `signals add` does.

    Examples:

      listening-tool --follow | crisisplay signals watch

      A Mastodon search every minute, the token in $MASTODON_TOKEN: signals watch
      --mastodon https://mastodon.example
    """
    import sys

    home, org = _home_and_org()
    language = _lang(org, lang)
    if mastodon is None:
        from crisisplay.signals.exports import read_export
        from crisisplay.signals.listen import columns_of, zone_of

        rows = read_export(
            Path("stdin.jsonl"), columns_of(org, kind.value), zone_of(org), sys.stdin
        )
        return _take(home, org, kind.value, rows, language, timeline, no_incident, actor)
    return _watch_mastodon(
        home, org, mastodon, token_env, every, rounds, language, timeline, no_incident, actor
    )


@signals_app.command("staffing")
@command
def staffing(
    calls: Annotated[
        float | None,
        typer.Option("--calls", help="Calls an hour (default: the last hour of the calls signal)."),
    ] = None,
    agents: Annotated[
        int | None,
        typer.Option("--agents", help="Agents on the phones today (default: listening.agents)."),
    ] = None,
    output: FormatOption = OutputFormat.text,
    lang: LangOption = None,
) -> int:
    """The call centre's load for the care liaison (Erlang A: callers hang up, they do not
    wait for ever): the agents needed to answer the organisation's share of calls within its
    target, and the callers lost with today's staff.

    Examples:

      crisisplay signals staffing

      crisisplay signals staffing --calls 900 --agents 70 --format json
    """
    from crisisplay.errors import UsageError
    from crisisplay.signals.erlang import CallCentre, agents_needed, performance
    from crisisplay.signals.listen import kind_readings
    from crisisplay.texts import t

    home, org = _home_and_org()
    language = _lang(org, lang)
    listening = org.listening
    if calls is None:
        found = kind_readings(home.signals, "calls", org)
        if not found:
            raise UsageError(t("signals.staffing.no_calls", language))
        calls = float(found[-1].count)
    centre = CallCentre(
        calls, listening.handling_seconds, listening.patience_seconds, listening.answer_seconds
    )
    needed = agents_needed(centre, listening.answer_share)
    staff = agents if agents is not None else listening.agents
    today = performance(centre, staff) if staff is not None else None
    if output is OutputFormat.json:
        from crisisplay.console import write_json

        write_json(
            {
                "calls_per_hour": calls,
                "handling_seconds": listening.handling_seconds,
                "patience_seconds": listening.patience_seconds,
                "answer_seconds": listening.answer_seconds,
                "answer_share": listening.answer_share,
                "agents_needed": needed,
                "agents": staff,
                "answered_in_time": round(today.answered_in_time, 4) if today else None,
                "abandoned": round(today.abandoned, 4) if today else None,
                "lost_per_hour": round(today.abandoned * calls, 1) if today else None,
            }
        )
        return 0
    typer.echo(
        t(
            "signals.staffing.calls",
            language,
            calls=round(calls),
            handling=round(listening.handling_seconds),
            patience=round(listening.patience_seconds),
        )
    )
    share = round(listening.answer_share * 100)
    target = round(listening.answer_seconds)
    typer.echo(t("signals.staffing.needed", language, share=share, target=target, agents=needed))
    if today is not None:
        typer.echo(
            t(
                "signals.staffing.today",
                language,
                agents=staff,
                answered=round(today.answered_in_time * 100),
                target=target,
                lost=round(today.abandoned * calls),
                abandoned=round(today.abandoned * 100),
            )
        )
    return 0


# ---------------------------------------------------------------- shared


def _home_and_org() -> tuple[Home, Organisation]:
    from crisisplay.messages.check import load_organisation

    home = current_home()
    return home, load_organisation(home)


def _lang(org: Organisation, lang: str | None) -> str:
    from crisisplay.texts import interface_lang

    return interface_lang(lang or org.languages[0])


def _take(
    home: Home,
    org: Organisation,
    kind: str,
    rows: list[Row],
    lang: str,
    timeline: Path | None,
    no_incident: bool,
    actor: str | None,
) -> int:
    """Store ``rows``, say what they changed, and record it on the open incident."""
    from crisisplay.signals.listen import add_and_read, change_of, hour_label
    from crisisplay.signals.steps import next_step, reason_text
    from crisisplay.texts import t
    from crisisplay.textsafe import sanitize_line

    added, found = add_and_read(home.signals, kind, rows, org)
    typer.echo(t("signals.added", lang, added=added.added, path=added.path, already=added.already))
    change = change_of(found, rows if added.added else [])
    for previous, reading in change.crossings:
        why = reason_text(reading, lang)
        line = t(
            "signals.crossed",
            lang,
            at=hour_label(reading.time, org),
            kind=kind,
            previous=previous,
            level=reading.level,
            why=f" ({why})" if why else "",
        )
        typer.echo(sanitize_line(line))
    if change.latest is None:
        return 0
    typer.echo(sanitize_line(_line(change.latest, org, lang)))
    desk = None if no_incident else _open_incident(timeline)
    proposed = next_step(
        change.latest.level, incident_open=desk is not None, scenario=org.listening.scenario
    )
    if proposed is not None:
        typer.echo(t("signals.propose", lang, command=proposed))
    if desk is not None:
        _record(desk, kind, found, change.latest, proposed, org, actor, lang)
    return 0


def _line(reading: Reading, org: Organisation, lang: str) -> str:
    from crisisplay.signals.listen import hour_label
    from crisisplay.signals.steps import reason_text
    from crisisplay.texts import t

    why = reason_text(reading, lang)
    key = "signals.level_now" if reading.baseline is not None else "signals.level_now_no_base"
    text = t(
        key,
        lang,
        kind=reading.kind,
        level=reading.level,
        at=hour_label(reading.time, org),
        count=reading.count,
        baseline=round(reading.baseline) if reading.baseline is not None else "",
    )
    return f"{text}: {why}" if why else text


def _json(reading: Reading, org: Organisation, lang: str) -> dict[str, object]:
    from crisisplay.signals.listen import zone_of
    from crisisplay.signals.steps import reason_text

    return {
        "time": reading.time.astimezone(zone_of(org)).isoformat(),
        "kind": reading.kind,
        "count": reading.count,
        "baseline": reading.baseline,
        "ratio": reading.ratio,
        "level": reading.level,
        "reason": reason_text(reading, lang),
    }


def _open_incident(timeline: Path | None) -> object | None:
    """The incident a signal is recorded on: the one named, else the newest of the home's
    timelines when it is not resolved; None when there is none."""
    from crisisplay.cli.member_cmds import incident_of
    from crisisplay.errors import UsageError

    try:
        desk = incident_of(timeline)
    except UsageError:
        if timeline is not None:
            raise
        return None
    if desk.state.resolved_at is not None and timeline is None:
        return None
    return desk


def _record(
    desk: object,
    kind: str,
    found: list[Reading],
    latest: Reading,
    proposed: str | None,
    org: Organisation,
    actor: str | None,
    lang: str,
) -> None:
    from crisisplay.cli.member_cmds import recorded
    from crisisplay.incident.ops import RecordSignals
    from crisisplay.incident.record import Desk
    from crisisplay.signals import per_kind
    from crisisplay.signals.steps import reason_text
    from crisisplay.texts import t

    assert isinstance(desk, Desk)
    fact = per_kind(org.listening.facts, kind)
    request = RecordSignals(kind, tuple(found), reason_text(latest, lang), proposed, fact)
    outcome, situation, _ = recorded(desk, actor, request, None)
    if outcome.events:
        typer.echo(
            t(
                "signals.recorded",
                lang,
                incident=situation.state.incident,
                events=len(outcome.events),
            )
        )
        for event in outcome.events:
            if event.kind == "fact.set":
                value = event.payload["value"]
                typer.echo(t("signals.fact_filled", lang, fact=fact, value=value, kind=kind))


def _watch_mastodon(
    home: Home,
    org: Organisation,
    url: str,
    token_env: str,
    every: float,
    rounds: int,
    lang: str,
    timeline: Path | None,
    no_incident: bool,
    actor: str | None,
) -> int:
    import time

    from crisisplay.errors import UsageError
    from crisisplay.signals.watch import MastodonSearch
    from crisisplay.texts import t

    token = os.environ.get(token_env)
    if not token:
        raise UsageError(t("signals.watch.no_token", lang))
    try:
        from mastodon import Mastodon
    except ImportError:
        raise UsageError(t("signals.watch.mastodon_missing", lang)) from None
    from mastodon.errors import MastodonError

    client = Mastodon(
        access_token=token,
        api_base_url=url,
        request_timeout=10,
        ratelimit_method="throw",
        version_check_mode="none",
    )
    names = org.listening.names or (org.brand.name,)
    search = MastodonSearch(names)
    typer.echo(t("signals.watch.started", lang, source=url))
    done = 0
    while True:
        statuses = []
        for name in names:
            try:
                found = client.search_v2(name, result_type="statuses")
            except MastodonError as exc:
                raise UsageError(f"{url}: {exc}") from None
            statuses += list(found.get("statuses", []))
        rows = search.rows(statuses)
        if rows:
            _take(home, org, "mentions", rows, lang, timeline, no_incident, actor)
        done += 1
        if rounds and done >= rounds:
            return 0
        time.sleep(every)
