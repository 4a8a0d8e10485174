"""The incident commands: activate, resume, status."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Annotated

import typer

from crisisplay.cli.options import (
    ActorOption,
    AnswersOption,
    FormatOption,
    LangOption,
    OutputFormat,
    TimelineOption,
    current_home,
    live_board,
    make_prompter,
    new_timeline,
    person_acting,
    resolve_timeline,
)
from crisisplay.cli.runner import command
from crisisplay.errors import UsageError

#: the commands of this module; `crisisplay.cli.main` loads them on first use
commands = typer.Typer(rich_markup_mode=None)


@commands.command("activate")
@command
def activate(
    scenario: Annotated[str, typer.Argument(help="Scenario id (see `crisisplay list`).")],
    answers: AnswersOption = None,
    timeline: Annotated[
        Path | None,
        typer.Option(
            "--timeline",
            "-t",
            help="Timeline file to create (default: a new file in the home's timelines/ folder).",
            show_default=False,
        ),
    ] = None,
    actor: ActorOption = None,
    lang: LangOption = None,
    quiet: Annotated[
        bool, typer.Option("--quiet", "-q", help="With --answers: print only the outcome.")
    ] = False,
) -> int:
    """Activate the crisis plan: the guided walkthrough from first alert to review.

    Every answer, choice and reason is recorded in the incident's timeline. Ctrl-C saves and
    prints how to resume.

    Examples:

      crisisplay activate nationwide-outage

      crisisplay activate local-outage --answers playbooks/answers/local-outage.yaml
    """
    import secrets

    from crisisplay.clock import SystemClock
    from crisisplay.console.incident_views import print_outcome
    from crisisplay.incident.run import Edges, new_incident_id, resume_command
    from crisisplay.incident.run import activate as run_activation
    from crisisplay.playbook.load import load_playbook

    home = current_home()
    playbook = load_playbook(home, only=scenario)
    playbook.scenario(scenario)  # an unknown scenario stops here
    chosen = lang or playbook.organisation.languages[0]
    prompter = make_prompter(answers, quiet=quiet)
    person = person_acting(playbook.organisation, actor, chosen)
    edges = Edges(prompter, SystemClock(), person, live=live_board(answers), environ=os.environ)
    zone = playbook.organisation.timezone
    incident = new_incident_id(scenario, edges.clock.now(), secrets.token_hex(2), zone)
    path = new_timeline(timeline, home, incident)
    if not quiet:
        from crisisplay.console.incident_views import print_activation_banner

        print_activation_banner(incident, path, resume_command(path, home), chosen)
    run = run_activation(
        home, scenario, edges, lang=lang, timeline=path, token="", incident_id=incident
    )
    print_outcome(run)
    return 0


@commands.command("resume")
@command
def resume(
    timeline: TimelineOption = None,
    answers: AnswersOption = None,
    actor: ActorOption = None,
    quiet: Annotated[
        bool, typer.Option("--quiet", "-q", help="With --answers: print only the outcome.")
    ] = False,
    take_over: Annotated[
        bool,
        typer.Option(
            "--take-over",
            help="Take the lead's board over from the terminal that holds it (recorded; that "
            "board stops at its next act).",
        ),
    ] = False,
) -> int:
    """Continue an interrupted activation exactly where its timeline stops.

    One lead board per incident: while another terminal holds it, resume says who and stops;
    --take-over takes it.

    Example: crisisplay resume --timeline timelines/20261123-0742-nationwide-outage-3f9a.jsonl
    """
    from crisisplay.clock import SystemClock
    from crisisplay.console.incident_views import print_outcome
    from crisisplay.drills.resume import drill_edges
    from crisisplay.incident.run import Edges
    from crisisplay.incident.run import resume as run_resume
    from crisisplay.messages.check import load_organisation

    path = resolve_timeline(timeline)
    home = current_home()
    org = load_organisation(home)
    prompter = make_prompter(answers, quiet=quiet)
    edges = Edges(
        prompter,
        SystemClock(),
        person_acting(org, actor, org.languages[0]),
        live=live_board(answers),
        environ=os.environ,
    )
    print_outcome(run_resume(home, path, edges, take_over=take_over, adapt=drill_edges))
    return 0


@commands.command("status")
@command
def status(
    timeline: TimelineOption = None,
    watch: Annotated[bool, typer.Option("--watch", "-w", help="Refresh until Ctrl-C.")] = False,
    interval: Annotated[
        float,
        typer.Option("--interval", help="Seconds between refreshes.", min=1.0, max=86400.0),
    ] = 5.0,
    lang: LangOption = None,
    output: FormatOption = OutputFormat.text,
) -> int:
    """Where the incident stands: phase, overdue steps, gates waiting, next promised update.

    Also the open steps with their countdowns and the roles nobody covers; once the cell is
    paged, whether it is formed (since when) or which roles of its quorum have not answered,
    and "not yet reached" beside a gate whose validator has not answered their page. On the
    shared store, --watch also refreshes as soon as anyone in the cell records an act.

    Examples:

      crisisplay status

      crisisplay status --watch --timeline timelines/20261123-0742-nationwide-outage-3f9a.jsonl
    """
    from crisisplay.incident.run import desk_status

    if not 1.0 <= interval <= 86400.0:  # NaN passes the option's own range check
        raise UsageError("--interval must be a number of seconds from 1 to 86400")
    path = resolve_timeline(timeline)
    from crisisplay.cli.member_cmds import desk_of, reader

    desk = desk_of(path)
    reader(desk, lang)  # a clock behind the incident is said, once
    if output is OutputFormat.json:
        from crisisplay.console import write_json

        write_json(desk_status(desk, lang).as_json())
        return 0
    from crisisplay.console.incident_views import show_status
    from crisisplay.timeline.place import SharedTimeline
    from crisisplay.timeline.wakeup import Wakeup

    shared = isinstance(path, SharedTimeline) and watch
    wakeup = Wakeup(path.target) if isinstance(path, SharedTimeline) and shared else None
    show_status(lambda: desk_status(desk, lang), watch=watch, interval=interval, wakeup=wakeup)
    return 0
