"""L2 Kirszbraun one-point value (m = 3): ``min_y max_i ||y - v_i|| / ||x - x_i|| <= alpha``.

Random alpha-feasible vector data (``v_i = tanh(W x_i)`` with ``||W||_2 = alpha``, alpha-Lipschitz
because tanh is 1-Lipschitz in each component), query points x; the optimal ratio t*
solves the SOCP ``min t s.t. ||y - v_i|| <= t ||x - x_i||``.
"""
from __future__ import annotations

import cvxpy as cp
import numpy as np

from ._report import LemmaReport

NAME = "lipschitz/L2"
_SIZES = {"quick": (15, 10), "full": (40, 100)}


def check(rng: np.random.Generator, size: str = "quick") -> LemmaReport:
    """Check L2 by solving the one-point SOCP at random queries.

    References
    ----------
    Kirszbraun (1934), Fund. Math. 22; Le Gruyer & Phan (2015), arXiv:1511.01748; spec §6 L2.
    """
    N, Q = _SIZES[size]
    n, m, alpha = 2, 3, 1.0
    X = rng.uniform(-1, 1, size=(N, n))
    W = rng.normal(size=(m, n))
    W *= alpha / np.linalg.norm(W, 2)
    V = np.tanh(X @ W.T)
    worst = np.inf
    for _ in range(Q):
        x = rng.uniform(-1.2, 1.2, size=n)
        y, t = cp.Variable(m), cp.Variable()
        d = np.linalg.norm(X - x, axis=1)
        prob = cp.Problem(cp.Minimize(t), [cp.norm(y[None, :] - V, 2, axis=1) <= t * d])
        prob.solve(solver="CLARABEL")
        worst = min(worst, alpha * (1 + 1e-6) - float(t.value))
    return LemmaReport(NAME, "one-point Kirszbraun ratio t* <= alpha(1+1e-6) for alpha-Lipschitz vector data",
                       "Kirszbraun 1934; spec §6 L2", "inequality", Q, float(worst), worst >= 0)
