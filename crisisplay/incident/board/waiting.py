"""What an incident waits on when a board has nothing left that it can do, and who must act."""

from __future__ import annotations

from typing import TYPE_CHECKING

from crisisplay.incident.board.actions import Action, available
from crisisplay.incident.graph import DONE
from crisisplay.texts import t

if TYPE_CHECKING:
    from crisisplay.incident.board.walkthrough import Walkthrough


def waiting_on(walk: Walkthrough) -> list[str]:
    """One line per act owed by another member, then per task still waiting on something."""
    lang, state = walk.lang, walk.state
    lines = [
        t("board.owed_by", lang, task=named(walk, action), who=who(walk, action.owner))
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
            title = f"{task.title.get_text(lang)} [{task.id}]"
            lines.append(t("board.waits_on", lang, task=title, what=what))
    return list(dict.fromkeys(lines))  # two tasks behind one gate: said once


def named(walk: Walkthrough, action: Action) -> str:
    """``Valider le périmètre [gate noc-scope]``: what a person reads, and the id a command
    takes."""
    lang, scenario = walk.lang, walk.scenario
    if action.group == "gates" and (gate := scenario.gate(action.target)) is not None:
        return f"{gate.title.get_text(lang)} [gate {action.target}]"
    if action.group == "messages" and (message := scenario.message(action.target)) is not None:
        return f"{message.title.get_text(lang)} [publish {action.target}]"
    task = next((task for task in walk.tasks if task.id == action.target), None)
    if task is not None:
        return f"{task.title.get_text(lang)} [do {task.id}]"
    return action.label


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
