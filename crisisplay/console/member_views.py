"""What a validator sees before deciding a gate: what it confirms, the facts with their
values, and the exact texts behind it."""

from __future__ import annotations

from datetime import datetime

from crisisplay.console import get_console, safe, safe_line
from crisisplay.playbook.load import Playbook
from crisisplay.timeline.state import IncidentState


def print_gate(playbook: Playbook, state: IncidentState, gate_id: str, now: datetime) -> None:
    from crisisplay.engine.member_ops import find_gate, who_may_decide

    scenario = playbook.scenario(state.scenario or "")
    org = playbook.organisation
    lang = state.lang or org.languages[0]
    gate = find_gate(scenario, gate_id)
    console = get_console()
    status = state.gates[gate.id].status if gate.id in state.gates else "pending"
    console.print(f"[warning]gate {safe(gate.id)}[/] {safe_line(gate.title.get_text(lang))} "
                  f"[muted]({safe(status)})[/]")  # fmt: skip
    console.print(f"  confirms: {safe_line(gate.confirms.get_text(lang))}", soft_wrap=True)
    people = ", ".join(who_may_decide(state, org, gate, now)) or "nobody (a gap)"
    console.print(f"  decided by: {safe_line(gate.validator)} - {safe_line(people)}")
    for fact_id in gate.facts:
        fact = state.facts.get(fact_id)
        shown = "not known yet" if fact and fact.unknown else repr(fact.value) if fact else "-"
        console.print(f"  fact {safe(fact_id)} = {safe_line(shown)}")
    for message in scenario.messages:
        if gate.id not in message.gates:
            continue
        progress = state.messages.get(message.id)
        for rendered in progress.rendered.values() if progress else ():
            console.print(f"  [accent]{safe(message.id)} {safe(rendered.channel)}[/]:")
            console.print(safe(rendered.text or ""), soft_wrap=True)
