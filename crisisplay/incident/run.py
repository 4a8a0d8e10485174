"""Starting and resuming an incident: where the engine meets the playbook home and the store."""

from __future__ import annotations

import shlex
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from crisisplay.clock import Clock
from crisisplay.errors import TimelineError, UsageError
from crisisplay.home import TIMELINE_SUFFIX, Home
from crisisplay.incident.board import Session, Ticker, start
from crisisplay.incident.board.waiting import waiting_on
from crisisplay.incident.board.walkthrough import LiveBoard, Walkthrough
from crisisplay.incident.lock import Holder, lead_board
from crisisplay.incident.status import Status
from crisisplay.playbook.convert import did_you_mean
from crisisplay.playbook.load import Playbook, load_playbook
from crisisplay.playbook.model import Organisation
from crisisplay.prompts import Prompter
from crisisplay.timeline.fileio import make_folder
from crisisplay.timeline.state import IncidentState, fold
from crisisplay.timeline.stores import Store, open_store, read_store, shared
from crisisplay.timeline.vocabulary import BoardTakenOver, new_event


@dataclass(frozen=True)
class IncidentRun:
    """Where an incident's timeline is and the state the walkthrough left it in."""

    path: Path
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


def new_incident_id(scenario_id: str, moment: datetime, token: str) -> str:
    """``20261123-0742-nationwide-outage-3f9a``: sortable, readable, unique enough."""
    utc = moment.astimezone(timezone.utc)
    return f"{utc:%Y%m%d-%H%M}-{scenario_id}-{token}"


def resume_command(path: Path, home: Home) -> str:
    home_part = "" if home.bundled else f"--home {shlex.quote(str(home.root))} "
    on_store = shared(path)
    if on_store is not None:
        return f"crisisplay {home_part}resume --incident {shlex.quote(on_store.incident)}"
    return f"crisisplay {home_part}resume --timeline {shlex.quote(str(path))}"


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
    timeline: Path | None = None,
    token: str,
    incident_id: str | None = None,
    activation: dict[str, Any] | None = None,
) -> IncidentRun:
    """Start a new incident of ``scenario_id`` and walk it as far as the answers go."""
    playbook = load_playbook(home, only=scenario_id)
    scenario = playbook.scenario(scenario_id)
    incident = incident_id or new_incident_id(scenario.id, edges.clock.now(), token)
    path = timeline or home.timelines / f"{incident}{TIMELINE_SUFFIX}"
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
        open_store(path, incident=incident),
        resume_command(path, home),
    )
    with lead_board(path, edges.actor, edges.clock.now()):
        walk = start(session, IncidentState(), **(activation or {}))
        return _outcome(path, walk)


def load_state(path: Path) -> IncidentState:
    """The folded state of a timeline (read only; a torn last line is left for the writer)."""
    return _incident_state(fold(read_store(path).events, str(path)), path)


def _incident_state(state: IncidentState, path: Path) -> IncidentState:
    if state.scenario is None:
        raise TimelineError(f"{path} has no activation event: it is not an incident timeline")
    return state


def join(path: Path) -> tuple[Store, IncidentState]:
    """A writer on an existing incident, and its state folded from what that writer read: from
    then on, each of its appends returns (and its caller folds) everything appended since."""
    store = open_store(path)
    return store, _incident_state(fold(store.read_new(), str(path)), path)


def resume(home: Home, path: Path, edges: Edges, *, take_over: bool = False) -> IncidentRun:
    """Go on with an interrupted walkthrough, exactly where its timeline stops. The board of an
    incident is held by one terminal at a time; ``take_over`` takes it from the one that holds
    it (recorded: that board stops at its next act)."""
    with lead_board(path, edges.actor, edges.clock.now(), take_over=take_over) as previous:
        return _resume(home, path, edges, previous)


def _resume(home: Home, path: Path, edges: Edges, previous: Holder | None) -> IncidentRun:
    store, state = join(path)
    if previous is not None:
        taken = BoardTakenOver(previous.describe(), previous.actor)
        state.apply_all(store.commit([new_event(taken, edges.actor, None, edges.clock.now())]))
    assert state.scenario is not None
    playbook = load_playbook(home, only=state.scenario)
    if state.drill:  # a drill goes on with its own injects, roster and exercise clock
        from crisisplay.drills.resume import drill_edges

        edges = drill_edges(path, state, playbook.organisation, edges)
    session = _session(
        playbook,
        state.scenario,
        state.lang or playbook.organisation.languages[0],
        edges,
        store,
        resume_command(path, home),
    )
    walk = start(session, state)
    return _outcome(path, walk)


def _outcome(path: Path, walk: Walkthrough) -> IncidentRun:
    state = walk.run()
    waiting = tuple(waiting_on(walk)) if walk.waiting else ()
    return IncidentRun(path, state, walk.board_lost_to, waiting, walk.session.resume_hint)


def _session(
    playbook: Playbook,
    scenario_id: str,
    lang: str,
    edges: Edges,
    store: Store,
    hint: str,
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
        resume_hint=hint,
        live=edges.live,
    )


def current_status(
    home: Home, path: Path, lang: str | None = None, now: datetime | None = None
) -> Status:
    """The status board of the timeline at ``path`` (read only)."""
    from crisisplay.incident.status import status_of

    state = load_state(path)
    assert state.scenario is not None
    playbook = load_playbook(home, only=state.scenario)
    chosen = lang or state.lang or playbook.organisation.languages[0]
    moment = now or datetime.now(timezone.utc)
    return status_of(
        state, playbook.scenario(state.scenario), playbook.organisation, moment, chosen
    )
