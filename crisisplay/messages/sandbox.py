"""The Jinja2 environment message templates run in: immutable sandbox, strict, capped.

On top of ``ImmutableSandboxedEnvironment`` and ``StrictUndefined``:

- no globals at all, and a short list of filters (no ``attr``, ``format``, ``center``,
  ``batch``, ``pprint``...), each checking the size of what it is given and what it returns;
- attributes of plain values limited to a few harmless methods (no ``str.format``, whose
  ``{:>999999999}`` builds a gigabyte, and no ``__class__`` walks, which the sandbox refuses);
- every operator that can grow a value (``*``, ``**``, ``+``, ``%``...) is intercepted and
  checked, ``~`` joins are checked, every loop step and output chunk ticks the budget
  (``crisisplay.messages.limits``), recursive loops are refused at compile time;
- autoescaping for HTML parts only (``layout.is_html``).
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterable, Iterator, Mapping
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from jinja2 import StrictUndefined, meta, nodes
from jinja2.compiler import CodeGenerator, Frame
from jinja2.runtime import Context, markup_join, str_join
from jinja2.sandbox import ImmutableSandboxedEnvironment

from crisisplay.messages import limits
from crisisplay.messages.code_cache import code_cache
from crisisplay.messages.filters import safe_filters
from crisisplay.messages.layout import is_html
from crisisplay.messages.loader import ConfinedLoader

# Methods a template may call on plain values; everything else is refused.
_SAFE_METHODS: dict[type, frozenset[str]] = {
    str: frozenset(
        {
            "lower",
            "upper",
            "title",
            "capitalize",
            "strip",
            "lstrip",
            "rstrip",
            "startswith",
            "endswith",
            "split",
            "count",
            "isdigit",
        }
    ),
    dict: frozenset({"items", "keys", "values", "get"}),
    list: frozenset({"index", "count"}),
    tuple: frozenset({"index", "count"}),
}
_PLAIN_TYPES = (str, dict, list, tuple, int, float, bool, set, frozenset, bytes)


@dataclass(frozen=True)
class TemplateReads:
    """The free variables of one template (with the line of their first use) and the names of
    the templates it includes or imports (when written as constants)."""

    variables: Mapping[str, int]
    templates: tuple[str, ...]


class _GuardedCodeGenerator(CodeGenerator):
    """Compiles loops and ``~`` joins so that they tick the budget and check sizes, and notes
    the template's free variables on the way (as ``jinja2.meta`` does, without a second pass)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._free: set[str] = set()

    def enter_frame(self, frame: Frame) -> None:
        super().enter_frame(frame)
        for action, param in frame.symbols.loads.values():
            if action == "resolve" and param not in self.environment.globals:
                self._free.add(param)

    def visit_Template(self, node: nodes.Template, frame: Frame | None = None) -> None:
        refs = tuple(ref for ref in meta.find_referenced_templates(node) if ref is not None)
        lines = _first_lines(node)
        self._guard_loops(node)
        super().visit_Template(node, frame)
        if isinstance(self.environment, MessageEnvironment) and self.name is not None:
            free = {name: lines.get(name, 1) for name in sorted(self._free)}
            self.environment.analysis[self.name] = TemplateReads(free, refs)

    def _guard_loops(self, node: nodes.Template) -> None:
        for loop in node.find_all(nodes.For):
            if loop.recursive:
                self.fail("recursive loops are not allowed in message templates", loop.lineno)
            loop.iter = nodes.Call(
                nodes.EnvironmentAttribute("guarded_iter", lineno=loop.lineno),
                [loop.iter],
                [],
                None,
                None,
                lineno=loop.lineno,
            )

    def visit_Concat(self, node: nodes.Concat, frame: Frame) -> None:
        escaping = (
            "context.eval_ctx.autoescape"
            if frame.eval_ctx.volatile
            else repr(bool(frame.eval_ctx.autoescape))
        )
        self.write(f"environment.guarded_join({escaping}, (")
        for arg in node.nodes:
            self.visit(arg, frame)
            self.write(", ")
        self.write("))")


#: the names the renders of this thread looked up, while ``names_looked_up`` collects them
_LOOKED_UP: ContextVar[set[str] | None] = ContextVar("crisisplay_looked_up", default=None)


class _NotingContext(Context):
    """A render's context that notes each name the template or a macro it calls looks up:
    what a text really read, where an import pulls in macros it never calls."""

    def resolve_or_missing(self, key: str) -> Any:
        noted = _LOOKED_UP.get()
        if noted is not None:
            noted.add(key)
        return super().resolve_or_missing(key)


@contextmanager
def names_looked_up() -> Iterator[set[str]]:
    """The names the renders run inside this block look up (the root of each template, and
    the macros it calls; a macro never called is not read)."""
    noted: set[str] = set()
    token = _LOOKED_UP.set(noted)
    try:
        yield noted
    finally:
        _LOOKED_UP.reset(token)


