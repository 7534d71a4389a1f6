"""L11: the elliptical potential lemma (and the growth of the d-rectangular bonus sum)."""
from __future__ import annotations

import numpy as np

from theorylab.stats import loglog_slope

from .robust_common import cases, report

NAME = "robust/L11"


def check(rng: np.random.Generator, size: str = "quick"):
    """sum_k min(1, ||phi_k||^2_{Lambda_{k-1}^{-1}}) <= 2 d log(1 + K/(d lambda)), lambda = 1.

    Features are unit-norm; the detail reports the log-log slope of the cumulative
    d-rectangular bonus sum_k sum_i phi_{k,i} ||e_i||_{Lambda_k^{-1}} for simplex features
    (expected about 1/2).

    References
    ----------
    Abbasi-Yadkori, Pal, Szepesvari (2011), Lemma 11; spec §6 L11.
    """
    K = 2000 if size == "quick" else 20000
    slack, slopes = [], []
    for _ in range(cases(size, 10, 50)):
        d = int(rng.integers(2, 12))
        X = rng.normal(size=(K, d))
        X /= np.linalg.norm(X, axis=1, keepdims=True)
        F = rng.dirichlet(np.full(d, 0.5), size=K)
        Linv, Ginv, pot, bonus = np.eye(d), np.eye(d), 0.0, np.empty(K)
        for k in range(K):
            g = Linv @ X[k]
            pot += min(1.0, X[k] @ g)
            Linv -= np.outer(g, g) / (1 + X[k] @ g)
            f = Ginv @ F[k]
            Ginv -= np.outer(f, f) / (1 + F[k] @ f)
            bonus[k] = F[k] @ np.sqrt(np.diag(Ginv))
        slack.append(2 * d * np.log(1 + K / d) - pot)
        ks = np.unique(np.geomspace(K // 10, K, 10).astype(int))
        slopes.append(loglog_slope(ks, np.cumsum(bonus)[ks - 1]))
    return report(NAME, "sum_k min(1, ||phi_k||^2_{Lambda^-1}) <= 2 d log(1 + K/(d lambda))",
                  "Abbasi-Yadkori et al. 2011, Lemma 11; spec §6 L11", "inequality", slack, tol=0.0,
                  detail=f"cumulative d-rectangular bonus log-log slope: mean {np.mean(slopes):.3f} "
                         f"(range {min(slopes):.3f}..{max(slopes):.3f})")
