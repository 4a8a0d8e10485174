"""Commands on the playbook home: list, show, validate, schema, init."""

from __future__ import annotations

import enum
import os
from pathlib import Path
from typing import Annotated

import typer

from crisisplay.cli.options import FormatOption, OutputFormat, current_home
from crisisplay.cli.runner import command


class SchemaKind(str, enum.Enum):
    all = "all"
    organisation = "organisation"
    scenario = "scenario"
    drill = "drill"


LangOption = Annotated[
    str | None,
    typer.Option(
        "--lang", "-l", help="Language (default: the organisation's first).", show_default=False
    ),
]

#: the commands of this module; `crisisplay.cli.main` loads them on first use
commands = typer.Typer(rich_markup_mode=None)


@commands.command("list")
@command
def list_scenarios(lang: LangOption = None) -> int:
    """List the scenarios of the playbook home.

    Example: crisisplay list --lang en
    """
    from crisisplay.console.playbook_views import scenario_rows
    from crisisplay.playbook.load import load_playbook

    playbook = load_playbook(current_home())
    scenario_rows(playbook, lang or playbook.organisation.languages[0])
    return 0


@commands.command("show")
@command
def show(
    scenario: Annotated[str, typer.Argument(help="Scenario id (see `crisisplay list`).")],
    lang: LangOption = None,
) -> int:
    """Show a scenario as a tree: roles, severity, phases, steps, gates, messages.

    Example: crisisplay show nationwide-outage --lang en
    """
    from crisisplay.console.playbook_views import scenario_tree
    from crisisplay.playbook.load import load_playbook

    playbook = load_playbook(current_home(), only=scenario)
    chosen = playbook.scenario(scenario)
    scenario_tree(playbook, chosen, lang or playbook.organisation.languages[0])
    return 0


@commands.command("validate")
@command
def validate(output: FormatOption = OutputFormat.text) -> int:
    """Check the whole playbook home and report every problem at once (exit 1 if any error).

    Each problem names file:line:column and the path to the bad value. Warnings (a role that
    validates public messages with nobody on duty at some hour of the week) leave the exit at 0.

    Example: crisisplay --home ./my-home validate --format json
    """
    from crisisplay.checks.home import validate_home

    home = current_home()
    problems = validate_home(home, os.environ)
    if output is OutputFormat.json:
        from crisisplay.console import write_json

        ok = not any(p.is_error for p in problems)
        write_json({"ok": ok, "problems": [p.as_json() for p in problems]})
    else:
        from crisisplay.console.playbook_views import problems_report

        problems_report(problems, str(home.root))
    return 1 if any(p.is_error for p in problems) else 0


@commands.command("schema")
@command
def schema(
    kind: Annotated[
        SchemaKind, typer.Option("--kind", help="Which file's schema; all = any playbook file.")
    ] = SchemaKind.all,
) -> int:
    """Print the JSON Schema of the playbook format (for editors and CI).

    Example: crisisplay schema --kind scenario > scenario.schema.json
    """
    from crisisplay.checks.schemas import combined_schema, schema_for
    from crisisplay.console import write_json

    write_json(combined_schema() if kind is SchemaKind.all else schema_for(kind.value))
    return 0


@commands.command("init")
@command
def init(
    directory: Annotated[Path, typer.Argument(help="Folder for the new home (new or empty).")],
) -> int:
    """Create a new playbook home from the bundled one, to adapt to your organisation.

    Example: crisisplay init ./crisis-home && cd crisis-home && crisisplay validate
    """
    from crisisplay.console import out, safe
    from crisisplay.playbook.init import init_home

    created = init_home(directory)
    out(f"[ok]created[/] {safe(created)}: edit playbooks/organisation.yaml first")
    return 0
