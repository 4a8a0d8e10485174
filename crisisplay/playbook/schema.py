"""The JSON Schema of the playbook format, derived from the same types the loader builds.

Editors use it through the ``# yaml-language-server: $schema=...`` modeline of each file; a test
keeps the shipped schema files equal to this output and checks that schema and loader agree.
"""

from __future__ import annotations

import dataclasses
import types
from collections.abc import Mapping
from typing import Annotated, Any, Literal, Union, get_args, get_origin

from crisisplay.playbook.convert import required_fields, type_hints, yaml_key
from crisisplay.playbook.types import Described, Due, Duration, LocalText, Pattern

SCHEMA_DRAFT = "https://json-schema.org/draft/2020-12/schema"
SCHEMA_BASE = "https://crisisplay.example/schema/"


class _Builder:
    def __init__(self) -> None:
        self.defs: dict[str, Any] = {}

    def of(self, tp: Any) -> dict[str, Any]:
        origin = get_origin(tp)
        if origin is Annotated:
            return self._annotated(tp)
        if origin in (Union, types.UnionType):
            return self._union(tp)
        if origin is Literal:
            return {"enum": list(get_args(tp))}
        if origin is tuple:
            return {"type": "array", "items": self.of(get_args(tp)[0])}
        if origin in (Mapping, dict):
            key_type, value_type = get_args(tp)
            mapping: dict[str, Any] = {
                "type": "object",
                "additionalProperties": self.of(value_type),
            }
            key_schema = self.of(key_type)
            if "pattern" in key_schema:
                mapping["propertyNames"] = {"pattern": key_schema["pattern"]}
            return mapping
        if tp in (LocalText, Duration, Due):
            return self._ref(tp.schema_name, tp.json_schema)
        if dataclasses.is_dataclass(tp) and isinstance(tp, type):
            return self._ref(tp.__name__, lambda: self._object(tp))
        return _PLAIN.get(tp, {})

    def _ref(self, name: str, make: Any) -> dict[str, Any]:
        if name not in self.defs:
            self.defs[name] = {}  # placeholder: recursive types end here
            self.defs[name] = make()
        return {"$ref": f"#/$defs/{name}"}

    def _annotated(self, tp: Any) -> dict[str, Any]:
        base, *meta = get_args(tp)
        schema = dict(self.of(base))
        for marker in meta:
            if isinstance(marker, Pattern):
                schema["pattern"] = marker.regex
            elif isinstance(marker, Described):
                schema["description"] = marker.text
        return schema

    def _union(self, tp: Any) -> dict[str, Any]:
        options = [a for a in get_args(tp) if a is not type(None)]
        schemas = [self.of(a) for a in options]
        if len(options) < len(get_args(tp)):
            schemas.append({"type": "null"})
        return schemas[0] if len(schemas) == 1 else {"anyOf": schemas}

    def _object(self, cls: type) -> dict[str, Any]:
        hints = type_hints(cls)
        properties: dict[str, Any] = {}
        for f in dataclasses.fields(cls):
            prop = dict(self.of(hints[f.name]))
            if "doc" in f.metadata:
                prop["description"] = f.metadata["doc"]
            properties[yaml_key(f.name)] = prop
        schema: dict[str, Any] = {
            "type": "object",
            "properties": properties,
            "additionalProperties": False,
        }
        required = [yaml_key(name) for name in required_fields(cls)]
        if required:
            schema["required"] = required
        if cls.__doc__ and not cls.__doc__.startswith(cls.__name__ + "("):
            schema["description"] = " ".join(cls.__doc__.split())
        return schema


_PLAIN: dict[Any, dict[str, Any]] = {
    str: {"type": "string"},
    int: {"type": "integer"},
    float: {"type": "number"},
    bool: {"type": "boolean"},
}


def schema_of(kind: str, cls: type) -> dict[str, Any]:
    """The JSON Schema of one kind of file, whose format is the dataclass ``cls``."""
    builder = _Builder()
    root = builder.of(cls)
    return {
        "$schema": SCHEMA_DRAFT,
        "$id": f"{SCHEMA_BASE}{kind}.schema.json",
        "title": f"crisisplay {kind} file",
        **root,
        "$defs": builder.defs,
    }


def combined_schema_of(roots: Mapping[str, type]) -> dict[str, Any]:
    """One schema for any file of the kinds ``roots`` gives (kind -> its dataclass)."""
    builder = _Builder()
    branches = [builder.of(cls) for cls in roots.values()]
    return {
        "$schema": SCHEMA_DRAFT,
        "$id": f"{SCHEMA_BASE}crisisplay.schema.json",
        "title": "crisisplay playbook file",
        "oneOf": branches,
        "$defs": builder.defs,
    }
