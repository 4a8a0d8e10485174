"""Who of the cell is reached: each role's pages, their answers, and whether the cell is formed.

Read from the situation like every other view. A page is acknowledged by ``crisisplay ack``, by
replying its code, or by the person's first act on the incident; one left unanswered past its
role's ``ack_within`` is late, and the role passes to the next holder on duty, then to the lead.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import datetime, timedelta

from crisisplay.incident.situation import Situation
from crisisplay.playbook.model import Account, Person
from crisisplay.roster import candidates
from crisisplay.timeline.state import PageState

DEFAULT_ACK_WITHIN = timedelta(minutes=10)
#: the kinds of account a page can go through, and the address of a person each one needs
ADDRESS = {"smpp": "phone", "smtp": "email", "matrix": "matrix", "webhook": None}


@dataclass(frozen=True)
class Seat:
    """One line of ``crisisplay cell``: a role, who holds or is paged for it, and where that
    stands (not-paged, paged, acked, declined, late, escalated)."""

    role: str
    person: str | None
    state: str
    page: str | None = None
    paged_at: datetime | None = None
    acked_at: datetime | None = None
    via: str | None = None
    escalated_to: str | None = None
    due: datetime | None = None


def ack_within(situation: Situation, role: str) -> timedelta:
    duty = situation.org.roster.get(role)
    return duty.ack_within if duty is not None else DEFAULT_ACK_WITHIN


def page_code(incident: str, page: str) -> str:
    """The six-digit code that acknowledges ``page``: derived from the incident and the page,
    so that a replay records the same one, and no other incident's page shares it by design."""
    digest = hashlib.sha256(f"{incident}/{page}".encode()).digest()
    return f"{int.from_bytes(digest[:4], 'big') % 1_000_000:06d}"


def seats(situation: Situation) -> list[Seat]:
    """Every page of the incident, then each role of the scenario never paged."""
    found: list[Seat] = []
    for page in situation.state.pages.values():
        due = page.sent_at + ack_within(situation, page.role)
        state = page.state
        if state == "paged" and situation.now > due:
            state = "late"
        found.append(
            Seat(
                page.role,
                page.person,
                state,
                page.id,
                page.sent_at,
                page.answered_at,
                page.via,
                page.escalated_to,
                due,
            )
        )
    paged = {page.role for page in situation.state.pages.values()}
    for role in situation.scenario.roles:
        if role not in paged:
            holders = situation.people_of(role)
            found.append(Seat(role, holders[0] if holders else None, "not-paged"))
    return found


def quorum(situation: Situation) -> tuple[str, ...]:
    return situation.scenario.quorum or situation.scenario.roles


def present(situation: Situation, role: str) -> datetime | None:
    """When ``role`` was first answered for (acknowledged), or None. The lead who activated is
    there from the start."""
    if role == situation.lead_role and situation.state.activated_at is not None:
        return situation.state.activated_at
    times = [
        p.answered_at
        for p in situation.state.pages.values()
        if p.role == role and p.state == "acked" and p.answered_at is not None
    ]
    return min(times, default=None)


def formed_at(situation: Situation) -> datetime | None:
    """When the last role of the quorum was answered for: the cell formed; None until then."""
    times = [present(situation, role) for role in quorum(situation)]
    if any(t is None for t in times):
        return None
    return max((t for t in times if t is not None), default=situation.state.activated_at)


def waiting_for(situation: Situation) -> tuple[str, ...]:
    """The roles of the quorum nobody has answered for yet."""
    return tuple(role for role in quorum(situation) if present(situation, role) is None)


def unreached(situation: Situation, role: str) -> bool:
    """``role`` was paged and nobody has acknowledged for it yet: its holder is not yet
    reached (a gate it validates waits on someone who may not know)."""
    paged = any(p.role == role for p in situation.state.pages.values())
    return paged and present(situation, role) is None


def open_page(situation: Situation, person: str) -> PageState | None:
    """The latest page of ``person`` still waiting for their answer."""
    waiting = [
        p
        for p in situation.state.pages.values()
        if p.person == person and p.state in ("paged", "escalated")
    ]
    return waiting[-1] if waiting else None


def next_holder(situation: Situation, page: PageState) -> str | None:
    """Who the role passes to when ``page`` goes unanswered: the next holder on duty who was
    not paged for it yet, then the lead."""
    tried = {p.person for p in situation.state.pages.values() if p.role == page.role}
    for person in situation.people_of(page.role):
        if person not in tried:
            return person
    for candidate in _on_duty(situation, page.role):
        if candidate not in tried:
            return candidate
    lead = situation.lead
    return lead if lead is not None and lead not in tried else None


def _on_duty(situation: Situation, role: str) -> list[str]:
    return [c.person.id for c in candidates(situation.org, role, situation.now) if c.on_duty]


def paging_accounts(situation: Situation, person: Person) -> list[Account]:
    """The accounts that can page ``person``: marked ``page: true``, able to reach them (a
    phone for an SMS centre, an e-mail address, a Matrix id), drill accounts only in a drill;
    a second operator's SMS centre first when our own network is the incident."""
    found = []
    for account in situation.playbook.organisation.accounts:
        if not account.page or (situation.state.drill and not account.drill):
            continue
        if account.kind not in ADDRESS:
            continue
        needed = ADDRESS[account.kind]
        if needed is None or getattr(person, needed):
            found.append(account)
    return sorted(found, key=lambda a: not a.fallback)
