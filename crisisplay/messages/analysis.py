"""The variables a template reads, across its includes and imports, found before rendering.

With this, a render names every missing fact at once instead of failing on the first
``StrictUndefined`` it meets. The compiler notes each template's free variables as it compiles
(``sandbox.TemplateReads``), so this costs no second pass: the templates are compiled here,
before any of them runs. Dynamic include names (built from a variable) cannot be followed; they
are checked when rendered.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from crisisplay.messages.sandbox import MessageEnvironment


@dataclass(frozen=True)
class Use:
    """Where a template first reads a variable."""

    name: str
    template: str
    line: int


def variables_read(env: MessageEnvironment, names: Iterable[str]) -> dict[str, Use]:
    """Every free variable of the templates ``names`` and of the templates they pull in.

    Raises Jinja2's errors (syntax, missing or refused include) for the caller to locate.
    """
    found: dict[str, Use] = {}
    seen: set[str] = set()
    pending = list(names)
    while pending:
        name = pending.pop(0)
        if name in seen:
            continue
        seen.add(name)
        env.get_template(name)  # compiles it (once per process), noting what it reads
        reads = env.analysis[name]
        for variable, line in reads.variables.items():
            found.setdefault(variable, Use(variable, name, line))
        pending.extend(reads.templates)
    return found
