"""The report of a timeline file, as ``crisisplay report`` asks for it.

Reads the events once, takes the step deadlines from the scenario in the home when it can
(a timeline from another home still gets its report, with a note saying why deadlines are
missing), adds the drill's score for a drill, and renders the chosen format.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path

from crisisplay.attestation import check_record
from crisisplay.errors import CrisisplayError, TimelineError, UsageError
from crisisplay.home import Home
from crisisplay.playbook.load import load_playbook
from crisisplay.report.document import Report, build_report, report_from_state
from crisisplay.report.html import html_pieces
from crisisplay.report.jsondoc import json_pieces
from crisisplay.report.markdown import markdown_pieces
from crisisplay.report.plan import Plan, plan_of
from crisisplay.report.sections_signed import Decisions, with_record
from crisisplay.texts import t
from crisisplay.timeline.events import Event
from crisisplay.timeline.fold import fold_into
from crisisplay.timeline.place import Place, place_of
from crisisplay.timeline.state import IncidentState
from crisisplay.timeline.store import damaged

FORMATS = ("md", "html", "json")


def report_of(home: Home, path: Place | Path, lang: str | None = None) -> Report:
    return read_report(home, path, lang)[0]


def read_report(home: Home, path: Place | Path, lang: str | None = None) -> tuple[Report, int]:
    """The report of ``path`` in ``lang`` (else the incident's language, else the
    organisation's first), and the size of a torn last line (0 if none) to warn about: a
    write a crash cut short, never acknowledged, so never part of the report.

    One walk of the timeline verifies the record, folds the state and keeps the decisions, in
    the memory of the state, however long the incident ran."""
    place = place_of(path)
    place.settle()
    state, source, decisions = IncidentState(), str(place), Decisions()
    check = check_record(
        home, place, readers=[lambda events: fold_into(state, events, source), decisions.take]
    )
    result = check.result
    if result.broken is not None:
        raise damaged(place, result.broken, "cannot use it")
    if state.scenario is None:
        raise TimelineError(f"{place} has no activation event: it is not an incident timeline")
    plan, note = load_plan(home, state.scenario, lang or state.lang)
    report = report_from_state(state, plan, note, lang)
    return with_record(report, home, place, check, decisions), result.torn_bytes


def load_plan(home: Home, scenario_id: str, lang: str | None) -> tuple[Plan | None, str | None]:

    try:
        playbook = load_playbook(home, only=scenario_id)
        scenario = playbook.scenario(scenario_id)
    except CrisisplayError as exc:
        first = str(exc).splitlines()[0]
        return None, t("report.plan_unread", lang or "en", problem=first)
    org = playbook.organisation
    return plan_of(scenario, lang or org.languages[0], org), None


def render(report: Report, fmt: str) -> str:
    return "".join(pieces(report, fmt))


def pieces(report: Report, fmt: str) -> Iterator[str]:
    """The report in ``fmt`` a piece at a time, to be written as it is made."""
    if fmt == "md":
        return markdown_pieces(report)
    if fmt == "html":
        return html_pieces(report)
    if fmt == "json":
        return json_pieces(report)
    raise UsageError(f"unknown report format {fmt!r} (choose one of {', '.join(FORMATS)})")


def buffered(pieces: Iterable[str], size: int = 1 << 16) -> Iterator[str]:
    """``pieces`` gathered into writes of about ``size`` characters."""
    held: list[str] = []
    count = 0
    for piece in pieces:
        held.append(piece)
        count += len(piece)
        if count >= size:
            yield "".join(held)
            held, count = [], 0
    if held:
        yield "".join(held)


def render_events(
    events: Sequence[Event], fmt: str, plan: Plan | None = None, lang: str | None = None
) -> str:
    """The report of ``events`` in ``fmt``, with no home (tests and benchmarks)."""
    return render(build_report(events, plan, lang=lang), fmt)
