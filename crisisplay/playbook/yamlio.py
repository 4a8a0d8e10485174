"""Reading YAML safely, keeping where every value came from.

PyYAML's safe composer builds the node tree (with libyaml when available); this module turns it
into plain Python values itself so that it can:

- remember the line and column of every value and key, keyed by its path in the document;
- reject duplicate keys (PyYAML silently keeps the last one);
- stop alias bombs ("billion laughs") and recursive anchors with a cap on expanded nodes and depth;
- resolve plain scalars by the YAML 1.2 core schema, as editors do: ``no``, ``on`` and ``14:30``
  stay strings instead of becoming ``False`` and ``870``;
- refuse every tag but the standard scalar ones (no Python objects, ever).
"""

from __future__ import annotations

import functools
import math
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal, cast

from crisisplay.errors import InputError, Location, PathPart, Problem
from crisisplay.infile import open_regular

if TYPE_CHECKING:  # PyYAML itself is imported only when a file is parsed (not on a cache hit)
    import yaml

MAX_FILE_BYTES = 1_000_000
MAX_NODES = 200_000
MAX_DEPTH = 64


_NULL = re.compile(r"^(?:~|null|Null|NULL|)$")
_BOOL = re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$")
_INT = re.compile(r"^[-+]?(?:[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+)$")
_FLOAT = re.compile(
    r"^(?:[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?"
    r"|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$"
)
_SCALAR_TAGS = {
    "tag:yaml.org,2002:str",
    "tag:yaml.org,2002:int",
    "tag:yaml.org,2002:float",
    "tag:yaml.org,2002:bool",
    "tag:yaml.org,2002:null",
    "tag:yaml.org,2002:timestamp",
    "tag:yaml.org,2002:binary",
}
_MERGE_TAG = "tag:yaml.org,2002:merge"
_STR_TAG = "tag:yaml.org,2002:str"
_TAG_NAMES = {"int": "a whole number", "float": "a number", "bool": "true or false", "null": "null"}
#: Python refuses to read integers past 4,300 digits; no playbook value comes near 100.
MAX_NUMBER_DIGITS = 100

Path_ = tuple[PathPart, ...]


@dataclass(frozen=True)
class Document:
    """One YAML file as plain data plus the position of every value (and of every key)."""

    file: str
    data: Any
    values: dict[Path_, tuple[int, int]] = field(default_factory=dict)
    keys: dict[Path_, tuple[int, int]] = field(default_factory=dict)
    #: SHA-256 of the file's bytes (when read from a file): what the checks were run on
    digest: str = ""

    def location(self, path: Path_, *, key: bool = False) -> Location:
        """Where the value at ``path`` (or its key) is; falls back to the nearest parent."""
        table = self.keys if key and path in self.keys else self.values
        probe = path
        while probe not in table and probe:
            probe = probe[:-1]
            table = self.values
        line, column = table.get(probe, (0, 0))
        return Location(self.file, line + 1, column + 1)

    def problem(
        self,
        path: Path_,
        message: str,
        *,
        key: bool = False,
        level: Literal["error", "warning"] = "error",
    ) -> Problem:
        return Problem(message, self.location(path, key=key), path, level)


class _YamlProblem(Exception):
    def __init__(self, message: str, node: yaml.Node | None, path: Path_) -> None:
        super().__init__(message)
        self.message = message
        self.mark = node.start_mark if node is not None else None
        self.path = path


def load_yaml(
    path: Path, *, display: str | None = None, max_bytes: int = MAX_FILE_BYTES
) -> Document:
    """Read one YAML document from ``path``; raise ``InputError`` naming file:line:column."""
    name = display or str(path)
    return parse_yaml(read_capped(path, name, max_bytes), name)


def read_capped(path: Path, name: str, max_bytes: int = MAX_FILE_BYTES) -> bytes:
    """The bytes of a playbook file, refused past the size cap."""
    try:
        with open_regular(path) as stream:
            raw = stream.read(max_bytes + 1)
    except OSError as exc:
        raise InputError(f"cannot read {name}: {exc.strerror or exc}") from exc
    if len(raw) > max_bytes:
        raise InputError(
            f"file is larger than the {max_bytes:,}-byte cap for a playbook file",
            location=Location(name),
        )
    return raw


def parse_yaml(raw: bytes | str, name: str, *, digest: str = "") -> Document:
    """Parse YAML text (bytes must be UTF-8) into a ``Document``."""
    text = _decode(raw, name) if isinstance(raw, bytes) else raw
    import yaml  # noqa: PLC0415

    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml when installed
    try:
        nodes = list(yaml.compose_all(text, Loader=loader))
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        where = Location(name, mark.line + 1, mark.column + 1) if mark else Location(name)
        raise InputError(f"not valid YAML: {exc.problem or exc.context}", location=where) from exc
    except yaml.YAMLError as exc:
        raise InputError(f"not valid YAML: {exc}", location=Location(name)) from exc
    if len(nodes) > 1:
        second = nodes[1].start_mark
        raise InputError(
            "a playbook file holds one YAML document; found a second one",
            location=Location(name, second.line + 1, second.column + 1),
        )
    doc = Document(name, None)
    if not nodes:
        return doc
    builder = _Builder(doc)
    try:
        data = builder.build(nodes[0], ())
    except _YamlProblem as exc:
        mark = exc.mark
        where = Location(name, mark.line + 1, mark.column + 1) if mark else Location(name)
        raise InputError(exc.message, location=where, path=exc.path) from None
    return Document(name, data, doc.values, doc.keys, digest)


