"""`crisisplay drill list|run|score|from-timeline`: exercises for trainers, and their debrief."""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from crisisplay.cli.options import (
    AnswersOption,
    FormatOption,
    LangOption,
    OutputFormat,
    TimelineOption,
    current_home,
    make_prompter,
    new_timeline,
    resolve_timeline,
)
from crisisplay.cli.runner import command

if TYPE_CHECKING:
    from crisisplay.prompts import Prompter

drill_app = typer.Typer(
    rich_markup_mode=None,
    name="drill",
    help="Scripted drills: a scenario on an exercise clock, injects, and a scored debrief.\n\n"
    "Example: crisisplay drill run weekend-cm-gap --speed 60",
    no_args_is_help=True,
)
#: the commands of this module; `crisisplay.cli.main` loads them on first use
commands = typer.Typer(rich_markup_mode=None)

commands.add_typer(drill_app)

#: a drill slowed past a thousandfold or sped past a millionfold is a typo, not an exercise
MIN_SPEED, MAX_SPEED = 0.001, 1_000_000.0
SpeedOption = Annotated[
    float | None,
    typer.Option(
        "--speed",
        help="Exercise time runs N times faster than the wall clock (60: an hour a minute). "
        "Default: real time with people answering; with --answers, time jumps to each answer.",
        show_default=False,
    ),
]
StepOption = Annotated[
    bool,
    typer.Option(
        "--step",
        help="The trainer fires each inject (Enter, asked before each step) instead of waiting "
        "for its time; exercise time moves only then.",
    ),
]
StartOption = Annotated[
    str | None,
    typer.Option(
        "--start",
        help="Exercise start, ISO 8601 (2026-11-22T09:40 in the organisation's zone, or with an "
        "offset). Default: the drill's own start (its day and time) before now.",
        show_default=False,
    ),
]
NewTimelineOption = Annotated[
    Path | None,
    typer.Option(
        "--timeline",
        "-t",
        help="Timeline file to create (default: a new file in the home's timelines/ folder).",
        show_default=False,
    ),
]


@drill_app.command("list")
@command
def list_drills(lang: LangOption = None, output: FormatOption = OutputFormat.text) -> int:
    """List the drills of the playbook home: scenario, injects, expectations, points.

    Example: crisisplay drill list --lang en
    """
    from crisisplay.drills.load import home_languages, summaries

    home = current_home()
    found = summaries(home)
    if output is OutputFormat.json:
        from crisisplay.console import write_json

        write_json([summary.as_json() for summary in found])
        return 0
    from crisisplay.console.drill_views import print_drills

    print_drills(found, lang or home_languages(home)[0], str(home.root))
    return 0


@drill_app.command("run")
@command
def run(
    drill: Annotated[
        str, typer.Argument(help="Drill id (see `crisisplay drill list`) or a drill file's path.")
    ],
    answers: AnswersOption = None,
    speed: SpeedOption = None,
    step: StepOption = False,
    start: StartOption = None,
    timeline: NewTimelineOption = None,
    lang: LangOption = None,
    actor: Annotated[
        str | None,
        typer.Option(
            "--actor",
            help="Who plays the cell lead's board (default: the drill roster's cell lead on duty "
            "when it starts).",
            show_default=False,
        ),
    ] = None,
    quiet: Annotated[
        bool, typer.Option("--quiet", "-q", help="With --answers: print only injects and score.")
    ] = False,
) -> int:
    """Run a drill: the guided walkthrough on an exercise clock, with injects, then its score.

    Injects are shown as they fire, marked EXERCICE / EXERCISE; the timeline is marked as a
    drill and every rendered message carries the exercise marker. Ctrl-C saves; `crisisplay
    resume` goes on with the drill's injects and clock.

    Examples:

      crisisplay drill run weekend-cm-gap --speed 60

      crisisplay drill run nationwide-eta-slip --step

      crisisplay drill run weekend-cm-gap --answers playbooks/answers/weekend-cm-gap.yaml
      --start 2026-11-22T09:40 --timeline drill.jsonl
    """
    import secrets
    from datetime import datetime, timezone

    from crisisplay.console.drill_views import InjectPanels, print_score
    from crisisplay.console.incident_views import print_outcome
    from crisisplay.drills.run import DrillOptions, parse_start, run_drill
    from crisisplay.errors import UsageError
    from crisisplay.incident.run import IncidentRun

    if speed is not None and not MIN_SPEED <= speed <= MAX_SPEED:  # NaN fails both
        raise UsageError(
            f"--speed must be a positive number from {MIN_SPEED:g} to {MAX_SPEED:g} "
            "(60: an hour of exercise a minute)"
        )
    prompter = InjectPanels(make_prompter(answers, quiet=quiet), quiet=False)
    home = current_home()
    options = DrillOptions(
        actor,
        scripted=answers is not None,
        speed=speed,
        step=step,
        start=parse_start(start) if start else None,
        timeline=new_timeline(timeline, home, "") if timeline else None,
        place=lambda incident: new_timeline(timeline, home, incident),
        lang=lang,
        now=datetime.now(timezone.utc),
        token=secrets.token_hex(2),
        environ=os.environ,
    )
    ran = run_drill(home, drill, prompter, options, trainer=_trainer(step))
    print_outcome(IncidentRun(ran.place, ran.state))
    print_score(ran.score)
    return 0


def _trainer(step: bool) -> Prompter | None:
    """The trainer's prompts (``--step``): always a person at the terminal."""
    if not step:
        return None
    if not sys.stdin.isatty():
        from crisisplay.errors import UsageError

        raise UsageError("--step needs a terminal: the trainer fires each inject with Enter")
    from crisisplay.console.prompter import InteractivePrompter

    return InteractivePrompter()


@drill_app.command("score")
@command
def score(
    timeline: TimelineOption = None,
    lang: LangOption = None,
    output: FormatOption = OutputFormat.text,
) -> int:
    """Score a drill from its timeline alone: each expectation met or missed, when, points.

    A real incident's timeline is refused (exit 2): only drills are scored.

    Examples:

      crisisplay drill score

      crisisplay drill score --timeline timelines/20261122-0840-drill-weekend-cm-gap.jsonl
      --format json
    """
    from crisisplay.drills.scoring import score_timeline

    result = score_timeline(resolve_timeline(timeline), lang)
    if output is OutputFormat.json:
        from crisisplay.console import write_json

        write_json(result.as_json())
        return 0
    from crisisplay.console.drill_views import print_score

    print_score(result)
    return 0


@drill_app.command("from-timeline")
@command
def from_timeline(
    source: Annotated[Path, typer.Argument(help="Timeline of a real incident to replay.")],
    output: Annotated[
        Path,
        typer.Option(
            "--output",
            "-o",
            help="Drill file to write; its name is the drill's id "
            "(playbooks/drills/replay-outage.yaml).",
        ),
    ],
) -> int:
    """Build a drill from a real incident's timeline: a past crisis becomes an exercise.

    Facts known at the start become the drill's start facts; every fact that changed later
    becomes an inject at its original time. Expectations: first public word within the
    organisation's target, promises kept, no message past a failing gate, escalations in time.

    Example: crisisplay drill from-timeline timelines/20261123-0742-nationwide-outage-3f9a.jsonl
    -o playbooks/drills/replay-november-outage.yaml
    """
    from crisisplay.console import out, safe
    from crisisplay.drills.replay import write_replay

    written = write_replay(current_home(), source, output)
    out(f"[ok]drill written[/] {safe(written)}: run it with `crisisplay drill run {safe(output)}`")
    return 0
