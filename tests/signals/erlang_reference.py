"""An independent Erlang A for the tests: the integral formulas of the M/M/n+G queue with an
exponential patience, computed by quadrature.

Mandelbaum and Zeltyn, "The M/M/n+G queue: summary of performance measures" (Technion, 2005,
section 2; for exponential patience they are those of Garnett, Mandelbaum and Reiman,
"Designing a call center with impatient customers", M&SOM 4(3), 2002):
with H(x) = (1 - exp(-θx))/θ, J = ∫ exp(λH(x) - nμx) dx over x >= 0 and
ε = Σ_{j<n} (λ/μ)^j/j! / ((λ/μ)^(n-1)/(n-1)!),

    P(W > 0)  = λJ / (ε + λJ)
    P(Ab)     = (1 + (λ - nμ)J) / (ε + λJ)
    P(answered within t) = 1 - P(W > 0) + ∫_0^t exp(-θx) λ exp(λH(x) - nμx) dx / (ε + λJ)

(the offered wait has density λ exp(λH(x) - nμx) / (ε + λJ) on x > 0; a caller is answered at
x when still there: exp(-θx)). Nothing is shared with ``crisisplay.signals.erlang``, which
solves the birth-death chain instead.
"""

from __future__ import annotations

import math


def _simpson(f, a: float, b: float, steps: int = 20_000) -> float:  # type: ignore[no-untyped-def]
    h = (b - a) / steps
    total = f(a) + f(b)
    for i in range(1, steps):
        total += (4 if i % 2 else 2) * f(a + i * h)
    return total * h / 3


def measures(
    calls_per_hour: float, handling: float, patience: float, agents: int, target: float
) -> tuple[float, float, float]:
    """(P(W > 0), P(Ab), P(answered within target)) of Erlang A."""
    lam, mu, theta = calls_per_hour / 3600, 1 / handling, 1 / patience
    n = agents
    a = lam / mu
    epsilon, term = 0.0, 1.0
    for j in range(n - 1, -1, -1):  # (n-1)!/(j! a^(n-1-j)), from j = n-1 down
        epsilon += term
        term *= j / a

    def density(x: float) -> float:
        return math.exp(lam * (1 - math.exp(-theta * x)) / theta - n * mu * x)

    # the integrand falls as exp(-(nμ - λ e^{-θx}) x); past 60/min(nμ, θ) it is negligible
    end = 60 / min(n * mu, theta) + 60 * lam / (n * mu * theta)
    whole = _simpson(density, 0, end, 200_000)
    bottom = epsilon + lam * whole
    wait = lam * whole / bottom
    abandon = (1 + (lam - n * mu) * whole) / bottom
    within = _simpson(lambda x: math.exp(-theta * x) * lam * density(x), 0, target) / bottom
    return wait, abandon, 1 - wait + within
