"""The cell's work: phases, steps, gates, the actions after the crisis, the log book."""

from __future__ import annotations

from dataclasses import dataclass

from crisisplay.timeline.payloads import JSON, Payload, doc, kind

# ---------------------------------------------------------------- steps and gates


@kind("phase.entered")
@dataclass(frozen=True, slots=True)
class PhaseEntered(Payload):
    """The walkthrough moved to a phase of the scenario."""

    phase: str = doc("The phase id.")


@kind("step.started")
@dataclass(frozen=True, slots=True)
class StepStarted(Payload):
    """The owner took a step on (its gates and messages follow)."""

    step: str = doc("The step id.")
    phase: str = doc("Its phase.")
    typed_by: str | None = doc(
        "Who typed the act for its actor (the lead recording a decision given by phone), when "
        "not the actor.",
        default=None,
    )


@kind("step.done")
@dataclass(frozen=True, slots=True)
class StepDone(Payload):
    """The owner finished a step."""

    step: str = doc("The step id.")
    phase: str = doc("Its phase.")
    checklist: tuple[str, ...] = doc("The checklist items ticked, as shown.", default=())
    typed_by: str | None = doc(
        "Who typed the act for its actor (the lead recording a decision given by phone), when "
        "not the actor.",
        default=None,
    )


@kind("task.checked")
@dataclass(frozen=True, slots=True)
class TaskChecked(Payload):
    """Checklist items ticked by the task's owner, one act at a time (`crisisplay do TASK
    --check ITEM`); the task stays open until its owner says it is done."""

    task: str = doc("The step or post-crisis action id.")
    items: tuple[str, ...] = doc("The items ticked, as shown.")
    post: bool = doc("A post-crisis action rather than a step.", default=False)
    typed_by: str | None = doc(
        "Who typed the act for its actor (the lead recording a decision given by phone), when "
        "not the actor.",
        default=None,
    )


@kind("step.skipped")
@dataclass(frozen=True, slots=True)
class StepSkipped(Payload):
    """A step the cell did not do, and why."""

    step: str = doc("The step id.")
    phase: str = doc("Its phase.")
    reason: str = doc("Why.")
    auto: bool = doc("Skipped by its condition (`when:`), not by a person.", default=False)
    gate: str | None = doc("The gate at which it was given up.", default=None)
    typed_by: str | None = doc(
        "Who typed the act for its actor (the lead recording a decision given by phone), when "
        "not the actor.",
        default=None,
    )


@kind("gate.passed")
@dataclass(frozen=True, slots=True)
class GatePassed(Payload):
    """The validator approved what the gate covers."""

    gate: str = doc("The gate id.")
    validator_role: str | None = doc("The role that validates it.", default=None)
    validator: str | None = doc("The person who decided.", default=None)
    name: str | None = doc("Their name.", default=None)
    comment: str | None = doc("What they said.", default=None)
    typed_by: str | None = doc(
        "Who typed the act for its actor (the lead recording a decision given by phone), when "
        "not the actor.",
        default=None,
    )


@kind("gate.refused")
@dataclass(frozen=True, slots=True)
class GateRefused(Payload):
    """The validator refused what the gate covers."""

    gate: str = doc("The gate id.")
    validator_role: str | None = doc("The role that validates it.", default=None)
    validator: str | None = doc("The person who decided.", default=None)
    name: str | None = doc("Their name.", default=None)
    comment: str | None = doc("Why.", default=None)
    typed_by: str | None = doc(
        "Who typed the act for its actor (the lead recording a decision given by phone), when "
        "not the actor.",
        default=None,
    )


@kind("gate.overridden")
@dataclass(frozen=True, slots=True)
class GateOverridden(Payload):
    """The lead went past a refused or pending gate (the actor is the lead)."""

    gate: str = doc("The gate id.")
    reason: str = doc("Why.")


# ---------------------------------------------------------------- after the crisis


