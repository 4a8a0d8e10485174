"""Deliveries: a recorded publication handed to the accounts that serve its channels, each
outcome recorded, a failed one retried, one given up.

The delivery itself (the network) is not decided here: ``crisisplay.incident.deliver`` runs the
connectors and records what they answer through these requests. A delivery's id names its
publication, channel and account (``57-sms-smsc-main``); it is unique in its incident.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from crisisplay.delivery.kinds import CONNECTORS
from crisisplay.incident.ops.decision import (
    Decision,
    Refused,
    Request,
    acts,
    allowed,
    done_already,
    operation,
)
from crisisplay.incident.rules import may_publish, may_write
from crisisplay.incident.situation import Situation
from crisisplay.playbook.model import Account
from crisisplay.suggest import did_you_mean
from crisisplay.texts import t
from crisisplay.timeline.payloads import Payload
from crisisplay.timeline.state import DeliveryState, Publication
from crisisplay.timeline.vocabulary import (
    DeliveryAbandoned,
    DeliveryFailed,
    DeliveryRequested,
    DeliverySent,
    DeliveryUnknown,
)

#: the states a delivery ends in, and those a retry starts from
OUTCOMES = ("sent", "failed", "unknown")


def delivery_id(publication: int, channel: str, account: str) -> str:
    return f"{publication}-{channel}-{account}"


def accounts_for(situation: Situation, channel: str) -> list[Account]:
    """The accounts that deliver ``channel`` on this incident: in a drill, only those marked
    ``drill: true``; a fallback route only when asked for by name."""
    accounts = situation.playbook.organisation.accounts
    return [
        a
        for a in accounts
        if channel in a.channels and not a.fallback and (a.drill or not situation.state.drill)
    ]


def find_publication(situation: Situation, seq: int) -> Publication:
    found = next((p for p in situation.state.publications if p.seq == seq), None)
    if found is None:
        raise Refused(t("delivery.no_publication", situation.lang, seq=seq))
    return found


def find_delivery(situation: Situation, delivery: str) -> DeliveryState:
    found = situation.state.deliveries.get(delivery)
    if found is None:
        hint = did_you_mean(delivery, situation.state.deliveries)
        raise Refused(t("delivery.unknown_id", situation.lang, delivery=delivery, hint=hint))
    return found


@dataclass(frozen=True)
class Deliver(Request):
    """Hand publication ``publication`` (its seq) to the accounts serving its channels."""

    publication: int


@operation(Deliver)
def deliver(situation: Situation, person: str, request: Deliver) -> Decision:
    publication = find_publication(situation, request.publication)
    if any(d.publication == publication.seq for d in situation.state.deliveries.values()):
        return done_already(t("delivery.already", situation.lang, seq=publication.seq))
    allowed(may_publish(situation, person, publication.message))
    corrected = _corrected(situation, publication)
    payloads: list[Payload] = []
    for text in publication.texts:
        for account in accounts_for(situation, text.channel):
            corrects = corrected.get((text.channel, account.id))
            payloads.append(
                DeliveryRequested(
                    delivery_id(publication.seq, text.channel, account.id),
                    publication.message,
                    publication.seq,
                    text.channel,
                    account.id,
                    account.kind,
                    text.lang,
                    corrects=corrects,
                )
            )
    if not payloads:
        channels = ", ".join(t.channel for t in publication.texts) or "-"
        key = "delivery.no_account_drill" if situation.state.drill else "delivery.no_account"
        return done_already(t(key, situation.lang, channels=channels))
    return acts(payloads, None)


def _corrected(situation: Situation, publication: Publication) -> dict[tuple[str, str], str]:
    """For a correction (``publish --correct``): the delivery each channel and account
    corrects, the latest one of the same message that went out."""
    if not publication.corrects:
        return {}
    found: dict[tuple[str, str], str] = {}
    for d in situation.state.deliveries.values():
        earlier = d.message == publication.message and d.publication < publication.seq
        if earlier and d.state == "sent":
            found[(d.channel, d.account)] = d.id
    return found


@dataclass(frozen=True)
class RecordOutcome(Request):
    """What a connector answered for ``attempt`` of ``delivery``."""

    delivery: str
    attempt: int
    state: str  # sent | failed | unknown
    reason: str | None = None
    remote_id: str | None = None
    url: str | None = None
    details: Any = field(default=None, compare=False)


@operation(RecordOutcome)
def record_outcome(situation: Situation, person: str, request: RecordOutcome) -> Decision:
    found = find_delivery(situation, request.delivery)
    if found.attempt != request.attempt or found.state != "requested":
        state = t(f"delivery.state.{found.state}", situation.lang)
        text = t("delivery.outcome_already", situation.lang, delivery=found.id, state=state)
        return done_already(text)
    allowed(may_write(situation, person))
    reason = request.reason or ""
    payload: Payload
    if request.state == "sent":
        payload = DeliverySent(
            found.id, found.attempt, request.remote_id, request.url, request.details or None
        )
    elif request.state == "unknown":
        payload = DeliveryUnknown(found.id, found.attempt, reason)
    else:
        payload = DeliveryFailed(found.id, found.attempt, reason)
    return acts([payload], None)


@dataclass(frozen=True)
class RetryDelivery(Request):
    """Try ``delivery`` again. ``named``: the person named it (after checking with the
    recipient, an unknown outcome of a channel without idempotency may then be sent again)."""

    delivery: str
    named: bool = False


def retryable(delivery: DeliveryState, *, named: bool) -> bool:
    """Whether ``delivery`` may be tried again without posting twice by itself."""
    if delivery.state == "failed":
        return True
    if delivery.state != "unknown":
        return False
    connector = CONNECTORS.get(delivery.account_kind)
    return named or (connector is not None and connector.idempotent)


@operation(RetryDelivery)
def retry_delivery(situation: Situation, person: str, request: RetryDelivery) -> Decision:
    found = find_delivery(situation, request.delivery)
    lang = situation.lang
    state = t(f"delivery.state.{found.state}", lang)
    if found.state not in ("failed", "unknown"):
        return done_already(t("delivery.not_retryable", lang, delivery=found.id, state=state))
    if not retryable(found, named=request.named):
        raise Refused(
            t("delivery.unknown_unsafe", lang, delivery=found.id, kind=found.account_kind)
        )
    allowed(may_publish(situation, person, found.message))
    payload = DeliveryRequested(
        found.id,
        found.message,
        found.publication,
        found.channel,
        found.account,
        found.account_kind,
        found.lang,
        attempt=found.attempt + 1,
        corrects=found.corrects,
    )
    return acts([payload], None)


@dataclass(frozen=True)
class AbandonDelivery(Request):
    delivery: str
    reason: str | None = None


@operation(AbandonDelivery)
def abandon_delivery(situation: Situation, person: str, request: AbandonDelivery) -> Decision:
    found = find_delivery(situation, request.delivery)
    if found.state in ("sent", "abandoned"):
        state = t(f"delivery.state.{found.state}", situation.lang)
        return done_already(
            t("delivery.not_abandonable", situation.lang, delivery=found.id, state=state)
        )
    allowed(may_publish(situation, person, found.message))
    return acts([DeliveryAbandoned(found.id, (request.reason or "").strip() or None)], None)
