"""How drills look: injects as exercise panels, the drill list, the debrief score."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from rich.panel import Panel
from rich.text import Text

from crisisplay.console import get_console, plain, print_table, safe
from crisisplay.drills.load import DrillSummary
from crisisplay.drills.scoring import Score
from crisisplay.playbook.types import Duration
from crisisplay.prompts import Answer, Notice, Prompter, Question

#: on every inject, in both languages: nobody may take exercise material for a real crisis
EXERCISE_BANNER = " EXERCICE / EXERCISE "


class InjectPanels:
    """A prompter that shows injects as exercise panels and passes everything else through."""

    def __init__(self, inner: Prompter, *, quiet: bool = False) -> None:
        self.inner = inner
        self.quiet = quiet

    def ask(self, question: Question) -> Answer:
        return self.inner.ask(question)

    def reject(self, question: Question, answer: Answer, reason: str) -> None:
        self.inner.reject(question, answer, reason)

    def show(self, notice: Notice) -> None:
        if notice.kind != "inject":
            self.inner.show(notice)
        elif not self.quiet:
            print_inject(notice)


def print_inject(notice: Notice) -> None:
    title = Text.assemble((EXERCISE_BANNER, "drill"), " ", plain(notice.title, "bold yellow"))
    body = "\n".join(safe(line) for line in notice.lines)
    panel = Panel(body, title=title, title_align="left", border_style="bold yellow")
    get_console().print(panel)


def print_drills(drills: Sequence[DrillSummary], lang: str, home: str) -> None:
    rows = [
        (
            d.id,
            d.scenario,
            d.title.get_text(lang) if d.title else f"invalid: {d.problem}",
            d.duration.label() if d.duration is not None else "",
            str(d.injects),
            str(d.expectations),
            str(d.points),
        )
        for d in drills
    ]
    columns = ["id", "scenario", "title", "last inject", "injects", "expectations", "points"]
    print_table(f"Drills of {home}", columns, rows)


def print_score(score: Score) -> None:
    lang = score.lang
    console = get_console()
    title = score.drill.title.get_text(lang)
    console.print(f"[accent]Debrief:[/] {safe(title)}  [bold]{score.score}/{score.max}[/]")
    rows = []
    for outcome in score.outcomes:
        mark = Text("✓ met", "ok") if outcome.met else Text("✗ missed", "error")
        rows.append(
            (
                mark,
                outcome.expectation.title.get_text(lang),
                _offset(score, outcome.at),
                _offset(score, outcome.due),
                f"{outcome.points}/{outcome.expectation.points}",
                outcome.note,
            )
        )
    print_table(None, ["", "expectation", "at", "due", "points", "note"], rows)


def _offset(score: Score, moment: datetime | None) -> str:
    minutes = score.offset_min(moment)
    if minutes is None:
        return ""
    return "T+" + Duration(minutes=max(0, round(minutes))).label()
