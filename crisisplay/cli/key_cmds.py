"""`crisisplay key init|show`: the person's own signing key."""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

if TYPE_CHECKING:
    from crisisplay.playbook.model import Organisation

from crisisplay.cli.options import FormatOption, OutputFormat, current_home
from crisisplay.cli.runner import command
from crisisplay.errors import UsageError

key_app = typer.Typer(
    rich_markup_mode=None,
    name="key",
    help="Your signing key: every act you record is signed with it.\n\n"
    "Example: crisisplay key init --person camille-roux",
    no_args_is_help=True,
)
#: the commands of this module; `crisisplay.cli.main` loads them on first use
commands = typer.Typer(rich_markup_mode=None)
commands.add_typer(key_app)


@key_app.command("init")
@command
def init(
    person: Annotated[
        str | None,
        typer.Option(
            "--person",
            envvar="CRISISPLAY_ACTOR",
            help="Your id in the organisation file (default: $CRISISPLAY_ACTOR, else your login "
            "name).",
            show_default=False,
        ),
    ] = None,
    protect: Annotated[
        bool,
        typer.Option(
            "--passphrase",
            help="Protect the private key with a passphrase (typed twice, or taken from "
            "$CRISISPLAY_KEY_PASSPHRASE); it is then asked for by each command that records.",
        ),
    ] = False,
) -> int:
    """Create your Ed25519 key pair in your config folder (private key readable by you only;
    with --passphrase, protected by one).

    Example: crisisplay key init --person camille-roux
    """
    from crisisplay.timeline.signing import create_key

    who = _person(person)
    secret = _new_passphrase() if protect else None
    identity = create_key(_folder(), who, secret)
    typer.echo(f"created the signing key of {who} in {identity.folder}")
    typer.echo(f"add this line to {who}'s entry under people: in the organisation file:")
    typer.echo(f"  {identity.roster_line}")
    return 0


@key_app.command("show")
@command
def show(output: FormatOption = OutputFormat.text) -> int:
    """Print your public key, as it goes into your entry of the organisation file.

    Example: crisisplay key show
    """
    from crisisplay.attestation import home_roster
    from crisisplay.timeline.signing import read_identity

    identity = read_identity(_folder())
    if identity is None:
        raise UsageError("you have no signing key yet", hint="create it with `crisisplay key init`")
    roster, _ = home_roster(current_home())
    listed = roster is not None and roster.get(identity.person) == identity.public
    if output is OutputFormat.json:
        from crisisplay.console import write_json

        write_json(
            {
                "person": identity.person,
                "key": identity.public,
                "folder": str(identity.folder),
                "in_roster": listed,
            }
        )
        return 0
    typer.echo(identity.roster_line)
    where = "gives" if listed else "does not give"
    typer.echo(f"# {identity.person}: the organisation file {where} this key", err=True)
    return 0


def _folder() -> Path:
    from crisisplay.timeline.recording import config_folder

    folder = config_folder(os.environ)
    if folder is None:
        raise UsageError(
            "no config folder for the signing key (HOME is not set)",
            hint="set $CRISISPLAY_CONFIG_DIR to a folder of yours",
        )
    return folder


def _person(given: str | None) -> str:
    from crisisplay.cli.options import resolve_actor
    from crisisplay.playbook.types import ID_PATTERN, Pattern

    org = _organisation()
    if org is not None:  # the roster says who: the id given, else the login's entry
        from crisisplay.cli.options import person_acting

        return person_acting(org, given, "en")
    person = resolve_actor(given)
    try:
        Pattern(ID_PATTERN, "person id").check(person)
    except ValueError as exc:
        raise UsageError(str(exc), hint="give --person with your id in the roster") from None
    return person


def _organisation() -> Organisation | None:
    """The home's organisation file, when it can be read (a key can be made without one)."""
    from crisisplay.errors import CrisisplayError
    from crisisplay.messages.check import load_organisation

    try:
        return load_organisation(current_home())
    except CrisisplayError:
        return None


def _new_passphrase() -> str:
    from crisisplay.cli.keyring import passphrase
    from crisisplay.timeline.recording import PASSPHRASE_ENV

    first = passphrase(os.environ, "passphrase for the new key: ")
    if first is None:
        raise UsageError(
            "a passphrase needs a terminal to type it in",
            hint="run `crisisplay key init --passphrase` from a terminal, or set "
            "$CRISISPLAY_KEY_PASSPHRASE",
        )
    if not first:
        raise UsageError("the passphrase is empty")
    if not os.environ.get(PASSPHRASE_ENV):
        again = passphrase(os.environ, "the same passphrase again: ")
        if again != first:
            raise UsageError("the two passphrases differ")
    return first