@kind("post.started")
@dataclass(frozen=True, slots=True)
class PostStarted(Payload):
    """A post-crisis action taken on (compensation, recontact, the H+6 report...)."""

    action: str = doc("The action id.")
    kind: str | None = doc("Its kind.", default=None)
    phase: str | None = doc("Always `after`.", default=None)
    typed_by: str | None = doc(
        "Who typed the act for its actor (the lead recording a decision given by phone), when "
        "not the actor.",
        default=None,
    )


@kind("post.done")
@dataclass(frozen=True, slots=True)
class PostDone(Payload):
    """A post-crisis action done."""

    action: str = doc("The action id.")
    kind: str | None = doc("Its kind.", default=None)
    phase: str | None = doc("Always `after`.", default=None)
    checklist: tuple[str, ...] = doc("Items ticked.", default=())
    typed_by: str | None = doc(
        "Who typed the act for its actor (the lead recording a decision given by phone), when "
        "not the actor.",
        default=None,
    )


@kind("post.skipped")
@dataclass(frozen=True, slots=True)
class PostSkipped(Payload):
    """A post-crisis action not done, and why."""

    action: str = doc("The action id.")
    reason: str = doc("Why.")
    kind: str | None = doc("Its kind.", default=None)
    phase: str | None = doc("Always `after`.", default=None)
    auto: bool = doc("Skipped by its condition, not by a person.", default=False)
    typed_by: str | None = doc(
        "Who typed the act for its actor (the lead recording a decision given by phone), when "
        "not the actor.",
        default=None,
    )


# ---------------------------------------------------------------- the log book


@kind("decision.logged")
@dataclass(frozen=True, slots=True)
class DecisionLogged(Payload):
    """A decision written down by a member of the cell."""

    text: str = doc("The decision.")


@kind("note.added")
@dataclass(frozen=True, slots=True)
class NoteAdded(Payload):
    """A free note by a member of the cell."""

    text: str = doc("The note.")


@kind("walkthrough.paused")
@dataclass(frozen=True, slots=True)
class WalkthroughPaused(Payload):
    """Ctrl-C: the walkthrough stopped here; `crisisplay resume` goes on."""

    at: str = doc("Where it stopped (the question's group and id).")


@kind("walkthrough.completed")
@dataclass(frozen=True, slots=True)
class WalkthroughCompleted(Payload):
    """The walkthrough reached its end."""


@kind("board.taken_over")
@dataclass(frozen=True, slots=True)
class BoardTakenOver(Payload):
    """The lead's board of the incident was taken over from another terminal, which stops at
    its next act (`crisisplay resume --take-over`)."""

    previous: str = doc("Who held the board, as its lock said (actor, host, since when).")
    previous_actor: str | None = doc("The actor who held it.", default=None)


@kind("drill.inject")
@dataclass(frozen=True, slots=True)
class DrillInject(Payload):
    """A drill's scripted event reached the cell (written by crisisplay as exercise control)."""

    inject: str = doc("The inject id.")
    kind: str = doc("Its kind (alert, call, media...).")
    text: dict[str, str] = doc("What the cell is told, per language.")
    offset_min: float = doc("Minutes after activation it was planned for.")
    facts: JSON = doc("The facts it sets.", default=None)
    target: str | None = doc("The role it is addressed to.", default=None)


@kind("act.late")
@dataclass(frozen=True, slots=True)
class LateAct(Payload):
    """An act made while the shared store was out of reach, sent later, that no longer applied
    when it arrived (a gate decided meanwhile, the incident resolved): kept, not applied."""

    reason: str = doc("Why it no longer applied.")
    decided_at_seq: int | None = doc("The last seq its maker had seen.", default=None)
    events: JSON = doc("The events of the act, as they were made.", default=None)


@kind("timeline.repaired")
@dataclass(frozen=True, slots=True)
class TimelineRepaired(Payload):
    """Written by the store after moving a torn last line (a crash mid-write) aside."""

    bytes: int = doc("Size of the torn line.")
    sha256: str = doc("Its SHA-256.")
    broken: str = doc("The file it was moved to.")
    broken_offset: int = doc("Where it starts in that file.")
    offset: int = doc("Where the timeline was cut.")
