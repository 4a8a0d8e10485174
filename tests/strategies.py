"""Hypothesis strategies shared by the tests that feed odd events to the fold and the report."""

from __future__ import annotations

import types
import typing
from dataclasses import fields
from typing import Any

from hypothesis import strategies as st

from crisisplay.timeline import vocabulary  # noqa: F401  (registers every kind)
from crisisplay.timeline.payloads import JSON, REGISTRY, Moment, Record

#: every kind of the timeline's vocabulary, and one from a future crisisplay
EVENT_KINDS = [*sorted(REGISTRY), "some.future_kind"]

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


def _value_of(tp: Any) -> st.SearchStrategy[Any]:
    """Values of a payload field's declared type, as they stand on a line."""
    origin = typing.get_origin(tp)
    if tp == JSON:
        return _VALUES
    if origin in (typing.Union, types.UnionType):
        inner = next(a for a in typing.get_args(tp) if a is not type(None))
        return st.one_of(st.none(), _value_of(inner))
    if origin is typing.Literal:
        return st.sampled_from(typing.get_args(tp))
    if origin is tuple:
        return st.lists(_value_of(typing.get_args(tp)[0]), max_size=3)
    if origin is dict:
        return st.dictionaries(st.sampled_from(["fr", "en"]), st.text(max_size=4), max_size=2)
    if tp == Moment:
        return st.sampled_from(["2026-11-23T10:30:00.000Z", "2026-11-29T10:30:00.000Z"])
    if isinstance(tp, type) and issubclass(tp, Record):
        hints = typing.get_type_hints(tp)
        return st.fixed_dictionaries({f.name: _value_of(hints[f.name]) for f in fields(tp)})
    simple: dict[Any, st.SearchStrategy[Any]] = {
        str: st.sampled_from(["holding", "scope", "x", "fr", "", "é"]),
        int: st.integers(0, 5),
        float: st.one_of(st.integers(0, 90), st.floats(0, 90)),
        bool: st.booleans(),
    }
    return simple[tp]


def well_formed(kind: str) -> st.SearchStrategy[dict[str, Any]]:
    """Payloads ``kind`` accepts: every required key, any of the optional ones."""
    spec = REGISTRY[kind]
    required = {f.name: _value_of(f.tp) for f in spec.fields if f.required}
    optional = {f.name: _value_of(f.tp) for f in spec.fields if not f.required}
    return st.fixed_dictionaries(required, optional=optional)


#: (kind, payload) pairs of the vocabulary, every payload well formed
WELL_FORMED: st.SearchStrategy[tuple[str, dict[str, Any]]] = st.sampled_from(
    sorted(REGISTRY)
).flatmap(lambda kind: st.tuples(st.just(kind), well_formed(kind)))
