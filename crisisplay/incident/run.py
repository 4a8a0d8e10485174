"""Starting and resuming an incident: where the engine meets the playbook home and the store."""

from __future__ import annotations

import shlex
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from crisisplay.clock import Clock
from crisisplay.errors import TimelineError, UsageError
from crisisplay.home import TIMELINE_SUFFIX, Home
from crisisplay.incident.board import Session, Ticker, start
from crisisplay.incident.board.waiting import waiting_on
from crisisplay.incident.board.walkthrough import LiveBoard, Walkthrough
from crisisplay.incident.lock import Holder, lead_board
from crisisplay.incident.record import Desk
from crisisplay.incident.situation import Situation
from crisisplay.incident.status import Status, status_of
from crisisplay.playbook.load import Playbook, load_playbook
from crisisplay.playbook.model import Organisation
from crisisplay.prompts import Prompter
from crisisplay.suggest import did_you_mean
from crisisplay.timeline.fileio import make_folder
from crisisplay.timeline.fold import fold_into
from crisisplay.timeline.place import Place, TimelineFile, place_of
from crisisplay.timeline.recorder import Recorder
from crisisplay.timeline.state import IncidentState, fold
from crisisplay.timeline.vocabulary import BoardTakenOver, new_event


@dataclass(frozen=True)
class IncidentRun:
    """Where an incident's timeline is and the state the walkthrough left it in."""

    place: Place
    state: IncidentState
    #: who took the lead's board over while this one ran (it stopped, everything kept)
    board_lost_to: str | None = None
    #: the board stopped with work only others can do: what the incident waits on, who acts
    waiting: tuple[str, ...] = ()
    #: how to carry on
    resume_hint: str = ""


@dataclass(frozen=True)
class Edges:
    """The adapters a walkthrough runs with (passed in, so tests choose them)."""

    prompter: Prompter
    clock: Clock
    actor: str
    ticker: Ticker | None = None
    organisation: Organisation | None = None
    #: a person at the board: it waits for the cell's acts instead of stopping
    live: LiveBoard | None = None
    #: where the accounts' credentials are read: publications are delivered (None: they are
    #: only recorded, as in tests of the engine)
    environ: Mapping[str, str] | None = None


def new_incident_id(scenario_id: str, moment: datetime, token: str, zone: str = "UTC") -> str:
    """``20261123-0742-nationwide-outage-3f9a``: the day and time in the organisation's zone
    (what the cell's clocks say), sortable, readable, unique enough."""
    local = moment.astimezone(ZoneInfo(zone))
    return f"{local:%Y%m%d-%H%M}-{scenario_id}-{token}"


def resume_command(place: Place, home: Home) -> str:
    home_part = "" if home.bundled else f"--home {shlex.quote(str(home.root))} "
    return f"crisisplay {home_part}resume {place.option}"


def choose_lang(playbook: Playbook, lang: str | None) -> str:
    languages = playbook.organisation.languages
    if lang is None:
        return languages[0]
    if lang not in languages:
        raise UsageError(
            f"language {lang!r} is not one of the organisation's ({', '.join(languages)})"
            f"{did_you_mean(lang, languages)}"
        )
    return lang


def activate(
    home: Home,
    scenario_id: str,
    edges: Edges,
    *,
    lang: str | None = None,
    timeline: Place | Path | None = None,
    token: str,
    incident_id: str | None = None,
    activation: dict[str, Any] | None = None,
) -> IncidentRun:
    """Start a new incident of ``scenario_id`` and walk it as far as the answers go."""
    playbook = load_playbook(home, only=scenario_id)
    scenario = playbook.scenario(scenario_id)
    zone = playbook.organisation.timezone
    incident = incident_id or new_incident_id(scenario.id, edges.clock.now(), token, zone)
    place = place_of(timeline or home.timelines / f"{incident}{TIMELINE_SUFFIX}")
    if isinstance(place, TimelineFile):
        path = place.path
        if path.exists() and path.stat().st_size > 0:
            raise UsageError(
                f"{path} already holds a timeline",
                hint="continue it with `crisisplay resume --timeline FILE`, or choose another file",
            )
        make_folder(path.parent)
    session = _session(
        playbook,
        scenario_id,
        choose_lang(playbook, lang),
        edges,
        place.recorder(incident=incident),
        place,
        home,
    )
    with lead_board(place.path, edges.actor, edges.clock.now()):
        walk = start(session, IncidentState(), **(activation or {}))
        return _outcome(place, walk)


