"""What a member sees from their own terminal: before deciding a gate, what it confirms, the
facts with their values and the exact texts behind it; and the incident's work by owner."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from crisisplay.console import get_console, print_table, safe, safe_line
from crisisplay.incident.evidence import gate_lines
from crisisplay.localtime import LocalTimes
from crisisplay.texts import catalogue, t

if TYPE_CHECKING:
    from crisisplay.incident.situation import Situation, TaskView


def print_gate(situation: Situation, gate_id: str) -> None:
    """What a validator decides on (the board shows the same): what the gate confirms, who may
    decide it, the facts with their values now and the exact texts behind it."""
    lang = situation.lang
    view = situation.gate(gate_id)
    console = get_console()
    head = t("member.gate", lang, gate=safe(view.id))
    console.print(f"[warning]{head}[/] {safe_line(view.gate.title.get_text(lang))} "
                  f"[muted]({safe(_status_word(view.status, lang))})[/]")  # fmt: skip
    for line in gate_lines(situation, gate_id):
        console.print(f"  {safe_line(line)}", soft_wrap=True)
    for shown in view.texts:
        console.print(f"  [accent]{safe(shown.message)} {safe(shown.channel)}[/]:")
        console.print(safe(shown.text), soft_wrap=True)


def print_tasks(found: Sequence[TaskView], situation: Situation) -> None:
    """The incident's work by owner, in the reader's language and the organisation's time
    (with the day when the work spans several), the zone said once in the title."""

    lang = situation.lang
    org = situation.org
    times = LocalTimes.spanning(org.timezone, lang, [situation.now, *(v.due for v in found)])
    names = {p.id: p.name for p in org.people}
    rows = [
        (view.id, view.title, names.get(view.owner or "", view.owner) or view.owner_role,
         t(f"tasks.state.{view.state}", lang),
         times.clock(view.due) if view.due else "-", ", ".join(view.waits_on))
        for view in found
    ]  # fmt: skip
    headers = tuple(t(f"tasks.column.{c}", lang).split("|")[0] for c in _COLUMNS)
    title = t("tasks.title", lang, incident=situation.state.incident or "", zone=times.zone_label)
    print_table(safe(title), headers, rows, ids=(0, 5))


_COLUMNS = ("task", "title", "owner", "state", "due", "waits")


def _status_word(status: str, lang: str) -> str:
    return catalogue(lang).get(f"member.gate_status.{status}", status)
