"""The building blocks of the format's types: the annotated field types (ids, languages, times,
conditions) and ``doc``, a dataclass field with its documentation for the JSON Schema."""

from __future__ import annotations

from dataclasses import field
from typing import Annotated, Any, Literal

from crisisplay.playbook.types import (
    CLOCK_PATTERN,
    FACT_ID_PATTERN,
    ID_PATTERN,
    LANG_PATTERN,
    Described,
    Pattern,
)

Ident = Annotated[str, Pattern(ID_PATTERN, "id (lower-case words joined by hyphens)")]
FactId = Annotated[str, Pattern(FACT_ID_PATTERN, "fact id (lower-case, digits, underscores)")]
Lang = Annotated[str, Pattern(LANG_PATTERN, "language code (like fr or en)")]
ClockTime = Annotated[str, Pattern(CLOCK_PATTERN, "time of day (HH:MM, 24-hour)")]
Condition = Annotated[
    str,
    Described(
        "A condition, written as a Jinja2 expression over the scenario's facts, `severity` "
        'and `drill`: e.g. "\'sms\' in services_down" or "affected_share >= 50".'
    ),
]
JsonValue = Annotated[Any, Described("A value of the fact's type.")]
SigningKey = Annotated[str, Pattern(r"^ed25519:[A-Za-z0-9+/]{43}=$", "public key (ed25519:...)")]

FactType = Literal[
    "text",
    "number",
    "choice",
    "multi-choice",
    "time",
    "date",
    "datetime",
    "duration",
    "boolean",
]
# estimate-slip: an update saying the restoration estimate published before will not hold;
# rectification: a published fact (the cause) corrected; relapse: the service cut again after
# it was announced restored; banner: the one-line banner of the website and the app.
MessageKind = Literal[
    "holding", "update", "resolution", "compensation", "faq", "agent-script", "ivr",
    "internal-brief", "press-statement", "authority-notice", "breach-notice",
    "executive-statement", "reply", "moderation-charter", "relay-brief", "recontact", "survey",
    "report-frame", "estimate-slip", "rectification", "relapse", "banner", "partner-notice",
]  # fmt: skip
Audience = Literal["public", "customers", "internal", "press", "authority", "partner"]
PostActionKind = Literal[
    "compensation", "recontact", "survey", "report-h6", "report-d2", "review", "plan-update"
]
Weekday = Literal["mon", "tue", "wed", "thu", "fri", "sat", "sun"]
FindingLevel = Literal["error", "warning"]


# The classes below are frozen, compared by identity and without a generated repr: the format has
# some twenty classes, and each generated method costs start-up time on every command.


def doc(text: str, **kwargs: Any) -> Any:
    """A dataclass field with its documentation (shown in the JSON Schema)."""
    metadata = {"doc": text}
    return field(metadata=metadata, **kwargs)
