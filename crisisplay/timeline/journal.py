"""The crisis log (main courante) that `timeline show` prints: each event as one sentence.

For a person reading what the cell did, in the reader's language and the organisation's time
zone: who acted (and who typed it for them), and what was done, said with the ids one types.
The raw events stay one command away (`timeline export --format json`); a kind this
crisisplay does not know (a newer one wrote it) is shown with its payload as it stands.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Mapping
from typing import Any

from crisisplay.localtime import LocalTimes
from crisisplay.texts import catalogue, reworded, t
from crisisplay.timeline.events import Event, parse_time

_MOMENT = re.compile(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z")
DASH = "\u2014"


def columns(times: LocalTimes) -> tuple[str, ...]:
    """The log's headers in the reader's language, the time's zone named."""
    return tuple(t("journal.columns", times.lang, zone=times.zone_label).split(" | "))


def journal_rows(events: Iterable[Event], times: LocalTimes) -> list[list[str]]:
    """One row per event: its number, its time, who, and what was done (raw text: the
    output sanitises it)."""
    return [
        [str(e.seq), times.clock_seconds(e.at), who(e, times.lang), said(e, times)] for e in events
    ]


def who(event: Event, lang: str) -> str:
    """The person named, and who typed it when that is someone else (a signing key, or the
    lead recording a decision given by phone)."""
    typist = event.payload.get("typed_by") or event.by
    if not typist or typist == event.actor:
        return event.actor
    return t("journal.typed_by", lang, actor=event.actor, by=typist)


def said(event: Event, times: LocalTimes) -> str:
    """What the event did, as a sentence in ``times.lang``."""
    lang = times.lang
    template = catalogue(lang).get(f"journal.{event.kind}")
    if template is not None:
        try:
            return template.format_map(_Values(event.payload, times))
        except (ValueError, IndexError, AttributeError):
            pass  # a payload shaped unlike its kind's: shown as it stands
    shown = json.dumps(event.payload, ensure_ascii=False, sort_keys=True, separators=(", ", ": "))
    return t("journal.other", lang, kind=event.kind, details=shown)


class _Values(dict[str, str]):
    """The payload's fields as a sentence shows them, and a few made from them; a field the
    payload does not have shows as a dash."""

    def __init__(self, payload: Mapping[str, Any], times: LocalTimes) -> None:
        self.times = times
        lang = times.lang
        super().__init__({key: shown(value, times) for key, value in payload.items()})
        get = payload.get
        self["title"] = shown(get("title") or get("scenario"), times)
        reason = get("reason")
        if isinstance(reason, str):  # crisisplay's own words, recorded in another language
            self["reason"] = reworded(reason, "roster.nobody", lang)
        self["who"] = shown(get("name") or get("person"), times)
        self["drill"] = t("journal.drill", lang) if get("drill") else ""
        reason = reason or get("declined")
        self["why"] = f" {DASH} {shown(reason, times)}" if reason else ""
        self["where"] = f" {DASH} {get('url')}" if get("url") else ""
        self["said"] = t("journal.said", lang, text=get("comment")) if get("comment") else ""
        corrects = get("corrects")
        self["correction"] = t("journal.correction", lang, seq=corrects) if corrects else ""
        if get("unknown"):
            self["value"] = t("journal.unknown", lang)
        previous = "previous" in payload and payload.get("fact") is not None
        self["was"] = (
            t("journal.was", lang, value=shown(get("previous"), times)) if previous else ""
        )
        if "ok" in payload:
            self["ok"] = t("journal.yes" if get("ok") else "journal.no", lang)

    def __missing__(self, key: str) -> str:
        return DASH


def shown(value: Any, times: LocalTimes) -> str:
    """A payload value as a person reads it: times on the local clock, lists joined, a text
    per language in the reader's."""
    if value is None or value == "":
        return DASH
    if isinstance(value, bool):
        return t("journal.yes" if value else "journal.no", times.lang)
    if isinstance(value, str):
        return times.clock(parse_time(value)) if _MOMENT.fullmatch(value) else value
    if isinstance(value, list):
        return ", ".join(shown(item, times) for item in value) or DASH
    if isinstance(value, dict):
        if value and all(isinstance(v, str) for v in value.values()):
            return str(value.get(times.lang) or next(iter(value.values())))
        return json.dumps(value, ensure_ascii=False, sort_keys=True)
    return str(value)
