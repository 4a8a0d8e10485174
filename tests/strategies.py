"""Hypothesis strategies shared by the tests that feed odd events to the fold and the report."""

from __future__ import annotations

from typing import Any

from hypothesis import strategies as st

from crisisplay.timeline import kinds

#: every kind of the timeline's vocabulary, and one from a future crisisplay
_VOCABULARY = (v for name, v in vars(kinds).items() if name.isupper() and isinstance(v, str))
EVENT_KINDS = [*sorted(_VOCABULARY), "some.future_kind"]

_VALUES = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-5, 5),
    st.text(max_size=6),
    st.just("2026-11-23T10:30:00.000Z"),
    st.just("2026-11-29T10:30:00.000Z"),
    st.lists(st.text(max_size=4), max_size=3),
    st.dictionaries(st.text(max_size=3), st.text(max_size=3), max_size=2),
)
_KEYS = [
    "at", "by", "fact", "value", "gate", "facts", "message", "kind", "channel", "channels",
    "due", "public", "next_update", "role", "person", "rule", "step", "phase", "level",
    "reason", "text", "action", "inject", "target", "comment", "declined", "gates_overridden",
    "detected", "source", "alert_at", "suggested",
]  # fmt: skip
#: payloads with the keys events use, holding values of any shape
PAYLOADS: st.SearchStrategy[dict[str, Any]] = st.dictionaries(
    st.sampled_from(_KEYS), _VALUES, max_size=6
)
