"""The ``pattern:`` of a text fact, matched under a timeout.

A playbook author writes the pattern; an operator (or a script) types the answer. A pattern
with nested quantifiers such as ``^(\\d+\\s*,?\\s*)+$`` backtracks exponentially on an answer
that almost matches, so every match runs under a timeout (the ``regex`` module's) and
``crisisplay validate`` warns about such patterns before anyone is kept waiting.
"""

from __future__ import annotations

import functools
import re
from typing import Any

MATCH_TIMEOUT = 0.25

# A group holding a + * or {n,} quantifier, itself followed by one: (a+)+, (\d+,?)*, (x*){2,}.
# Compiled by `validate` only, when first needed.
_NESTED = r"\((?:[^()\\]|\\.)*(?:[+*]|\{\d*,\d*\})(?:[^()\\]|\\.)*\)(?:[+*]|\{\d*,\d*\})"


@functools.lru_cache(maxsize=256)
def compile_fact_pattern(pattern: str) -> Any:
    """The compiled pattern; ``ValueError`` saying why it does not compile."""
    import regex  # type: ignore[import-untyped, unused-ignore]  # noqa: PLC0415

    try:
        return regex.compile(pattern, regex.V0)
    except regex.error as exc:
        raise ValueError(f"not a regular expression: {exc}") from None


def matches(pattern: str, value: str) -> bool:
    """Whether ``value`` matches all of ``pattern``; ``ValueError`` when it takes too long."""
    try:
        return compile_fact_pattern(pattern).fullmatch(value, timeout=MATCH_TIMEOUT) is not None
    except TimeoutError:
        raise ValueError(
            f"checking the answer against the pattern {pattern} took over {MATCH_TIMEOUT:g} s "
            "(nested quantifiers in the playbook's pattern?); shorten the answer or fix the "
            "pattern"
        ) from None


def nested_quantifier(pattern: str) -> str | None:
    """The first quantified group that holds a quantifier itself, if the pattern has one."""
    found = re.search(_NESTED, pattern)
    return found.group(0) if found else None
