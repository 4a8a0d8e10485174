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
from crisisplay.texts import t
from crisisplay.textsafe import sanitize_line

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
    """One row per drill, its title under its id, so that 80 columns never cut an id."""
    from rich import box  # noqa: PLC0415
    from rich.table import Table  # noqa: PLC0415

    table = Table(
        title=t("drills.title", lang, home=sanitize_line(home)),
        title_justify="left",
        header_style="accent",
        box=box.SIMPLE_HEAD,
        show_edge=False,
        pad_edge=False,
        collapse_padding=True,
    )
    first, scenario, *counts = t("drills.columns", lang).split(" | ")
    table.add_column(first, min_width=max((len(d.id) for d in drills), default=5))
    table.add_column(scenario, no_wrap=True)
    for column in counts:
        table.add_column(column.replace(" ", "\n", 1), justify="right")
    for d in drills:
        title = d.title.get_text(lang) if d.title else t("drills.invalid", lang, problem=d.problem)
        table.add_row(
            Text.assemble((sanitize_line(d.id), "bold"), "\n", (sanitize_line(title), "muted")),
            plain(d.scenario),
            d.duration.label() if d.duration is not None else "",
            str(d.injects),
            str(d.expectations),
            str(d.points),
        )
    get_console().print(table)


def print_score(score: Score) -> None:
    lang = score.lang
    console = get_console()
    title = score.drill.title.get_text(lang)
    head = t("debrief.title", lang)
    console.print(f"[accent]{head}[/] {safe(title)}  [bold]{score.score}/{score.max}[/]")
    rows = []
    for outcome in score.outcomes:
        mark = (
            Text(t("debrief.met", lang), "ok")
            if outcome.met
            else Text(t("debrief.missed", lang), "error")
        )
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
    print_table(None, t("debrief.columns", lang).split(" | "), rows)


def _offset(score: Score, moment: datetime | None) -> str:
    minutes = score.offset_min(moment)
    if minutes is None:
        return ""
    return "T+" + Duration(minutes=max(0, round(minutes))).label()
