"""The filters message templates may use: a safe subset of Jinja2's, plus crisis-text helpers.

Every filter is wrapped so that what it receives and what it returns stay under the size cap;
an iterator given to a filter (``map(...)|join``) is read into a list first, counting as it goes.
Left out on purpose: ``attr`` (attribute walks), ``format`` (``%`` with any width),
``center``/``indent``/``wordwrap`` (sizes from arguments), ``batch``/``slice`` (loops from
arguments), ``random`` (output must be reproducible), ``pprint``, ``tojson``, ``xmlattr``,
``urlize``, ``safe`` (in HTML, facts are always escaped), ``groupby``, ``sum``.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterator, Mapping
from typing import Any

from jinja2 import pass_context
from jinja2.runtime import Context

from crisisplay.channels.gsm import suggest_gsm
from crisisplay.messages import limits

_STOCK = frozenset(
    {
        "abs", "capitalize", "count", "d", "default", "dictsort", "e", "escape", "first",
        "float", "forceescape", "int", "items", "join", "last", "length", "list", "lower",
        "map", "max", "min", "reject", "reverse", "round", "select", "sort", "string",
        "striptags", "title", "trim", "truncate", "unique", "upper", "urlencode", "wordcount",
    }
)  # fmt: skip
_AND = {"fr": "et", "en": "and"}
_MONTHS = {
    "fr": ("janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre",
           "octobre", "novembre", "décembre"),
    "en": ("January", "February", "March", "April", "May", "June", "July", "August", "September",
           "October", "November", "December"),
}  # fmt: skip


def safe_filters(stock: Mapping[str, Callable[..., Any]]) -> dict[str, Callable[..., Any]]:
    """The allowed stock filters and ours, each wrapped in the size guard."""
    chosen: dict[str, Callable[..., Any]] = {name: stock[name] for name in _STOCK}
    chosen["replace"] = _replace_checked(stock["replace"])
    chosen.update(
        duration=duration,
        clock=clock,
        number=number,
        and_list=and_list,
        choice_labels=choice_labels,
        upper_first=upper_first,
        gsm=gsm,
        euros=euros,
        long_date=long_date,
        day_time=day_time,
    )
    return {name: _guarded(name, func) for name, func in chosen.items()}


def _guarded(name: str, func: Callable[..., Any]) -> Callable[..., Any]:
    @functools.wraps(func)  # keeps jinja's pass_context/pass_eval_context marker
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        limits.tick()
        args = tuple(_bounded(arg, name) for arg in args)
        kwargs = {key: _bounded(value, name) for key, value in kwargs.items()}
        return limits.guard(func(*args, **kwargs), f"the result of |{name}")

    return wrapper


def _bounded(value: Any, name: str) -> Any:
    if isinstance(value, Iterator):
        return _read_bounded(value, name)
    return limits.guard(value, f"the input of |{name}")


def _read_bounded(items: Iterator[Any], name: str) -> list[Any]:
    cap = limits.max_size()
    kept: list[Any] = []
    total = 0
    for item in items:
        total += limits.weight(item, cap) + 4
        if total > cap:
            raise limits.too_big(f"the input of |{name}")
        kept.append(item)
    limits.tick()
    return kept


def _replace_checked(stock: Callable[..., Any]) -> Callable[..., Any]:
    @functools.wraps(stock)
    def replace(eval_ctx: Any, s: Any, old: Any, new: Any, count: int | None = None) -> Any:
        text, old_s, new_s = str(s), str(old), str(new)
        hits = text.count(old_s) if old_s else len(text) + 1
        if count is not None and count >= 0:
            hits = min(hits, count)
        if len(text) + hits * max(len(new_s) - len(old_s), 0) > limits.max_size():
            raise limits.too_big("the result of |replace")
        return stock(eval_ctx, s, old, new, count)

    return replace


# ---------------------------------------------------------------- crisis-text helpers


def _lang(context: Context) -> str:
    lang = context.get("lang")
    return lang if isinstance(lang, str) else "en"


@pass_context
def duration(context: Context, minutes: Any, style: str = "long") -> str:
    """Minutes as people say them: ``2 h 30`` (fr), ``2 h 30 min`` (en); short: ``2h30``."""
    total = int(minutes)
    lang = _lang(context)
    days, rest = divmod(total, 1440)
    hours, mins = divmod(rest, 60)
    short = style == "short"
    if days:
        day = "j" if lang == "fr" else "d"
        return f"{days} {day} {hours} h" if hours else f"{days} {day}"
    if not hours:
        return f"{mins} min"
    if short:
        return f"{hours}h{mins:02d}" if mins else f"{hours}h"
    if not mins:
        return f"{hours} h"
    return f"{hours} h {mins:02d}" if lang == "fr" else f"{hours} h {mins:02d} min"


@pass_context
def clock(context: Context, value: Any) -> str:
    """``"14:30"`` as written in the language: ``14h30`` (``9h`` on the hour) or ``14:30``.
    A date-time fact gives its time of day, in the organisation's zone it was entered in."""
    text = str(value)
    if "T" in text:
        text = text.partition("T")[2][:5]
    hours, _, mins = text.partition(":")
    if _lang(context) != "fr":
        return f"{int(hours):02d}:{mins}"
    return f"{int(hours)}h" if mins in ("", "00") else f"{int(hours)}h{mins}"


