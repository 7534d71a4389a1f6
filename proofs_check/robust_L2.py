"""L2: the sort closed form of the TV inner problem equals its dual."""
from __future__ import annotations

import numpy as np

from theorylab.kernels.robust_tv import tv_sigma_dual, tv_sigma_sort

from .robust_L1 import _instance
from .robust_common import cases, report

NAME = "robust/L2"


def check(rng: np.random.Generator, size: str = "quick"):
    """Moving the top-rho mass of mu onto argmin V gives the dual value (to 1e-10).

    References
    ----------
    Iyengar (2005), §4; spec §3.2 and §6 L2.
    """
    slack = []
    for _ in range(cases(size, 200, 1000)):
        mu, V, rho = _instance(rng)
        o = np.argsort(V)
        slack.append(-abs(tv_sigma_sort(mu, V, rho, o) - tv_sigma_dual(mu, V, rho, o)))
    return report(NAME, "sigma_rho(mu,V) = rho min V + E_mu[V] with the top-rho mass removed",
                  "Iyengar 2005; spec §6 L2", "identity", slack, tol=1e-10)
