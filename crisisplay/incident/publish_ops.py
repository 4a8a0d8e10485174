"""A message published from a CM's terminal: `crisisplay publish MESSAGE [--next-update HH:MM]`.

The same engine acts as the board's: the message is rendered with the facts and the promise in
force (a holding statement or an update promises the next one), shown, and published exactly as
rendered; the update task its promise opens is the CM's next one. While a gate before it waits,
the rendering is recorded (what its validator is shown) and the command says who decides the
gate; a holding statement or an update after the resolution is refused.
"""

from __future__ import annotations

from zoneinfo import ZoneInfo

from crisisplay.errors import UsageError
from crisisplay.incident.board import message_ops
from crisisplay.incident.board.actions import gate_pending, needs_render
from crisisplay.incident.board.acts import Superseded
from crisisplay.incident.board.walkthrough import Session, Walkthrough
from crisisplay.incident.tasks import Task, all_tasks
from crisisplay.playbook.model import Message
from crisisplay.playbook.yamlio import Document
from crisisplay.prompts import ScriptedPrompter
from crisisplay.timeline.state import IncidentState
from crisisplay.timeline.vocabulary import PROMISING

#: how many times the act is decided again when others keep recording first
_TRIES = 20


def find_message(session: Session, message_id: str) -> tuple[Message, Task]:
    """The message, and the task that carries it (whose gates come before it too)."""
    from crisisplay.messages.render import find_message as find

    scenario = session.scenario
    message = find(scenario, message_id)
    carrier = next((t for t in all_tasks(scenario) if message.id in t.messages), None)
    if carrier is None:
        raise UsageError(f"no task of {scenario.id!r} publishes {message.id!r}")
    return message, carrier


def publish(
    session: Session, state: IncidentState, message_id: str, next_update: str | None
) -> IncidentState:
    """Render and publish ``message_id`` now; returns the state after it (others' acts too)."""
    message, carrier = find_message(session, message_id)
    if message.kind in PROMISING and state.resolved_at is not None:
        raise UsageError(f"the incident is resolved: no {message.kind} goes out any more")
    if next_update is not None and message.kind not in PROMISING:
        raise UsageError(f"{message.id} does not promise the next update; it says the one in force")
    answer: dict[str, object] = {"decision": "publish"}
    if message.kind in PROMISING:
        default = session.clock.now() + session.org.update_interval
        answer["next_update"] = next_update or default.astimezone(_zone(session)).strftime("%H:%M")
    document = Document("--next-update", {"messages": {message.id: answer}})
    echo = session.prompter.show
    session.prompter = ScriptedPrompter(document, echo=echo)
    walk = Walkthrough(session, state)
    for _ in range(_TRIES):
        try:
            if needs_render(walk, message):
                # recorded: what the validators of its gates are shown
                message_ops.render(walk, message)
            waiting = [g for g in (*carrier.gates, *message.gates) if gate_pending(walk, g)]
            if waiting:
                raise UsageError(
                    _gate_hint(walk, waiting[0], message.id),
                    hint="its texts are recorded for the validator to see "
                    f"(crisisplay gate show {waiting[0]}); publish again once it passes",
                )
            message_ops.publish(walk, message, carrier)
            return walk.state
        except Superseded:
            continue  # someone recorded first: decided again on the state as it now stands
    raise UsageError("others kept recording first: try again")


def _gate_hint(walk: Walkthrough, gate_id: str, message_id: str) -> str:
    from crisisplay.incident.board.waiting import who

    gate = walk.scenario.gate(gate_id)
    assert gate is not None
    return f"{message_id} waits on the gate {gate_id}, decided by {who(walk, gate.validator)}"


def _zone(session: Session) -> ZoneInfo:
    return ZoneInfo(session.org.timezone)


__all__ = ["find_message", "publish"]
