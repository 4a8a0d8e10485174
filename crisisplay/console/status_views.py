"""The incident's status board."""

from __future__ import annotations

from datetime import timedelta

from rich.console import ConsoleRenderable, Group
from rich.table import Table

from crisisplay.console import panel, plain, safe
from crisisplay.status import Status
from crisisplay.texts import minutes_label


def _countdown(delta: timedelta) -> str:
    minutes = delta.total_seconds() / 60
    if minutes < 0:
        return f"[overdue]{minutes_label(minutes)} late[/]"
    return f"[due]in {minutes_label(minutes)}[/]"


def status_board(status: Status) -> Group:
    elapsed = minutes_label((status.now - status.activated_at).total_seconds() / 60)
    head = [
        f"[accent]{safe(status.title)}[/] [muted]{safe(status.incident)}[/]",
        f"severity [bold]{safe(status.severity or '?')}[/]  phase [bold]{safe(status.phase or '-')}"
        f"[/]  since activation [bold]{elapsed}[/]",
    ]
    if status.drill:
        head.insert(0, "[drill] EXERCISE / EXERCICE [/]")
    if status.resolved_at:
        head.append("[ok]resolved[/]")
    if status.next_update_in is not None:
        head.append(
            f"next promised update {status.next_update:%H:%M} UTC "
            f"{_countdown(status.next_update_in)}"
        )
    elif status.first_public_at is None and not status.resolved_at:
        head.append("[warning]no public message yet[/]")
    parts: list[ConsoleRenderable] = [panel("\n".join(head), "Status")]
    if status.missing_roles:
        lines = [f"[error]{safe(role)}[/] {safe(reason)}" for role, reason in status.missing_roles]
        parts.append(panel("\n".join(lines), "Roles not covered", style="error"))
    if status.gates_waiting:
        lines = [
            f"{safe(g.title)} [muted]({safe(g.validator)}, {safe(g.status)})[/]"
            for g in status.gates_waiting
        ]
        parts.append(panel("\n".join(lines), "Gates waiting", style="warning"))
    if status.open_steps:
        table = Table(title="Open steps", title_justify="left", header_style="accent")
        for column in ("step", "owner", "phase", "due"):
            table.add_column(column)
        for step in status.open_steps:
            due = _countdown(step.due - status.now) if step.due else ""
            table.add_row(plain(step.title), plain(step.owner), plain(step.phase), due)
        parts.append(table)
    return Group(*parts)
