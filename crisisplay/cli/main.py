"""The `crisisplay` application: global options, command registration and error mapping.

Start-up speed matters (the tool is used under stress), so this module imports only typer and
crisisplay's light modules; each command imports the core and rich inside its body.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from crisisplay.cli import context

app = typer.Typer(
    name="crisisplay",
    help=(
        "Crisis-communication playbooks for a mobile operator's crisis cell.\n\n"
        "Guided activation, channel-sized messages, drills and after-action reports, offline.\n\n"
        "Examples:\n\n"
        "  crisisplay list\n\n"
        "  crisisplay activate nationwide-outage\n\n"
        "  crisisplay render local-outage holding --lang en --set region=Bretagne"
    ),
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    context_settings={"help_option_names": ["-h", "--help"]},
    rich_markup_mode=None,
)


def _print_version(value: bool) -> None:
    if value:
        from crisisplay import version

        typer.echo(f"crisisplay {version()}")
        raise typer.Exit(0)


@app.callback()
def main(
    home: Annotated[
        Path | None,
        typer.Option(
            "--home",
            envvar="CRISISPLAY_HOME",
            help="Playbook home (a folder with playbooks/ and templates/). "
            "Default: $CRISISPLAY_HOME, else the current folder if it has playbooks/, "
            "else the bundled home.",
            show_default=False,
        ),
    ] = None,
    debug: Annotated[
        bool, typer.Option("--debug", help="Show tracebacks of internal errors.")
    ] = False,
    version: Annotated[
        bool,
        typer.Option(
            "--version",
            "-V",
            callback=_print_version,
            is_eager=True,
            help="Print the version and exit.",
        ),
    ] = False,
) -> None:
    """Crisis-communication playbooks for a mobile operator's crisis cell."""
    context.set_globals(context.Globals(home=home, debug=debug))


def _register() -> None:
    # Each command module attaches its commands to `app` when imported.
    from crisisplay.cli import (  # noqa: F401
        drill_cmds,
        incident_cmds,
        message_cmds,
        playbook_cmds,
        report_cmds,
        timeline_cmds,
    )


_register()
