"""What a template sees besides the facts: the built-in variables (see the package docstring)."""

from __future__ import annotations

import dataclasses
import math
import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

from crisisplay.conditions import holds, known_values
from crisisplay.playbook.model import Organisation, Scenario
from crisisplay.playbook.types import LocalText
from crisisplay.texts import t

BUILTIN_NAMES = frozenset(
    {
        "brand", "links", "lang", "channel", "handle", "severity", "severity_title", "drill",
        "incident_id", "now", "next_update", "scenario_title", "choices", "marker_room",
        "marker_words", "record_head", "record", "relays", "today", "contacts",
    }
)  # fmt: skip
#: ``record`` without a record: nothing activated, published or promised yet
NO_RECORD: dict[str, Any] = {
    "activated": "", "resolved": "", "first_public": "", "first_public_after": None,
    "first_public_target": None, "promises_made": 0, "promises_kept": 0, "promises_missed": 0,
}  # fmt: skip
# A promised time reads as deliberate, and is easier to keep, on a quarter hour.
_ROUND_TO_MINUTES = 15
_CLOCK = re.compile(r"^(?:[01][0-9]|2[0-3]):[0-5][0-9]$")
_DAY = re.compile(r"^[0-9]{4}-(?:0[1-9]|1[0-2])-(?:0[1-9]|[12][0-9]|3[01])$")


@dataclass(frozen=True)
class RenderContext:
    """The moment and the incident a message is rendered for (the caller owns the clock).

    ``now`` and ``next_update`` are ``HH:MM`` in the organisation's time zone. ``next_update``
    is the promise in force, or None when nothing has been promised (texts then say no time);
    ``severity`` defaults to the level the scenario's rules give for the facts.
    """

    now: str
    next_update: str | None = None
    #: the render day, ``YYYY-MM-DD`` in the organisation's time zone (a press text's date line)
    today: str | None = None
    drill: bool = False
    #: rendered from the scenario's invented sample facts: the text says so in its first line
    sample: bool = False
    severity: str | None = None
    incident_id: str | None = None
    #: the record's head when rendered (``133:4f2a9c1e7b3d0a55``): a printed page anchors it
    record_head: str | None = None
    #: the response as the record tells it (``fact_sources.record_times``); empty without one
    record: tuple[tuple[str, Any], ...] = ()

    def __post_init__(self) -> None:
        for name in ("now", "next_update"):
            value = getattr(self, name)
            if value is not None and not _CLOCK.match(value):
                raise ValueError(f"RenderContext.{name} must be HH:MM, got {value!r}")
        if self.today is not None and not _DAY.match(self.today):
            raise ValueError(f"RenderContext.today must be YYYY-MM-DD, got {self.today!r}")


#: The clock of the sample story: the scenarios' sample facts (a start at 07:42, a return
#: expected at 10:45...) read as one morning, so a preview is rendered at this time and day
#: (the day of a scenario's earliest sample date-time when it has one: see ``sample_today``).
SAMPLE_NOW = "10:00"
SAMPLE_NEXT_UPDATE = "11:00"
SAMPLE_TODAY = "2026-03-14"


def sample_today(scenario: Scenario) -> str:
    """The day of the scenario's sample story: that of its earliest sample date-time fact (the
    attack detected on 1 December is told on 1 December, not before), else ``SAMPLE_TODAY``."""
    datetimes = {fact.id for fact in scenario.facts if fact.type == "datetime"}
    days = sorted(
        str(value)[:10]
        for key, value in scenario.sample_facts.items()
        if key in datetimes and isinstance(value, str) and len(value) >= 10
    )
    return days[0] if days else SAMPLE_TODAY


def local_clock(moment: datetime, zone: str) -> str:
    """``HH:MM`` of ``moment`` in the time zone ``zone`` (a naive moment is already local)."""
    if moment.tzinfo is not None:
        moment = moment.astimezone(ZoneInfo(zone))
    return moment.strftime("%H:%M")


def local_day(moment: datetime, zone: str) -> str:
    """``YYYY-MM-DD`` of ``moment`` in the time zone ``zone`` (a naive moment is already local)."""
    if moment.tzinfo is not None:
        moment = moment.astimezone(ZoneInfo(zone))
    return moment.strftime("%Y-%m-%d")


def default_next_update(org: Organisation, now: str) -> str:
    hours, minutes = (int(part) for part in now.split(":"))
    later = hours * 60 + minutes + org.update_interval.minutes
    later = math.ceil(later / _ROUND_TO_MINUTES) * _ROUND_TO_MINUTES
    hours, minutes = divmod(later % 1440, 60)
    return f"{hours:02d}:{minutes:02d}"


