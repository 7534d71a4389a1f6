"""adversarial/L5: the linear loss estimator is unbiased for Sinv Sigma theta^pi.

For I-TAB and I-LIN instances, a random policy pi, a fixed loss table and the exact
Sinv_h = (gamma I + Sigma^pi_h)^{-1}: the estimator theta-hat_h = Sinv_h phi(s_h, a_h) L_h
(L_h the realised loss-to-go of a rollout of pi, spec §3.0(a)) has mean Sinv_h Sigma_h theta_h
with Q^pi_h = phi_h theta_h.  Check: Monte-Carlo means over N rollouts against that target by
per-coordinate z-tests with a Bonferroni correction over all coordinates of all instances
(family-wise level 1e-3); and, deterministically, gamma -> 0 recovers Q^pi = phi^T theta on
the support of the occupancy (error <= 1e-6 at gamma = 1e-12; off the support Sigma is
singular and theta is not identified).  Control: the same z-test against theta
itself at gamma = 0.3 (biased target) must reject, so the test has power.
"""
from __future__ import annotations

import numpy as np
from scipy.stats import norm

from theorylab.kernels.adversarial_linear_cov import cov_exact_numpy, occupancy_numpy, rollouts_numpy
from theorylab.planning import policy_evaluation
from theorylab.problems.adversarial import AdversarialMDP, linear_instance, make_losses, tabular_instance

from ._report import LemmaReport

NAME = "adversarial/L5"


def _instance(rng, j):
    H, S, A = 2, int(rng.integers(2, 4)), int(rng.integers(2, 4))
    if j % 2:
        P, phi = tabular_instance(rng, H, S, A)
    else:
        P, phi = linear_instance(rng, H, S, A, int(rng.integers(2, min(S * A, 4) + 1)))
    prob = AdversarialMDP(P, phi, make_losses(rng, phi, 1, "switch"))
    pi = rng.dirichlet(np.ones(A), size=(H, S))
    Q = policy_evaluation(prob.tabular(), pi, prob.losses(0, 1)[0]).Q
    d = phi.shape[-1]
    theta = np.stack([np.linalg.lstsq(phi[h].reshape(-1, d), Q[h].reshape(-1), rcond=None)[0] for h in range(H)])
    return prob, pi, theta


def _z(rng, prob, pi, theta, gamma, N, against_theta=False):
    """Per-coordinate z statistics of the MC mean of theta-hat against Sinv Sigma theta
    (or against theta itself: the control)."""
    P, phi, H = prob.P, prob.phi, prob.H
    q = occupancy_numpy(P, pi)
    Sinv = cov_exact_numpy(phi, q, gamma)
    Sig = np.einsum("hsa,hsai,hsaj->hij", q, phi, phi)
    target = np.einsum("hij,hjk,hk->hi", Sinv, Sig, theta)
    st, ac = rollouts_numpy(P, pi, rng.uniform(size=(N, H, 2)))
    ell = prob.losses(0, 1)[0]
    L = np.cumsum(ell[np.arange(H)[None], st, ac][:, ::-1], 1)[:, ::-1]
    est = np.einsum("hij,nhj->nhi", Sinv, phi[np.arange(H)[None], st, ac]) * L[:, :, None]
    se = est.std(0, ddof=1) / np.sqrt(N)
    mask = se > 1e-12
    ref = theta if against_theta else target
    return (est.mean(0) - ref)[mask] / se[mask], q, Sinv, Sig


def check(rng: np.random.Generator, size: str = "quick") -> LemmaReport:
    """Run the L5 unbiasedness check (z-tests with Bonferroni) and the gamma -> 0 limit.

    References
    ----------
    Neu & Olkhovskaya (2020), COLT (linear estimator E theta-hat = Sigma_gamma^{-1} Sigma theta);
    spec §3.0(a) and §6 L5.
    """
    n, N = (8, 20_000) if size == "quick" else (60, 200_000)
    zs, worst_limit, control = [], 0.0, []
    for j in range(n):
        prob, pi, theta = _instance(rng, j)
        gamma = 10 ** rng.uniform(-3, -1)
        zs.append(_z(rng, prob, pi, theta, gamma, N)[0])
        _, q, Sinv, Sig = _z(rng, prob, pi, theta, 1e-12, 2)
        # on the support of the occupancy, phi^T Sinv Sigma theta -> phi^T theta = Q^pi
        rec = np.einsum("hsai,hij,hjk,hk->hsa", prob.phi, Sinv, Sig, theta)
        Q = np.einsum("hsai,hi->hsa", prob.phi, theta)
        worst_limit = max(worst_limit, float(np.max(np.abs(rec - Q)[q > 0])))
        control.append(_z(rng, prob, pi, theta, 0.3, N, against_theta=True)[0])
    z = np.concatenate(zs)
    crit = norm.ppf(1 - 1e-3 / (2 * z.size))
    zmax = float(np.abs(z).max())
    # control: the z-test against the biased target theta (gamma = 0.3) must reject
    ctrl_stat = float(np.abs(np.concatenate(control)).max())
    slack = min(crit - zmax, 1e-6 - worst_limit, ctrl_stat - crit)
    return LemmaReport(NAME, "E[Sinv phi(s_h, a_h) L_h] = Sinv Sigma theta^pi; gamma -> 0 recovers Q^pi on the support",
                       "Neu & Olkhovskaya 2020; spec §3.0(a), §6 L5", "probabilistic", n, float(slack),
                       bool(slack >= 0),
                       f"max |z| {zmax:.2f} over {z.size} coordinates (Bonferroni critical {crit:.2f}); "
                       f"gamma -> 0 error on the support {worst_limit:.1e}; control (gamma = 0.3 against theta) "
                       f"max |z| {ctrl_stat:.1f} must exceed the critical value")
