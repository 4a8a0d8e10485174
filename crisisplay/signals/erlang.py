"""The call centre's load: Erlang A (M/M/n+M, callers who hang up) and Erlang C (nobody does).

Calls arrive at rate λ, are handled in an exponential time of mean 1/μ by ``n`` agents, and each
caller waiting hangs up after an exponential patience of mean 1/θ (Palm's model, studied by
Garnett, Mandelbaum and Reiman, "Designing a call center with impatient customers", 2002). The
queue is solved as a birth-death chain: the states up to ``n`` through the Erlang B recursion
(stable for hundreds of agents), the waiting states term by term until they no longer count. The
share of callers answered within the target follows a tagged caller through the queue by
uniformisation; with θ = 0 it is Erlang C's closed form.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

#: a waiting state smaller than this share of the whole no longer counts
_NEGLIGIBLE = 1e-15
#: uniformisation in slices where (rate x time) stays below this
_SLICE = 30.0


@dataclass(frozen=True)
class CallCentre:
    """The calls and how the centre handles them: rates per second."""

    calls_per_hour: float
    handling_seconds: float
    patience_seconds: float | None
    answer_seconds: float

    @property
    def arrival(self) -> float:
        return self.calls_per_hour / 3600.0

    @property
    def service(self) -> float:
        return 1.0 / self.handling_seconds

    @property
    def abandon(self) -> float:
        return 1.0 / self.patience_seconds if self.patience_seconds else 0.0

    @property
    def load(self) -> float:
        """The offered load in erlangs: agents busy on average if every caller were served."""
        return self.arrival / self.service


@dataclass(frozen=True)
class Performance:
    """How ``agents`` fare against the calls: shares of all callers."""

    agents: int
    waiting: float  # made to wait (all agents busy on arrival)
    abandoned: float  # hung up before being answered
    answered_in_time: float  # answered within the target


def erlang_b(agents: int, load: float) -> float:
    """Erlang B: the share of calls finding ``agents`` busy with ``load`` erlangs, no queue."""
    blocked = 1.0
    for n in range(1, agents + 1):
        blocked = load * blocked / (n + load * blocked)
    return blocked


def erlang_c(agents: int, load: float) -> float:
    """Erlang C: the share of callers who wait, when nobody hangs up (1 when overloaded)."""
    if load >= agents:
        return 1.0
    blocked = erlang_b(agents, load)
    return agents * blocked / (agents - load * (1 - blocked))


def performance(centre: CallCentre, agents: int) -> Performance:
    """Erlang A (Erlang C when nobody hangs up) for ``agents`` agents."""
    if agents <= 0:
        return Performance(agents, 1.0, 1.0 if centre.abandon else 0.0, 0.0)
    if not centre.abandon:
        return _erlang_c_performance(centre, agents)
    lam, mu, theta = centre.arrival, centre.service, centre.abandon
    if lam == 0:
        return Performance(agents, 0.0, 0.0, 1.0)
    # relative to the state where all agents are busy and nobody waits
    idle = 1.0 / erlang_b(agents, centre.load) - 1.0  # states 0..n-1
    queue = [1.0]  # states n, n+1, ...
    term, total = 1.0, 1.0
    j = 0
    while True:
        j += 1
        term *= lam / (agents * mu + j * theta)
        queue.append(term)
        total += term
        if term < _NEGLIGIBLE * total and agents * mu + j * theta > lam:
            break
    whole = idle + total
    waiting = total / whole
    mean_queue = sum(i * q for i, q in enumerate(queue)) / whole
    abandoned = theta * mean_queue / lam
    arrivals = [q / whole for q in queue]  # callers finding i others waiting
    served = _served_within(arrivals, agents * mu, theta, centre.answer_seconds)
    return Performance(agents, waiting, abandoned, (1.0 - waiting) + served)


def agents_needed(centre: CallCentre, share: float) -> int:
    """The fewest agents answering ``share`` of all callers within the target."""
    if share >= 1.0:
        raise ValueError("no staffing answers every caller within a target")
    low, high = 0, max(1, math.ceil(centre.load))
    while performance(centre, high).answered_in_time < share:
        low, high = high, high * 2
    while high - low > 1:
        middle = (low + high) // 2
        if performance(centre, middle).answered_in_time >= share:
            high = middle
        else:
            low = middle
    return high


def _erlang_c_performance(centre: CallCentre, agents: int) -> Performance:
    load = centre.load
    waiting = erlang_c(agents, load)
    if load >= agents:
        return Performance(agents, 1.0, 0.0, 0.0)
    speed = agents * centre.service - centre.arrival
    late = waiting * math.exp(-speed * centre.answer_seconds)
    return Performance(agents, waiting, 0.0, 1.0 - late)


def _served_within(arrivals: list[float], capacity: float, theta: float, target: float) -> float:
    """The share of callers who wait and are answered within ``target`` seconds.

    A caller who finds ``m`` others waiting moves up one place at rate ``capacity + m·θ`` (an
    agent frees up, or one ahead hangs up), is answered from the head at rate ``capacity``, and
    hangs up at rate θ anywhere: a chain solved by uniformisation, in slices of time."""
    stages = list(arrivals)
    top = len(stages) - 1
    fastest = capacity + top * theta + theta
    served = 0.0
    left = target
    while left > 0:
        span = min(left, _SLICE / fastest)
        left -= span
        mean = fastest * span
        weight = math.exp(-mean)
        gained = 0.0
        current = stages
        mixed = [weight * x for x in current]
        step = 0
        cumulative = weight
        while cumulative < 1.0 - 1e-13 and step < 10_000:
            step += 1
            moved = [0.0] * len(current)
            for m, mass in enumerate(current):
                if not mass:
                    continue
                out = capacity + m * theta
                moved[m] += mass * (1.0 - (out + theta) / fastest)
                if m:
                    moved[m - 1] += mass * out / fastest
            gained_now = current[0] * capacity / fastest
            gained += gained_now * (1.0 - cumulative)  # answered by step k counts for k >= step
            current = moved
            weight *= mean / step
            cumulative += weight
            for m, mass in enumerate(current):
                mixed[m] += weight * mass
        served += gained
        stages = mixed
    return served
