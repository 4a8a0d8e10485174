"""Clocks: where "now" comes from. The core never reads the wall clock itself.

- ``SystemClock``: real time, for a real incident.
- ``ManualClock``: time moves only when told (tests, and scripted runs that must be repeatable).
- ``DrillClock``: exercise time = start + elapsed wall time x speed; ``wait_until`` sleeps the
  scaled wall time, so a 3-hour drill at ``--speed 60`` takes 3 minutes. Its wall-time source
  is passed in, so tests run it with a fake source and never sleep.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone
from typing import Protocol


class Clock(Protocol):
    def now(self) -> datetime:
        """The current time, timezone-aware."""
        ...

    def wait_until(self, moment: datetime) -> None:
        """Let time reach ``moment`` (a scripted answer given at T+12m, a drill inject)."""
        ...


class SystemClock:
    """Real time. ``wait_until`` does not sleep: in a real crisis nobody waits for a script."""

    #: the wall clock of this process (held against the cell's shared clock when recording)
    real = True

    def now(self) -> datetime:
        return datetime.now(timezone.utc)

    def wait_until(self, moment: datetime) -> None:
        return None


@dataclass
class ManualClock:
    """A clock that moves only forward and only when asked."""

    current: datetime

    def now(self) -> datetime:
        return self.current

    def wait_until(self, moment: datetime) -> None:
        self.current = max(self.current, moment)

    def advance(self, delta: timedelta) -> None:
        self.current += delta


@dataclass
class WallTime:
    """Monotonic seconds and sleep: the real ones, or fakes in tests."""

    monotonic: Callable[[], float] = time.monotonic
    sleep: Callable[[float], None] = time.sleep


@dataclass
class DrillClock:
    """Exercise time running ``speed`` times faster than the wall clock.

    When ``paced`` is false (a scripted drill that must be byte-identical from run to run),
    time jumps to each scheduled moment instead of flowing, and no sleeping happens.
    """

    start: datetime
    speed: float = 1.0
    wall: WallTime = field(default_factory=WallTime)
    paced: bool = True
    _origin: float = field(init=False)
    _offset: timedelta = field(init=False, default=timedelta(0))

    def __post_init__(self) -> None:
        if self.speed <= 0:
            raise ValueError("the drill speed must be positive")
        self._origin = self.wall.monotonic()

    def now(self) -> datetime:
        if not self.paced:
            return self.start + self._offset
        elapsed = (self.wall.monotonic() - self._origin) * self.speed
        return self.start + max(self._offset, timedelta(seconds=elapsed))

    def wait_until(self, moment: datetime) -> None:
        if self.paced:
            remaining = (moment - self.now()).total_seconds() / self.speed
            if remaining > 0:
                self.wall.sleep(remaining)
        self._offset = max(self._offset, moment - self.start)
