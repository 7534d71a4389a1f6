"""L12: regret of (KL-regularised) mirror descent at one state against adversarial Q's."""
from __future__ import annotations

import numpy as np

from .robust_L8 import closed_form
from .robust_common import cases, report

NAME = "robust/L12"


def check(rng: np.random.Generator, size: str = "quick"):
    """beta = 0: sum_k <pi* - pi_k, q_k> <= log|A|/eta + eta H^2 K / 2 for every pi*, with
    q_k in [0, H]^A chosen adversarially (random, drifting, or against the learner), pi_1 uniform.

    References
    ----------
    Cesa-Bianchi & Lugosi (2006), Thm 2.2 (exponential weights); Cai et al. (2020), Lemma 3.3;
    spec §6 L12.
    """
    slack = []
    H = 3.0
    for t in range(cases(size, 60, 300)):
        A, K = int(rng.integers(2, 11)), int(rng.integers(10, 400))
        eta = float(rng.uniform(0.01, 2))
        ref = np.full(A, 1.0 / A)
        pi, gains, learner = ref.copy(), np.zeros(A), 0.0
        for k in range(K):
            if t % 3 == 0:
                q = rng.uniform(0, H, A)
            elif t % 3 == 1:
                q = np.clip(H * (0.5 + 0.5 * np.sin(0.05 * k + np.arange(A))), 0, H)
            else:
                q = H * (pi <= pi.min() + 1e-15)  # pay the learner's least-likely action
            learner += pi @ q
            gains += q
            pi = closed_form(q, pi, ref, 0.0, eta)
        slack.append(np.log(A) / eta + eta * H**2 * K / 2 - (gains.max() - learner))
    return report(NAME, "sum_k <pi* - pi_k, q_k> <= log|A|/eta + eta H^2 K / 2",
                  "Cesa-Bianchi & Lugosi 2006, Thm 2.2; spec §6 L12", "inequality", slack, tol=0.0)
