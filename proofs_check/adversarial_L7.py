"""adversarial/L7: Matrix Geometric Resampling versus the direct regularised inverse.

Covariance Sigma = sum_i w_i phi_i phi_i^T of random unit features (condition number 10 to
1e4 by coordinate scaling), Sigma_gamma = gamma I + Sigma, MGR step c = 1/2.
(a) MGR's mean is E[Sinv_MGR] = Sigma_gamma^{-1} (I - (I - c Sigma_gamma)^{M+1}) (checked
    exactly against c I + c sum_i E[Z_i], E[Z_i] = (I - c Sigma_gamma)^i) and its bias obeys
    ||E Sinv_MGR - Sigma_gamma^{-1}|| <= exp(-c gamma (M+1)) / gamma;
(b) the direct inverse of the empirical covariance from M = 2(1 + eps/3) ln(2d/delta) /
    (gamma eps^2) samples satisfies (1 - eps) Sigma_gamma <= gamma I + Sigma~ <= (1 + eps)
    Sigma_gamma with frequency >= 1 - delta (one-sided Clopper-Pearson test at level 0.01);
(c) reported: the largest operator norms of the two estimators at equal M;
(d) downstream, the loss estimate Q-hat(x) = x^T Sinv phi_p L of every feature x, with
    (phi_p, L = phi_p^T theta) an independent played sample, so E[phi_p L] = Sigma theta = v and
    the target is x^T Sigma_gamma^{-1} v.  Both estimators use the same M samples (equal M):
    - MGR: the Monte-Carlo mean over R independent replicates equals the exact mean
      x^T E[Sinv_MGR] v of (a): |z| <= Bonferroni critical value (family level 0.01; the
      summands are bounded by c (M + 1) / gamma-scale constants, so the CLT applies);
    - direct: |mean - target| <= eps/(1 - eps) ||x||_{Sigma_gamma^-1} ||v||_{Sigma_gamma^-1}
      (the multiplicative event of (b)) + delta ||x|| ||v|| / gamma (its failure) + crit * se;
    - direct magnitude: |Q-hat(x)| <= ||x|| ||phi_p|| |L| / gamma in every replicate;
    - control (power): a one-step MGR chain (M = 1, mean c (2 I - c Sigma_gamma), far from
      Sigma_gamma^{-1}) tested against the target must be rejected in every case (|z| > critical);
    - reported: variance ratio MGR / direct and the largest gamma |Q-hat| of each.
"""
from __future__ import annotations

import numpy as np
from scipy.stats import norm

from theorylab.stats import clopper_pearson

from ._report import LemmaReport

NAME = "adversarial/L7"
_ALPHA = 0.01


def _instance(rng, d):
    X = rng.normal(size=(4 * d, d))
    X *= np.geomspace(1.0, 10 ** rng.uniform(-2, -0.5), d)  # condition number up to ~1e4
    X /= np.maximum(1.0, np.linalg.norm(X, axis=1, keepdims=True))
    return X, rng.dirichlet(np.ones(4 * d))


def _mgr(X, w, idx, gamma, c):
    d = X.shape[1]
    Z, acc = np.eye(d), np.zeros((d, d))
    for i in idx:
        Z = Z - c * (gamma * Z + np.outer(Z @ X[i], X[i]))
        acc += Z
    return c * (np.eye(d) + acc)


def _mgr_batch(X, idx, gamma, c):
    """MGR estimates for every row of idx (R, M), shape (R, d, d); same recursion as ``_mgr``."""
    R, d = idx.shape[0], X.shape[1]
    Z, acc = np.broadcast_to(np.eye(d), (R, d, d)).copy(), np.zeros((R, d, d))
    for i in range(idx.shape[1]):
        x = X[idx[:, i]]
        Zx = np.einsum("rij,rj->ri", Z, x)
        Z = (1 - c * gamma) * Z - c * Zx[:, :, None] * x[:, None, :]
        acc += Z
    return c * (np.eye(d) + acc)


