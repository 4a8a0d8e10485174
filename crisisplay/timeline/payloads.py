"""How an event's payload is declared, checked, read and written: one place for every kind.

Each kind of event is a frozen dataclass registered with :func:`kind`; its fields are the payload's
keys, typed. Reading a payload checks every key against its declared type (a malformed payload
is a :class:`PayloadError`, never a half-read value); writing one leaves out the optional keys
that hold their default, so a line holds what was said and nothing else. The vocabulary itself
is in ``crisisplay.timeline.vocabulary``; ``docs/events.md`` is generated from it.
"""

from __future__ import annotations

import dataclasses
import sys
import types
import typing
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any, ClassVar, Literal, TypeVar

from crisisplay.timeline.events import format_time, parse_time

#: the payload key that carries a kind's schema version when it is above 1
SCHEMA_KEY = "schema"


class PayloadError(Exception):
    """A payload that does not match its kind's declaration."""


#: a payload field holding a time: ISO 8601 UTC on the line, an aware datetime in memory
Moment = typing.Annotated[datetime, "moment"]


#: any JSON value (a fact's value, a drill plan); checked to be JSON when written
JSON = typing.Annotated[Any, "json"]


class Payload:
    """The base of every event kind. ``KIND`` names it on the line; ``SCHEMA`` is bumped when a
    change to its fields would make an older crisisplay misread it."""

    __slots__ = ()
    KIND: ClassVar[str]
    SCHEMA: ClassVar[int] = 1

    def to_json(self) -> dict[str, Any]:
        return _spec(type(self)).encode(self)


@dataclass(frozen=True, slots=True)
class FieldSpec:
    name: str
    required: bool
    default: Any
    read: Callable[[Any], Any]
    write: Callable[[Any], Any]
    shape: str
    doc: str
    #: the exact Python type a plain value must have (str, int, bool...), else None
    plain: Any = None
    optional: bool = False
    #: the declared type (for the docs and the tests' generators)
    tp: Any = None


class KindSpec:
    """A kind's fields, and its reader: a function generated once per kind, because the fold
    reads every payload of every timeline (a loop over field descriptions costs three times
    as much). Anything the fast reader does not accept goes to :meth:`explain`, which raises
    the precise error."""

    __slots__ = ("cls", "decode", "fields", "keys")

    def __init__(self, cls: type[Any], fields: tuple[FieldSpec, ...]) -> None:
        self.cls = cls
        self.fields = fields
        self.keys = frozenset(f.name for f in fields)
        self.decode: Callable[[Mapping[str, Any]], Any] = _generate_reader(self)

    def explain(self, data: Mapping[str, Any]) -> Any:
        """Read ``data`` field by field, raising PayloadError at the first wrong one."""
        if not data.keys() <= self.keys | {SCHEMA_KEY}:
            unknown = sorted(data.keys() - self.keys - {SCHEMA_KEY})
            raise PayloadError(f"unknown key(s) {', '.join(map(repr, unknown))}")
        schema = data.get(SCHEMA_KEY, 1)
        if type(schema) is not int or not 1 <= schema <= self.cls.SCHEMA:
            raise PayloadError(
                f"schema {schema!r} is not one this crisisplay reads (1 to {self.cls.SCHEMA})"
            )
        values = []
        for field in self.fields:
            if field.name in data:
                try:
                    values.append(field.read(data[field.name]))
                except PayloadError as exc:
                    raise PayloadError(f"{field.name}: {exc}") from None
            elif field.required:
                raise PayloadError(f"missing key {field.name!r}")
            else:
                values.append(field.default)
        return self.cls(*values)

    def encode(self, payload: Any) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for field in self.fields:
            value = getattr(payload, field.name)
            # Left out only when it says nothing: an absent optional value, an empty list, a
            # flag that is not raised. Everything else is written, defaults included.
            if field.required or field.default or value != field.default:
                out[field.name] = field.write(value)
        if self.cls.SCHEMA > 1:
            out[SCHEMA_KEY] = self.cls.SCHEMA
        return out


_MISSING = object()


