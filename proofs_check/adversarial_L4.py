"""adversarial/L4: properties of the magnitude-reduced estimator Q~ = max(Q-hat, -1/(2 eta)).

Linear bandits (20 random instances in quick mode) with d = 4, A = 6 unit-norm features,
pi ~ Dirichlet(0.1), theta ~ U[0, 1]^d,
gamma = 1e-3, eta = 0.5 (the spec's eta = 0.05 never activates the clip on this generator:
min Q-hat is about -3 > -1/(2 eta) = -10); Q-hat(b) = phi_b^T (gamma I + Sigma)^{-1} phi_a L for a ~ pi.
Checked on every sample (the inequalities hold pointwise, hence in expectation):
(i) eta Q~ >= -1/2; (ii) Q~^2 <= Q-hat^2; (iii) 0 <= Q~ - Q-hat <= 2 eta Q-hat^2.
"""
from __future__ import annotations

import numpy as np

from ._report import LemmaReport

NAME = "adversarial/L4"


def check(rng: np.random.Generator, size: str = "quick") -> LemmaReport:
    """Run the L4 check over Monte-Carlo samples (fails if the clip never activates).

    References
    ----------
    Dai, Luo, Wei, Zimmert (2023), ICML, magnitude-reduced estimator (abstract); definition:
    reconstruction, spec §3.2 and §6 L4.
    """
    n_inst, n = (20, 2000) if size == "quick" else (100, 4000)
    d, A, gamma, eta = 4, 6, 1e-3, 0.5
    slack, clipped, qmin = np.inf, 0, 0.0
    for _ in range(n_inst):
        phi = rng.normal(size=(A, d))
        phi /= np.linalg.norm(phi, axis=1, keepdims=True)
        pi, theta = rng.dirichlet(np.ones(A) * 0.1), rng.uniform(size=d)
        Sinv = np.linalg.inv(gamma * np.eye(d) + phi.T @ (pi[:, None] * phi))
        a = rng.choice(A, size=n, p=pi)
        L = np.clip(phi[a] @ theta, 0, None)
        qhat = (phi @ Sinv @ phi[a].T).T * L[:, None]  # (n, A)
        qt = np.maximum(qhat, -1 / (2 * eta))
        diff = qt - qhat
        slack = min(slack, float(np.min(eta * qt + 0.5)), float(np.min(qhat**2 - qt**2)), float(np.min(diff)),
                    float(np.min(2 * eta * qhat**2 - diff)))
        clipped += int(np.sum(diff > 0))
        qmin = min(qmin, float(qhat.min()))
    frac = clipped / (n_inst * n * A)
    return LemmaReport(NAME, "eta Q~ >= -1/2; Q~^2 <= Q-hat^2; 0 <= Q~ - Q-hat <= 2 eta Q-hat^2",
                       "reconstruction; see spec §3.2 and §6 L4", "inequality", n_inst * n * A, slack,
                       bool(slack >= -1e-12 and clipped > 0),
                       f"clip active on {frac:.3%} of (sample, action) pairs over {n_inst} instances; "
                       f"min Q-hat = {qmin:.3g}")
