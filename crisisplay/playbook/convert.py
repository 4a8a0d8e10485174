"""Building the frozen playbook types from plain YAML data, collecting every problem at once.

Driven by the type hints of ``crisisplay.playbook.model``: the same hints produce the JSON
Schema (``crisisplay.playbook.schema``), so the loader and the schema agree by construction.
"""

from __future__ import annotations

import dataclasses
import types
import typing
from collections.abc import Mapping
from typing import Annotated, Any, Literal, TypeVar, Union, get_args, get_origin

from crisisplay.errors import PathPart, Problem
from crisisplay.playbook.types import Due, Duration, LocalText, Pattern
from crisisplay.playbook.yamlio import Document
from crisisplay.suggest import did_you_mean

T = TypeVar("T")
Path_ = tuple[PathPart, ...]


class _Invalid:
    """Marker for a value that could not be built (its problem is already recorded)."""

    def __repr__(self) -> str:
        return "<invalid>"


INVALID: Any = _Invalid()
_SPECIAL = (LocalText, Duration, Due)


_HINTS: dict[type, dict[str, Any]] = {}


def type_hints(cls: type) -> dict[str, Any]:
    """The resolved field types of a dataclass (cached: the format does not change at run time)."""
    if cls not in _HINTS:
        _HINTS[cls] = typing.get_type_hints(cls, include_extras=True)
    return _HINTS[cls]


def yaml_key(name: str) -> str:
    """The key a field is written under: a Python keyword's trailing underscore dropped
    (``from_`` is ``from:``)."""
    return name[:-1] if name.endswith("_") else name


def required_fields(cls: type) -> list[str]:
    return [
        f.name
        for f in dataclasses.fields(cls)
        if f.default is dataclasses.MISSING and f.default_factory is dataclasses.MISSING
    ]


def describe(tp: Any) -> str:
    """A short English name of a type, for messages: 'a list', 'a number'..."""
    origin = get_origin(tp)
    if origin is Annotated:
        return describe(get_args(tp)[0])
    if origin is tuple:
        return "a list"
    if origin in (Mapping, dict) or dataclasses.is_dataclass(tp):
        return "a mapping"
    if origin is Literal:
        return "one of " + ", ".join(repr(a) for a in get_args(tp))
    if origin in (Union, types.UnionType):
        return " or ".join(describe(a) for a in get_args(tp) if a is not type(None))
    names = {str: "a text", int: "a whole number", float: "a number", bool: "true or false"}
    return names.get(tp, getattr(tp, "__name__", str(tp)))


