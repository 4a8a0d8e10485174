"""`timeline show` is the crisis log: every kind of event said as a sentence, in both languages.

Every kind the vocabulary defines has its sentence in French and in English, naming only the
fields its payload has (or those made from them); a whole incident walked from its answers
file reads as sentences, never as raw payloads; a kind this crisisplay does not know is shown
with its payload as it stands.
"""

from __future__ import annotations

import re
import string
from datetime import datetime, timezone
from pathlib import Path

import pytest

from crisisplay.localtime import LocalTimes
from crisisplay.texts import LANGUAGES, catalogue, reworded
from crisisplay.timeline.events import GENESIS, NewEvent, seal
from crisisplay.timeline.journal import journal_rows, said
from crisisplay.timeline.payloads import REGISTRY
from crisisplay.timeline.store import read_events
from tests.conftest import Cli
from tests.report.timelines import incident_timeline

#: fields the log makes from a payload's own (see crisisplay.timeline.journal._Values)
MADE = {"title", "who", "drill", "why", "where", "said", "correction", "was", "value", "ok"}


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_kind_has_its_sentence_naming_only_its_fields(lang: str) -> None:
    texts = catalogue(lang)
    for kind, spec in REGISTRY.items():
        template = texts.get(f"journal.{kind}")
        assert template is not None, f"no sentence for {kind} in {lang}"
        named = {field for _, field, _, _ in string.Formatter().parse(template) if field}
        fields = {f.name for f in spec.fields}
        assert named <= fields | MADE, (kind, named - fields - MADE)


@pytest.fixture(scope="module")
def walked(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return incident_timeline("nationwide-outage", tmp_path_factory.mktemp("journal"), "fr")


@pytest.mark.parametrize("lang", LANGUAGES)
def test_a_walked_incident_reads_as_sentences(walked: Path, lang: str) -> None:
    events = read_events(walked).events
    times = LocalTimes.spanning("Europe/Paris", lang, [e.at for e in events])
    rows = journal_rows(events, times)
    assert len(rows) == len(events)
    other = catalogue(lang)["journal.other"].split("{")[0]
    for event, (_, _, _, sentence) in zip(events, rows, strict=True):
        assert "{" not in sentence and "}" not in sentence, sentence
        assert not sentence.startswith(f"{event.kind}{other}"), sentence
        assert event.kind not in sentence  # no raw kind on a person's screen


def test_a_kind_from_a_newer_crisisplay_shows_its_payload() -> None:
    at = datetime(2026, 11, 23, 7, 42, tzinfo=timezone.utc)
    times = LocalTimes.spanning("Europe/Paris", "fr", [at])
    new = NewEvent("weather.observed", "anne", None, {"wind": 90}, at)
    stranger, _ = seal(new, seq=1, prev=GENESIS, incident="newer")
    assert said(stranger, times) == 'weather.observed : {"wind": 90}'


def test_show_prints_the_log_in_the_incidents_language(cli: Cli, walked: Path) -> None:
    ran = cli("timeline", "show", "--timeline", str(walked), "--kind", "gate")
    assert ran.exit_code == 0
    assert "Validation noc-scope accordée" in ran.stdout
    assert not re.search(r"gate\.(passed|refused)", ran.stdout)


@pytest.mark.parametrize(
    ("recorded", "lang"), [("nobody on duty", "fr"), ("personne de permanence", "en")]
)
def test_crisisplays_own_words_recorded_in_another_language_are_read_in_the_readers(
    recorded: str, lang: str
) -> None:
    """A timeline written before its words were in its language, or read by a colleague in
    the other one: the reason crisisplay wrote reads in the reader's language."""
    at = datetime(2026, 11, 23, 7, 42, tzinfo=timezone.utc)
    times = LocalTimes.spanning("Europe/Paris", lang, [at])
    new = NewEvent("role.gap", "crisisplay", None, {"role": "moderation", "reason": recorded}, at)
    gap, _ = seal(new, seq=1, prev=GENESIS, incident="older")
    expected = {"fr": "personne de permanence", "en": "nobody on duty"}[lang]
    assert said(gap, times).endswith(expected)
    assert (
        reworded("a reason of the lead's own", "roster.nobody", lang)
        == "a reason of the lead's own"
    )
