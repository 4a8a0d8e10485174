"""Paging the cell: the lead pages the holders of roles, a paged person acknowledges or
declines, a page left unanswered escalates to the next holder, a paging account's answer is
recorded."""

from __future__ import annotations

from dataclasses import dataclass

from crisisplay.incident.ops.decision import (
    Decision,
    Refused,
    Request,
    acts,
    allowed,
    done_already,
    operation,
)
from crisisplay.incident.paging import (
    next_holder,
    open_page,
    page_code,
    paging_accounts,
    seats,
)
from crisisplay.incident.rules import may_lead, may_write, recorded_role
from crisisplay.incident.situation import Situation
from crisisplay.texts import t
from crisisplay.timeline.payloads import Payload
from crisisplay.timeline.state import PageState
from crisisplay.timeline.vocabulary import (
    PageAcked,
    PageDeclined,
    PageDelivered,
    PageEscalated,
    PageSent,
)


def _page(situation: Situation, role: str, person: str, because: str) -> PageSent | None:
    """A page of ``person`` for ``role``, or None when no paging account can reach them."""
    found = situation.org.person(person)
    if found is None:
        return None
    accounts = tuple(a.id for a in paging_accounts(situation, found))
    if not accounts:
        return None
    count = sum(1 for p in situation.state.pages.values() if p.role == role)
    page_id = f"{role}-{count + 1}"
    code = page_code(situation.state.incident or "", page_id)
    return PageSent(page_id, role, person, code, because, accounts)


@dataclass(frozen=True)
class PageRoles(Request):
    """Page the holders of ``roles`` (or ``person`` for them); ``because``: activation or
    asked. A holder already paged for the role and not escalated is not paged again."""

    roles: tuple[str, ...]
    person: str | None = None
    because: str = "asked"


@operation(PageRoles)
def page_roles(situation: Situation, person: str, request: PageRoles) -> Decision:
    allowed(may_lead(situation, person))
    payloads: list[Payload] = []
    pending = {(p.role, p.person) for p in situation.state.pages.values() if p.state != "escalated"}
    for role in request.roles:
        if role not in situation.scenario.roles and situation.org.role(role) is None:
            raise Refused(t("page.unknown_role", situation.lang, role=role))
        holders = (request.person,) if request.person else situation.people_of(role)
        target = next((h for h in holders if h != person), None)
        if target is None or (role, target) in pending:
            continue
        page = _page(situation, role, target, request.because)
        if page is not None:
            payloads.append(page)
    if not payloads:
        return done_already(t("page.nobody", situation.lang))
    return acts(payloads, situation.lead_role)


@dataclass(frozen=True)
class Acknowledge(Request):
    """The paged person answers (``code`` from the page, when given: it must match)."""

    code: str | None = None
    via: str = "terminal"


@operation(Acknowledge)
def acknowledge(situation: Situation, person: str, request: Acknowledge) -> Decision:
    allowed(may_write(situation, person))
    page = _answering(situation, person, request.code)
    if page is None:
        return done_already(t("page.nothing_to_ack", situation.lang))
    role = recorded_role(situation, person, page.role)
    return acts([PageAcked(page.id, person, request.via)], role)


def _answering(situation: Situation, person: str, code: str | None) -> PageState | None:
    if code is None:
        return open_page(situation, person)
    found = next(
        (
            p
            for p in situation.state.pages.values()
            if p.code == code.strip() and p.person == person and p.state in ("paged", "escalated")
        ),
        None,
    )
    if found is None:
        raise Refused(t("page.wrong_code", situation.lang, code=code))
    return found


@dataclass(frozen=True)
class Decline(Request):
    """The paged person cannot take the role: it passes to the next holder at once."""

    reason: str


@operation(Decline)
def decline(situation: Situation, person: str, request: Decline) -> Decision:
    allowed(may_write(situation, person))
    page = open_page(situation, person)
    if page is None:
        return done_already(t("page.nothing_to_ack", situation.lang))
    reason = request.reason.strip()
    if not reason:
        raise Refused(t("page.decline_reason", situation.lang))
    payloads: list[Payload] = [PageDeclined(page.id, person, reason)]
    payloads += _passed_on(situation, page, "declined")
    return acts(payloads, None)


@dataclass(frozen=True)
class Escalate(Request):
    """A page left unanswered past its role's delay: the role passes on (the lead's board
    asks this when it sees one late)."""

    page: str


@operation(Escalate)
def escalate(situation: Situation, person: str, request: Escalate) -> Decision:
    page = situation.state.pages.get(request.page)
    late = {s.page for s in seats(situation) if s.state == "late"}
    if page is None or request.page not in late:
        return done_already(t("page.not_late", situation.lang, page=request.page))
    allowed(may_lead(situation, person))
    passed = _passed_on(situation, page, "late")
    if not passed:
        return done_already(t("page.nobody_next", situation.lang, role=page.role))
    return acts(passed, situation.lead_role)


def _passed_on(situation: Situation, page: PageState, because: str) -> list[Payload]:
    following = next_holder(situation, page)
    if following is None:
        return []
    payloads: list[Payload] = [PageEscalated(page.id, page.role, following, because)]
    new = _page(situation, page.role, following, because)
    if new is not None:
        payloads.append(new)
    return payloads


@dataclass(frozen=True)
class RecordPageDelivery(Request):
    page: str
    account: str
    ok: bool
    remote_id: str | None = None
    reason: str | None = None


@operation(RecordPageDelivery)
def record_page_delivery(
    situation: Situation, person: str, request: RecordPageDelivery
) -> Decision:
    page = situation.state.pages.get(request.page)
    if page is None or any(a == request.account for a, _ in page.delivered):
        return done_already(t("page.delivered_already", situation.lang, page=request.page))
    payload = PageDelivered(
        request.page, request.account, request.ok, request.remote_id, request.reason
    )
    return acts([payload], None)
