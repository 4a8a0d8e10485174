"""`crisisplay gate pass|refuse|show`, `crisisplay fact set` and `crisisplay tasks`: acts of the
cell's members, each from their own terminal, on the incident's timeline."""

from __future__ import annotations

from datetime import datetime, timezone
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from crisisplay.cli.options import (
    ActorOption,
    FormatOption,
    IncidentLangOption,
    OutputFormat,
    TimelineOption,
    current_home,
    person_acting,
)
from crisisplay.cli.runner import command

if TYPE_CHECKING:
    from crisisplay.incident.ops import Request
    from crisisplay.incident.record import Desk, Outcome
    from crisisplay.incident.situation import Situation
    from crisisplay.timeline.place import Place

gate_app = typer.Typer(
    rich_markup_mode=None,
    name="gate",
    help="The validator decides a gate, after seeing what it covers.\n\n"
    "Example: crisisplay gate pass noc-scope --comment 'share confirmed at 60%'",
    no_args_is_help=True,
)
fact_app = typer.Typer(
    rich_markup_mode=None,
    name="fact",
    help="Set or correct a fact of the incident (the gates that confirmed it re-open).\n\n"
    "Example: crisisplay fact set affected_share 45",
    no_args_is_help=True,
)
#: the commands of this module; `crisisplay.cli.main` loads them on first use
commands = typer.Typer(rich_markup_mode=None)
commands.add_typer(gate_app)
commands.add_typer(fact_app)

GateArgument = Annotated[str, typer.Argument(help="Gate id (see `crisisplay show SCENARIO`).")]
CommentOption = Annotated[
    str | None, typer.Option("--comment", help="What you say with it (recorded).")
]
ForOption = Annotated[
    str | None,
    typer.Option(
        "--for",
        metavar="PERSON",
        help="The cell lead records the act of another person (a decision given by phone): "
        "recorded as typed by the lead on that person's behalf.",
        show_default=False,
    ),
]


@gate_app.command("show")
@command
def gate_show(
    gate: GateArgument, timeline: TimelineOption = None, lang: IncidentLangOption = None
) -> int:
    """What a gate covers: the facts it confirms with their values, the texts behind it.

    Example: crisisplay gate show noc-scope --lang en
    """
    from crisisplay.console.member_views import print_gate
    from crisisplay.incident.ops.gates import find_gate

    situation = reader(incident_of(timeline), lang)
    print_gate(situation, find_gate(situation, gate).id)
    return 0


@gate_app.command("pass")
@command
def gate_pass(
    gate: GateArgument,
    comment: CommentOption = None,
    override: Annotated[
        str | None,
        typer.Option(
            "--override", metavar="REASON", help="The cell lead goes past the gate, with why."
        ),
    ] = None,
    timeline: TimelineOption = None,
    actor: ActorOption = None,
    for_person: ForOption = None,
    lang: IncidentLangOption = None,
) -> int:
    """Pass a gate: only the person holding its validating role (or a backup on duty) may.

    What it covers is printed first. Anyone else gets exit 2 and the names of who can; a role
    recorded as a gap can only be gone past by the lead, with --override REASON.

    Examples:

      crisisplay gate pass noc-scope --comment "share confirmed at 60%"

      crisisplay gate pass comms-approval --override "director unreachable, lead signs"

      crisisplay gate pass noc-scope --for noc-duty --comment "confirmed by phone"
    """
    from crisisplay.incident.ops import DecideGate, OverrideGate

    request: Request = (
        OverrideGate(gate, override) if override is not None else DecideGate(gate, "pass", comment)
    )
    return _gate(gate, request, timeline, actor, for_person, lang)


@gate_app.command("refuse")
@command
def gate_refuse(
    gate: GateArgument,
    comment: CommentOption = None,
    timeline: TimelineOption = None,
    actor: ActorOption = None,
    for_person: ForOption = None,
    lang: IncidentLangOption = None,
) -> int:
    """Refuse a gate, saying why; the lead then corrects the facts or the text.

    Example: crisisplay gate refuse legal-review --comment "remove the cause: not confirmed"
    """
    from crisisplay.incident.ops import DecideGate

    return _gate(gate, DecideGate(gate, "refuse", comment), timeline, actor, for_person, lang)


def _gate(
    gate: str,
    request: Request,
    timeline: Path | None,
    actor: str | None,
    for_person: str | None,
    lang: str | None,
) -> int:
    import dataclasses

    from crisisplay.console.member_views import print_gate
    from crisisplay.incident.ops import DecideGate
    from crisisplay.incident.ops.gates import find_gate

    desk = incident_of(timeline)
    situation = reader(desk, lang)
    print_gate(situation, find_gate(situation, gate).id)
    if isinstance(request, DecideGate):  # what its validator saw: decided on that, once
        found = desk.state.gates.get(request.gate)
        request = dataclasses.replace(request, asked=found.asked if found else 0)
    return act(desk, actor, request, lang, for_person=for_person)


