"""The vocabulary of the timeline: every kind of event and what its payload holds.

The state of an incident is a fold over these events (``crisisplay.timeline.state``); resume,
status, drill scoring and the after-action report all read them. Payload keys are listed beside
each kind; times inside payloads are ISO 8601 UTC like the event's own ``time``.
"""

from __future__ import annotations

from typing import Final

# The first event of every timeline.
# {scenario, title, lang, drill: bool, drill_id?: str, lead_role, first_message_target_min,
#  alert_at?: time of the first alert (ISO), home?: str,
#  drill_plan?: {drill: the drill as its file holds it, message_gates: {message: [gates]}}}
INCIDENT_ACTIVATED: Final = "incident.activated"

# {fact, value, previous?, source: "answer" | "default" | "inject" | "correction" | "set",
#  inject?: the drill inject that set it}
FACT_SET: Final = "fact.set"
# {facts: [ids], gate} - the facts a gate confirms (its `facts:`), as its validator passed it;
# changing one of them later re-opens that gate (the fold records it as "reopened")
FACTS_VALIDATED: Final = "fact.validated"

# {level, suggested, rule?: index, because?: text, overridden: bool, reason?: text}
SEVERITY_ASSESSED: Final = "severity.assessed"

# {role, person?, name?, via: "primary" | "backup" | "assigned", on_duty: bool}
ROLE_ASSIGNED: Final = "role.assigned"
# {role, reason, detected?: true}: nobody on duty for a required role. The roster check records
# it as soon as it sees it (detected); the lead's answer (why the cell goes on without the role)
# follows; a later role.assigned closes it.
ROLE_GAP: Final = "role.gap"

# {phase}
PHASE_ENTERED: Final = "phase.entered"
# {step, phase} - the owner took the step on (its gates and messages follow)
STEP_STARTED: Final = "step.started"
# {step, phase, checklist: [items ticked]}
STEP_DONE: Final = "step.done"
# {step, phase, reason}
STEP_SKIPPED: Final = "step.skipped"

# {gate, validator_role, validator?: person id, name?, comment?}
GATE_PASSED: Final = "gate.passed"
GATE_REFUSED: Final = "gate.refused"
# {gate, reason} - the lead went past a refused or pending gate; actor is the lead
GATE_OVERRIDDEN: Final = "gate.overridden"

# {message, kind, channel, lang, sha256, length, limit?, ok: bool, title_sha256?}
MESSAGE_RENDERED: Final = "message.rendered"
# {message, kind, channel, reason}: a channel left out by its condition (e.g. SMS is down)
CHANNEL_SKIPPED: Final = "message.channel_skipped"
# {message, kind, channels: [ids], lang, public: bool, gates_overridden: [gate ids]}
MESSAGE_PUBLISHED: Final = "message.published"

# {message, kind, reason}: the cell chose not to publish it
MESSAGE_SKIPPED: Final = "message.skipped"

# {promise: "next-update", due: ISO time, message}
PROMISE_MADE: Final = "promise.made"

# {rule, role, because}
ESCALATION_FIRED: Final = "escalation.fired"
# {rule, role, person?, name?, declined?: reason}
ESCALATION_DONE: Final = "escalation.done"

# {step?}
INCIDENT_RESOLVED: Final = "incident.resolved"
# {action, kind}
POST_ACTION_STARTED: Final = "post.started"
# {action, kind, checklist?: []}
POST_ACTION_DONE: Final = "post.done"
# {action, kind, reason}
POST_ACTION_SKIPPED: Final = "post.skipped"

# {text}
DECISION_LOGGED: Final = "decision.logged"
NOTE_ADDED: Final = "note.added"

# {at: where the walkthrough stopped} - Ctrl-C; `crisisplay resume` goes on from here
WALKTHROUGH_PAUSED: Final = "walkthrough.paused"
# {} - the walkthrough reached its end
WALKTHROUGH_COMPLETED: Final = "walkthrough.completed"

# Drills: {inject, kind, text: {lang: text}, facts: {id: value}, target?: role, offset_min}
DRILL_INJECT: Final = "drill.inject"

# Written by the store itself after moving a torn last line aside.
TIMELINE_REPAIRED: Final = "timeline.repaired"
