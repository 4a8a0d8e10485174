"""Starting a drill: the one walkthrough engine, with a drill clock, injects and the drill's roster.

A scripted drill (``--answers``) runs on an unpaced clock: time jumps to each answer's ``at:`` and
each inject's moment, so the same drill, answers and start give byte-identical timelines. With a
speed (or a person answering), the clock is paced: exercise time runs ``speed`` times faster
than the wall clock. With ``--step``, exercise time moves only when the trainer fires an inject.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from crisisplay.clock import DrillClock, WallTime
from crisisplay.drills.load import load_drill
from crisisplay.drills.model import Start
from crisisplay.drills.plan import PAYLOAD_KEY, DrillPlan, changed_roster, make_plan
from crisisplay.drills.scoring import Score, score_timeline
from crisisplay.drills.ticker import InjectTicker
from crisisplay.errors import UsageError
from crisisplay.home import Home
from crisisplay.incident.run import Edges, activate
from crisisplay.playbook.model import Organisation
from crisisplay.prompts import Prompter
from crisisplay.roster import WEEKDAYS, on_duty
from crisisplay.timeline.place import Place
from crisisplay.timeline.state import IncidentState


@dataclass(frozen=True)
class DrillOptions:
    """How a drill is run (the CLI builds one from its options; tests choose every part)."""

    #: who plays the lead's board: a person of the drill's roster (None: its cell lead)
    actor: str | None
    #: answers come from a file: time jumps instead of flowing, unless a speed is given
    scripted: bool
    speed: float | None = None
    step: bool = False
    start: datetime | None = None
    timeline: Place | Path | None = None
    #: where the incident of a given id goes when no timeline is given (the CLI: the shared
    #: store when one is chosen, else the home's timelines/)
    place: Callable[[str], Place] | None = None
    #: what makes this run's incident id its own (the CLI draws one; tests fix it)
    token: str = ""
    lang: str | None = None
    #: the moment "now" is, for a drill given no start (the CLI passes the system time)
    now: datetime | None = None
    wall: WallTime = field(default_factory=WallTime)
    #: where the drill accounts' credentials are read (None: nothing is delivered)
    environ: Mapping[str, str] | None = None


@dataclass(frozen=True)
class DrillRun:
    place: Place
    state: IncidentState
    score: Score


def run_drill(
    home: Home,
    ref: str,
    prompter: Prompter,
    options: DrillOptions,
    trainer: Prompter | None = None,
) -> DrillRun:
    """Run the drill ``ref`` (an id or a path) as far as the answers go, and score it."""

    loaded, playbook = load_drill(home, ref)
    drill = loaded.drill
    plan = make_plan(drill, playbook.scenario(drill.scenario))
    org = playbook.organisation
    start = start_time(options, drill.starts, ZoneInfo(org.timezone))
    clock = drill_clock(start, options)
    # a person answering: injects fire on the exercise clock while the prompt waits
    live = clock.paced and not options.scripted and not options.step
    roster = changed_roster(org, drill.roster)
    edges = Edges(
        prompter,
        clock,
        drill_lead(roster, options.actor, start),
        ticker=InjectTicker(plan, trainer if options.step else None, live=live),
        organisation=roster,
        environ=options.environ,
    )
    incident_id = drill_incident_id(
        drill.id, start.astimezone(ZoneInfo(org.timezone)), options.token
    )
    timeline = options.timeline
    if timeline is None and options.place is not None:
        timeline = options.place(incident_id)
    run = activate(
        home,
        drill.scenario,
        edges,
        lang=options.lang,
        timeline=timeline,
        token="",
        incident_id=incident_id,
        activation=activation(plan, clock),
    )
    return DrillRun(run.place, run.state, score_timeline(run.place))


def drill_lead(org: Organisation, actor: str | None, start: datetime) -> str:
    """Who plays the board: the person named (of the drill's roster), else its cell lead on
    duty when the drill starts (else the role's first holder)."""
    if actor:
        if org.person(actor) is None:
            raise UsageError(
                f"--actor {actor!r} is not a person of the drill's roster",
                hint="leave --actor out to play the cell lead of the drill's roster",
            )
        return actor
    found = on_duty(org, org.lead_role, start)
    if found is not None:
        return found.person.id
    duty = org.roster.get(org.lead_role)
    if duty is None:
        raise UsageError("the drill's roster names no cell lead: give --actor PERSON")
    return duty.primary


def activation(plan: DrillPlan, clock: DrillClock | None = None) -> dict[str, Any]:
    """The drill's part of the activation event: its plan, and its pace when time flows (so a
    resumed drill runs at the same speed)."""
    pace: dict[str, Any] = {}
    if clock is not None and clock.paced:
        pace = {"drill_speed": clock.speed, "drill_paced": True}
    return {"drill": True, "drill_id": plan.drill.id, PAYLOAD_KEY: plan.as_payload(), **pace}


def drill_clock(start: datetime, options: DrillOptions) -> DrillClock:
    paced = not options.step and (options.speed is not None or not options.scripted)
    return DrillClock(start, options.speed or 1.0, wall=options.wall, paced=paced)


def drill_incident_id(drill_id: str, start: datetime, token: str = "") -> str:
    """``20261122-0940-drill-weekend-cm-gap-3f9a``: the drill, its start in the organisation's
    time, and the run's own token, so that two runs of one drill are two incidents."""
    stamp = f"{start:%Y%m%d-%H%M}-drill-{drill_id}"
    return f"{stamp}-{token}" if token else stamp


def parse_start(text: str) -> datetime:
    """``--start``: ISO 8601; without an offset it is read in the organisation's zone later."""
    try:
        start = datetime.fromisoformat(text.strip().replace("Z", "+00:00"))
    except ValueError:
        raise UsageError(
            f"--start: {text!r} is not an ISO 8601 time",
            hint="write 2026-11-22T09:40 (organisation's zone) or 2026-11-22T08:40Z",
        ) from None
    # Timeline events are dated 1970 to 2999; a drill may run for days after its start.
    if not 1970 <= start.year <= 2998:
        raise UsageError(f"--start: {text!r} is outside the years 1970 to 2998")
    return start


def start_time(options: DrillOptions, starts: Start | None, zone: ZoneInfo) -> datetime:
    if options.start is not None:
        given = options.start
        return given if given.utcoffset() is not None else given.replace(tzinfo=zone)
    if options.now is None:
        raise UsageError("a drill needs a start time (--start) or the current time")
    return default_start(starts, options.now, zone)


def default_start(starts: Start | None, now: datetime, zone: ZoneInfo) -> datetime:
    """The latest moment before ``now`` that fits the drill's story (a Sunday, 09:40)."""
    if starts is None:
        return now
    local = now.astimezone(zone)
    hours, minutes = (int(part) for part in starts.time.replace("24:00", "23:59").split(":"))
    moment = local.replace(hour=hours, minute=minutes, second=0, microsecond=0)
    while moment > local or (starts.day and WEEKDAYS[moment.weekday()] != starts.day):
        moment -= timedelta(days=1)
    return moment.astimezone(timezone.utc)