@fact_app.command("set")
@command
def fact_set(
    name: Annotated[str, typer.Argument(help="Fact id (see `crisisplay show SCENARIO`).")],
    value: Annotated[str, typer.Argument(help="Its value, as you would answer it (or inconnu).")],
    timeline: TimelineOption = None,
    actor: ActorOption = None,
    for_person: ForOption = None,
    lang: IncidentLangOption = None,
) -> int:
    """Set or correct a fact; every gate that confirmed it re-opens.

    Only the cell lead, the role that owns the fact, or a validator of a gate that confirms it
    may. A time can count from the activation: T+3h.

    Examples:

      crisisplay fact set affected_share 45

      crisisplay fact set eta_at 16:30
    """
    from crisisplay.incident.ops import SetFact

    desk = incident_of(timeline)
    found = desk.state.facts.get(name)
    request = SetFact(name, value, seen=found.seq if found else 0)
    return act(desk, actor, request, lang, for_person=for_person)


@commands.command("tasks")
@command
def tasks(
    mine: Annotated[bool, typer.Option("--mine", help="Only the tasks of your roles.")] = False,
    role: Annotated[str | None, typer.Option("--role", help="Only the tasks of this role.")] = None,
    timeline: TimelineOption = None,
    actor: ActorOption = None,
    output: FormatOption = OutputFormat.text,
    lang: IncidentLangOption = None,
) -> int:
    """The incident's work by owner: waiting, open, started, late, done, skipped, the
    promised updates and the work after the resolution included.

    Examples:

      crisisplay tasks --mine

      crisisplay tasks --role noc-liaison --format json

      crisisplay tasks --lang en
    """
    situation = reader(incident_of(timeline), lang)
    found = list(situation.tasks)
    if mine:
        person = person_acting(situation.org, actor, situation.lang)
        roles = set(situation.roles_of(person))
        roles |= {r for r in {v.owner_role for v in found} if person in situation.people_of(r)}
        found = [v for v in found if v.owner_role in roles]
    if role is not None:
        found = [v for v in found if v.owner_role == role]
    if output is OutputFormat.json:
        from crisisplay.console import write_json

        write_json([v.as_json(situation.zone) for v in found])
        return 0
    from crisisplay.console.member_views import print_tasks

    print_tasks(found, situation)
    return 0


def incident_of(timeline: Path | None) -> Desk:
    """The incident a member's command acts on, as a writer on it."""
    from crisisplay.cli.options import resolve_timeline

    return desk_of(resolve_timeline(timeline))


def desk_of(place: Place) -> Desk:
    from crisisplay.clock import SystemClock
    from crisisplay.incident.run import open_desk

    return open_desk(current_home(), place, SystemClock())


def reader(desk: Desk, lang: str | None) -> Situation:
    """The situation now, in ``--lang`` (one of the organisation's) or the incident's; a
    clock behind the incident's last event is said on stderr."""
    situation = desk.situation()
    if lang is not None:
        from crisisplay.incident.run import choose_lang

        situation = situation.read_in(choose_lang(desk.playbook, lang))
    warn_clock(desk, situation)
    return situation


def warn_clock(desk: Desk, situation: Situation) -> None:
    from crisisplay.incident.record import clock_behind

    last = clock_behind(desk, situation.now)
    if last is not None:
        from crisisplay.console import note
        from crisisplay.texts import t

        note(t("record.clock_behind", situation.lang, last=situation.clock(last)))


def act(
    desk: Desk,
    actor: str | None,
    request: Request,
    lang: str | None,
    *,
    for_person: str | None = None,
) -> int:
    """Record one act of the person acting (or, typed by the lead, of ``for_person``), decided
    again on the present when someone recorded first; say what became of it."""
    outcome, situation, _ = recorded(desk, actor, request, lang, for_person=for_person)
    return said(outcome, situation)


def recorded(
    desk: Desk,
    actor: str | None,
    request: Request,
    lang: str | None,
    *,
    for_person: str | None = None,
) -> tuple[Outcome, Situation, str]:
    """One act recorded (see ``act``): what became of it, the situation it was read on, and
    the person it was recorded for."""
    from crisisplay.incident.record import record

    situation = reader(desk, lang)
    typist = person_acting(situation.org, actor, situation.lang)
    person = for_person.strip() if for_person and for_person.strip() else typist
    if situation.org.person(person) is None:
        from crisisplay.errors import UsageError
        from crisisplay.texts import t

        raise UsageError(t("rules.not_a_person", situation.lang, person=person))
    return record(desk, person, request, typist=typist), situation, person


def said(outcome: Outcome, situation: Situation) -> int:
    """What became of an act, in the reader's language; a refusal after a recording (a text
    recorded for the validators) is exit 2."""
    from crisisplay.console import note
    from crisisplay.errors import UsageError
    from crisisplay.texts import t

    lang = situation.lang
    if outcome.others:
        note(t("member.others_meanwhile", lang, count=len(outcome.others)))
    if outcome.already is not None:
        typer.echo(t("member.already", lang, what=outcome.already))
        return 0
    if outcome.events:
        typer.echo(t("member.recorded", lang, seq=outcome.events[-1].seq))
        last = outcome.events[-1]
        if last.by is not None and last.by != last.actor:
            note(t("member.signed_for", lang, actor=last.actor, holder=last.by))
    if outcome.refused is not None:
        raise UsageError(outcome.refused)
    return 0


def now_utc() -> datetime:
    # The system clock lives at the edge; the core gets the time it is given.
    return datetime.now(timezone.utc)
