"""A French reader reads no English interface word, and an English reader no French one.

For the four bundled scenarios, each activated from its answers file once in French (the
organisation's first language) and once in English, the outputs below are rendered in the
incident's language and searched for the other language's interface labels ("verdict" and
"phase" are words of both; a fact's id or a condition is the playbook's, not the
interface's). To cover another view, add a function to OUTPUTS that renders it as text for a
language.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from datetime import datetime, timezone
from pathlib import Path

import pytest

from crisisplay.home import Home
from crisisplay.report.run import render, report_of
from tests.conftest import ROOT, Cli
from tests.report.timelines import incident_timeline

SCENARIOS = ("nationwide-outage", "local-outage", "billing-incident", "cyberattack")
#: while the incidents still run: one hour after their start
NOW = datetime(2026, 11, 23, 7, 50, tzinfo=timezone.utc)

#: interface labels of each language that must never reach a reader of the other one
ENGLISH = (
    "After-action report", "Key figures", "Times are", "Times:", "First alert", "Activated",
    "not recorded", "Resolved", "Final severity", "Chain head", "First public message",
    "Promised updates", "Update cadence", "Gate decisions", "Roster gaps", "Escalations",
    "Time to resolution", "Messages published", "Post-crisis actions", "published",
    "missed", "kept", "passed", "refused", "on time", "late", "done", "skipped", "Steps",
    "Gates", "Channels", "Facts", "Notes and decisions", "What went out", "left out",
    "Status", "since activation", "next promised update", "Gates waiting",
    "Roles not covered", "pending", "Open steps", "owner", "due", "Timeline", "time", "kind",
    "actor", "role", "details", "UTC", "Paris time", "by", "holding statement", "Target",
)  # fmt: skip
FRENCH = (
    "Retour d'expérience", "Chiffres clés", "Heures", "heure de Paris", "Première alerte",
    "non consignée", "Activation :", "Résolution", "Gravité", "Tête de chaîne",
    "Première prise de parole", "Points d'étape", "Rythme", "Validations", "Rôles non tenus",
    "Escalades", "tenu", "manqué", "validée", "refusée", "dans les temps", "de retard",
    "faite", "sautée", "Étapes", "Canaux", "Faits", "Notes et décisions", "mot pour mot",
    "écarté", "État de l'incident", "gravité", "depuis l'activation", "prochain point",
    "en attente", "Étapes ouvertes", "responsable", "échéance", "Chronologie", "qui", "détails",
    "Objectif", "par",
)  # fmt: skip
LABELS = {"fr": ENGLISH, "en": FRENCH}


@pytest.fixture(scope="module")
def timelines(tmp_path_factory: pytest.TempPathFactory) -> dict[tuple[str, str], Path]:
    found = {}
    for lang in ("fr", "en"):
        folder = tmp_path_factory.mktemp(f"incidents-{lang}")
        for scenario in SCENARIOS:
            found[scenario, lang] = incident_timeline(scenario, folder, lang)
    return found


def _report(fmt: str) -> Callable[[Path, str, Cli], str]:
    def rendered(path: Path, lang: str, cli: Cli) -> str:
        text = render(report_of(Home(ROOT), path, lang), fmt)
        if fmt == "json":
            return " ".join(json.loads(text)["labels"].values())
        if fmt == "html":
            text = re.sub(r"<(style|code)>.*?</\1>", " ", text, flags=re.S)
            text = re.sub(r"<[^>]+>", " ", text)
        return _interface_only(text, path)

    return rendered


def _interface_only(text: str, path: Path) -> str:
    """The report less what the record holds verbatim (texts, facts, notes, comments): those
    are the cell's words, in whatever language the cell wrote them."""
    events = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
    quoted: set[str] = set()
    for event in events:
        _strings(event["payload"], quoted)
    for words in sorted(quoted, key=len, reverse=True):
        if len(words) > 3:
            text = text.replace(words, " ")
    return text


