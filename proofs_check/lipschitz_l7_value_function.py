"""L7 structure of ``V(alpha) = min (P_alpha^N)``: nonincreasing, convex, V = 0 beyond the data
constant, V(0+) -> variance of u.
"""
from __future__ import annotations

import numpy as np

from theorylab.algorithms.lipschitz import LipschitzConfig, fit_lipschitz
from theorylab.kernels.lipschitz_extension import lipschitz_constant

from ._report import LemmaReport

NAME = "lipschitz/L7"
_SIZES = {"quick": (40, 8), "full": (150, 20)}


def check(rng: np.random.Generator, size: str = "quick") -> LemmaReport:
    """Check L7 on a random data set over an alpha grid.

    References
    ----------
    Partial minimisation of a jointly convex problem, Boyd & Vandenberghe (2004), §3.2.5;
    spec §6 L7.
    """
    N, G = _SIZES[size]
    X = rng.uniform(-1, 1, size=(N, 2))
    U = np.sin(3 * X[:, 0]) + X[:, 1] ** 2
    Lc = lipschitz_constant(X, U[:, None])
    alphas = np.linspace(1e-4, 1.2 * Lc, G)
    V = np.array([fit_lipschitz(X, U, LipschitzConfig(a)).objective for a in alphas])
    mono = -np.diff(V).max() if G > 1 else 0.0                  # >= 0 when nonincreasing
    h = alphas[1] - alphas[0]
    convex = (V[2:] - 2 * V[1:-1] + V[:-2]).min()               # >= -tol when convex
    zero = -V[alphas >= Lc].max()
    var = np.var(U) - V[0]
    slack = min(mono + 1e-7, convex + 1e-7, zero + 1e-9, 1e-2 * np.var(U) - abs(var))
    return LemmaReport(NAME, "V nonincreasing, convex (2nd differences >= -1e-7), 0 beyond data constant, "
                       "V(0+) ~ Var(u)", "spec §6 L7", "inequality", G, float(slack), slack >= 0,
                       f"grid step {h:.3g}; V(1e-4) {V[0]:.4g} vs Var(u) {np.var(U):.4g}")
