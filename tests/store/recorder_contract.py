"""What every recorder must do, whatever keeps the timeline: one test class, subclassed once per
store with a fixture that makes its recorders (``tests/store/test_recorder_contract.py``)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timedelta, timezone

import pytest

from crisisplay.errors import CrisisplayError, TimelineError
from crisisplay.timeline.events import MAX_LINE_BYTES, NewEvent, canonical_line
from crisisplay.timeline.recorder import Recorder
from crisisplay.timeline.state import fold

START = datetime(2026, 11, 23, 15, 0, tzinfo=timezone.utc)
INCIDENT = "20261123-1600-local-outage-c0de"

#: a recorder of the test's incident; ``create`` starts it
Make = Callable[..., Recorder]


def activation() -> NewEvent:
    payload = {"scenario": "local-outage", "title": "Panne locale", "lang": "fr"}
    return NewEvent("incident.activated", "camille-roux", "cell-lead", payload, START)


def note(i: int, actor: str = "ines-haddad") -> NewEvent:
    return NewEvent("note.added", actor, None, {"text": f"note {i}"}, START + timedelta(seconds=i))


class RecorderContract:
    """Subclasses give a ``make`` fixture: ``make(create=True)`` starts the incident."""

    def test_a_started_incident_is_read_back_in_order(self, make: Make) -> None:
        first = make(create=True)
        recorded = first.append_many([activation(), *(note(i) for i in range(1, 4))])
        assert [e.seq for e in recorded] == [1, 2, 3, 4]
        reader = make()
        events = reader.read_new()
        assert [canonical_line(e) for e in events] == [canonical_line(e) for e in recorded]
        assert reader.read_new() == []  # each event once
        assert reader.tip.seq == 4 and reader.tip.head == recorded[-1].hash

    def test_an_incident_never_started_is_refused_not_made(self, make: Make) -> None:
        reader = make()
        with pytest.raises(CrisisplayError):
            reader.read_new()
        with pytest.raises(CrisisplayError):
            reader.append(note(1))

    def test_commit_if_records_only_on_the_head_its_maker_decided_on(self, make: Make) -> None:
        first = make(create=True)
        first.append(activation())
        second = make()
        assert [e.seq for e in second.read_new()] == [1]
        first.append(note(1))
        seen, recorded = second.commit_if([note(2)], 1)
        assert not recorded and [e.seq for e in seen] == [2]  # the other's, folded in
        seen, recorded = second.commit_if([note(2)], 2)
        assert recorded and [e.seq for e in seen] == [3]
        assert [e.seq for e in first.commit([note(3)])] == [3, 4]  # others' first, then its own

    def test_an_act_is_recorded_whole_or_not_at_all(self, make: Make) -> None:
        store = make(create=True)
        store.append(activation())
        huge = NewEvent("note.added", "ines-haddad", None, {"text": "x" * MAX_LINE_BYTES}, START)
        with pytest.raises(CrisisplayError):
            store.append_many([note(1), huge])
        assert [e.seq for e in make().read_new()] == [1]
        assert [e.seq for e in store.append_many([note(2)])] == [2]

    def test_a_clock_behind_never_dates_an_event_before_the_last(self, make: Make) -> None:
        store = make(create=True)
        store.append_many([activation(), note(60)])
        behind = NewEvent("note.added", "ines-haddad", None, {"text": "late"}, START)
        event = store.append(behind)
        assert event.at == START + timedelta(seconds=60) and store.clock_behind

    def test_the_fold_of_what_a_writer_saw_is_a_fresh_fold(self, make: Make) -> None:
        a, b = make(create=True), make()
        a.append(activation())
        state = fold(b.read_new())
        for i in range(1, 6):
            a.append_many([note(j) for j in range(i)])  # the other writer, any number of acts
            state.apply_all(b.commit([note(100 + i, "julie-fabre")]))
        assert state == fold(make().read_new())

    def test_a_trusted_clock_is_near_the_machine_s(self, make: Make) -> None:
        store = make(create=True)
        store.append(activation())
        moment = store.trusted_now()
        assert moment is not None and moment.utcoffset() is not None
        assert abs(moment - datetime.now(timezone.utc)) < timedelta(minutes=1)

    def test_a_missing_incident_is_named(self, make: Make) -> None:
        with pytest.raises(TimelineError, match=r"no (timeline|incident)"):
            make().read_new()
