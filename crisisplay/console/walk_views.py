"""How the walkthrough's notices look: steps, gates, roster gaps, severity, injects."""

from __future__ import annotations

from crisisplay.console import get_console, panel, safe
from crisisplay.console.message_views import print_rendered
from crisisplay.prompts import Notice

_STYLE = {
    "info": "accent",
    "ok": "ok",
    "warning": "warning",
    "error": "error",
    "drill": "drill",
}


def print_notice(notice: Notice, *, stderr: bool = False) -> None:
    """One notice; rendered messages are shown by the message views, one panel per channel."""
    console = get_console(stderr)
    if notice.kind == "rendered" and notice.data is not None:
        console.print(f"[accent]{safe(notice.title)}[/]")
        print_rendered(notice.data, stderr=stderr)
        return
    style = _STYLE.get(notice.level, "accent")
    if not notice.lines:
        console.print(f"[{style}]{safe(notice.title)}[/]")
        return
    body = "\n".join(safe(line) for line in notice.lines)
    console.print(panel(body, notice.title, style=style))
