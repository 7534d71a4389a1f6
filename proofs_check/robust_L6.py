"""L6: the TV inner problem and the regularised robust Bellman operator are non-expansive,
monotone and translation-equivariant; the discounted version is a gamma-contraction."""
from __future__ import annotations

import numpy as np

from theorylab.kernels.robust_tv import tv_sigma_sort_numpy as sigma
from theorylab.problems.robust import random_drmdp

from .robust_common import cases, report

NAME = "robust/L6"


def _soft_backup(m, V, beta, gamma=1.0):
    nu = np.array([sigma(m.mu[0, i], V, m.rho[0, i]) for i in range(m.d)])
    Q = m.phi @ (m.theta[0] + gamma * nu)
    top = Q.max(-1)
    return top + beta * np.log(np.mean(np.exp((Q - top[:, None]) / beta), -1))


def check(rng: np.random.Generator, size: str = "quick"):
    """(a) |sigma(V) - sigma(V')| <= ||V - V'||_inf, monotone, sigma(V + c) = sigma(V) + c;
    (b) soft robust backup T: ||TV - TV'|| <= ||V - V'||; (c) discounted: <= gamma ||V - V'||.

    References
    ----------
    Iyengar (2005), Lemma (robust operators are contractions); Geist et al. (2019);
    spec §6 L6.
    """
    slack = []
    for _ in range(cases(size, 100, 500)):
        m = random_drmdp(rng, 10, 3, 4, 1, float(rng.uniform(0, 1)))
        V, V2 = rng.uniform(0, 3, m.S), rng.uniform(0, 3, m.S)
        dist = np.abs(V - V2).max()
        mu, rho, c = m.mu[0, 0], float(rng.uniform(0, 1)), float(rng.normal())
        slack.append(dist - abs(sigma(mu, V, rho) - sigma(mu, V2, rho)))
        slack.append(sigma(mu, np.maximum(V, V2), rho) - sigma(mu, V, rho))
        slack.append(-abs(sigma(mu, V + c, rho) - sigma(mu, V, rho) - c))
        beta, gamma = float(rng.uniform(0.01, 2)), float(rng.uniform(0.1, 0.99))
        slack.append(dist - np.abs(_soft_backup(m, V, beta) - _soft_backup(m, V2, beta)).max())
        slack.append(gamma * dist - np.abs(_soft_backup(m, V, beta, gamma) - _soft_backup(m, V2, beta, gamma)).max())
    return report(NAME, "non-expansive, monotone, translation-equivariant; gamma-contraction",
                  "Iyengar 2005; Geist, Scherrer, Pietquin 2019; spec §6 L6", "inequality", slack, tol=1e-10)