def _generate_reader(spec: KindSpec) -> Callable[[Mapping[str, Any]], Any]:
    env: dict[str, Any] = {
        "_keys": spec.keys,
        "_explain": spec.explain,
        "_new": object.__new__,
        "_cls": spec.cls,
        "_MISSING": _MISSING,
        "PayloadError": PayloadError,
    }
    lines = [
        "def read(data):",
        "    if not data.keys() <= _keys:",
        "        return _explain(data)",
        "    get = data.get",
    ]
    for i, field in enumerate(spec.fields):
        env[f"_d{i}"] = field.default
        env[f"_r{i}"] = field.read
        env[f"_s{i}"] = spec.cls.__dict__[field.name].__set__
        lines.append(f"    v{i} = get({field.name!r}, _MISSING)")
        if field.required:
            lines += [f"    if v{i} is _MISSING:", "        return _explain(data)"]
            body = "    "
        else:
            lines += [f"    if v{i} is _MISSING:", f"        v{i} = _d{i}", "    else:"]
            body = "        "
        if field.plain is not None:
            env[f"_t{i}"] = field.plain
            test = f"type(v{i}) is not _t{i}"
            if field.optional:
                test = f"v{i} is not None and {test}"
            lines += [f"{body}if {test}:", f"{body}    return _explain(data)"]
        elif field.read is not _same:
            lines += [
                f"{body}try:",
                f"{body}    v{i} = _r{i}(v{i})",
                f"{body}except PayloadError:",
                f"{body}    return _explain(data)",
            ]
        else:
            lines.append(f"{body}pass")
    lines.append("    obj = _new(_cls)")
    lines += [f"    _s{i}(obj, v{i})" for i in range(len(spec.fields))]
    lines.append("    return obj")
    exec("\n".join(lines), env)  # noqa: S102 - the source is built above from field names
    reader: Callable[[Mapping[str, Any]], Any] = env["read"]
    return reader


REGISTRY: dict[str, KindSpec] = {}
P = TypeVar("P", bound=type[Payload])


def kind(name: str) -> Callable[[P], P]:
    """Register a payload class as the kind ``name`` (``noun.verb``, as on the line)."""

    def register(cls: P) -> P:
        if name in REGISTRY:
            raise RuntimeError(f"two payload classes for {name}")
        cls.KIND = name
        REGISTRY[name] = _build_spec(cls)
        return cls

    return register


def _spec(cls: type[Payload]) -> KindSpec:
    return REGISTRY[cls.KIND]


def doc(text: str, **kwargs: Any) -> Any:
    """A payload field with its documentation (docs/events.md)."""
    return dataclasses.field(metadata={"doc": text}, **kwargs)


# ---------------------------------------------------------------- field readers


def _build_spec(cls: type[Payload]) -> KindSpec:
    hints = typing.get_type_hints(cls, include_extras=True)
    fields = []
    for f in dataclasses.fields(cls):  # type: ignore[arg-type]
        required = f.default is dataclasses.MISSING and f.default_factory is dataclasses.MISSING
        default = None
        if f.default is not dataclasses.MISSING:
            default = f.default
        elif f.default_factory is not dataclasses.MISSING:
            default = f.default_factory()
        tp = hints[f.name]
        read, write, shape = _codec(tp)
        plain, optional = _plain(tp)
        fields.append(
            FieldSpec(
                f.name,
                required,
                default,
                read,
                write,
                shape,
                f.metadata["doc"],
                plain,
                optional,
                tp,
            )
        )
    return KindSpec(cls, tuple(fields))


def _plain(tp: Any) -> tuple[Any, bool]:
    """The exact type a value of ``tp`` must have when one type test is all it takes."""
    if tp in (str, int, bool):
        return tp, False
    if typing.get_origin(tp) in (typing.Union, types.UnionType):
        args = [a for a in typing.get_args(tp) if a is not type(None)]
        if len(args) == 1 and args[0] in (str, int, bool):
            return args[0], True
    return None, False


Codec = tuple[Callable[[Any], Any], Callable[[Any], Any], str]


def _same(value: Any) -> Any:
    return value


def _codec(tp: Any) -> Codec:
    origin = typing.get_origin(tp)
    if tp == JSON:
        return _same, _same, "any JSON value"
    if origin in (typing.Union, types.UnionType):
        args = [a for a in typing.get_args(tp) if a is not type(None)]
        read, write, shape = _codec(args[0])
        return _optional(read), _optional(write), f"{shape} or null"
    if origin is Literal:
        allowed = typing.get_args(tp)
        return _one_of(allowed), _same, "one of " + ", ".join(f"`{a}`" for a in allowed)
    if origin is tuple:
        read, write, shape = _codec(typing.get_args(tp)[0])
        return _list_of(read), _tuple_writer(write), f"list of {shape}"
    if origin in (dict, Mapping):
        return _text_map, dict, "object of text"
    if tp == Moment:
        return _moment, format_time, "time (ISO 8601 UTC)"
    if isinstance(tp, type) and issubclass(tp, Record):
        return _record_reader(tp), tp.write, f"{{{', '.join(tp.keys())}}}"
    simple = _SIMPLE.get(tp)
    if simple is None:
        raise TypeError(f"no payload codec for {tp!r}")
    return simple


