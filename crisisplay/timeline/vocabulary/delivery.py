"""Deliveries: each publication handed to the services of the accounts that serve its channels.

A delivery is requested on the record before any network call, then ends sent (with the
service's receipt), failed, unknown (the service may have taken it: never resent by itself
where the platform has no idempotency key) or abandoned. A retry is a new attempt of the same
delivery.
"""

from __future__ import annotations

from dataclasses import dataclass

from crisisplay.timeline.payloads import JSON, Payload, doc, kind


@kind("delivery.requested")
@dataclass(frozen=True, slots=True)
class DeliveryRequested(Payload):
    """A channel of a publication handed to an account, before the network call."""

    delivery: str = doc("The delivery id, unique in the incident (the idempotency key).")
    message: str = doc("The message id.")
    publication: int = doc("The seq of the message.published event it delivers.")
    channel: str = doc("The channel.")
    account: str = doc("The account of the organisation file.")
    account_kind: str = doc("Its kind (smtp, smpp, mastodon...).")
    lang: str = doc("The text's language.")
    attempt: int = doc("1 for the first try, then each retry.", default=1)
    corrects: str | None = doc("The delivery this one corrects.", default=None)


@kind("delivery.sent")
@dataclass(frozen=True, slots=True)
class DeliverySent(Payload):
    """The service took the text and gave its receipt."""

    delivery: str = doc("The delivery id.")
    attempt: int = doc("The attempt that succeeded.")
    remote_id: str | None = doc("The service's id for it (post id, Message-ID...).", default=None)
    url: str | None = doc("Where it can be read.", default=None)
    details: JSON = doc("Other parts of the receipt (queue id, part ids...).", default=None)


@kind("delivery.failed")
@dataclass(frozen=True, slots=True)
class DeliveryFailed(Payload):
    """Certainly not delivered: it may be retried."""

    delivery: str = doc("The delivery id.")
    attempt: int = doc("The attempt that failed.")
    reason: str = doc("Why, as the service or the network said it.")


@kind("delivery.unknown")
@dataclass(frozen=True, slots=True)
class DeliveryUnknown(Payload):
    """The outcome cannot be known: the service may have taken it and the answer was lost."""

    delivery: str = doc("The delivery id.")
    attempt: int = doc("The attempt.")
    reason: str = doc("What was lost.")


@kind("delivery.abandoned")
@dataclass(frozen=True, slots=True)
class DeliveryAbandoned(Payload):
    """Someone gave a delivery up: it will not be retried."""

    delivery: str = doc("The delivery id.")
    reason: str | None = doc("Why.", default=None)


@kind("delivery.report")
@dataclass(frozen=True, slots=True)
class DeliveryReport(Payload):
    """A delivery report the service sent later (an SMS delivered to a handset)."""

    delivery: str = doc("The delivery id.")
    remote_id: str = doc("The id the report is about (one SMS part, one recipient).")
    state: str = doc("What the service says (DELIVRD, UNDELIV...).")