def load_state(place: Place | Path) -> IncidentState:
    """The folded state of a timeline (read only; a torn last line is left for the writer)."""
    where = place_of(place)
    return _incident_state(fold(where.stream(), str(where)), where)


def _incident_state(state: IncidentState, place: Place) -> IncidentState:
    if state.scenario is None:
        raise TimelineError(f"{place} has no activation event: it is not an incident timeline")
    return state


def join(place: Place | Path) -> tuple[Recorder, IncidentState]:
    """A writer on an existing incident, and its state folded from what that writer read: from
    then on, each of its appends returns (and its caller folds) everything appended since."""
    where = place_of(place)
    store = where.recorder()
    state, source = IncidentState(), str(where)
    store.read_new_into(lambda events: fold_into(state, events, source))
    return store, _incident_state(state, where)


def open_desk(
    home: Home, place: Place | Path, clock: Clock, organisation: Organisation | None = None
) -> Desk:
    """A writer on an existing incident, with its playbook: what a member's command acts on."""
    where = place_of(place)
    store, state = join(where)
    assert state.scenario is not None
    playbook = load_playbook(home, only=state.scenario)
    return Desk(store, state, playbook, clock, organisation, where)


#: what a resume completes its edges with, from the timeline (a drill's injects and clock)
Adapt = Callable[[Place, IncidentState, Organisation, "Edges"], "Edges"]


def resume(
    home: Home,
    place: Place | Path,
    edges: Edges,
    *,
    take_over: bool = False,
    adapt: Adapt | None = None,
) -> IncidentRun:
    """Go on with an interrupted walkthrough, exactly where its timeline stops. The board of an
    incident is held by one terminal at a time; ``take_over`` takes it from the one that holds
    it (recorded: that board stops at its next act, and this one holds the board from then)."""
    where = place_of(place)
    with lead_board(where.path, edges.actor, edges.clock.now(), take_over=take_over) as previous:
        return _resume(home, where, edges, previous, adapt)


def _resume(
    home: Home, place: Place, edges: Edges, previous: Holder | None, adapt: Adapt | None
) -> IncidentRun:
    store, state = join(place)
    if previous is not None:
        taken = BoardTakenOver(previous.describe(), previous.actor)
        state.apply_all(store.commit([new_event(taken, edges.actor, None, edges.clock.now())]))
    assert state.scenario is not None
    playbook = load_playbook(home, only=state.scenario)
    if adapt is not None:
        edges = adapt(place, state, playbook.organisation, edges)
    session = _session(
        playbook,
        state.scenario,
        state.lang or playbook.organisation.languages[0],
        edges,
        store,
        place,
        home,
    )
    walk = start(session, state)
    return _outcome(place, walk)


def _outcome(place: Place, walk: Walkthrough) -> IncidentRun:
    state = walk.run()
    waiting = tuple(waiting_on(walk)) if walk.waiting else ()
    return IncidentRun(place, state, walk.board_lost_to, waiting, walk.session.resume_hint)


def _session(
    playbook: Playbook,
    scenario_id: str,
    lang: str,
    edges: Edges,
    store: Recorder,
    place: Place,
    home: Home,
) -> Session:
    return Session(
        playbook=playbook,
        scenario=playbook.scenario(scenario_id),
        lang=lang,
        actor=edges.actor,
        clock=edges.clock,
        prompter=edges.prompter,
        recorder=store,
        organisation=edges.organisation,
        ticker=edges.ticker,
        resume_hint=resume_command(place, home),
        live=edges.live,
        place=place,
        environ=edges.environ,
    )


def desk_status(desk: Desk, lang: str | None = None) -> Status:
    """The status board of the incident a desk is on, with what was recorded since it last
    looked (a refresh reads only the new events)."""
    desk.catch_up()
    return status_of(desk.situation(), lang)


def current_status(
    home: Home, place: Place | Path, lang: str | None = None, now: datetime | None = None
) -> Status:
    """The status board of the timeline at ``place`` (read only)."""
    state = load_state(place)
    assert state.scenario is not None
    playbook = load_playbook(home, only=state.scenario)
    moment = now or datetime.now(timezone.utc)
    return status_of(Situation(state, playbook, moment), lang)
