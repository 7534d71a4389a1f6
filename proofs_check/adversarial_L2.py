"""adversarial/L2: log-barrier stability with arbitrarily negative losses (refined bound).

One OMD step x+ = argmin_x <x, l> + D(x, x_t)/eta with the log-barrier Bregman divergence
D(x, y) = sum_i (x_i/y_i - 1 - ln(x_i/y_i)); stability S = <x_t - x+, l> - D(x+, x_t)/eta.
With u_a = eta x_a l_a and big = {a : u_a < -1/2}, the refined bound is
    S <= eta sum_{a not big} x_a^2 l_a^2 + sum_{a in big} |l_a|  <=  3 eta sum_a x_a l_a^2,
while the classical bound S <= eta sum_a x_a^2 l_a^2 (valid when all u_a >= -1/2) must fail in
a non-trivial fraction of trials.
"""
from __future__ import annotations

import numpy as np

from theorylab.kernels.adversarial_linear_ftrl import _log_barrier

from ._report import LemmaReport

NAME = "adversarial/L2"


def _bregman(x, y) -> float:
    r = x / y
    return float(np.sum((r - 1.0) - np.log(r)))


def omd_step(x: np.ndarray, ell: np.ndarray, eta: float) -> np.ndarray:
    """x+ = argmin over the simplex of <z, l> + D(z, x)/eta (log-barrier solver, c = eta l + 1/x).

    References
    ----------
    Spec §3.0(d) (same Newton solver) and §6 L2.
    """
    c = eta * ell + 1.0 / x
    c = c - c.min()
    p = np.empty_like(c)
    _log_barrier(c, p)
    return p


def _trial(rng):
    A = int(rng.integers(2, 17))
    x = rng.dirichlet(np.full(A, rng.choice([0.05, 0.3, 1.0])))
    x = np.maximum(x, 1e-300)
    x /= x.sum()
    eta = 10 ** rng.uniform(-3, 1)
    ell = rng.choice([-1.0, 1.0], size=A) * 10 ** rng.uniform(-3, 5, size=A)
    xp = omd_step(x, ell, eta)
    S = float((x - xp) @ ell) - _bregman(xp, x) / eta
    big = eta * x * ell < -0.5
    refined = eta * np.sum((x**2 * ell**2)[~big]) + np.sum(np.abs(ell[big]))
    scale = 1e-9 * (np.sum(np.abs(ell) * (x + xp)) + 1.0)
    return S, refined, 3 * eta * np.sum(x * ell**2), eta * np.sum(x**2 * ell**2), scale


def check(rng: np.random.Generator, size: str = "quick") -> LemmaReport:
    """Run the L2 check; passes when both refined inequalities always hold and the classical
    bound fails in at least 1% of trials.

    References
    ----------
    Dai, Luo, Wei, Zimmert (2023), ICML, refined log-barrier FTRL analysis (abstract);
    statement: reconstruction, spec §6 L2.
    """
    n = 4000 if size == "quick" else 100000
    worst, classical_fail = np.inf, 0
    for _ in range(n):
        S, refined, three, classical, tol = _trial(rng)
        worst = min(worst, refined - S + tol, three - refined + tol)
        classical_fail += S > classical + tol
    frac = classical_fail / n
    return LemmaReport(NAME, "S <= eta sum_{not big} x^2 l^2 + sum_big |l| <= 3 eta sum x l^2; classical "
                       "S <= eta sum x^2 l^2 violated sometimes", "reconstruction; see spec §6 L2",
                       "inequality", n, float(worst), bool(worst >= 0 and frac >= 0.01),
                       f"classical bound violated in {classical_fail}/{n} = {frac:.3%} of trials")
