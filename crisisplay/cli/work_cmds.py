"""`crisisplay do` and `crisisplay publish`: a task done, a message sent, from the owner's own
terminal, on the incident's timeline."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

import typer

from crisisplay.cli.member_cmds import ForOption, act, incident_of, reader, recorded, said
from crisisplay.cli.options import ActorOption, IncidentLangOption, TimelineOption
from crisisplay.cli.runner import command

if TYPE_CHECKING:
    from crisisplay.incident.ops import Request

#: the commands of this module; `crisisplay.cli.main` loads them on first use
commands = typer.Typer(rich_markup_mode=None)


@commands.command("do")
@command
def do(
    task: Annotated[str, typer.Argument(help="Task id (see `crisisplay tasks`).")],
    check: Annotated[
        list[str] | None,
        typer.Option("--check", metavar="ITEM", help="Tick a checklist item (its number or text)."),
    ] = None,
    skip: Annotated[
        str | None, typer.Option("--skip", metavar="REASON", help="Not done, and why.")
    ] = None,
    timeline: TimelineOption = None,
    actor: ActorOption = None,
    for_person: ForOption = None,
    lang: IncidentLangOption = None,
) -> int:
    """Do one of your tasks: tick its checklist item by item, then say it is done.

    --check ticks items and leaves the task open; without it the task is done (its messages
    must have gone out and its gates passed first). Only the task's owner, or the cell lead,
    may.

    Examples:

      crisisplay do brief-teams --check 1 --check 2

      crisisplay do brief-teams

      crisisplay do press --skip "no media request so far"
    """
    from crisisplay.incident.ops import CheckItems, FinishTask, SkipTask

    request: Request
    if skip is not None:
        request = SkipTask(task, skip)
    elif check:
        request = CheckItems(task, tuple(check))
    else:
        request = FinishTask(task)
    return act(incident_of(timeline), actor, request, lang, for_person=for_person)


@commands.command("publish")
@command
def publish(
    message: Annotated[str, typer.Argument(help="Message id (see `crisisplay show SCENARIO`).")],
    next_update: Annotated[
        str | None,
        typer.Option(
            "--next-update",
            metavar="HH:MM",
            help="The next update this one promises (holding statement, update); local time, "
            "or T+1h30m from the activation.",
        ),
    ] = None,
    yes: Annotated[
        bool, typer.Option("--yes", "-y", help="Publish without asking (scripts).")
    ] = False,
    dry_run: Annotated[
        bool,
        typer.Option("--dry-run", help="Show what would go out, and record nothing."),
    ] = False,
    timeline: TimelineOption = None,
    actor: ActorOption = None,
    for_person: ForOption = None,
    lang: IncidentLangOption = None,
    correct: Annotated[
        bool,
        typer.Option(
            "--correct",
            help="Correct what already went out: the message rendered again with the facts in "
            "force, edited in place where the platform allows (Mastodon, Matrix), deleted and "
            "posted again (Bluesky), or sent as a rectification (e-mail, SMS).",
        ),
    ] = False,
    no_deliver: Annotated[
        bool,
        typer.Option(
            "--no-deliver",
            help="Record the publication without delivering it through the accounts (the "
            "texts are posted by hand).",
        ),
    ] = False,
) -> int:
    """Render a message now, with the facts and promise in force, show it, and publish it.

    It is rendered at the moment it goes out: its time is now, and it is refused while a gate
    before it waits (the line names who decides it), once it has already gone out (the line
    says who published it and when), or when it would say something no longer true (a promised
    update overdue, an estimate already past). A holding statement or an update promises the
    next update: --next-update sets it, and an update task opens for that time.

    Examples:

      crisisplay publish holding --next-update 10:00

      crisisplay publish update --next-update 11:30 --yes

      crisisplay publish faq --dry-run

      crisisplay publish holding --correct --yes

    Each channel then goes out through the accounts of the organisation file that serve it
    (e-mail, SMS centre, Mastodon, Matrix, webhooks, the status page): every delivery is on the
    record with its receipt (`crisisplay deliveries`). A drill delivers only to accounts marked
    `drill: true`.
    """
    from crisisplay.incident.ops import Publish, decide
    from crisisplay.incident.ops.messages import answering_of, find
    from crisisplay.incident.questions import parse_next_update

    desk = incident_of(timeline)
    situation = reader(desk, lang)
    chosen, _ = find(situation, message)
    promised = None
    if next_update is not None:
        try:
            promised = parse_next_update(
                situation.now, situation.zone, next_update, situation.state.activated_at
            )
        except ValueError as exc:
            from crisisplay.errors import UsageError

            raise UsageError(f"--next-update {next_update}: {exc}") from None
    if correct:
        from crisisplay.incident.ops.messages import correcting_of

        if next_update is not None:
            from crisisplay.errors import UsageError

            raise UsageError(
                "--correct keeps the promise the corrected text made: no --next-update"
            )
        answering = correcting_of(situation, chosen)
    else:
        answering = answering_of(situation, chosen)
    request = Publish(chosen.id, answering, promised)
    if dry_run or not yes:
        from crisisplay.cli.options import person_acting
        from crisisplay.console.message_views import print_rendered
        from crisisplay.errors import UsageError
        from crisisplay.texts import t

        person = person_acting(situation.org, actor, situation.lang)
        preview = decide(situation, for_person or person, request)
        if preview.already is not None:
            typer.echo(t("member.already", situation.lang, what=preview.already))
            return 0
        if preview.refused is not None and dry_run:
            raise UsageError(preview.refused)
        if preview.refused is None:  # else: its texts go to the validators, nothing out
            print_rendered(list(preview.shown))
            if dry_run:
                typer.echo(t("publish.dry_run", situation.lang))
                return 0
            if not _confirmed(situation.lang):
                return 1
    outcome, situation, person = recorded(desk, actor, request, lang, for_person=for_person)
    code = said(outcome, situation)
    published = [e for e in outcome.events if e.kind == "message.published"]
    if published and not no_deliver:
        from crisisplay.cli.delivery_cmds import deliver_publication

        code = max(code, deliver_publication(desk, person, published[0].seq, situation))
    return code


def _confirmed(lang: str) -> bool:
    """Asked in the reader's language; with no terminal, exit 2 naming --yes."""
    import sys

    from crisisplay.errors import UsageError
    from crisisplay.texts import t

    if not sys.stdin.isatty():
        raise UsageError(t("publish.no_terminal", lang))
    from crisisplay.console.yes_no import yes_no

    return bool(yes_no(t("publish.confirm", lang), False, lang).unsafe_ask())
