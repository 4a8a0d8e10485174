"""What an incident waits on when a board has nothing left that it can do, and who must act."""

from __future__ import annotations

from typing import TYPE_CHECKING

from crisisplay.engine.actions import available
from crisisplay.engine.graph import DONE
from crisisplay.texts import t

if TYPE_CHECKING:
    from crisisplay.engine.walkthrough import Walkthrough


def waiting_on(walk: Walkthrough) -> list[str]:
    """One line per act owed by another member, then per task still waiting on something."""
    lang, state = walk.lang, walk.state
    lines = [
        t("board.owed_by", lang, task=action.label, who=who(walk, action.owner))
        for action in available(walk)
        if not walk.may_act(action)
    ]
    values, now = walk.variables(), walk.session.clock.now()
    for task in walk.tasks:
        status = walk.graph.status(task, state)
        if status in DONE or (status is None and not walk.graph.applies(task, values)):
            continue
        unmet = walk.graph.unmet(task, state, values, now)
        if unmet:
            what = ", ".join(w.label() for w in unmet)
            lines.append(t("board.waits_on", lang, task=task.id, what=what))
    return list(dict.fromkeys(lines))  # two tasks behind one gate: said once


def who(walk: Walkthrough, role: str | None) -> str:
    """``Inès Haddad (Responsable community management)``, or the role alone when vacant."""
    if role is None:
        role = walk.state.lead_role or walk.session.org.lead_role
    holder = walk.state.roles.get(role)
    title = walk.role_title(role)
    if holder is not None and (holder.name or holder.person):
        return f"{holder.name or holder.person} ({title})"
    return title


__all__ = ["waiting_on", "who"]
