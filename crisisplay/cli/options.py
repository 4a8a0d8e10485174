"""Option types and resolvers shared by several commands."""

from __future__ import annotations

import enum
import os
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from crisisplay.cli.context import get_globals
from crisisplay.home import TIMELINE_SUFFIX, Home, current_folder, find_home, newest_timeline

if TYPE_CHECKING:
    from crisisplay.incident.board.walkthrough import LiveBoard
    from crisisplay.playbook.model import Organisation
    from crisisplay.prompts import Prompter
    from crisisplay.timeline.pgconn import StoreTarget
    from crisisplay.timeline.place import Place


class OutputFormat(str, enum.Enum):
    text = "text"
    json = "json"


FormatOption = Annotated[
    OutputFormat, typer.Option("--format", "-f", help="text for people, json for scripts.")
]

TimelineOption = Annotated[
    Path | None,
    typer.Option(
        "--timeline",
        "-t",
        "--incident",
        help="Timeline file (default: the newest one in the home's timelines/ folder); on a "
        "shared store, --incident ID (default: the newest open incident).",
        show_default=False,
    ),
]


def current_home() -> Home:
    """The playbook home chosen by `--home`, `$CRISISPLAY_HOME`, the current folder or bundled."""
    return find_home(get_globals().home, os.environ, current_folder())


def resolve_timeline(given: Path | None) -> Place:
    """The incident a command acts on. A timeline file named explicitly wins over any store;
    on a shared store, the incident given, else the newest open one a real activation started;
    else the newest timeline of the home."""
    from crisisplay.timeline.place import TimelineFile

    if given is not None and names_a_file(given):
        return TimelineFile(checked_timeline(given) or given)
    target = current_store()
    if target is not None:
        from crisisplay.timeline.stores import default_incident, shared_timeline

        incident = str(given) if given else default_incident(target, os.environ)
        return shared_timeline(target, incident, os.environ)
    if given is not None:
        return TimelineFile(checked_timeline(given) or given)
    return TimelineFile(newest_timeline(current_home().timelines))


def names_a_file(given: Path) -> bool:
    """``--timeline`` names a file (not a shared incident's id): it has a folder, a timeline
    suffix, or is there."""
    text = str(given)
    return "/" in text or text.endswith(TIMELINE_SUFFIX) or given.exists()


def new_timeline(given: Path | None, home: Home, incident: str) -> Place:
    """Where a new incident goes: the file given, else the shared store's, else the home's."""
    from crisisplay.timeline.place import TimelineFile

    if given is not None:
        return TimelineFile(checked_timeline(given) or given)
    target = current_store()
    if target is not None:
        from crisisplay.timeline.stores import shared_timeline

        return shared_timeline(target, incident, os.environ)
    return TimelineFile(home.timelines / f"{incident}{TIMELINE_SUFFIX}")


def current_store() -> StoreTarget | None:
    """The shared store chosen by `--store`, $CRISISPLAY_STORE or the organisation file's
    `store:`; None for the file store."""
    from crisisplay.timeline.stores import choose_store

    chosen = choose_store(get_globals().store, os.environ, _organisation_store)
    if chosen is None:
        return None
    from crisisplay.timeline import outbox
    from crisisplay.timeline.pgconn import parse_target

    outbox.notice = _notice
    return parse_target(chosen)


def _organisation_store() -> str | None:
    from crisisplay.playbook.load import ORGANISATION_FILE, build, load_document
    from crisisplay.playbook.model import Organisation

    home = current_home()
    path = home.playbooks / ORGANISATION_FILE
    try:
        if b"store:" not in path.read_bytes():
            return None  # the usual case, without building the organisation
    except OSError:
        return None
    organisation, _ = build(Organisation, load_document(home, path))
    return organisation.store if organisation is not None else None


def _notice(text: str) -> None:
    import sys

    from crisisplay.textsafe import sanitize_line

    sys.stderr.write("note: " + sanitize_line(text) + "\n")


def checked_timeline(given: Path | None) -> Path | None:
    """``--timeline`` refused at once when it names a folder (or is empty) or a special file."""
    if given is None:
        return None
    from crisisplay.errors import UsageError
    from crisisplay.infile import NOT_REGULAR

    if not str(given).strip() or given.is_dir():
        raise UsageError(
            f"--timeline {str(given)!r} is a folder, not a timeline file",
            hint="give a file such as timelines/incident.jsonl",
        )
    if given.exists() and not given.is_file():
        raise UsageError(f"--timeline {given}: {NOT_REGULAR}")
    return given


ActorOption = Annotated[
    str | None,
    typer.Option(
        "--actor",
        envvar="CRISISPLAY_ACTOR",
        help="Who acts (default: $CRISISPLAY_ACTOR, else your login name).",
        show_default=False,
    ),
]
AnswersOption = Annotated[
    Path | None,
    typer.Option(
        "--answers",
        help="Answers file (YAML): run without prompts. See README, 'Answers files'.",
        show_default=False,
    ),
]
LangOption = Annotated[
    str | None,
    typer.Option(
        "--lang", "-l", help="Language (default: the organisation's first).", show_default=False
    ),
]
IncidentLangOption = Annotated[
    str | None,
    typer.Option(
        "--lang", "-l", help="Language of the output (default: the incident's).", show_default=False
    ),
]


def resolve_actor(given: str | None) -> str:
    """Who acts, as given: ``--actor``/``$CRISISPLAY_ACTOR``, else the holder of the local
    signing key, else the login name (checked against the roster by :func:`person_acting`)."""
    if given and given.strip():
        return given.strip()
    from crisisplay.timeline.recording import current

    signer = current().signer
    if signer is not None:
        return signer.person
    import getpass

    try:
        return getpass.getuser()
    except (OSError, KeyError):
        return ""


def person_acting(org: Organisation, given: str | None, lang: str) -> str:
    """The person of the roster who acts: named by ``--actor`` or ``$CRISISPLAY_ACTOR``, by
    the local signing key, or by a login the roster maps to a person; otherwise refused with
    how to name oneself."""
    from crisisplay.incident.people import person_of

    named = given.strip() if given and given.strip() else None
    key_person = None
    if named is None:
        from crisisplay.timeline.recording import current

        signer = current().signer
        key_person = signer.person if signer is not None else None
    login = None
    if named is None and key_person is None:
        import getpass

        try:
            login = getpass.getuser()
        except (OSError, KeyError):
            login = None
    return person_of(org, lang, named=named, key=key_person, login=login)


def live_board(answers: Path | None) -> LiveBoard | None:
    """A person at the board waits for the cell's acts; an answers file stops instead."""
    if answers is not None:
        return None
    from crisisplay.console.live_board import TerminalBoard

    return TerminalBoard()


def make_prompter(answers: Path | None, *, quiet: bool = False) -> Prompter:
    """Scripted from ``--answers``, else interactive; with no terminal, exit 2 at once."""
    from crisisplay.console.walk_views import print_notice
    from crisisplay.prompts import ScriptedPrompter, load_answers, require_terminal

    if answers is not None:
        return ScriptedPrompter(load_answers(answers), echo=None if quiet else print_notice)
    require_terminal()
    from crisisplay.console.prompter import InteractivePrompter

    return InteractivePrompter()
