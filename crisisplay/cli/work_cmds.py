"""`crisisplay do` and `crisisplay publish`: a task done, a message sent, from the owner's own
terminal, on the incident's timeline."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

import typer

from crisisplay.cli.member_cmds import incident_of, now_utc, person_of, record_decided
from crisisplay.cli.options import ActorOption, IncidentLangOption, TimelineOption, resolve_actor
from crisisplay.cli.runner import command

if TYPE_CHECKING:
    from crisisplay.incident.member_ops import Decided
    from crisisplay.playbook.load import Playbook
    from crisisplay.timeline.state import IncidentState

#: the commands of this module; `crisisplay.cli.main` loads them on first use
commands = typer.Typer(rich_markup_mode=None)


@commands.command("do")
@command
def do(
    task: Annotated[str, typer.Argument(help="Task id (see `crisisplay tasks`).")],
    check: Annotated[
        list[str] | None,
        typer.Option("--check", metavar="ITEM", help="Tick a checklist item (its number or text)."),
    ] = None,
    skip: Annotated[
        str | None, typer.Option("--skip", metavar="REASON", help="Not done, and why.")
    ] = None,
    timeline: TimelineOption = None,
    actor: ActorOption = None,
    lang: IncidentLangOption = None,
) -> int:
    """Do one of your tasks: tick its checklist item by item, then say it is done.

    --check ticks items and leaves the task open; without it the task is done (its messages
    must have gone out and its gates passed first). Only the task's owner, or the cell lead,
    may.

    Examples:

      crisisplay do brief-teams --check 1 --check 2

      crisisplay do brief-teams

      crisisplay do press --skip "no media request so far"
    """
    from crisisplay.incident.task_ops import do_task

    def decide(pb: Playbook, state: IncidentState, person: str) -> Decided:
        scenario = pb.scenario(state.scenario or "")
        return do_task(
            state,
            scenario,
            pb.organisation,
            task_id=task,
            person=person,
            now=now_utc(),
            checks=tuple(check or ()),
            skip=skip,
        )

    return record_decided(incident_of(timeline), actor, decide, lang)


@commands.command("publish")
@command
def publish(
    message: Annotated[str, typer.Argument(help="Message id (see `crisisplay show SCENARIO`).")],
    next_update: Annotated[
        str | None,
        typer.Option(
            "--next-update",
            metavar="HH:MM",
            help="The next update this one promises (holding statement, update); local time.",
        ),
    ] = None,
    timeline: TimelineOption = None,
    actor: ActorOption = None,
) -> int:
    """Render a message with the facts and promise in force, show it, and publish it.

    Refused while a gate before it waits (the line names who decides it). A holding statement
    or an update promises the next update: at that time an update task opens for you.

    Examples:

      crisisplay publish holding --next-update 10:00

      crisisplay publish update --next-update 11:30
    """
    from crisisplay.clock import SystemClock
    from crisisplay.console.walk_views import print_notice
    from crisisplay.incident.board.walkthrough import Session
    from crisisplay.incident.publish_ops import publish as publish_message
    from crisisplay.prompts import ScriptedPrompter

    playbook, state, store = incident_of(timeline)
    # the incident's language: the texts published are the ones its gates approved
    lang = state.lang or playbook.organisation.languages[0]
    person = person_of(playbook, resolve_actor(actor), lang)
    assert state.scenario is not None
    session = Session(
        playbook=playbook,
        scenario=playbook.scenario(state.scenario),
        lang=lang,
        actor=person,
        clock=SystemClock(),
        prompter=ScriptedPrompter.empty(echo=print_notice),
        recorder=store,
    )
    after = publish_message(session, state, message, next_update)
    typer.echo(f"recorded #{after.last_seq}")
    return 0
