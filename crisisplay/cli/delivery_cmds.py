"""`crisisplay deliveries` (what went where) and `crisisplay deliver` (retry, give up)."""

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
    from crisisplay.incident.record import Desk
    from crisisplay.incident.situation import Situation
    from crisisplay.timeline.state import DeliveryState

#: the commands of this module; `crisisplay.cli.main` loads them on first use
commands = typer.Typer(rich_markup_mode=None)

_MARKS = {"sent": "✓", "failed": "✗", "unknown": "?", "abandoned": "-", "requested": "…"}


def deliver_publication(desk: Desk, person: str, seq: int, situation: Situation) -> int:
    """Hand publication ``seq`` to its accounts and wait for them (each within its timeout);
    one line per delivery. Exit 1 when one failed or ended unknown."""
    from crisisplay.incident.ops import Deliver
    from crisisplay.incident.record import record

    outcome = record(desk, person, Deliver(seq))
    if outcome.already is not None:
        from crisisplay.console import note

        note(outcome.already)
        return 0
    requested = [desk.state.deliveries[e.payload["delivery"]] for e in outcome.events]
    return _run(desk, person, requested, situation)


def _run(desk: Desk, person: str, requested: list[DeliveryState], situation: Situation) -> int:
    from crisisplay.console import note
    from crisisplay.incident.deliver import dispatch, jobs_for
    from crisisplay.texts import t

    jobs = jobs_for(desk.situation(), requested)
    note(t("delivery.waiting", situation.lang, count=len(jobs)))
    ended = dispatch(
        desk,
        person,
        jobs,
        environ=os.environ,
        folder=desk.playbook.home.playbooks,
        seen=lambda d: typer.echo(_line(d, situation.lang)),
    )
    bad = [d for d in ended if d.state != "sent"]
    for delivery in bad:
        if delivery.state in ("failed", "unknown"):
            note(t("delivery.retry_hint", situation.lang, delivery=delivery.id))
    return 1 if bad else 0


def _line(delivery: DeliveryState, lang: str) -> str:
    from crisisplay.texts import t
    from crisisplay.textsafe import sanitize_line

    detail = ""
    if delivery.state == "sent":
        detail = (
            f" ({delivery.url or delivery.remote_id})"
            if (delivery.url or delivery.remote_id)
            else ""
        )
    elif delivery.reason:
        detail = f": {delivery.reason}"
    return sanitize_line(
        t(
            "delivery.line",
            lang,
            mark=_MARKS.get(delivery.state, "?"),
            channel=delivery.channel,
            account=delivery.account,
            state=t(f"delivery.state.{delivery.state}", lang),
            detail=detail,
        )
    )


@commands.command("deliveries")
@command
def deliveries(
    message: Annotated[
        str | None,
        typer.Argument(
            help="Only this message's deliveries (holding, update...).", show_default=False
        ),
    ] = None,
    timeline: TimelineOption = None,
    output: FormatOption = OutputFormat.text,
    lang: IncidentLangOption = None,
) -> int:
    """What went where: each channel of each publication, through each account, with its state
    (requested, sent, failed, unknown, abandoned) and the service's receipt.

    JSON gives {id, message, channel, account, state, remote_id, url, at} for each.

    Examples:

      crisisplay deliveries

      crisisplay deliveries holding --format json
    """
    desk = incident_of(timeline)
    situation = reader(desk, lang)
    found = [d for d in desk.state.deliveries.values() if message is None or d.message == message]
    if output is OutputFormat.json:
        from crisisplay.console import write_json

        write_json([_json(d, situation) for d in found])
        return 0
    for delivery in found:
        typer.echo(f"{delivery.id}  {_line(delivery, situation.lang)}")
    return 0


def _json(delivery: DeliveryState, situation: Situation) -> dict[str, object]:
    at = delivery.at.astimezone(situation.zone).isoformat() if delivery.at else None
    return {
        "id": delivery.id,
        "message": delivery.message,
        "channel": delivery.channel,
        "account": delivery.account,
        "state": delivery.state,
        "remote_id": delivery.remote_id,
        "url": delivery.url,
        "at": at,
        "attempt": delivery.attempt,
        "reason": delivery.reason,
    }


@commands.command("deliver")
@command
def deliver(
    ids: Annotated[
        list[str] | None,
        typer.Argument(
            help="Deliveries to retry (see `crisisplay deliveries`).", show_default=False
        ),
    ] = None,
    retry: Annotated[
        bool,
        typer.Option("--retry", help="Retry the deliveries named, or every failed one."),
    ] = False,
    abandon: Annotated[
        str | None,
        typer.Option("--abandon", metavar="ID", help="Give one delivery up (recorded)."),
    ] = None,
    reason: Annotated[str | None, typer.Option("--reason", help="Why it is given up.")] = None,
    timeline: TimelineOption = None,
    actor: ActorOption = None,
    for_person: ForOption = None,
    lang: IncidentLangOption = None,
) -> int:
    """Retry failed deliveries, or give one up.

    With no id, --retry retries every failed delivery, and those of unknown outcome whose
    service has an idempotency key (Mastodon, Matrix, Bluesky, webhooks): they cannot post
    twice. An unknown outcome by e-mail or SMS is retried only when named, once someone has
    checked it did not arrive.

    Examples:

      crisisplay deliver --retry

    A delivery is named by its publication, channel and account, as `crisisplay deliveries`
    lists them: `deliver --retry 57-sms-smsc-main`, `deliver --abandon 57-x-social-tool
    --reason "posted by hand"`.
    """
    from crisisplay.errors import UsageError
    from crisisplay.incident.ops import AbandonDelivery, RetryDelivery
    from crisisplay.incident.ops.deliveries import retryable
    from crisisplay.texts import t

    desk = incident_of(timeline)
    if abandon is not None:
        if retry or ids:
            raise UsageError("--abandon takes one delivery, without --retry")
        outcome, situation, _ = recorded(
            desk, actor, AbandonDelivery(abandon, reason), lang, for_person=for_person
        )
        return said(outcome, situation)
    if not retry:
        raise UsageError("say what to do: --retry [ID...] or --abandon ID")
    situation = reader(desk, lang)
    named = list(ids or [])
    chosen = named or [d.id for d in desk.state.deliveries.values() if retryable(d, named=False)]
    if not chosen:
        typer.echo(t("delivery.none_failed", situation.lang))
        return 0
    requested: list[DeliveryState] = []
    person = ""
    for delivery_id in chosen:
        outcome, situation, person = recorded(
            desk, actor, RetryDelivery(delivery_id, named=bool(named)), lang, for_person=for_person
        )
        if outcome.already is not None:
            typer.echo(t("member.already", situation.lang, what=outcome.already))
            continue
        requested.append(desk.state.deliveries[delivery_id])
    if not requested:
        return 0
    return _run(desk, person, requested, situation)
