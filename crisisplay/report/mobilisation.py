"""How the cell was mobilised, from the record's pages: when it was formed, each page and its
answer, each role's time to acknowledge, the pages never answered.

The same rule as ``crisisplay cell``: the lead who activated is there from activation; any other
role is there from the first acknowledgement of a page for it; the cell is formed when every
role of the quorum is there. The quorum is the scenario's (``Plan.quorum``); the timeline does
not record it, so when the scenario cannot be read the roles the record paged stand for it, with
the lead's, and ``quorum_from`` says so.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import datetime

from crisisplay.report.kpis import Mobilisation, PageKpi, RoleMobilised
from crisisplay.report.timing import minutes
from crisisplay.timeline.state import IncidentState, PageState

OUTCOMES = {"acked": "acknowledged", "declined": "declined", "escalated": "escalated"}


def mobilisation_of(
    state: IncidentState, quorum: Sequence[str] | None = None
) -> Mobilisation | None:
    """The mobilisation of ``state`` (None when nobody was paged: no such section then)."""
    if not state.pages or state.activated_at is None:
        return None
    pages = tuple(page_kpi(p) for p in state.pages.values())
    chosen, source = _quorum(state, quorum)
    present = {role: _present(state, role) for role in chosen}
    missing = tuple(role for role, at in present.items() if at is None)
    formed = None
    if not missing:
        formed = max((t for t in present.values() if t is not None), default=state.activated_at)
    return Mobilisation(
        quorum=chosen,
        quorum_from=source,
        formed_at=formed,
        activation_to_formed_min=minutes(formed - state.activated_at) if formed else None,
        not_answered=missing,
        roles=_roles(state, chosen),
        pages=pages,
        never_answered=tuple(p.page for p in pages if p.acked_at is None and p.declined is None),
    )


def page_kpi(page: PageState) -> PageKpi:
    acked = page.answered_at if page.state == "acked" else None
    declined_at = page.answered_at if page.state == "declined" else None
    outcome = OUTCOMES.get(page.state, "unanswered")
    return PageKpi(
        page=page.id,
        role=page.role,
        person=page.person,
        because=page.because,
        paged_at=page.sent_at,
        outcome=outcome,
        acked_at=acked,
        via=page.via if acked else None,
        ack_min=minutes(acked - page.sent_at) if acked else None,
        declined_at=declined_at,
        declined=page.reason if declined_at else None,
        escalated_to=page.escalated_to,
        escalated_at=page.escalated_at,
        delivered_by=tuple(a for a, ok in page.delivered if ok),
        failed_on=tuple(a for a, ok in page.delivered if not ok),
    )


def _quorum(state: IncidentState, quorum: Sequence[str] | None) -> tuple[tuple[str, ...], str]:
    if quorum:
        return tuple(quorum), "scenario"
    # No scenario to read: the lead and the roles the record paged are all it says of the cell.
    roles = [state.lead_role] if state.lead_role else []
    roles += [p.role for p in state.pages.values()]
    return tuple(dict.fromkeys(roles)), "record"


def _present(state: IncidentState, role: str) -> datetime | None:
    if role == state.lead_role and state.activated_at is not None:
        return state.activated_at
    return _first_ack(state.pages.values(), role)


def _first_ack(pages: Iterable[PageState], role: str) -> datetime | None:
    times = [
        p.answered_at
        for p in pages
        if p.role == role and p.state == "acked" and p.answered_at is not None
    ]
    return min(times, default=None)


def _roles(state: IncidentState, quorum: Sequence[str]) -> tuple[RoleMobilised, ...]:
    by_role: dict[str, list[PageState]] = {}
    for page in state.pages.values():
        by_role.setdefault(page.role, []).append(page)
    found = []
    for role, pages in by_role.items():
        first = min(p.sent_at for p in pages)
        acked = [p for p in pages if p.state == "acked" and p.answered_at is not None]
        answer = min(acked, key=lambda p: p.answered_at or first) if acked else None
        at = answer.answered_at if answer else None
        found.append(
            RoleMobilised(
                role=role,
                in_quorum=role in quorum,
                paged_at=first,
                acked_at=at,
                acked_by=answer.person if answer else None,
                ack_min=minutes(at - first) if at else None,
                pages=len(pages),
            )
        )
    return tuple(found)
