"""What a member sees from their own terminal: before deciding a gate, what it confirms, the
facts with their values and the exact texts behind it; and the incident's work by owner."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import TYPE_CHECKING

from crisisplay.console import get_console, safe, safe_line
from crisisplay.playbook.load import Playbook
from crisisplay.texts import catalogue, t
from crisisplay.timeline.state import IncidentState

if TYPE_CHECKING:
    from crisisplay.incident.tasks_view import TaskView


def print_gate(
    playbook: Playbook, state: IncidentState, gate_id: str, now: datetime, lang: str
) -> None:
    from crisisplay.incident.member_ops import find_gate, who_may_decide

    scenario = playbook.scenario(state.scenario or "")
    org = playbook.organisation
    gate = find_gate(scenario, gate_id)
    console = get_console()
    status = state.gates[gate.id].status if gate.id in state.gates else "pending"
    head = t("member.gate", lang, gate=safe(gate.id))
    console.print(f"[warning]{head}[/] {safe_line(gate.title.get_text(lang))} "
                  f"[muted]({safe(_status_word(status, lang))})[/]")  # fmt: skip
    confirms = t("member.confirms", lang, text=gate.confirms.get_text(lang))
    console.print(f"  {safe_line(confirms)}", soft_wrap=True)
    people = ", ".join(who_may_decide(state, org, gate, now)) or t("member.nobody", lang)
    decided = t("member.decided_by", lang, role=gate.validator, people=people)
    console.print(f"  {safe_line(decided)}")
    for fact_id in gate.facts:
        fact = state.facts.get(fact_id)
        unknown = t("member.fact_unknown", lang)
        shown = unknown if fact and fact.unknown else repr(fact.value) if fact else "-"
        console.print(f"  {safe_line(t('member.fact', lang, fact=fact_id, value=shown))}")
    for message in scenario.messages:
        if gate.id not in message.gates:
            continue
        progress = state.messages.get(message.id)
        for rendered in progress.rendered.values() if progress else ():
            console.print(f"  [accent]{safe(message.id)} {safe(rendered.channel)}[/]:")
            console.print(safe(rendered.text or ""), soft_wrap=True)


def print_tasks(
    found: Sequence[TaskView], playbook: Playbook, state: IncidentState, now: datetime, lang: str
) -> None:
    """The incident's work by owner, in the reader's language and the organisation's time
    (with the day when the work spans several), the zone said once in the title."""
    from crisisplay.console import print_table
    from crisisplay.localtime import LocalTimes
    from crisisplay.texts import t

    org = playbook.organisation
    times = LocalTimes.spanning(org.timezone, lang, [now, *(v.due for v in found)])
    names = {p.id: p.name for p in org.people}
    rows = [
        (view.id, view.title, names.get(view.owner or "", view.owner) or view.owner_role,
         t(f"tasks.state.{view.state}", lang),
         times.clock(view.due) if view.due else "-", ", ".join(view.waits_on))
        for view in found
    ]  # fmt: skip
    headers = tuple(t(f"tasks.column.{c}", lang).split("|")[0] for c in _COLUMNS)
    title = t("tasks.title", lang, incident=state.incident or "", zone=times.zone_label)
    print_table(safe(title), headers, rows)


_COLUMNS = ("task", "title", "owner", "state", "due", "waits")


def _status_word(status: str, lang: str) -> str:
    return catalogue(lang).get(f"member.gate_status.{status}", status)
