"""What the shared store's append function checks in a line, taken from the Python declarations.

A line the server records is read by every laptop of the cell, and the table is append-only: a
line a reader refuses would make the incident unreadable for good. So ``crisisplay.append``
refuses what a reader refuses, and the rules it applies are not written a second time by hand:
they are generated here from :mod:`crisisplay.timeline.events` (the fields, the version, the
size cap, the time's form) and from the payload declarations of the vocabulary, and
``crisisplay store init`` writes them into the table ``crisisplay.rules``, which the SQL
functions of :mod:`crisisplay.timeline.pgschema` read.

A payload type is one of ``"text"``, ``"int"``, ``"number"``, ``"bool"``, ``"json"`` (any
value), ``"moment"`` (a time as events carry it), ``"textmap"`` (an object of texts), or an
object: ``{"optional": T}``, ``{"one_of": [...]}``, ``{"list": T}``, ``{"record": FIELDS}``;
``FIELDS`` is ``{"schema": N, "fields": [{"name", "required", "type"}]}``, as for a kind.
"""

from __future__ import annotations

import types
import typing
from collections.abc import Mapping
from typing import Any, Literal

from crisisplay.timeline import events
from crisisplay.timeline.payloads import JSON, REGISTRY, KindSpec, Moment, Record, record_spec

#: the rule of the line itself, in ``crisisplay.rules``
LINE_RULE = "line"
#: ``kind:<kind>``: the payload declaration of one kind
KIND_PREFIX = "kind:"
#: nesting a line may have: Python's reader gives up near its recursion limit (about 1,000)
MAX_DEPTH = 64
#: digits of an integer Python's JSON reader converts (its default limit since 3.11)
MAX_INT_DIGITS = 4300


def line_rule() -> dict[str, Any]:
    """What every line must be, whatever its kind."""
    return {
        "version": events.VERSION,
        "max_bytes": events.MAX_LINE_BYTES,
        "fields": sorted(events.FIELDS),
        "act_fields": sorted(events.ACT_FIELDS),
        "signed_fields": sorted(events.SIGNED_FIELDS),
        "time": sql_pattern(events.TIME_PATTERN),
        "kind": sql_pattern(events.KIND_PATTERN),
        "max_depth": MAX_DEPTH,
        "max_int_digits": MAX_INT_DIGITS,
    }


def kind_rules() -> dict[str, dict[str, Any]]:
    """The payload declaration of every kind of the vocabulary."""

    return {kind: _fields(spec) for kind, spec in REGISTRY.items()}


def rules() -> list[tuple[str, dict[str, Any]]]:
    """Every row of ``crisisplay.rules``: (name, rule)."""
    rows = [(LINE_RULE, line_rule())]
    rows += [(KIND_PREFIX + kind, rule) for kind, rule in sorted(kind_rules().items())]
    return rows


def _fields(spec: KindSpec) -> dict[str, Any]:
    return {
        "schema": spec.cls.SCHEMA,
        "fields": [
            {"name": f.name, "required": f.required, "type": type_rule(f.tp)} for f in spec.fields
        ],
    }


def type_rule(tp: Any) -> Any:
    """The rule of a declared field type; the same cases, in the same order, as the payload
    codec (:func:`crisisplay.timeline.payloads._codec`), which refuses any other type."""
    origin = typing.get_origin(tp)
    if tp == JSON:
        return "json"
    if origin in (typing.Union, types.UnionType):
        args = [a for a in typing.get_args(tp) if a is not type(None)]
        return {"optional": type_rule(args[0])}
    if origin is Literal:
        return {"one_of": list(typing.get_args(tp))}
    if origin is tuple:
        return {"list": type_rule(typing.get_args(tp)[0])}
    if origin in (dict, Mapping):
        return "textmap"
    if tp == Moment:
        return "moment"
    if isinstance(tp, type) and issubclass(tp, Record):
        return {"record": _fields(record_spec(tp))}
    simple = {str: "text", int: "int", float: "number", bool: "bool"}.get(tp)
    if simple is None:
        raise TypeError(f"no rule for the payload type {tp!r}")
    return simple


def sql_pattern(pattern: str) -> str:
    """A Python pattern (ASCII, matched from the start, ``\\Z`` at its end) as PostgreSQL's
    regular expressions write it: ``\\d`` is only 0 to 9, as with ``re.ASCII``."""
    if not pattern.endswith(r"\Z"):
        raise ValueError(f"the pattern {pattern!r} is not anchored at its end")
    return "^" + pattern[:-2].replace(r"\d", "[0-9]") + "$"