def _direct_batch(X, idx, gamma):
    d = X.shape[1]
    out = np.empty((idx.shape[0], d, d))
    for j in range(0, idx.shape[0], 128):  # chunks bound the (R, M, d) gather
        F = X[idx[j:j + 128]]
        out[j:j + 128] = np.linalg.inv(gamma * np.eye(d) + np.einsum("rmi,rmj->rij", F, F) / idx.shape[1])
    return out


def _mean_identity(Sg, c, M):
    d = Sg.shape[0]
    E, powi = c * np.eye(d), np.eye(d)
    for _ in range(M):
        powi = powi @ (np.eye(d) - c * Sg)
        E += c * powi
    closed = np.linalg.inv(Sg) @ (np.eye(d) - np.linalg.matrix_power(np.eye(d) - c * Sg, M + 1))
    return np.max(np.abs(E - closed)) / max(1.0, np.max(np.abs(closed))), closed


def _estimates(X, w, Sinv, theta, rng):
    """Q-hat of every feature (R, n) from one independent played sample per replicate."""
    p = rng.choice(len(w), size=Sinv.shape[0], p=w)
    L = X[p] @ theta
    return np.einsum("ni,rij,rj->rn", X, Sinv, X[p]) * L[:, None], np.linalg.norm(X[p], axis=1) * np.abs(L)


def _z(est, mean):
    se = est.std(0, ddof=1) / np.sqrt(est.shape[0])
    return np.abs(est.mean(0) - mean) / np.maximum(se, 1e-300), se


def _downstream(rng, X, w, gamma, c, M, eps, delta, reps):
    """Part (d) at one (instance, gamma): z statistics, direct-bias terms, magnitudes, control."""
    d = X.shape[1]
    Sg = X.T @ (w[:, None] * X) + gamma * np.eye(d)
    Sg_inv = np.linalg.inv(Sg)
    theta = rng.normal(size=d)
    v = (Sg - gamma * np.eye(d)) @ (theta / np.linalg.norm(theta))
    target = X @ Sg_inv @ v
    idx = rng.choice(len(w), size=(reps, M), p=w)
    S_mgr, S_dir = _mgr_batch(X, idx, gamma, c), _direct_batch(X, idx, gamma)
    e_mgr, _ = _estimates(X, w, S_mgr, theta / np.linalg.norm(theta), rng)
    e_dir, scale = _estimates(X, w, S_dir, theta / np.linalg.norm(theta), rng)
    z_mgr, _ = _z(e_mgr, X @ _mean_identity(Sg, c, M)[1] @ v)
    nx, nv = np.sqrt(np.einsum("ni,ij,nj->n", X, Sg_inv, X)), np.sqrt(v @ Sg_inv @ v)
    bias_tol = eps / (1 - eps) * nx * nv + delta * np.linalg.norm(X, axis=1) * np.linalg.norm(v) / gamma
    _, se_dir = _z(e_dir, target)
    e_ctrl, _ = _estimates(X, w, _mgr_batch(X, idx[:, :1], gamma, c), theta / np.linalg.norm(theta), rng)
    z_ctrl, _ = _z(e_ctrl, target)
    mag = np.abs(e_dir) * gamma / np.maximum(np.linalg.norm(X, axis=1)[None, :] * scale[:, None], 1e-300)
    return {"z_mgr": z_mgr, "dir_gap": np.abs(e_dir.mean(0) - target), "dir_tol": bias_tol, "dir_se": se_dir,
            "z_ctrl": z_ctrl, "mag_dir": mag.max(), "var_ratio": np.median(e_mgr.var(0) / e_dir.var(0)),
            "max_mgr": gamma * np.abs(e_mgr).max(), "max_dir": gamma * np.abs(e_dir).max()}


