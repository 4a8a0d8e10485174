"""Caps that keep a template from hanging the CLI or filling memory.

A render gets a ``Budget`` (deadline, loop iterations); the sandbox hooks (every call, attribute
and item access, operator, loop step, output chunk and joined text) tick it. Sizes are checked
*before* anything big is built where the size is predictable (``"x" * n``, ``2 ** n``, joins)
and right after otherwise, so no value ever grows past twice the cap. The budget lives in a
context variable: one environment serves every render, each render has its own budget.
"""

from __future__ import annotations

import contextlib
import time
from collections.abc import Callable, Iterator
from contextvars import ContextVar
from dataclasses import dataclass, field

from jinja2.exceptions import SecurityError

MAX_OUTPUT = 100_000
MAX_SECONDS = 2.0
MAX_ITERATIONS = 10_000
MAX_INT_BITS = 4096
_MAX_DEPTH = 32


class TemplateLimitError(SecurityError):
    """A template went past a cap (time, loop iterations, size)."""


@dataclass(frozen=True)
class RenderLimits:
    max_seconds: float = MAX_SECONDS
    max_output: int = MAX_OUTPUT
    max_iterations: int = MAX_ITERATIONS
    #: the CPU time of the rendering thread: a template that loops forever spends it, while a
    #: render that waits for a busy machine's processor does not (tests pass a fake one)
    timer: Callable[[], float] = time.thread_time


@dataclass
class Budget:
    limits: RenderLimits
    deadline: float = field(init=False)
    iterations: int = 0

    def __post_init__(self) -> None:
        self.deadline = self.limits.timer() + self.limits.max_seconds

    def tick(self) -> None:
        if self.limits.timer() > self.deadline:
            raise TemplateLimitError(
                f"rendering took longer than {self.limits.max_seconds:g} s (endless loop?)"
            )

    def step(self) -> None:
        self.iterations += 1
        if self.iterations > self.limits.max_iterations:
            raise TemplateLimitError(
                f"more than {self.limits.max_iterations:,} loop iterations in one render"
            )
        self.tick()


_CURRENT: ContextVar[Budget | None] = ContextVar("crisisplay_render_budget", default=None)
_DEFAULT = RenderLimits()


@contextlib.contextmanager
def budget(limits: RenderLimits) -> Iterator[Budget]:
    """Run a render under ``limits``."""
    current = Budget(limits)
    token = _CURRENT.set(current)
    try:
        yield current
    finally:
        _CURRENT.reset(token)


def tick() -> None:
    """Check the deadline of the render in progress (a no-op at compile time)."""
    current = _CURRENT.get()
    if current is not None:
        current.tick()


def step() -> None:
    current = _CURRENT.get()
    if current is not None:
        current.step()


def max_size() -> int:
    current = _CURRENT.get()
    return (current.limits if current is not None else _DEFAULT).max_output


def too_big(what: str) -> TemplateLimitError:
    return TemplateLimitError(f"{what} would be larger than {max_size():,} characters")


def weight(value: object, cap: int | None = None, _depth: int = 0) -> int:
    """About how many characters ``value`` becomes as text, counting no further than ``cap``.

    Containers are walked (a list of 10,000 references to one long string is long as text);
    other objects count 1, and are never iterated (a generator stays unconsumed).
    """
    limit = max_size() if cap is None else cap
    if isinstance(value, str):
        return len(value)
    if isinstance(value, bool) or value is None:
        return 5
    if isinstance(value, int):
        return value.bit_length() // 3 + 1
    if isinstance(value, list | tuple | set | frozenset | dict):
        return _container_weight(value, limit, _depth)
    body = getattr(value, "_body_stream", None)  # an imported template module
    if isinstance(body, list):
        return sum(len(str(chunk)) for chunk in body)
    return 1


def _container_weight(
    value: list[object]
    | tuple[object, ...]
    | set[object]
    | frozenset[object]
    | dict[object, object],
    limit: int,
    depth: int,
) -> int:
    if depth > _MAX_DEPTH:
        return limit + 1
    items: list[object] = list(value.items()) if isinstance(value, dict) else list(value)
    total = 2
    for item in items:
        # +4: quotes and a separator per item when a container is shown as text.
        total += weight(item, limit, depth + 1) + 4
        if total > limit:
            break
    return total


def guard(value: object, what: str = "a value") -> object:
    """``value`` unchanged, unless it is over the size cap."""
    tick()
    if weight(value) > max_size():
        raise too_big(what)
    if isinstance(value, int) and not isinstance(value, bool) and value.bit_length() > MAX_INT_BITS:
        raise TemplateLimitError(f"{what} is a number over {MAX_INT_BITS} bits")
    return value
