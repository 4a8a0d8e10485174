"""Mobilising the cell: the people on duty paged out of band, their acknowledgements, and the
escalation to the next holder when nobody answers in time."""

from __future__ import annotations

from dataclasses import dataclass

from crisisplay.timeline.payloads import Payload, doc, kind


@kind("page.sent")
@dataclass(frozen=True, slots=True)
class PageSent(Payload):
    """A person paged for a role, with the short code that acknowledges it."""

    page: str = doc("The page id, unique in the incident.")
    role: str = doc("The role they are paged for.")
    person: str = doc("Who is paged.")
    code: str = doc("The short code they acknowledge with (ack CODE, or by replying it).")
    because: str = doc("activation, asked (crisisplay page), late or declined (an escalation).")
    accounts: tuple[str, ...] = doc("The paging accounts it goes out through.", default=())


@kind("page.delivered")
@dataclass(frozen=True, slots=True)
class PageDelivered(Payload):
    """A paging account took the page (its receipt), or could not."""

    page: str = doc("The page id.")
    account: str = doc("The account.")
    ok: bool = doc("Taken by the service.")
    remote_id: str | None = doc("The service's id for it.", default=None)
    reason: str | None = doc("Why not, when not.", default=None)


@kind("page.acked")
@dataclass(frozen=True, slots=True)
class PageAcked(Payload):
    """A paged person answered: they are on it."""

    page: str = doc("The page acknowledged.")
    person: str = doc("Who acknowledged.")
    via: str = doc("terminal (crisisplay ack), sms, matrix, or act (their first act).")


@kind("page.declined")
@dataclass(frozen=True, slots=True)
class PageDeclined(Payload):
    """A paged person cannot take the role: the next holder is paged at once."""

    page: str = doc("The page declined.")
    person: str = doc("Who declined.")
    reason: str = doc("Why.")


@kind("page.escalated")
@dataclass(frozen=True, slots=True)
class PageEscalated(Payload):
    """A page went unanswered past its delay, or was declined: the role passes on."""

    page: str = doc("The page escalated.")
    role: str = doc("The role.")
    to: str = doc("The person paged next.")
    because: str = doc("late or declined.")