def _decode(raw: bytes, name: str) -> str:
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        column = exc.start - (raw.rfind(b"\n", 0, exc.start) + 1) + 1
        raise InputError("file is not UTF-8 text", location=Location(name, line, column)) from None
    return text.removeprefix("\ufeff")


class _Builder:
    def __init__(self, doc: Document) -> None:
        self.doc = doc
        self.count = 0

    def build(self, node: yaml.Node, path: Path_) -> Any:
        self.count += 1
        if self.count > MAX_NODES:
            raise _YamlProblem(
                f"document expands to more than {MAX_NODES:,} values "
                "(an alias bomb, or a file far larger than a playbook)",
                node,
                path,
            )
        if len(path) > MAX_DEPTH:
            raise _YamlProblem(
                f"values nested deeper than {MAX_DEPTH} levels (a recursive alias?)",
                node,
                path[:4],
            )
        self.doc.values.setdefault(path, (node.start_mark.line, node.start_mark.column))
        kind = _kind(node)
        if kind == "mapping":
            _expect_tag(node, "tag:yaml.org,2002:map", path)
            return self._mapping(cast("yaml.MappingNode", node), path)
        if kind == "sequence":
            _expect_tag(node, "tag:yaml.org,2002:seq", path)
            return [self.build(child, (*path, i)) for i, child in enumerate(node.value)]
        return _scalar(node, path)

    def _mapping(self, node: yaml.MappingNode, path: Path_) -> dict[str, Any]:
        out: dict[str, Any] = {}
        first_seen: dict[str, int] = {}
        for key_node, value_node in node.value:
            if key_node.tag == _MERGE_TAG:
                raise _YamlProblem(
                    "merge keys (<<) are not supported: write the keys out, or put an anchor "
                    "on the whole value",
                    key_node,
                    path,
                )
            key = _scalar(key_node, path) if _kind(key_node) == "scalar" else None
            if isinstance(key, bool | int | float):
                key = key_node.value
            if not isinstance(key, str):
                raise _YamlProblem("keys must be plain text", key_node, path)
            if key in first_seen:
                raise _YamlProblem(
                    f"duplicate key {key!r} (first at line {first_seen[key]})", key_node, path
                )
            first_seen[key] = key_node.start_mark.line + 1
            child = (*path, key)
            self.doc.keys.setdefault(child, (key_node.start_mark.line, key_node.start_mark.column))
            out[key] = self.build(value_node, child)
        return out


def _kind(node: yaml.Node) -> str:
    """``mapping``, ``sequence`` or ``scalar`` (PyYAML's node ids: no import needed)."""
    return str(getattr(node, "id", ""))


def _expect_tag(node: yaml.Node, tag: str, path: Path_) -> None:
    if node.tag != tag:
        raise _YamlProblem(f"unsupported YAML tag {node.tag}", node, path)


def _scalar(node: yaml.Node, path: Path_) -> Any:
    value: str = node.value
    if node.tag not in _SCALAR_TAGS:
        raise _YamlProblem(f"unsupported YAML tag {node.tag}", node, path)
    if len(value) > MAX_NUMBER_DIGITS and _INT.match(value):
        raise _YamlProblem(
            f"a number of {len(value):,} digits: more than the {MAX_NUMBER_DIGITS} a value "
            "may have (quote it to keep it as text)",
            node,
            path,
        )
    plain = getattr(node, "style", None) in (None, "")
    if node.tag != _implicit_tag(value, plain=plain):
        return _tagged(node, path)
    return _core_schema(value) if plain else value


def _implicit_tag(value: str, *, plain: bool) -> str:
    """The tag PyYAML gives a scalar written without one: anything else was written out."""
    if not plain:
        return _STR_TAG
    import yaml  # noqa: PLC0415

    return str(_resolver().resolve(yaml.ScalarNode, value, (True, False)))  # type: ignore[no-untyped-call]


@functools.cache
def _resolver() -> yaml.resolver.Resolver:
    import yaml  # noqa: PLC0415

    return yaml.resolver.Resolver()


def _tagged(node: yaml.Node, path: Path_) -> Any:
    """A scalar with an explicit tag (``!!int 12``): the value must be what the tag says."""
    value: str = node.value
    name = str(node.tag).rsplit(":", 1)[-1]
    if name == "str":
        return value
    checks = {"int": _INT, "float": _FLOAT, "bool": _BOOL, "null": _NULL}
    pattern = checks.get(name)
    if pattern is None:
        raise _YamlProblem(
            f"the !!{name} tag is not supported: write the value as text", node, path
        )
    resolved = _core_schema(value)
    if name == "float" and _INT.match(value):
        return float(resolved)
    if not pattern.match(value):
        raise _YamlProblem(
            f"{value!r} is not {_TAG_NAMES[name]}, as its !!{name} tag says", node, path
        )
    return resolved


def _core_schema(value: str) -> Any:
    """Resolve a plain scalar by the YAML 1.2 core schema."""
    if _NULL.match(value):
        return None
    if _BOOL.match(value):
        return value.lower() == "true"
    if _INT.match(value):
        return int(value, 0) if value.lstrip("+-")[:2] in ("0o", "0x") else int(value)
    if _FLOAT.match(value):
        lowered = value.lower()
        if lowered.endswith(".inf"):
            return -math.inf if lowered.startswith("-") else math.inf
        return math.nan if lowered == ".nan" else float(value)
    return value


def walk(data: Any, path: Path_ = ()) -> Iterator[tuple[Path_, Any]]:
    """Every (path, value) of a plain-data tree, parents before children."""
    yield path, data
    if isinstance(data, dict):
        for key, value in data.items():
            yield from walk(value, (*path, key))
    elif isinstance(data, list):
        for index, value in enumerate(data):
            yield from walk(value, (*path, index))
