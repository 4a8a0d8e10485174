"""The lead's live board: when nothing is hers to answer, the cell's work, refreshed as the
members act from their own terminals (a gate passed elsewhere shows within a fraction of a
second, without a keystroke). Enter offers to take a task over; Ctrl-C pauses, as anywhere.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, TextIO

from crisisplay.console import get_console, safe
from crisisplay.console.tables import word_lines
from crisisplay.incident.board.actions import available
from crisisplay.incident.board.waiting import board_lines
from crisisplay.texts import t
from crisisplay.textsafe import sanitize_line
from crisisplay.timeline.wakeup import wakeup_of

if TYPE_CHECKING:
    from crisisplay.incident.board.walkthrough import Walkthrough


@dataclass
class TerminalBoard:
    """Waits on the store; shown with rich.live, keys read from ``keys`` (stdin).

    Between two looks it waits on the store's wakeup (``crisisplay.timeline.wakeup``): on the
    shared store a notification wakes it at once, on a file it looks ten times a second.
    """

    keys: TextIO = sys.stdin

    def wait(self, walk: Walkthrough) -> None:
        from rich.live import Live  # noqa: PLC0415

        recorder: Any = walk.session.recorder
        console = get_console()
        live = Live(self._board(walk), console=console, refresh_per_second=4, transient=True)
        with wakeup_of(recorder) as wakeup, live:
            while True:
                events = recorder.read_new()
                if events:
                    walk.state.apply_all(events)
                    return
                timeout = wakeup.interval()
                moment = walk.graph.next_moment(walk.state)
                if moment is not None:
                    left = (moment - walk.session.clock.now()).total_seconds()
                    if left <= 0:
                        return
                    timeout = min(timeout, left)
                if wakeup.wait(timeout, [self.keys]):
                    self.keys.readline()
                    live.stop()
                    self._take_over(walk)
                    return
                live.update(self._board(walk))

    def _board(self, walk: Walkthrough) -> Any:
        from rich.console import Group  # noqa: PLC0415
        from rich.text import Text  # noqa: PLC0415

        lang = walk.lang
        situation = walk.situation()
        width = get_console().width
        lines = [Text.from_markup(f"[accent]{safe(t('board.idle', lang))}[/]")]
        styles = {"late": "overdue", "owed": "", "waiting": "muted"}
        for level, line in board_lines(situation):
            for piece in word_lines(sanitize_line(line), width, "  - ", "    "):
                lines.append(Text(piece, style=styles[level], no_wrap=True))
        return Group(*lines)

    def _take_over(self, walk: Walkthrough) -> None:
        import questionary  # noqa: PLC0415

        others = [a for a in available(walk) if not walk.may_act(a)]
        none = t("board.none", walk.lang)
        choices = [questionary.Choice(a.label, value=a.task or a.label) for a in others]
        picked = questionary.select(
            t("board.take_over", walk.lang), choices=[*choices, questionary.Choice(none, "")]
        ).unsafe_ask()
        if picked:
            walk.taken.add(str(picked))


__all__ = ["TerminalBoard"]
