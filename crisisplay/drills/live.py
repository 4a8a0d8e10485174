"""Injects on a live exercise clock: a writer beside the walkthrough.

When a person answers a paced drill, exercise time flows whether or not anyone types: the
journalist calls at T+40m even while the lead reads the holding statement. This writer holds
its own view of the timeline, sleeps (in scaled wall time) until the next inject's moment,
and records it with check-and-append like any other member of the cell; the walkthrough folds
it in at its next act and shows it. Which injects have fired is read from the timeline, so two
writers never fire one twice.
"""

from __future__ import annotations

import threading
from typing import TYPE_CHECKING, Any

from crisisplay.drills.injects import inject_acts, show_inject
from crisisplay.timeline.state import IncidentState, fold
from crisisplay.timeline.vocabulary import new_event

if TYPE_CHECKING:
    from datetime import timedelta

    from crisisplay.drills.model import Inject
    from crisisplay.drills.ticker import InjectTicker
    from crisisplay.incident.board.acts import Act
    from crisisplay.incident.board.walkthrough import Walkthrough

#: the longest single sleep, so stopping never waits long
_SLICE_S = 0.25


class LiveInjects(threading.Thread):
    def __init__(self, ticker: InjectTicker, walk: Walkthrough) -> None:
        super().__init__(name="crisisplay-injects", daemon=True)
        self.ticker = ticker
        self.walk = walk
        self._halt = threading.Event()
        place = walk.session.place
        if place is None:
            raise TypeError("live injects need to know where the timeline is")
        self.store = place.recorder()

    def stop(self) -> None:
        self._halt.set()
        if self.is_alive():
            self.join(timeout=5)

    def run(self) -> None:
        state = fold(self.store.read_new())
        while not self._halt.is_set():
            pending = self.ticker.pending(state)
            if not pending or state.activated_at is None:
                return
            inject = pending[0]
            if not self._sleep_until(state, inject.at):
                return
            acts, changed = self._acts(state, inject)
            clock = self.walk.session.clock
            news = [new_event(a.payload, a.actor or "", a.role, clock.now()) for a in acts]
            events, recorded = self.store.commit_if(news, state.last_seq)
            state.apply_all(events)
            if recorded:
                show_inject(self.walk, inject, changed)

    def _acts(self, state: IncidentState, inject: Inject) -> tuple[list[Act], dict[str, Any]]:

        return inject_acts(self.walk, state, inject)

    def _sleep_until(self, state: IncidentState, offset: timedelta) -> bool:
        """Sleep in wall time until exercise time reaches the inject; False when stopped."""
        clock = self.walk.session.clock
        assert state.activated_at is not None
        moment = state.activated_at + offset
        while not self._halt.is_set():
            left = (moment - clock.now()).total_seconds()
            if left <= 0:
                return True
            speed = getattr(clock, "speed", 1.0)
            wall = getattr(clock, "wall", None)
            pause = min(left / speed, _SLICE_S)
            if wall is not None:
                wall.sleep(pause)
            else:
                self._halt.wait(pause)
        return False


__all__ = ["LiveInjects"]
