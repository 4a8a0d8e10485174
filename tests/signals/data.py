"""Signals for the tests: two usual weeks of hourly counts, then an outage morning.

Figures from the field: about 500 posts an hour mention the operator on a normal day and over
2,000 in an outage; customer care takes about 4,000 calls a day, 12,000 in a major outage.
"""

from __future__ import annotations

import random
from collections.abc import Iterator
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

PARIS = ZoneInfo("Europe/Paris")
#: the usual weeks start on Monday 9 November 2026; the outage starts on Monday 23 at 07:00
FIRST_DAY = datetime(2026, 11, 9, tzinfo=PARIS)
OUTAGE = datetime(2026, 11, 23, 7, 0, tzinfo=PARIS)

#: a usual day's mentions an hour, by hour of the day (some 500 in the day, fewer at night)
MENTIONS_SHAPE = (120, 90, 70, 60, 60, 80, 150, 300, 450, 520, 540, 560,
                  580, 560, 540, 530, 540, 580, 620, 650, 600, 480, 320, 200)  # fmt: skip
#: a usual day's calls an hour: about 4,000 a day, in office hours
CALLS_SHAPE = (20, 10, 10, 10, 10, 20, 60, 150, 300, 330, 330, 310,
               280, 290, 320, 330, 310, 290, 250, 180, 120, 80, 50, 30)  # fmt: skip


def hourly(
    shape: tuple[int, ...], until: datetime, surge: float = 4.0, seed: int = 7
) -> Iterator[tuple[datetime, int]]:
    """Hourly counts from the first usual day to ``until``, ``surge`` times the usual from the
    outage on, each within 10% of its usual value."""
    chance = random.Random(seed)
    moment = FIRST_DAY
    while moment < until:
        usual = shape[moment.hour]
        factor = surge if moment >= OUTAGE else 1.0
        yield moment, round(usual * factor * chance.uniform(0.9, 1.1))
        moment = (moment.astimezone(ZoneInfo("UTC")) + timedelta(hours=1)).astimezone(PARIS)


def counts_csv(shape: tuple[int, ...], until: datetime, surge: float = 4.0) -> str:
    lines = ["time,count"]
    lines += [f"{moment.isoformat()},{count}" for moment, count in hourly(shape, until, surge)]
    return "\n".join(lines) + "\n"
