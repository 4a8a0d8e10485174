"""`crisisplay gate pass|refuse|show` and `crisisplay fact set`: acts of the cell's members,
each from their own terminal, on the incident's timeline."""

from __future__ import annotations

from collections.abc import Callable
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
    resolve_actor,
)
from crisisplay.cli.runner import command
from crisisplay.errors import UsageError

if TYPE_CHECKING:
    from crisisplay.incident.member_ops import Decided
    from crisisplay.playbook.load import Playbook
    from crisisplay.timeline.state import IncidentState
    from crisisplay.timeline.stores import Store

#: how many times an act is decided again when others keep recording first
_TRIES = 20

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


@gate_app.command("show")
@command
def gate_show(
    gate: GateArgument, timeline: TimelineOption = None, lang: IncidentLangOption = None
) -> int:
    """What a gate covers: the facts it confirms with their values, the texts behind it.

    Example: crisisplay gate show noc-scope --lang en
    """
    from crisisplay.console.member_views import print_gate

    playbook, state, _ = incident_of(timeline)
    print_gate(playbook, state, gate, now_utc(), reader_lang(playbook, state, lang))
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
    lang: IncidentLangOption = None,
) -> int:
    """Pass a gate: only the person holding its validating role (or a backup on duty) may.

    What it covers is printed first. Anyone else gets exit 2 and the names of who can; a role
    recorded as a gap can only be gone past by the lead, with --override REASON.

    Examples:

      crisisplay gate pass noc-scope --comment "share confirmed at 60%"

      crisisplay gate pass comms-approval --override "director unreachable, lead signs"
    """
    return _decide(gate, "pass", comment, override, timeline, actor, lang)


@gate_app.command("refuse")
@command
def gate_refuse(
    gate: GateArgument,
    comment: CommentOption = None,
    timeline: TimelineOption = None,
    actor: ActorOption = None,
    lang: IncidentLangOption = None,
) -> int:
    """Refuse a gate, saying why; the lead then corrects the facts or the text.

    Example: crisisplay gate refuse legal-review --comment "remove the cause: not confirmed"
    """
    return _decide(gate, "refuse", comment, None, timeline, actor, lang)


@fact_app.command("set")
@command
def fact_set(
    name: Annotated[str, typer.Argument(help="Fact id (see `crisisplay show SCENARIO`).")],
    value: Annotated[str, typer.Argument(help="Its value, as you would answer it (or inconnu).")],
    timeline: TimelineOption = None,
    actor: ActorOption = None,
    lang: IncidentLangOption = None,
) -> int:
    """Set or correct a fact; every gate that confirmed it re-opens.

    Example: crisisplay fact set affected_share 45
    """
    from crisisplay.incident.member_ops import set_fact

    def decide(pb: Playbook, state: IncidentState, person: str) -> Decided:
        from zoneinfo import ZoneInfo

        from crisisplay.facts import LocalTime

        local = LocalTime(ZoneInfo(pb.organisation.timezone), now_utc())
        scenario = pb.scenario(state.scenario or "")
        return set_fact(state, scenario, fact_id=name, raw=value, local=local)

    return record_decided(incident_of(timeline), actor, decide, lang)


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
    """The open work of the incident by owner: waiting, open, started, late, done, skipped.

    Examples:

      crisisplay tasks --mine

      crisisplay tasks --role noc-liaison --format json

      crisisplay tasks --lang en
    """
    from zoneinfo import ZoneInfo

    from crisisplay.incident.tasks_view import tasks_of

    playbook, state, _ = incident_of(timeline)
    org = playbook.organisation
    lang = reader_lang(playbook, state, lang)
    found = tasks_of(state, playbook.scenario(state.scenario or ""), org, now_utc(), lang)
    if mine:
        person = person_of(playbook, resolve_actor(actor), lang)
        roles = {r for r, held in state.roles.items() if held.person == person}
        found = [t for t in found if t.owner_role in roles]
    if role is not None:
        found = [t for t in found if t.owner_role == role]
    zone = ZoneInfo(org.timezone)
    if output is OutputFormat.json:
        from crisisplay.console import write_json

        write_json([t.as_json(zone) for t in found])
        return 0
    from crisisplay.console.member_views import print_tasks

    print_tasks(found, playbook, state, now_utc(), lang)
    return 0


def _decide(
    gate_id: str,
    decision: str,
    comment: str | None,
    override: str | None,
    timeline: Path | None,
    actor: str | None,
    lang: str | None,
) -> int:
    from crisisplay.console.member_views import print_gate
    from crisisplay.incident.member_ops import decide_gate

    incident = incident_of(timeline)
    shown = reader_lang(incident[0], incident[1], lang)
    print_gate(incident[0], incident[1], gate_id, now_utc(), shown)

    def decide(pb: Playbook, now_state: IncidentState, person: str) -> Decided:
        return decide_gate(
            now_state,
            pb.scenario(now_state.scenario or ""),
            pb.organisation,
            gate_id=gate_id,
            decision=decision,
            person=person,
            now=now_utc(),
            comment=comment,
            override=override,
        )

    return record_decided(incident, actor, decide, shown)


def record_decided(
    incident: tuple[Playbook, IncidentState, Store],
    actor: str | None,
    decide: Callable[[Playbook, IncidentState, str], Decided],
    lang: str | None = None,
) -> int:
    """Decide on the state, check and append; decide again when someone recorded first."""
    from crisisplay.texts import t
    from crisisplay.timeline.vocabulary import new_event

    playbook, state, store = incident
    lang = reader_lang(playbook, state, lang)
    person = person_of(playbook, resolve_actor(actor), lang)
    role = _role_of(state, person)
    for _ in range(_TRIES):
        decided = decide(playbook, state, person)
        if decided.already is not None:
            typer.echo(f"already done: {decided.already}")
            return 0
        news = [new_event(p, person, role, now_utc()) for p in decided.events]
        events, recorded = store.commit_if(news, state.last_seq)
        state.apply_all(events)
        if recorded:
            typer.echo(f"recorded #{events[-1].seq}")
            return 0
    raise UsageError(t("member.others_first", lang))


def incident_of(timeline: Path | None) -> tuple[Playbook, IncidentState, Store]:
    from crisisplay.cli.options import resolve_timeline
    from crisisplay.incident.run import join
    from crisisplay.playbook.load import load_playbook

    store, state = join(resolve_timeline(timeline))
    assert state.scenario is not None
    return load_playbook(current_home(), only=state.scenario), state, store


def reader_lang(playbook: Playbook, state: IncidentState, given: str | None) -> str:
    """``--lang`` when given (one of the organisation's), else the incident's language."""
    from crisisplay.incident.run import choose_lang

    if given is not None:
        return choose_lang(playbook, given)
    return state.lang or playbook.organisation.languages[0]


def person_of(playbook: Playbook, actor: str, lang: str = "en") -> str:
    org = playbook.organisation
    if org.person(actor) is None:
        import difflib

        from crisisplay.texts import t

        close = difflib.get_close_matches(actor, [p.id for p in org.people], n=1, cutoff=0.6)
        suggestion = t("member.did_you_mean", lang, word=repr(close[0])) if close else ""
        raise UsageError(
            t("member.not_in_roster", lang, actor=repr(actor), suggestion=suggestion),
            hint=t("member.say_who", lang),
        )
    return actor


def _role_of(state: IncidentState, person: str) -> str | None:
    return next((role for role, held in state.roles.items() if held.person == person), None)


def now_utc() -> datetime:
    # The system clock lives at the edge; the core gets the time it is given.
    return datetime.now(timezone.utc)
