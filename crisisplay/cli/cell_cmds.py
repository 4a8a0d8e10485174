"""`crisisplay page`, `ack` and `cell`: the people on duty paged, their answers, the cell formed."""

from __future__ import annotations

import os
from typing import TYPE_CHECKING, Annotated

import typer

from crisisplay.cli.member_cmds import ForOption, incident_of, reader, recorded, said
from crisisplay.cli.options import (
    ActorOption,
    FormatOption,
    IncidentLangOption,
    OutputFormat,
    TimelineOption,
)
from crisisplay.cli.runner import command

if TYPE_CHECKING:
    from crisisplay.incident.paging import Seat
    from crisisplay.incident.situation import Situation

#: the commands of this module; `crisisplay.cli.main` loads them on first use
commands = typer.Typer(rich_markup_mode=None)


@commands.command("page")
@command
def page(
    roles: Annotated[
        list[str] | None,
        typer.Argument(
            help="Roles to page (default: every role of the scenario not paged yet).",
            show_default=False,
        ),
    ] = None,
    person: Annotated[
        str | None, typer.Option("--person", help="Page this person for the roles named.")
    ] = None,
    timeline: TimelineOption = None,
    actor: ActorOption = None,
    lang: IncidentLangOption = None,
) -> int:
    """Page the people on duty for roles, through the organisation file's paging accounts (an
    SMS centre, e-mail, Matrix, a paging service's webhook). Each page carries a short code
    that `crisisplay ack` or a reply acknowledges. The lead's board pages the cell at
    activation and passes a page left unanswered to the next holder.

    Examples:

      crisisplay page

      crisisplay page legal --person julie-fabre
    """
    from crisisplay.incident.deliver import send_pages
    from crisisplay.incident.ops import PageRoles

    desk = incident_of(timeline)
    situation = reader(desk, lang)
    chosen = tuple(roles or situation.scenario.roles)
    outcome, situation, actor_id = recorded(desk, actor, PageRoles(chosen, person), lang)
    code = said(outcome, situation)
    pages = [e.payload["page"] for e in outcome.events if e.kind == "page.sent"]
    if pages:
        send_pages(desk, actor_id, pages, environ=os.environ, folder=desk.playbook.home.playbooks)
        _print_cell(desk.situation().read_in(situation.lang))
    return code


@commands.command("ack")
@command
def ack(
    code: Annotated[
        str | None, typer.Argument(help="The code of your page (optional).", show_default=False)
    ] = None,
    decline: Annotated[
        str | None,
        typer.Option("--decline", metavar="REASON", help="You cannot take the role: say why."),
    ] = None,
    timeline: TimelineOption = None,
    actor: ActorOption = None,
    for_person: ForOption = None,
    lang: IncidentLangOption = None,
) -> int:
    """Acknowledge your page: you are on it (recorded with the time). Any act of yours on the
    incident acknowledges it too. --decline passes the role to the next holder at once.

    Examples:

      crisisplay ack

      crisisplay ack --decline "on a train until 11:00, no laptop"
    """
    from crisisplay.incident.ops import Acknowledge, Decline

    desk = incident_of(timeline)
    request = Decline(decline) if decline is not None else Acknowledge(code)
    outcome, situation, _ = recorded(desk, actor, request, lang, for_person=for_person)
    return said(outcome, situation)


@commands.command("cell")
@command
def cell(
    timeline: TimelineOption = None,
    output: FormatOption = OutputFormat.text,
    lang: IncidentLangOption = None,
) -> int:
    """Who is paged, acknowledged, late, declined or escalated, and whether the cell is formed.

    JSON gives {role, person, state, paged_at, acked_at, via, escalated_to} for each page and
    each role not paged.

    Examples:

      crisisplay cell

      crisisplay cell --format json
    """
    desk = incident_of(timeline)
    situation = reader(desk, lang)
    if output is OutputFormat.json:
        from crisisplay.console import write_json
        from crisisplay.incident.paging import seats

        write_json([_json(seat, situation) for seat in seats(situation)])
        return 0
    _print_cell(situation)
    return 0


def _json(seat: Seat, situation: Situation) -> dict[str, object]:
    def at(moment: object) -> str | None:
        from datetime import datetime

        return (
            moment.astimezone(situation.zone).isoformat() if isinstance(moment, datetime) else None
        )

    return {
        "role": seat.role,
        "person": seat.person,
        "state": seat.state,
        "paged_at": at(seat.paged_at),
        "acked_at": at(seat.acked_at),
        "via": seat.via,
        "escalated_to": seat.escalated_to,
    }


def _print_cell(situation: Situation) -> None:
    from crisisplay.console import get_console, safe_line
    from crisisplay.incident.paging import formed_at, present, quorum, seats
    from crisisplay.texts import minutes_label, t

    lang = situation.lang
    console = get_console()

    def say(line: str) -> None:  # wrapped on words at the terminal's width
        console.print(safe_line(line))

    for seat in seats(situation):
        when = f" {situation.clock(seat.paged_at)}" if seat.paged_at else ""
        detail = f" ({seat.via})" if seat.via else ""
        if seat.escalated_to:
            detail += f" -> {situation.name_of(seat.escalated_to)}"
        person = situation.name_of(seat.person) if seat.person else "-"
        state = t(f"cell.state.{seat.state}", lang)
        say(f"{situation.role_title(seat.role)}: {person} {state}{when}{detail}")
    formed = formed_at(situation)
    if formed is not None and situation.state.activated_at is not None:
        minutes = (formed - situation.state.activated_at).total_seconds() / 60
        say(t("cell.formed", lang, at=situation.clock(formed), minutes=minutes_label(minutes)))
    else:
        missing = [
            situation.role_title(r) for r in quorum(situation) if present(situation, r) is None
        ]
        say(t("cell.not_formed", lang, roles=", ".join(missing)))