class Converter:
    """Builds typed values from one document, recording problems instead of stopping."""

    def __init__(self, doc: Document) -> None:
        self.doc = doc
        self.problems: list[Problem] = []

    def fail(self, path: Path_, message: str, *, key: bool = False) -> Any:
        self.problems.append(self.doc.problem(path, message, key=key))
        return INVALID

    def build(self, tp: Any, value: Any, path: Path_) -> Any:
        origin = get_origin(tp)
        if origin is Annotated:
            return self._annotated(tp, value, path)
        if origin in (Union, types.UnionType):
            return self._union(tp, value, path)
        if origin is Literal:
            return self._literal(tp, value, path)
        if origin is tuple:
            return self._tuple(tp, value, path)
        if origin in (Mapping, dict):
            return self._mapping(tp, value, path)
        if dataclasses.is_dataclass(tp) and isinstance(tp, type):
            return self._dataclass(tp, value, path)
        if tp in _SPECIAL:
            try:
                return tp.from_yaml(value)
            except ValueError as exc:
                return self.fail(path, str(exc))
        return self._plain(tp, value, path)

    def _annotated(self, tp: Any, value: Any, path: Path_) -> Any:
        base, *meta = get_args(tp)
        built = self.build(base, value, path)
        if built is INVALID:
            return built
        for marker in meta:
            if isinstance(marker, Pattern):
                try:
                    marker.check(built)
                except ValueError as exc:
                    return self.fail(path, str(exc))
        return built

    def _union(self, tp: Any, value: Any, path: Path_) -> Any:
        options = [a for a in get_args(tp) if a is not type(None)]
        if value is None and len(options) < len(get_args(tp)):
            return None
        for option in options:
            if _matches_shape(option, value):
                return self.build(option, value, path)
        return self.fail(path, f"expected {describe(tp)}, got {_shape(value)}")

    def _literal(self, tp: Any, value: Any, path: Path_) -> Any:
        allowed = get_args(tp)
        if value in allowed and not isinstance(value, bool):
            return value
        hint = did_you_mean(str(value), [str(a) for a in allowed])
        return self.fail(path, f"{value!r} is not one of {', '.join(map(str, allowed))}{hint}")

    def _tuple(self, tp: Any, value: Any, path: Path_) -> Any:
        if not isinstance(value, list):
            return self.fail(path, f"expected a list, got {_shape(value)}")
        item_type = get_args(tp)[0]
        items = [self.build(item_type, item, (*path, i)) for i, item in enumerate(value)]
        return INVALID if INVALID in items else tuple(items)

    def _mapping(self, tp: Any, value: Any, path: Path_) -> Any:
        if not isinstance(value, dict):
            return self.fail(path, f"expected a mapping, got {_shape(value)}")
        key_type, value_type = get_args(tp)
        out: dict[str, Any] = {}
        for key, item in value.items():
            if self.build(key_type, key, (*path, key)) is INVALID:
                continue
            out[key] = self.build(value_type, item, (*path, key))
        if INVALID in out.values() or len(out) < len(value):
            return INVALID
        return types.MappingProxyType(out)

    def _dataclass(self, cls: type[T], value: Any, path: Path_) -> T:
        if not isinstance(value, dict):
            return typing.cast(T, self.fail(path, f"expected a mapping, got {_shape(value)}"))
        hints = type_hints(cls)
        names = [f.name for f in dataclasses.fields(cls)]  # type: ignore[arg-type]
        keys = {yaml_key(name): name for name in names}
        ok = True
        for key in value:
            if key not in keys:
                known = list(keys)
                self.fail((*path, key), f"unknown key {key!r}{did_you_mean(key, known)}", key=True)
                ok = False
        for name in required_fields(cls):
            if yaml_key(name) not in value:
                self.fail(path, f"missing required key {yaml_key(name)!r}")
                ok = False
        kwargs = {
            name: self.build(hints[name], value[key], (*path, key))
            for key, name in keys.items()
            if key in value
        }
        if not ok or INVALID in kwargs.values():
            return typing.cast(T, INVALID)
        return cls(**kwargs)

    def _plain(self, tp: Any, value: Any, path: Path_) -> Any:
        if tp is Any:
            return value
        if tp is float and isinstance(value, int) and not isinstance(value, bool):
            return float(value)
        if tp in (int, float) and isinstance(value, bool):
            return self.fail(path, f"expected {describe(tp)}, got {_shape(value)}")
        if isinstance(value, tp):
            return value
        return self.fail(path, f"expected {describe(tp)}, got {_shape(value)}")


def _matches_shape(tp: Any, value: Any) -> bool:
    """Whether ``value`` has the YAML shape of ``tp`` (to pick a branch of a union)."""
    origin = get_origin(tp)
    if origin is Annotated:
        return _matches_shape(get_args(tp)[0], value)
    if dataclasses.is_dataclass(tp) or origin in (Mapping, dict):
        return isinstance(value, dict)
    if origin is tuple:
        return isinstance(value, list)
    if tp in _SPECIAL:
        return isinstance(value, str | int | dict) and not isinstance(value, bool)
    if origin is Literal:
        return value in get_args(tp)
    if tp is float:
        return isinstance(value, int | float) and not isinstance(value, bool)
    return isinstance(tp, type) and isinstance(value, tp)


def _shape(value: Any) -> str:
    if value is None:
        return "nothing"
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, int | float):
        return f"the number {value!r}"
    if isinstance(value, str):
        shown = value if len(value) <= 30 else value[:27] + "..."
        return f"the text {shown!r}"
    if isinstance(value, list):
        return "a list"
    return "a mapping"