def _summarise_d(parts):
    """Bonferroni verdicts of part (d) over all cases; returns (slack, passed, detail)."""
    n_tests = sum(p["z_mgr"].size + p["dir_gap"].size for p in parts)
    crit = norm.ppf(1 - _ALPHA / (2 * n_tests))
    z_max = max(p["z_mgr"].max() for p in parts)
    dir_slack = min(np.min(p["dir_tol"] + crit * p["dir_se"] - p["dir_gap"]) for p in parts)
    ctrl = min(p["z_ctrl"].max() for p in parts)
    mag = max(p["mag_dir"] for p in parts)
    slack = min(crit - z_max, dir_slack, 1 + 1e-12 - mag, ctrl - crit)
    detail = (f"(d) MGR mean max |z| {z_max:.2f} (critical {crit:.2f}); direct bias slack {dir_slack:.3g}; "
              f"direct max gamma|Q|/(|x||phi_p||L|) {mag:.6f}; control min max|z| {ctrl:.1f}; "
              f"var MGR/direct median {np.median([p['var_ratio'] for p in parts]):.2f}; max gamma|Q-hat| "
              f"MGR {max(p['max_mgr'] for p in parts):.3g}, direct {max(p['max_dir'] for p in parts):.3g}")
    return slack, bool(slack >= 0), detail


def check(rng: np.random.Generator, size: str = "quick") -> LemmaReport:
    """Run the L7 check (parts (a)-(d), see the module docstring).

    References
    ----------
    Neu & Olkhovskaya (2020), COLT (MGR); Tropp (2012) matrix Bernstein; spec §3.0(b) and
    §6 L7 (reconstruction of the paper's "better alternative to MGR").
    """
    n_inst, reps, reps_d = (4, 200, 200) if size == "quick" else (20, 2000, 1000)
    d, c, eps, delta = 4, 0.5, 0.5, 0.1
    worst_id, worst_bias, hits, total, norms, parts = 0.0, np.inf, 0, 0, [0.0, 0.0], []
    for _ in range(n_inst):
        X, w = _instance(rng, d)
        Sig = X.T @ (w[:, None] * X)
        for gamma in (0.1, 0.01):
            Sg = Sig + gamma * np.eye(d)
            M = int(np.ceil(2 * (1 + eps / 3) * np.log(2 * d / delta) / (gamma * eps**2)))
            err, closed = _mean_identity(Sg, c, M)
            worst_id = max(worst_id, err)
            bias = np.linalg.norm(closed - np.linalg.inv(Sg), 2)
            worst_bias = min(worst_bias, np.exp(-c * gamma * (M + 1)) / gamma - bias)
            L = np.linalg.cholesky(Sg)
            for _ in range(reps if gamma == 0.1 else reps // 4):
                idx = rng.choice(len(w), size=M, p=w)
                St = gamma * np.eye(d) + X[idx].T @ X[idx] / M
                ev = np.linalg.eigvalsh(np.linalg.solve(L, np.linalg.solve(L, St).T))
                hits += bool(ev.min() >= 1 - eps and ev.max() <= 1 + eps)
                total += 1
            idx = rng.choice(len(w), size=M, p=w)
            norms[0] = max(norms[0], np.linalg.norm(_mgr(X, w, idx, gamma, c), 2) * gamma)
            direct = np.linalg.inv(gamma * np.eye(d) + X[idx].T @ X[idx] / M)
            norms[1] = max(norms[1], np.linalg.norm(direct, 2) * gamma)
            parts.append(_downstream(rng, X, w, gamma, c, M, eps, delta, reps_d if gamma == 0.1 else reps_d // 2))
    _, hi = clopper_pearson(hits, total, 0.01, side="upper")
    freq_ok = hi >= 1 - delta
    slack_d, ok_d, detail_d = _summarise_d(parts)
    slack = min(1e-10 - worst_id, worst_bias, hi - (1 - delta), slack_d)
    return LemmaReport(NAME, "E[MGR] closed form and bias <= exp(-c gamma (M+1))/gamma; multiplicative "
                       "accuracy of the direct inverse with frequency >= 1 - delta; downstream loss "
                       "estimate: MGR mean exact, direct bias O(eps) and |Q-hat| <= |x||phi||L|/gamma",
                       "Neu & Olkhovskaya 2020; reconstruction, spec §3.0(b) and §6 L7", "probabilistic",
                       total + sum(p["z_mgr"].size for p in parts), float(slack),
                       bool(worst_id <= 1e-10 and worst_bias >= 0 and freq_ok and ok_d),
                       f"multiplicative event {hits}/{total} (delta = {delta}); max gamma*||Sinv||: "
                       f"MGR {norms[0]:.3g}, direct {norms[1]:.3g}; {detail_d}")
