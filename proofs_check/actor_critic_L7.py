"""L7 stale-Gram bonus inflation: if Lambda_snap <= Lambda_cur and det Lambda_cur <= 2 det Lambda_snap,
then x^T Lambda_snap^{-1} x <= (det Lambda_cur / det Lambda_snap) x^T Lambda_cur^{-1} x <= 2 x^T Lambda_cur^{-1} x."""
from __future__ import annotations

import numpy as np

from ._report import LemmaReport

NAME = "actor_critic/L7"
_SIZES = {"quick": 300, "full": 5000}


def check(rng: np.random.Generator, size: str = "quick") -> LemmaReport:
    """Random Lambda_snap = lam I + sum phi phi^T, grown by random updates until just before det doubles.

    References
    ----------
    Abbasi-Yadkori, Pal, Szepesvari (2011), NeurIPS, Lemma 12; Wang et al. (2021), NeurIPS
    (a stale bonus is at most sqrt(2) times the fresh one); spec §6 L7.
    """
    n, worst = _SIZES[size], np.inf
    for _ in range(n):
        d = int(rng.integers(2, 10))
        F = rng.normal(size=(int(rng.integers(0, 30)), d)) / np.sqrt(d)
        snap = np.eye(d) + F.T @ F
        cur = snap.copy()
        for _ in range(200):
            f = rng.normal(size=d) * rng.uniform(0, 1) / np.sqrt(d)
            nxt = cur + np.outer(f, f)
            if np.linalg.slogdet(nxt)[1] - np.linalg.slogdet(snap)[1] > np.log(2.0):
                break
            cur = nxt
        ratio_det = float(np.exp(np.linalg.slogdet(cur)[1] - np.linalg.slogdet(snap)[1]))
        x = rng.normal(size=d)
        ratio = float(x @ np.linalg.solve(snap, x) / (x @ np.linalg.solve(cur, x)))
        worst = min(worst, ratio_det - ratio + 1e-9, 2.0 - ratio_det + 1e-9)
    return LemmaReport(NAME, "x'S^{-1}x / x'C^{-1}x <= det C/det S <= 2",
                       "Abbasi-Yadkori et al. 2011, Lemma 12; spec §6 L7", "inequality", n, float(worst),
                       bool(worst >= 0))