def suggested_severity(scenario: Scenario, facts: Mapping[str, Any]) -> str:
    """The level of the first severity rule that holds for ``facts``, else the default."""
    for rule in scenario.severity.rules:
        if holds(rule.when, known_values(facts)):
            return rule.level
    return scenario.severity.default


def severity_title(scenario: Scenario, level: str, lang: str) -> str:
    found = next((lv for lv in scenario.severity.levels if lv.id == level), None)
    return found.title.get_text(lang) if found is not None else level


def first_line_marker(org: Organisation, context: RenderContext, lang: str) -> str | None:
    """The first line of a text that is not real: an exercise, or invented sample facts."""

    published = published_marker(org, context, lang)
    markers = [published] if published else []
    if context.sample:
        markers.append(t("render.sample_marker", lang))
    return " - ".join(markers) or None


def published_marker(org: Organisation, context: RenderContext, lang: str) -> str | None:
    """The part of the first line that goes out with the text: the exercise marker of a drill.

    A sample's label is for the reader of the preview only; limits are kept, and measured, on
    the text as it would be published."""
    return org.exercise_marker.get_text(lang) if context.drill else None


def builtin_variables(
    org: Organisation,
    scenario: Scenario,
    facts: Mapping[str, Any],
    context: RenderContext,
    *,
    lang: str,
) -> dict[str, Any]:
    """The built-ins shared by every channel of one render (``channel_variables`` adds the rest)."""
    level = context.severity or suggested_severity(scenario, facts)
    marker = published_marker(org, context, lang)
    return {
        "brand": _brand(org, lang),
        "relays": _relays(org, scenario, lang),
        "contacts": _contacts(org, lang),
        "links": _links(org.links),
        "lang": lang,
        "severity": level,
        "severity_title": severity_title(scenario, level, lang),
        "drill": context.drill,
        # what the published marker line takes, so a template keeps its text within the limit
        "marker_room": len(marker) + 1 if marker else 0,
        "marker_words": len(marker.split()) if marker else 0,
        "incident_id": context.incident_id or "",
        "record_head": context.record_head or "",
        "record": {**NO_RECORD, **dict(context.record)},
        "now": context.now,
        "today": context.today or "",
        "next_update": context.next_update,
        "scenario_title": scenario.title.get_text(lang),
        "choices": {
            fact.id: {c.id: c.label.get_text(lang) for c in fact.choices}
            for fact in scenario.facts
            if fact.choices
        },
    }


_VOWELS = frozenset("aeiouyàâäéèêëîïôöùûüœæ")


def _brand(org: Organisation, lang: str) -> dict[str, Any]:
    brand = org.brand
    elided = brand.elided
    if elided is None:
        elided = brand.name[:1].lower() in _VOWELS
    people = {
        role: {"name": who.name, "title": who.title.get_text(lang)} if who else None
        for role, who in (("spokesperson", brand.spokesperson), ("executive", brand.executive))
    }
    return {
        "name": brand.name,
        "signature": brand.signature.get_text(lang),
        "website": brand.website or "",
        "city": brand.city or "",
        # French "de" before the name: "d'Onde Mobile", "de Free"
        "de": f"d'{brand.name}" if elided else f"de {brand.name}",
        **people,
    }


def _contacts(org: Organisation, lang: str) -> dict[str, Any]:
    """The organisation's contacts, each a mapping of its fields (texts in ``lang``); a contact
    the organisation file does not give is left out, so a template that needs it fails with its
    name instead of printing a blank."""
    found: dict[str, Any] = {}
    for key in ("care", "press", "dpo", "authorities", "accessibility"):
        contact = getattr(org.contacts, key)
        if contact is None:
            continue
        found[key] = {
            field.name: _in_lang(getattr(contact, field.name), lang)
            for field in dataclasses.fields(contact)
        }
    return found


def _in_lang(value: Any, lang: str) -> Any:
    if isinstance(value, LocalText):
        return value.get_text(lang)
    return "" if value is None else value


def _relays(org: Organisation, scenario: Scenario, lang: str) -> list[dict[str, str]]:
    """The relays briefed in ``scenario``, in the organisation file's order."""
    return [
        {
            "name": relay.name,
            "kind": relay.kind,
            "contact": relay.contact,
            "outlet": relay.outlet or "",
            "note": relay.note.get_text(lang) if relay.note else "",
        }
        for relay in org.relays
        if not relay.scenarios or scenario.id in relay.scenarios
    ]


def channel_variables(org: Organisation, channel: str) -> dict[str, Any]:
    settings = org.channels.get(channel)
    return {"channel": channel, "handle": (settings.handle if settings else None) or ""}


def _links(links: Mapping[str, str]) -> dict[str, str]:
    # `links.status_page` reads better in a template than `links['status-page']`.
    table = dict(links)
    table.update({key.replace("-", "_"): url for key, url in links.items()})
    return table
