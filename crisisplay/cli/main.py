"""The `crisisplay` application: global options, command registration and error mapping.

Start-up speed matters (the tool is used under stress), so this module imports only typer and
crisisplay's light modules; each command imports the core and rich inside its body.
"""

from __future__ import annotations

import functools
import importlib
from pathlib import Path
from typing import Annotated

import typer
from typer import _click as click
from typer._click.exceptions import UsageError  # typer < 0.29 carries click inside
from typer.core import TyperGroup

from crisisplay.cli import context


class LazyCommands(TyperGroup):
    """The root command group, loading each command's module on first use."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return list(COMMAND_MODULES)

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        module = COMMAND_MODULES.get(cmd_name)
        if module is None:
            return None
        commands = _module_commands(module)
        if isinstance(commands, TyperGroup):
            return commands.get_command(ctx, cmd_name)
        return commands

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        """The list of commands from their summaries: `--help` imports no command's module."""
        from typer._click.utils import make_default_short_help

        from crisisplay.cli.summaries import SUMMARIES

        limit = formatter.width - 6 - max(len(name) for name in COMMAND_MODULES)
        rows = [(name, make_default_short_help(SUMMARIES[name], limit)) for name in COMMAND_MODULES]
        with formatter.section("Commands"):
            formatter.write_dl(rows)

    def resolve_command(
        self, ctx: click.Context, args: list[str]
    ) -> tuple[str | None, click.Command | None, list[str]]:
        try:
            return super().resolve_command(ctx, args)
        except UsageError as error:
            from crisisplay.suggest import did_you_mean

            hint = did_you_mean(args[0], COMMAND_MODULES) if args else ""
            error.message = error.message.rstrip(".") + (hint or ".")
            raise


@functools.cache
def _module_commands(module: str) -> click.Command:
    loaded = importlib.import_module(f"crisisplay.cli.{module}")
    return typer.main.get_command(loaded.commands)


app = typer.Typer(
    name="crisisplay",
    cls=LazyCommands,
    help=(
        "Crisis-communication playbooks for a mobile operator's crisis cell.\n\n"
        "Guided activation, channel-sized messages, drills and after-action reports, offline.\n\n"
        "Examples:\n\n"
        "  crisisplay list\n\n"
        "  crisisplay activate nationwide-outage\n\n"
        "  crisisplay render local-outage holding --lang en --sample --set region=Bretagne"
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
    store: Annotated[
        str | None,
        typer.Option(
            "--store",
            metavar="URL",
            help="Where incidents are kept: a postgresql:// URL for the cell's shared store, or "
            "file. Default: $CRISISPLAY_STORE, else the organisation file's store:, else files.",
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
    context.set_globals(context.Globals(home=home, debug=debug, store=store))


# Each command is imported only when it runs (or when --help lists them all): a crisis cell
# types `crisisplay status` under stress, and it must not pay for rendering or drills.
COMMAND_MODULES: dict[str, str] = {
    "list": "playbook_cmds",
    "show": "playbook_cmds",
    "validate": "playbook_cmds",
    "schema": "playbook_cmds",
    "init": "playbook_cmds",
    "activate": "incident_cmds",
    "resume": "incident_cmds",
    "status": "incident_cmds",
    "log": "timeline_cmds",
    "timeline": "timeline_cmds",
    "render": "message_cmds",
    "check": "message_cmds",
    "drill": "drill_cmds",
    "report": "report_cmds",
    "published": "record_cmds",
    "statuspage": "statuspage_cmds",
    "gate": "member_cmds",
    "fact": "member_cmds",
    "tasks": "member_cmds",
    "do": "work_cmds",
    "publish": "work_cmds",
    "store": "store_cmds",
    "incidents": "store_cmds",
    "sync": "store_cmds",
    "key": "key_cmds",
    "deliveries": "delivery_cmds",
    "deliver": "delivery_cmds",
    "page": "cell_cmds",
    "ack": "cell_cmds",
    "cell": "cell_cmds",
    "signals": "signals_cmds",
}
