"""The lead's board mobilises the cell: it pages each role's holder once the role is held, and
passes a page left unanswered past its delay to the next holder. Paging never holds the board:
beside a person's board the pages go out in the background; a scripted board sends them at
once."""

from __future__ import annotations

from typing import TYPE_CHECKING

from crisisplay.incident.deliver import send_pages
from crisisplay.incident.ops import Escalate, PageRoles
from crisisplay.incident.paging import paging_accounts, seats
from crisisplay.timeline.vocabulary import PageSent

if TYPE_CHECKING:
    from crisisplay.incident.board.walkthrough import Walkthrough


def mobilise(walk: Walkthrough) -> None:
    """Page the holders not paged yet; escalate the pages gone late."""
    if walk.session.environ is None or not _pages_anyone(walk):
        return
    situation = walk.situation()
    actor = walk.session.actor
    paged = {(p.role, p.person) for p in situation.state.pages.values()}
    roles = tuple(
        role
        for role in situation.scenario.roles
        if (holder := situation.state.roles.get(role)) is not None
        and holder.person
        and holder.person != actor
        and (role, holder.person) not in paged
        and situation.org.person(holder.person) is not None
        and paging_accounts(situation, situation.org.person(holder.person))  # type: ignore[arg-type]
    )
    sent: list[str] = []
    if roles:
        outcome = walk.submit(PageRoles(roles, because="activation"))
        sent += [e.payload["page"] for e in outcome.events if e.kind == PageSent.KIND]
    for seat in seats(walk.situation()):
        if seat.state == "late" and seat.page is not None:
            outcome = walk.submit(Escalate(seat.page))
            sent += [e.payload["page"] for e in outcome.events if e.kind == PageSent.KIND]
    if sent:
        _send(walk, sent)


def _pages_anyone(walk: Walkthrough) -> bool:
    return any(a.page for a in walk.session.playbook.organisation.accounts)


def _send(walk: Walkthrough, pages: list[str]) -> None:
    environ = walk.session.environ
    assert environ is not None
    walk.send(send_pages, pages, environ=environ, folder=walk.session.playbook.home.playbooks)