class MessageEnvironment(ImmutableSandboxedEnvironment):
    """The sandbox with the caps and the filter list of message templates."""

    code_generator_class = _GuardedCodeGenerator
    context_class = _NotingContext
    intercepted_binops = frozenset({"+", "-", "*", "/", "//", "%", "**"})
    intercepted_unops = frozenset({"-", "+"})

    def __init__(self, templates: Path) -> None:
        self.confined_loader = ConfinedLoader(templates)
        super().__init__(
            loader=self.confined_loader,
            undefined=StrictUndefined,
            autoescape=is_html,
            trim_blocks=True,
            lstrip_blocks=True,
            finalize=self._finalize_output,
            auto_reload=True,
            # Every template of a home stays compiled (validate renders them all, twice).
            cache_size=4000,
            # No constant folding: it saves little on message-sized templates, and it would run
            # filters at compile time, outside the render budget.
            optimized=False,
        )
        self.globals.clear()
        self.filters = safe_filters(self.filters)
        #: what each compiled template reads and pulls in (``crisisplay.messages.analysis``)
        self.analysis: dict[str, TemplateReads] = {}

    def compile(
        self,
        source: str | nodes.Template,
        name: str | None = None,
        filename: str | None = None,
        raw: bool = False,
        defer_init: bool = False,
    ) -> Any:
        """Jinja2's compile, through the on-disk cache of compiled templates."""
        cache = code_cache()
        if cache is None or raw or defer_init or name is None or not isinstance(source, str):
            return super().compile(source, name, filename, raw, defer_init)  # type: ignore[call-overload]
        key = cache.key(name, filename, source)
        hit = cache.load(key)
        if hit is not None:
            code, variables, templates = hit
            self.analysis[name] = TemplateReads(variables, templates)
            return code
        code = super().compile(source, name, filename)
        cache.store(key, code, self.analysis[name])
        return code

    # -- values leaving a {{ }}, joins and buffers

    @staticmethod
    def _finalize_output(value: Any) -> Any:
        return limits.guard(value, "a value shown by the template")

    def concat(self, parts: Iterable[str]) -> str:
        """Every buffered block (macro bodies, ``{% set %}`` blocks, the whole output)."""
        cap = limits.max_size()
        kept: list[str] = []
        total = 0
        for part in parts:
            total += len(part)
            if total > cap:
                raise limits.too_big("the text")
            kept.append(part)
        limits.tick()
        return "".join(kept)

    def guarded_join(self, autoescape: bool, parts: tuple[Any, ...]) -> str:
        cap = limits.max_size()
        total = 0
        for part in parts:
            total += limits.weight(part, cap)
            if total > cap:
                raise limits.too_big("a ~ join")
        limits.tick()
        return markup_join(parts) if autoescape else str_join(parts)

    def guarded_iter(self, iterable: Iterable[Any]) -> Iterator[Any]:
        for item in iterable:
            limits.step()
            yield item

    # -- sandbox hooks

    def call(__self, __context: Context, __obj: Any, *args: Any, **kwargs: Any) -> Any:
        limits.tick()
        result = super().call(__context, __obj, *args, **kwargs)
        return limits.guard(result, "the result of a call")

    def getattr(self, obj: Any, attribute: str) -> Any:
        limits.tick()
        if attribute.startswith("_"):
            # Refused by name, whether or not the object has it: a clear "unsafe" either way.
            return self.unsafe_undefined(obj, attribute)
        return super().getattr(obj, attribute)

    def getitem(self, obj: Any, argument: Any) -> Any:
        limits.tick()
        return super().getitem(obj, argument)

    def wrap_str_format(self, value: Any) -> Callable[..., str] | None:
        # The stock sandbox hands out a sandboxed str.format; a width like {:>999999999} still
        # builds a gigabyte, so format is simply one of the refused methods.
        return None

    def is_safe_attribute(self, obj: Any, attr: str, value: Any) -> bool:
        if not super().is_safe_attribute(obj, attr, value):
            return False
        if isinstance(obj, _PLAIN_TYPES):
            allowed = next((v for k, v in _SAFE_METHODS.items() if isinstance(obj, k)), frozenset())
            return attr in allowed
        return True

    def call_binop(self, context: Context, operator_: str, left: Any, right: Any) -> Any:
        limits.tick()
        _precheck_binop(operator_, left, right)
        result = self.binop_table[operator_](left, right)
        return limits.guard(result, f"the result of {operator_}")


def _precheck_binop(op: str, left: Any, right: Any) -> None:
    """Refuse what would be huge before Python builds it."""
    if op == "%" and isinstance(left, str):
        raise limits.TemplateLimitError("% string formatting is not allowed; join with ~")
    if op == "*":
        for seq, count in ((left, right), (right, left)):
            repeated = isinstance(seq, str | list | tuple) and isinstance(count, int)
            if repeated and limits.weight(seq) * max(count, 0) > limits.max_size():
                raise limits.too_big("a repeated text or list")
    powered = op == "**" and _int(left) and _int(right) and right > 0
    if powered and max(abs(left).bit_length(), 1) * right > limits.MAX_INT_BITS:
        raise limits.TemplateLimitError(f"a power over {limits.MAX_INT_BITS} bits")


def _int(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _first_lines(node: nodes.Template) -> dict[str, int]:
    lines: dict[str, int] = {}
    for name in node.find_all(nodes.Name):
        if name.ctx == "load":
            lines[name.name] = min(lines.get(name.name, name.lineno), name.lineno)
    return lines


@functools.lru_cache(maxsize=8)
def environment_for(templates: Path) -> MessageEnvironment:
    """One environment per templates folder, so compiled templates are reused in a process."""
    return MessageEnvironment(templates)
