"""Listening: mentions, calls and cancellations against their usual level.

Exports of the cell's listening tools are read (``exports``), kept beside the home's timelines,
one file per kind (``store``), summed per hour and set against the same hour of the same weekday
in past weeks (``levels``); the call centre's load is an Erlang A estimate (``erlang``). Nothing
here prints, reads the clock or touches the network: the CLI and ``signals watch`` do.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

T = TypeVar("T")

KINDS = ("mentions", "calls", "cancellations")
LEVELS = ("veille", "vigilance", "alerte", "crise")


def per_kind(settings: Mapping[Any, T], kind: str) -> T | None:
    """A setting of the organisation file's listening section for one kind of signal."""
    return settings.get(kind)


__all__ = ["KINDS", "LEVELS", "per_kind"]
