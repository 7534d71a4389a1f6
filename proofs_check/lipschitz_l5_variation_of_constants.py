"""L5 variation of constants / incremental ISS for a linear loop.

For random Schur ``A_cl`` and disturbances w: ``x_{t+1} = A_cl x_t + w_t``, ``y_{t+1} = A_cl y_t``,
``||x_t - y_t|| <= sum_s ||A_cl^{t-1-s}|| ||w_s|| + ||A_cl^t|| ||x_0 - y_0||`` (exact up to 1e-9)
and that is <= the (kappa, rho) closed form.
"""
from __future__ import annotations

import numpy as np

from theorylab.planning.lqr import stability_constants, transient_norms

from ._report import LemmaReport

NAME = "lipschitz/L5"
_SIZES = {"quick": (10, 60), "full": (100, 200)}


def check(rng: np.random.Generator, size: str = "quick") -> LemmaReport:
    """Check L5 on random Schur matrices.

    References
    ----------
    Sontag (1998), *Mathematical Control Theory*, §3 (variation of constants); spec §6 L5.
    """
    trials, T = _SIZES[size]
    worst = np.inf
    for _ in range(trials):
        A = rng.normal(size=(3, 3))
        A *= rng.uniform(0.5, 0.95) / np.max(np.abs(np.linalg.eigvals(A)))
        M = transient_norms(A, T)
        kappa, rho = stability_constants(A)
        w = rng.normal(size=(T, 3))
        x, y = rng.normal(size=3), rng.normal(size=3)
        d0, wn = np.linalg.norm(x - y), np.linalg.norm(w, axis=1)
        for t in range(1, T + 1):
            x, y = A @ x + w[t - 1], A @ y
            conv = sum(M[t - 1 - s] * wn[s] for s in range(t)) + M[t] * d0
            closed = kappa * sum(rho ** (t - 1 - s) * wn[s] for s in range(t)) + kappa * rho**t * d0
            worst = min(worst, conv + 1e-9 - np.linalg.norm(x - y), closed * (1 + 1e-12) - conv)
    return LemmaReport(NAME, "||x_t - y_t|| <= sum_s M_{t-1-s}||w_s|| + M_t||x_0-y_0|| <= (kappa, rho) form",
                       "Sontag 1998; spec §6 L5", "inequality", trials * T, float(worst), worst >= 0)
