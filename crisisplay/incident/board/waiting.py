"""What the incident waits on, and who must act: the lead's board shows it while nothing is hers
to answer, and a board that stops says it. Read from the situation: the gates to decide, the
tasks open, started or late (promised updates included), then those still waiting."""

from __future__ import annotations

from typing import TYPE_CHECKING

from crisisplay.incident.paging import formed_at, seats, unreached, waiting_for
from crisisplay.incident.situation import Situation, TaskView
from crisisplay.texts import minutes_label, t

if TYPE_CHECKING:
    from crisisplay.incident.board.walkthrough import Walkthrough


def waiting_on(walk: Walkthrough) -> list[str]:
    """One line per gate to decide and per piece of work owed, then per task still waiting."""
    return [text for _, text in board_lines(walk.situation())]


def board_lines(situation: Situation) -> list[tuple[str, str]]:
    """``(level, line)``: ``late`` for work past its time, ``owed`` for work to do now,
    ``waiting`` for work that waits on something."""
    lang = situation.lang
    lines: list[tuple[str, str]] = []
    for delivery in situation.state.deliveries.values():
        if delivery.state in ("failed", "unknown"):
            state = t(f"delivery.state.{delivery.state}", lang)
            reason = f" ({delivery.reason})" if delivery.reason else ""
            line = t("delivery.board_failed", lang, state=state, channel=delivery.channel,
                     account=delivery.account, reason=reason)  # fmt: skip
            hint = t("delivery.retry_hint", lang, delivery=delivery.id)
            lines.append(("late", f"{line}; {hint}"))
    lines += cell_lines(situation)
    for gate in situation.gates_waiting:
        named = f"{gate.gate.title.get_text(lang)} [gate {gate.id}]"
        line = t("board.owed_by", lang, task=named, who=who(situation, gate.gate.validator))
        if unreached(situation, gate.gate.validator):
            line += f" ({t('cell.unreached', lang)})"
        lines.append(("owed", line))
    for view in situation.tasks:
        if view.state in ("open", "started", "late"):
            lines.append(_owed(situation, view))
    for view in situation.tasks:
        if view.state == "waiting":
            named = f"{view.title} [{view.id}]"
            what = ", ".join(view.waits_on)
            lines.append(("waiting", t("board.waits_on", lang, task=named, what=what)))
    return list(dict.fromkeys(lines))  # two tasks behind one gate: said once


def cell_lines(situation: Situation) -> list[tuple[str, str]]:
    """The pages still open or gone wrong, and whether the cell is formed (once paging began)."""
    if not situation.state.pages:
        return []
    lang = situation.lang
    lines: list[tuple[str, str]] = []
    for seat in seats(situation):
        if seat.state not in ("paged", "late", "declined", "escalated"):
            continue
        detail = f" ({situation.clock(seat.paged_at)})" if seat.paged_at else ""
        if seat.escalated_to:
            detail += f" -> {situation.name_of(seat.escalated_to)}"
        page = situation.state.pages.get(seat.page or "")
        failed = sorted({a for a, ok in page.delivered if not ok}) if page is not None else []
        if failed:
            detail += " - " + t("cell.failed_through", lang, accounts=", ".join(failed))
        person = situation.name_of(seat.person) if seat.person else "-"
        state = t(f"cell.state.{seat.state}", lang)
        line = t("cell.board_line", lang, role=situation.role_title(seat.role), person=person,
                 state=state, detail=detail)  # fmt: skip
        bad = seat.state in ("late", "declined") or bool(failed)
        lines.append(("late" if bad else "waiting", line))
    formed = formed_at(situation)
    if formed is None:
        missing = [situation.role_title(r) for r in waiting_for(situation)]
        lines.append(("waiting", t("cell.not_formed", lang, roles=", ".join(missing))))
    return lines


def _owed(situation: Situation, view: TaskView) -> tuple[str, str]:
    lang = situation.lang
    named = f"{view.title} [{command(situation, view)}]"
    holder = who(situation, view.owner_role)
    if view.state == "late" and view.due is not None:
        late = minutes_label((situation.now - view.due).total_seconds() / 60)
        text = t(
            "board.late", lang, task=named, who=holder, due=situation.clock(view.due), late=late
        )
        return "late", text
    text = t("board.owed_by", lang, task=named, who=holder)
    if view.due is not None:
        text += " " + t("board.due", lang, due=situation.clock(view.due))
    return "owed", text


def command(situation: Situation, view: TaskView) -> str:
    """The command that does the work: ``publish holding`` for a task whose one message is
    left, ``publish update`` for a promised update, else ``do TASK``."""
    if view.kind == "update":
        carrier = situation.update_carrier
        message = (
            next(
                (
                    m
                    for m in carrier.messages
                    if (s := situation.scenario.message(m)) and s.kind == "update"
                ),
                "update",
            )
            if carrier is not None
            else "update"
        )
        return f"publish {message}"
    task = situation.task_def(view.id)
    left = [m for m in task.messages if not situation.settled(m)] if task is not None else []
    return f"publish {left[0]}" if len(left) == 1 else f"do {view.id}"


def who(situation: Situation, role: str | None) -> str:
    """``Inès Haddad (Responsable community management)``, or the role alone when vacant."""
    role = role or situation.lead_role
    holder = situation.holder(role)
    title = situation.role_title(role)
    if holder is not None and (holder.name or holder.person):
        return f"{holder.name or holder.person} ({title})"
    return title


__all__ = ["board_lines", "command", "waiting_on", "who"]
