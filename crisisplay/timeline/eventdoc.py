"""``docs/events.md``, generated from the vocabulary: ``python -m crisisplay.timeline.eventdoc``.

A test keeps the file equal to what this prints, so the documentation cannot drift from the
classes the engine records.
"""

from __future__ import annotations

import inspect
import sys

from crisisplay.timeline import vocabulary
from crisisplay.timeline.payloads import REGISTRY, FieldSpec, record_spec

_INTRO = """\
# The timeline's events

Every line of a timeline is one event: `v` (the line format, 1), `seq`, `time` (UTC, with
milliseconds), `incident`, `kind`, `actor`, `role`, `payload`, `prev` and `hash` (see the README,
"The timeline"). An act recorded with a signing key adds `by` (the signer) to each of its
events and `sig` to its last: `ed25519:<public key>:<signature>`, both base64, the signature of
the event's canonical line without `hash` and `sig` (README, "Who signed"). This page lists
every `kind` and the keys of its `payload`. It is generated from
`crisisplay/timeline/vocabulary/` by `python -m crisisplay.timeline.eventdoc`; a test fails
when the two differ.

A key marked *optional* may be absent: it then holds its default (nothing, an empty list, `false`).
A payload with a key its kind does not declare, or a value of the wrong type, is refused when
the timeline is read, with the file and the seq. Every kind is at schema 1; a kind changed in a
way an older crisisplay would misread gets a higher schema number, written in its payload as
`schema`. Timelines written by crisisplay 0.1 use the same kinds and read as they are.
"""


def _field_row(field: FieldSpec) -> str:
    need = "required" if field.required else "optional"
    if not field.required and field.default:
        default = str(field.default).lower() if field.default is True else field.default
        need += f" (default `{default}`)"
    return f"| `{field.name}` | {field.shape} | {need} | {field.doc} |"


def _section(kind: str) -> list[str]:
    spec = REGISTRY[kind]
    lines = [f"## `{kind}`", "", inspect.cleandoc(spec.cls.__doc__ or ""), ""]
    if spec.fields:
        lines += ["| key | value | | what it says |", "|---|---|---|---|"]
        lines += [_field_row(field) for field in spec.fields]
    else:
        lines.append("No payload keys.")
    return [*lines, ""]


def _records() -> list[str]:
    lines = ["## Inside payloads", ""]
    for cls in (vocabulary.ChannelText,):
        lines += [f"### {cls.__name__}", "", inspect.cleandoc(cls.__doc__ or ""), ""]
        lines += ["| key | value | | what it says |", "|---|---|---|---|"]
        lines += [_field_row(field) for field in record_spec(cls).fields]
        lines.append("")
    return lines


def events_markdown() -> str:
    lines = [_INTRO]
    for kind in REGISTRY:
        lines += _section(kind)
    lines += _records()
    return "\n".join(lines).rstrip("\n") + "\n"


if __name__ == "__main__":
    sys.stdout.write(events_markdown())