def _optional(inner: Callable[[Any], Any]) -> Callable[[Any], Any]:
    def read(value: Any) -> Any:
        return None if value is None else inner(value)

    return read


def _one_of(allowed: tuple[Any, ...]) -> Callable[[Any], Any]:
    def read(value: Any) -> Any:
        if value not in allowed or type(value) is not str:
            raise PayloadError(f"{value!r} is not one of {', '.join(map(str, allowed))}")
        return value

    return read


def _list_of(inner: Callable[[Any], Any]) -> Callable[[Any], Any]:
    def read(value: Any) -> Any:
        if type(value) is not list:
            raise PayloadError(f"{_shape(value)} where a list was expected")
        return tuple([inner(item) for item in value])

    def read_texts(value: Any) -> Any:  # the usual list (channels, facts): one type test each
        if type(value) is not list:
            raise PayloadError(f"{_shape(value)} where a list was expected")
        for item in value:
            if type(item) is not str:
                inner(item)
        return tuple(map(shared, value))

    return read_texts if inner is _TEXT else read


def _tuple_writer(inner: Callable[[Any], Any]) -> Callable[[Any], Any]:
    def write(value: Any) -> Any:
        return [inner(item) for item in value]

    return write


def _text_map(value: Any) -> Any:
    if type(value) is not dict or not all(type(v) is str for v in value.values()):
        raise PayloadError(f"{_shape(value)} where an object of texts was expected")
    return value


def _moment(value: Any) -> Any:
    if type(value) is not str:
        raise PayloadError(f"{_shape(value)} where a time was expected")
    try:
        return parse_time(value)
    except ValueError as exc:
        raise PayloadError(str(exc)) from None


def _typed(expected: type, label: str) -> Callable[[Any], Any]:
    def read(value: Any) -> Any:
        if type(value) is not expected:
            raise PayloadError(f"{_shape(value)} where {label} was expected")
        return value

    return read


def _number(value: Any) -> Any:
    if type(value) not in (int, float):
        raise PayloadError(f"{_shape(value)} where a number was expected")
    return value


def _shape(value: Any) -> str:
    names = {str: "text", bool: "true/false", int: "a number", float: "a number"}
    if value is None:
        return "null"
    if isinstance(value, (list, dict)):
        return "a list" if isinstance(value, list) else "an object"
    return f"{names.get(type(value), type(value).__name__)} {value!r}"


def shared(text: str) -> str:
    """One copy of a short text however many events repeat it (an id, a channel, a comment):
    a long incident's state then holds each once."""
    return _intern(text) if len(text) <= _SHARED_LENGTH else text


_SHARED_LENGTH = 40
_intern = sys.intern


def _text(value: Any) -> Any:
    if type(value) is not str:
        raise PayloadError(f"{_shape(value)} where text was expected")
    return _intern(value) if len(value) <= _SHARED_LENGTH else value


_TEXT = _text
_SIMPLE: dict[Any, Codec] = {
    str: (_TEXT, _same, "text"),
    int: (_typed(int, "a whole number"), _same, "whole number"),
    float: (_number, _same, "number"),
    bool: (_typed(bool, "true/false"), _same, "true/false"),
}


class Record:
    """A small typed object inside a payload (one channel's published text)."""

    __slots__ = ()
    SCHEMA: ClassVar[int] = 1

    @classmethod
    def keys(cls) -> tuple[str, ...]:
        return tuple(f.name for f in dataclasses.fields(cls))  # type: ignore[arg-type]

    @staticmethod
    def write(value: Any) -> Any:
        return record_spec(type(value)).encode(value)


_RECORDS: dict[type, KindSpec] = {}


def _record_reader(cls: type) -> Callable[[Any], Any]:
    decode = record_spec(cls).decode

    def read(value: Any) -> Any:
        if type(value) is not dict:
            raise PayloadError(f"{_shape(value)} where an object was expected")
        try:
            return decode(value)
        except PayloadError as exc:
            raise PayloadError(f"{cls.__name__}: {exc}") from None

    return read


def record_spec(cls: type) -> KindSpec:
    found = _RECORDS.get(cls)
    if found is None:
        found = _RECORDS[cls] = _build_spec(cls)
    return found