@pass_context
def number(context: Context, value: Any) -> str:
    """``2300`` -> ``2 300`` (fr, a plain space: SMS-safe) or ``2,300``; one decimal at most."""
    amount = float(value)
    text = f"{amount:,.0f}" if amount.is_integer() else f"{amount:,.1f}"
    if _lang(context) == "fr":
        text = text.replace(",", " ").replace(".", ",")
    return text


@pass_context
def euros(context: Context, value: Any) -> str:
    """An amount of money: ``34,99 €`` / ``€34.99``; whole amounts without cents (``5 €``)."""
    amount = round(float(value), 2)
    text = f"{amount:,.0f}" if amount.is_integer() else f"{amount:,.2f}"
    if _lang(context) == "fr":
        return text.replace(",", " ").replace(".", ",") + " €"
    return "€" + text


@pass_context
def long_date(context: Context, value: Any) -> str:
    """``2025-04-08`` -> ``8 avril 2025`` / ``8 April 2025``; ``2025-03`` -> ``mars 2025``.

    Anything else is returned as it is: a fact typed differently still reads.
    """
    parts = str(value).split("-")
    months = _MONTHS.get(_lang(context), _MONTHS["en"])
    if len(parts) not in (2, 3) or not all(p.isdigit() for p in parts):
        return str(value)
    year, month = parts[0], int(parts[1])
    if not 1 <= month <= 12:
        return str(value)
    day = f"{int(parts[2])} " if len(parts) == 3 else ""
    if day == "1 " and _lang(context) == "fr":
        day = "1er "
    return f"{day}{months[month - 1]} {year}"


@pass_context
def day_time(context: Context, value: Any) -> str:
    """A date-time fact with its day: ``1er décembre 2026 à 3h17`` / ``1 December 2026 at
    03:17`` (in the zone it was entered in); a bare time of day stays a time of day."""
    text = str(value)
    if "T" not in text:
        return str(clock(context, text))
    day, _, rest = text.partition("T")
    parts = day.split("-")
    if len(parts) != 3 or not all(p.isdigit() for p in parts):
        return text
    lang = _lang(context)
    date = str(long_date(context, day))  # says "1er" itself
    joiner = " à " if lang == "fr" else " at "
    return date + joiner + str(clock(context, rest[:5]))


@pass_context
def and_list(context: Context, items: Any) -> str:
    """``a, b et c`` / ``a, b and c``."""
    words = [str(item) for item in items]
    if len(words) <= 1:
        return "".join(words)
    conjunction = _AND.get(_lang(context), "and")
    return f"{', '.join(words[:-1])} {conjunction} {words[-1]}"


@pass_context
def choice_labels(context: Context, value: Any, fact: str, lower: bool = False) -> str:
    """Choice ids of ``fact`` as their labels in the language, joined like ``and_list``."""
    table = context.get("choices")
    labels = table.get(fact) if isinstance(table, Mapping) else None
    if not isinstance(labels, Mapping):
        raise ValueError(f"choice_labels: {fact!r} is not a choice fact of the scenario")
    ids = [value] if isinstance(value, str) else list(value)
    words = [str(labels.get(choice, choice)) for choice in ids]
    if lower:
        words = [_lower_first(word) for word in words]
    return str(and_list(context, words))


def gsm(text: Any) -> str:
    """A fact made SMS-safe: characters outside GSM-7 replaced by look-alikes ("Côte" ->
    "Cote", ’ -> '), so one place name cannot turn an SMS into UCS-2 and double its parts."""

    return suggest_gsm(str(text))


def upper_first(text: Any) -> str:
    """The first letter in capitals, the rest untouched (``capitalize`` would lower "SMS")."""
    value = str(text)
    return value[:1].upper() + value[1:]


def _lower_first(word: str) -> str:
    # Mid-sentence, "Appels" becomes "appels" but "SMS" stays an acronym.
    if len(word) > 1 and word[1].isupper():
        return word
    return word[:1].lower() + word[1:]
