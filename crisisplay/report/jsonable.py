"""Turning the report's frozen dataclasses into JSON data, one rule for every field.

Times become ISO 8601 UTC strings (the timeline's own format), tuples become lists, nested
dataclasses become objects keyed by their field names: the JSON report's names are the Python
names, so the documentation of one is the documentation of the other.
"""

from __future__ import annotations

import dataclasses
from datetime import datetime
from typing import Any

from crisisplay.report.lazy import listed
from crisisplay.timeline.events import format_time


def jsonable(value: Any) -> Any:
    """Plain JSON data for ``value`` (dataclass, tuple, list, dict, time or scalar)."""
    kind = type(value)
    if kind in _SCALARS:
        return value
    names = _FIELDS.get(kind)
    if names is None and dataclasses.is_dataclass(value) and not isinstance(value, type):
        names = _FIELDS[kind] = tuple(f.name for f in dataclasses.fields(value))
    if names is not None:
        return {name: jsonable(getattr(value, name)) for name in names}
    if isinstance(value, datetime):
        return format_time(value)
    if isinstance(value, (tuple, list)):
        return listed(value, jsonable)
    if isinstance(value, dict):
        return {str(key): jsonable(item) for key, item in value.items()}
    return value


#: each report dataclass's field names, read once
_FIELDS: dict[type, tuple[str, ...]] = {}
_SCALARS = frozenset((str, int, float, bool, type(None)))


class AsJson:
    """Mixin: ``as_json()`` for a frozen dataclass."""

    def as_json(self) -> Any:
        return jsonable(self)
