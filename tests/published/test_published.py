"""What went out is on the record: every bundled scenario and drill, walked from its answers.

Each publication records the exact texts its validator was shown; `crisisplay published` gives
them back byte for byte; and every text says the next update in force when it went out, the
one the incident promised, and no other time.
"""

from __future__ import annotations

import json
import re
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from crisisplay.timeline.state import fold
from crisisplay.timeline.store import read_events
from crisisplay.timeline.vocabulary import PROMISING, IncidentResolved, MessageRendered
from tests.conftest import Cli
from tests.report.timelines import DRILLS, LATE, drill_timeline, incident_timeline

SCENARIOS = ("nationwide-outage", "local-outage", "billing-incident", "cyberattack")
ZONE = ZoneInfo("Europe/Paris")
# A time given as the next update: "Prochain point à 9h30", "next update at 09:30", "after the
# 10:30 update"...
_SAID = {
    "fr": re.compile(
        r"(?:[Pp]rochain point|[Pp]rochaine version après le point|nouveau point)"
        r"(?: public| de la cellule de crise)?(?: à| de)?\s(\d{1,2}h(?:\d\d)?)"
    ),
    "en": re.compile(
        r"(?:[Nn]ext (?:public |crisis cell )?update at|new update at|after the)\s(\d\d:\d\d)"
    ),
}


@pytest.fixture(scope="module")
def timelines(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("published")
    made = {f"incident-{s}": incident_timeline(s, folder) for s in SCENARIOS}
    made.update({f"drill-{d}": drill_timeline(d, folder) for d in [*DRILLS, LATE]})
    return made


def _clock(moment: datetime, lang: str) -> str:
    local = moment.astimezone(ZONE)
    if lang == "fr":
        return f"{local.hour}h" if local.minute == 0 else f"{local.hour}h{local.minute:02d}"
    return f"{local:%H:%M}"


def test_every_text_says_the_promise_in_force_when_it_went_out(
    timelines: dict[str, Path],
) -> None:
    checked = 0
    for name, path in timelines.items():
        events = read_events(path).events
        state = fold(events)
        assert state.publications, name
        resolved = next((e.seq for e in events if e.kind == IncidentResolved.KIND), None)
        for publication in state.publications:
            before = [p for p in state.promises if p.seq < publication.seq]
            in_force = before[-1].due if before else None
            if resolved is not None and resolved < publication.seq:
                in_force = None  # nothing is promised once the incident is over
            if publication.kind in PROMISING:
                made = [p for p in state.promises if p.seq == publication.seq + 1]
                assert [p.due for p in made] == [publication.next_update], (name, publication)
            else:
                assert publication.next_update == in_force, (name, publication.message)
            for text in publication.texts:
                said = set(_SAID[text.lang].findall(text.text))
                expected = (
                    {_clock(publication.next_update, text.lang)}
                    if publication.next_update
                    else set()
                )
                assert said <= expected, (name, publication.message, text.channel, said)
                checked += bool(said)
    assert checked > 50  # the check saw real sentences, not nothing


#: what changes between the validator's view and the moment a text goes out: the clock (its
#: "point de" time) and the record's head it quotes
_MOMENT = re.compile(r"\b\d+:[0-9a-f]{16}\b|\b\d{1,2}(?:h\d{0,2}|:\d\d)\b")


def test_a_publication_says_what_its_validator_was_shown_at_the_moment_it_went_out(
    timelines: dict[str, Path],
) -> None:
    for name, path in timelines.items():
        events = read_events(path).events
        shown: dict[tuple[str, str], str] = {}
        state = fold(events)
        for event in events:
            if event.kind == MessageRendered.KIND and not event.payload.get("preview"):
                shown[(event.payload["message"], event.payload["channel"])] = event.payload["text"]
        for publication in state.publications:
            assert {t.channel for t in publication.texts} == set(publication.channels), name
            for text in publication.texts:
                seen = shown[(publication.message, text.channel)]
                assert _MOMENT.sub("#", text.text) == _MOMENT.sub("#", seen), name


def test_published_json_gives_back_the_recorded_bytes(cli: Cli, timelines: dict[str, Path]) -> None:
    for name, path in timelines.items():
        state = fold(read_events(path).events)
        ran = cli("published", "--timeline", str(path), "--format", "json")
        assert ran.exit_code == 0, ran.stderr
        items = json.loads(ran.stdout)
        recorded = [(p, t) for p in state.publications for t in p.texts]
        assert len(items) == len(recorded), name
        for item, (publication, text) in zip(items, recorded, strict=True):
            assert item["text"].encode() == text.text.encode()
            assert (item["message"], item["kind"], item["channel"], item["lang"]) == (
                publication.message, publication.kind, text.channel, text.lang,
            )  # fmt: skip
            assert datetime.fromisoformat(item["published_at"]) == publication.at.replace(
                microsecond=0
            )
            promised = item["next_update"]
            assert (promised and datetime.fromisoformat(promised)) == (
                publication.next_update or None
            )
            assert promised is None or promised.endswith("+01:00")  # Paris in November


def test_published_holding_sms_prints_the_recorded_sms_alone(
    cli: Cli, timelines: dict[str, Path]
) -> None:
    path = timelines["incident-local-outage"]
    state = fold(read_events(path).events)
    [sms] = [t for p in state.publications if p.message == "holding" for t in p.texts
             if t.channel == "sms"]  # fmt: skip
    ran = cli("published", "holding", "--channel", "sms", "--timeline", str(path))
    assert ran.exit_code == 0, ran.stderr
    assert ran.stdout == sms.text + "\n"
    ran = cli("published", "holding", "--channel", "SMS", "--timeline", str(path))
    assert ran.stdout == sms.text + "\n"  # channel names in any case


def test_several_texts_get_one_plain_header_each(cli: Cli, timelines: dict[str, Path]) -> None:
    path = timelines["incident-nationwide-outage"]
    ran = cli("published", "holding", "--timeline", str(path))
    assert ran.exit_code == 0, ran.stderr
    headers = [line for line in ran.stdout.splitlines() if line.startswith("== holding ")]
    assert len(headers) > 3 and "│" not in ran.stdout and "╭" not in ran.stdout


def test_an_unknown_message_or_channel_is_named(cli: Cli, timelines: dict[str, Path]) -> None:
    path = timelines["incident-nationwide-outage"]
    ran = cli("published", "holdnig", "--timeline", str(path))
    assert ran.exit_code == 2 and "no text of the message 'holdnig'" in ran.stderr
    assert "did you mean 'holding'" in ran.stderr
