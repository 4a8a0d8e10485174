"""The incident's status board, in the reader's language and the organisation's time zone."""

from __future__ import annotations

from datetime import timedelta

from rich.console import ConsoleRenderable, Group
from rich.table import Table

from crisisplay.console import panel, plain, safe
from crisisplay.incident.status import Status
from crisisplay.localtime import LocalTimes
from crisisplay.texts import minutes_label, t


def _countdown(delta: timedelta, lang: str) -> str:
    minutes = delta.total_seconds() / 60
    if minutes < 0:
        return f"[overdue]{t('status.late', lang, late=minutes_label(minutes))}[/]"
    return f"[due]{t('status.in', lang, left=minutes_label(minutes))}[/]"


def status_board(status: Status) -> Group:
    lang = status.lang
    times = LocalTimes.spanning(
        status.zone, lang, [status.now, status.next_update, *(s.due for s in status.open_steps)]
    )
    elapsed = minutes_label((status.now - status.activated_at).total_seconds() / 60)
    head = [
        f"[accent]{safe(status.title)}[/] [muted]{safe(status.incident)}[/]",
        t(
            "status.head",
            lang,
            severity=f"[bold]{safe(status.severity_title or '?')}[/]",
            phase=f"[bold]{safe(status.phase or '-')}[/]",
            elapsed=f"[bold]{elapsed}[/]",
        ),
        f"[muted]{t('status.now', lang, now=times.clock(status.now), zone=times.zone_label)}[/]",
    ]
    if status.drill:
        head.insert(0, f"[drill] {t('status.drill', lang)} [/]")
    if status.resolved_at:
        head.append(f"[ok]{t('status.resolved', lang)}[/]")
    if status.next_update is not None and status.next_update_in is not None:
        due = times.clock(status.next_update)
        head.append(
            f"{t('status.next_update', lang, due=due)} {_countdown(status.next_update_in, lang)}"
        )
    elif status.first_public_at is None and not status.resolved_at:
        head.append(f"[warning]{t('status.no_public', lang)}[/]")
    if status.cell is not None:
        head.append(_cell_line(status, times))
    parts: list[ConsoleRenderable] = [panel("\n".join(head), t("status.title", lang))]
    if status.missing_roles:
        lines = [
            f"[error]{safe(status.role(role))}[/] {safe(reason)}"
            for role, reason in status.missing_roles
        ]
        parts.append(panel("\n".join(lines), t("status.roles_missing", lang), style="error"))
    if status.gates_waiting:
        lines = [
            f"{safe(g.title)} [muted]({safe(status.role(g.validator))}, "
            f"{safe(t('status.gate.' + g.status, lang))})[/]"
            + (f" [warning]{t('cell.unreached', lang)}[/]" if g.unreached else "")
            for g in status.gates_waiting
        ]
        parts.append(panel("\n".join(lines), t("status.gates_waiting", lang), style="warning"))
    if status.open_steps:
        parts.append(_open_steps(status, times))
    if status.late_acts:
        lines = [f"#{seq} {safe(who)}: {safe(why)}" for seq, who, why in status.late_acts]
        parts.append(panel("\n".join(lines), t("status.late_acts", lang), style="warning"))
    return Group(*parts)


def _cell_line(status: Status, times: LocalTimes) -> str:
    """The cell formed since when, or the roles of the quorum it waits for."""
    assert status.cell is not None
    lang, formed = status.lang, status.cell.formed_at
    if formed is not None:
        minutes = minutes_label((formed - status.activated_at).total_seconds() / 60)
        return f"[ok]{safe(t('cell.formed', lang, at=times.clock(formed), minutes=minutes))}[/]"
    roles = ", ".join(status.role(r) for r in status.cell.waiting_for)
    return f"[warning]{safe(t('cell.not_formed', lang, roles=roles))}[/]"


def _open_steps(status: Status, times: LocalTimes) -> Table:
    lang = status.lang
    table = Table(title=t("status.open_steps", lang), title_justify="left", header_style="accent")
    for column in t("status.columns", lang).split(" | "):
        table.add_column(column)
    for step in status.open_steps:
        due = ""
        if step.due:
            due = f"{times.clock(step.due)} {_countdown(step.due - status.now, lang)}"
        phase = plain(step.phase_title or step.phase)
        table.add_row(plain(step.title), plain(status.role(step.owner)), phase, due)
    return table
