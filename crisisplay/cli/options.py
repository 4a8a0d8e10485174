"""Option types and resolvers shared by several commands."""

from __future__ import annotations

import enum
import os
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from crisisplay.cli.context import get_globals
from crisisplay.home import Home, current_folder, find_home, newest_timeline

if TYPE_CHECKING:
    from crisisplay.prompts import Prompter


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
        help="Timeline file (default: the newest one in the home's timelines/ folder).",
        show_default=False,
    ),
]


def current_home() -> Home:
    """The playbook home chosen by `--home`, `$CRISISPLAY_HOME`, the current folder or bundled."""
    return find_home(get_globals().home, os.environ, current_folder())


def resolve_timeline(given: Path | None) -> Path:
    """The timeline a command acts on: the one given, else the newest of the home."""
    if given is not None:
        checked_timeline(given)
        return given
    return newest_timeline(current_home().timelines)


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


def resolve_actor(given: str | None) -> str:
    """The person acting: ``--actor``/``$CRISISPLAY_ACTOR``, else the holder of the local
    signing key, else the login name."""
    if given and given.strip():
        return given.strip()
    from crisisplay.recording import current

    signer = current().signer
    if signer is not None:
        return signer.person
    import getpass

    from crisisplay.errors import UsageError

    try:
        return getpass.getuser()
    except (OSError, KeyError):
        raise UsageError("cannot tell who you are", hint="give --actor NAME") from None


def make_prompter(answers: Path | None, *, quiet: bool = False) -> Prompter:
    """Scripted from ``--answers``, else interactive; with no terminal, exit 2 at once."""
    from crisisplay.console.walk_views import print_notice
    from crisisplay.prompts import ScriptedPrompter, load_answers, require_terminal

    if answers is not None:
        return ScriptedPrompter(load_answers(answers), echo=None if quiet else print_notice)
    require_terminal()
    from crisisplay.console.prompter import InteractivePrompter

    return InteractivePrompter()