def _strings(value: object, into: set[str]) -> None:
    if isinstance(value, str):
        into.add(value)
    elif isinstance(value, dict):
        for item in value.values():
            _strings(item, into)
    elif isinstance(value, list):
        for item in value:
            _strings(item, into)


def _status(path: Path, lang: str, cli: Cli) -> str:
    from crisisplay.console import get_console
    from crisisplay.console.status_views import status_board
    from crisisplay.incident.run import current_status

    console = get_console()
    with console.capture() as captured:
        console.print(status_board(current_status(Home(ROOT), path, lang, NOW)))
    return captured.get()


def _timeline_show(path: Path, lang: str, cli: Cli) -> str:
    ran = cli("timeline", "show", "-t", str(path), "--lang", lang, "--kind", "x", home=ROOT)
    assert ran.exit_code == 0, ran.stderr
    return ran.stdout


def _tasks(path: Path, lang: str, cli: Cli) -> str:
    ran = cli("tasks", "-t", str(path), "--lang", lang, home=ROOT)
    assert ran.exit_code == 0, ran.stderr
    return ran.stdout


def _board(path: Path, lang: str, cli: Cli) -> str:
    """The lead's live board of the incident as it stood early on, all its tracks open."""
    from crisisplay.clock import ManualClock
    from crisisplay.console import get_console
    from crisisplay.console.live_board import TerminalBoard
    from crisisplay.incident.board.walkthrough import Session, Walkthrough
    from crisisplay.playbook.load import load_playbook
    from crisisplay.prompts import ScriptedPrompter
    from crisisplay.timeline.state import fold
    from crisisplay.timeline.store import read_events

    events = read_events(path).events
    cut = next(e.seq for e in events if e.kind == "step.started")
    state = fold(events[: cut + 3])
    assert state.scenario is not None
    playbook = load_playbook(Home(ROOT), only=state.scenario)
    session = Session(
        playbook,
        playbook.scenario(state.scenario),
        lang,
        "camille-roux",
        ManualClock(NOW),
        ScriptedPrompter.empty(),
        None,
    )  # type: ignore[arg-type]
    console = get_console()
    with console.capture() as captured:
        console.print(TerminalBoard()._board(Walkthrough(session, state)))
    return _interface_only(captured.get(), path)


OUTPUTS: dict[str, Callable[[Path, str, Cli], str]] = {
    "tasks": _tasks,
    "board": _board,
    "report-md": _report("md"),
    "report-html": _report("html"),
    "report-json-labels": _report("json"),
    "status": _status,
    "timeline-show": _timeline_show,
}


@pytest.mark.parametrize("lang", ["fr", "en"])
@pytest.mark.parametrize("output", sorted(OUTPUTS))
@pytest.mark.parametrize("scenario", SCENARIOS)
def test_no_word_of_the_other_language(
    timelines: dict[tuple[str, str], Path], cli: Cli, scenario: str, output: str, lang: str
) -> None:
    text = OUTPUTS[output](timelines[scenario, lang], lang, cli)
    assert text.strip()
    found = [
        label
        for label in LABELS[lang]
        if re.search(rf"(?<![\w']){re.escape(label)}(?![\w'])", text)
    ]
    assert not found, f"{output} in {lang} holds {found}"


def test_the_check_finds_a_label_of_the_other_language(
    timelines: dict[tuple[str, str], Path], cli: Cli
) -> None:
    english = _report("md")(timelines["local-outage", "fr"], "en", cli)
    assert "Key figures" in english and "Chiffres clés" not in english
    assert "heure de Paris" in _report("md")(timelines["local-outage", "fr"], "fr", cli)


def test_every_time_names_its_zone(timelines: dict[tuple[str, str], Path], cli: Cli) -> None:
    path = timelines["nationwide-outage", "fr"]
    assert "Heures : heure de Paris" in _report("md")(path, "fr", cli)
    assert "il est 08:50 (heure de Paris)" in _status(path, "fr", cli)
    assert "heure de Paris" in _timeline_show(path, "fr", cli)
    assert "Paris time" in _timeline_show(path, "en", cli)
