"""What activate, resume and status print."""

from __future__ import annotations

import time
from collections.abc import Callable

from crisisplay.console import get_console, safe, safe_line
from crisisplay.console.status_views import status_board
from crisisplay.console.tables import word_lines
from crisisplay.incident.run import IncidentRun
from crisisplay.incident.status import Status
from crisisplay.texts import t
from crisisplay.textsafe import sanitize_line
from crisisplay.timeline.wakeup import Wakeup


def print_activation_banner(incident: str, timeline: object, resume: str, lang: str = "en") -> None:
    """Before the first question: which incident this is, where it is kept, how to resume."""
    console = get_console()
    console.print(f"[accent]{t('banner.activating', lang)}[/] [bold]{safe_line(incident)}[/]")
    console.print(f"  [muted]{t('banner.timeline', lang)}[/] {safe_line(timeline)}")
    console.print(f"  [muted]{t('banner.resume', lang)}[/] {safe_line(resume)}", soft_wrap=True)


def print_outcome(run: IncidentRun) -> None:
    state = run.state
    lang = state.lang or "en"
    console = get_console()
    where = f"[muted]{t('outcome.timeline', lang)}[/] {safe(run.place)}"
    if run.board_lost_to is not None:
        who = safe(run.board_lost_to)
        console.print(
            f"[warning]{t('outcome.taken_over', lang, who=who)}[/]: "
            f"{t('outcome.stops', lang, seq=state.last_seq)}  {where}"
        )
    elif state.completed_at is not None:
        console.print(f"[ok]{t('outcome.complete', lang, events=state.last_seq)}[/]  {where}")
    elif run.waiting:
        console.print(f"[warning]{safe(t('board.waiting', lang))}[/]")
        for line in run.waiting:
            for piece in word_lines(sanitize_line(line), console.width, "  - ", "    "):
                console.print(safe(piece), no_wrap=True, crop=False)
        console.print(f"[muted]{safe(t('board.resume', lang, hint=run.resume_hint))}[/]  {where}")
    else:
        console.print(f"[warning]{t('outcome.paused', lang, seq=state.last_seq)}[/]  {where}")


def show_status(
    read: Callable[[], Status], *, watch: bool, interval: float, wakeup: Wakeup | None = None
) -> None:
    """The status board; ``watch`` refreshes it every ``interval`` seconds, and at once when
    ``wakeup`` (the shared store's listener) says the incident changed."""
    console = get_console()
    if not watch:
        console.print(status_board(read()))
        return
    from rich.live import Live  # noqa: PLC0415

    try:
        with Live(status_board(read()), console=console, refresh_per_second=4) as live:
            while True:
                if wakeup is None:
                    time.sleep(interval)
                else:
                    wakeup.wait(interval)
                live.update(status_board(read()))
    except KeyboardInterrupt:
        return
    finally:
        if wakeup is not None:
            wakeup.close()
