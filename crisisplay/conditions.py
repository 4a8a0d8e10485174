"""`when:` conditions: Jinja2 expressions compiled by the immutable sandbox.

A condition reads the scenario's facts by name, plus ``severity`` (the current level id) and
``drill`` (true during an exercise). No home-made parser: Jinja2 parses, the sandbox forbids
attribute walks and mutation, and StrictUndefined turns an unknown fact into "not decidable yet"
instead of a silent false.

A fact said to be not known yet (``unknown_ok``) has no value: a condition that means to decide
anyway asks ``share is not defined`` (or guards a comparison: ``share is defined and share >= 50``).
A name read in a ``defined`` test may be missing; every other name must have a value.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from jinja2 import StrictUndefined, TemplateSyntaxError, UndefinedError, nodes
from jinja2.exceptions import SecurityError
from jinja2.parser import Parser
from jinja2.sandbox import ImmutableSandboxedEnvironment

from crisisplay.suggest import did_you_mean

#: names every condition may use besides the facts
BUILTIN_NAMES = frozenset({"severity", "drill"})
MAX_LENGTH = 500
_PRESENCE_TESTS = frozenset({"defined", "undefined"})


@functools.cache
def _environment() -> ImmutableSandboxedEnvironment:
    env = ImmutableSandboxedEnvironment(undefined=StrictUndefined)
    # No globals at all: conditions compare facts, they do not call range(), lipsum() or cycler.
    env.globals.clear()
    return env


@dataclass(frozen=True)
class CompiledCondition:
    source: str
    names: frozenset[str]
    #: names the condition tests with ``is defined``: it decides even when they have no value
    tested: frozenset[str] = frozenset()

    def evaluate(self, variables: Mapping[str, Any]) -> bool | None:
        """True or false; ``None`` when a name it reads has no value yet (and is not tested)."""
        if not self.names - self.tested <= variables.keys():
            return None
        try:
            return bool(_compiled(self.source)(**variables))
        except (UndefinedError, TypeError, ZeroDivisionError, SecurityError):
            return None


def _parse(source: str) -> nodes.Expr:
    if len(source) > MAX_LENGTH:
        raise ValueError(f"condition longer than {MAX_LENGTH} characters")
    parser = Parser(_environment(), source, state="variable")
    try:
        expr = parser.parse_expression()
        if not parser.stream.eos:
            raise TemplateSyntaxError("unexpected text after the expression", 1)
    except TemplateSyntaxError as exc:
        raise ValueError(f"condition {source!r} does not parse: {exc.message}") from None
    return expr


@functools.cache
def _compiled(source: str) -> Any:
    return _environment().compile_expression(source, undefined_to_none=False)


@functools.cache
def compile_condition(source: str, declared: frozenset[str] | None = None) -> CompiledCondition:
    """Parse ``source``; with ``declared``, every name it reads must be declared or built in.

    Raises ``ValueError`` with a one-line reason (the caller adds file and line).
    """
    expr = _parse(source)
    # find_all walks the children only: a condition that is a bare fact name is its own node.
    found = [expr, *expr.find_all(nodes.Name)]
    names = frozenset(n.name for n in found if isinstance(n, nodes.Name) and n.ctx == "load")
    if declared is not None:
        unknown = sorted(names - declared - BUILTIN_NAMES)
        if unknown:
            raise ValueError(_unknown_message(unknown, declared | BUILTIN_NAMES))
    # Code generation waits for the first evaluation: checking a playbook only needs the parse.
    return CompiledCondition(source, names, _presence_tested(expr))


def _presence_tested(expr: nodes.Expr) -> frozenset[str]:
    tests = [t for t in (expr, *expr.find_all(nodes.Test)) if isinstance(t, nodes.Test)]
    return frozenset(
        t.node.name for t in tests if t.name in _PRESENCE_TESTS and isinstance(t.node, nodes.Name)
    )


def _unknown_message(unknown: list[str], known: Iterable[str]) -> str:

    first = unknown[0]
    listed = ", ".join(repr(n) for n in unknown)
    plural = "s" if len(unknown) > 1 else ""
    return f"condition uses undeclared fact{plural} {listed}{did_you_mean(first, known)}"


def known_values(values: Mapping[str, Any]) -> dict[str, Any]:
    """What conditions read of the facts: a fact with no value (not known yet) is absent."""
    return {name: value for name, value in values.items() if value is not None}


def holds(source: str | None, variables: Mapping[str, Any]) -> bool | None:
    """Evaluate an optional condition: no condition always holds."""
    if source is None:
        return True
    return compile_condition(source).evaluate(variables)
