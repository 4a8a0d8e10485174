"""The docs are checked: every command has help with an example, and README lists it."""

from __future__ import annotations

import re

import pytest
import typer

from crisisplay.cli.main import app
from tests.conftest import ROOT, Cli

README = (ROOT / "README.md").read_text(encoding="utf-8")


def _commands() -> list[tuple[str, ...]]:
    group = typer.main.get_command(app)
    context = typer.Context(group)
    found: list[tuple[str, ...]] = []
    for name in group.list_commands(context):  # type: ignore[attr-defined]
        command = group.get_command(context, name)  # type: ignore[attr-defined]
        subcommands = getattr(command, "commands", None)
        if subcommands:
            found += [(name, sub) for sub in subcommands]
        else:
            found.append((name,))
    return found


COMMANDS = _commands()
# The stable command surface (DESIGN.md).
SURFACE = {
    ("list",),
    ("show",),
    ("validate",),
    ("schema",),
    ("init",),
    ("activate",),
    ("resume",),
    ("status",),
    ("render",),
    ("check",),
    ("log", "decision"),
    ("log", "note"),
    ("timeline", "show"),
    ("timeline", "verify"),
    ("timeline", "export"),
    ("drill", "list"),
    ("drill", "run"),
    ("drill", "score"),
    ("report",),
}


def test_the_stable_command_surface_exists() -> None:
    assert set(COMMANDS) >= SURFACE


@pytest.mark.parametrize("command", COMMANDS, ids=[" ".join(c) for c in COMMANDS])
def test_every_command_has_help_with_an_example(cli: Cli, command: tuple[str, ...]) -> None:
    ran = cli(*command, "--help")
    assert ran.exit_code == 0
    assert re.search(r"Examples?:", ran.stdout), ran.stdout
    assert f"crisisplay {command[0]}" in ran.stdout


@pytest.mark.parametrize("command", COMMANDS, ids=[" ".join(c) for c in COMMANDS])
def test_readme_lists_every_command(command: tuple[str, ...]) -> None:
    name = " ".join(command)
    parent = command[0]
    assert f"`crisisplay {name}" in README or (
        len(command) == 2 and re.search(rf"`crisisplay {parent} [^`]*\b{command[1]}\b", README)
    ), f"README does not mention `crisisplay {name}`"


def test_readme_opens_with_the_two_commands() -> None:
    blocks = re.findall(r"```sh\n(.*?)\n```", README, flags=re.S)
    assert "pip install . && crisisplay activate" in blocks[0]
    assert "pip install -e '.[test]' && pytest" in blocks[1]
    assert README.index(blocks[1]) < README.index("## ")


def test_ci_runs_the_readme_test_command() -> None:
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert "pip install -q -e '.[test]' && pytest" in ci


def test_version_comes_from_the_package_metadata(cli: Cli) -> None:
    from importlib.metadata import version

    ran = cli("--version")
    assert ran.stdout.strip() == f"crisisplay {version('crisisplay')}"


def test_the_help_list_summaries_are_each_commands_own_first_sentence() -> None:
    """`crisisplay --help` lists the commands from crisisplay/cli/summaries.py, without
    importing them: each summary must be what the command's own help says first."""
    import typer
    from typer._click import Context
    from typer._click.utils import make_default_short_help

    from crisisplay.cli.main import COMMAND_MODULES, app
    from crisisplay.cli.summaries import SUMMARIES

    group = typer.main.get_command(app)
    ctx = Context(group)
    assert list(SUMMARIES) == list(COMMAND_MODULES)
    for name in COMMAND_MODULES:
        command = group.get_command(ctx, name)
        assert command is not None
        assert SUMMARIES[name] == make_default_short_help(command.help or "", 10**6), name
