"""The bounds T1-T5 (one Bound factory per theorem) and their evaluation on measured runs.

All statements are theorylab's reconstructions (spec §4, derived from the abstract of Al Makdah,
Krishnan, Pasqualetti 2022; the paper's constants may differ), so every Bound carries
``reconstruction=True``.  T1(a), T2, T3 and T4 are *deterministic*: they hold on every run
whose hypotheses hold, so they are checked by :func:`hard_check` (zero violations among the
runs inside the hypotheses; runs outside are counted separately, never as violations).

* T1(a) ``eta <= res_inf + (alpha + L*) r_N``; T1(c) ``r_N = O~(N^{-1/n})`` (rate).
* T2(a) trajectory-wise ``e_t <= kappa L_u sum_{s<t} rho^{t-1-s} w_s``; closed form
  ``e_t <= kappa L_u eta (1 - rho^t)/(1 - rho)`` while the run stays in X.
* T2(b) if ``h(0) = h*(0)``: ``||x_t|| <= kappa (rho + kappa L_u (alpha + L*))^t ||x_0||``.
* T3 (quadratic cost) ``|J_T(h) - J_T(h*)| <= sum_t ||Q|| (2||x*_t|| + e_t) e_t +
  ||R|| (2||u*_t|| + g_t) g_t`` with ``e_t`` the T2 bound and ``g_t = eta + min(alpha, L*) e_t``.
* T4 T3 with ``eta -> eta + alpha eps`` (and ``g_t = eta + alpha eps + L* e_t``);
  deterioration ``|J(h, delta) - J(h, 0)| <= T4 + T3``.
* T5 ``B(alpha, eps) = kappa L_u (eta(alpha) + alpha eps)/(1 - rho)``; its argmin over alpha is
  nonincreasing in eps.
"""
from __future__ import annotations

import numpy as np

from ...regret.bounds import Bound
from ...regret.check import Check

__all__ = ["t1_uniform", "t1_rate", "t2_trajectory", "t2_closed_form", "t2_bound", "t2b_small_gain",
           "t3_regret_bound", "t3_certificate", "t4_deterioration_bound", "t5_tradeoff", "hard_check",
           "CITATION"]

CITATION = "Al Makdah, Krishnan, Pasqualetti 2022 (OJ-CSYS); reconstruction; see spec §4"


def t1_uniform(res_inf, alpha, L_star, r_N):
    """T1(a): ``res_inf + (alpha + L*) r_N`` (sup error bound over X).

    References
    ----------
    Reconstruction; see spec §4 T1(a).
    """
    return np.asarray(res_inf) + (np.asarray(alpha) + L_star) * np.asarray(r_N)


def t1_rate(n: int) -> Bound:
    """T1(c) rate-only bound: fill distance and sup error (alpha >= L*) decay like ``N^{-1/n}``.

    References
    ----------
    Reconstruction; see spec §4 T1(c) (covering-number rate, log factor dropped).
    """
    return Bound(f"T1(c) N^(-1/{n})", CITATION, None, lambda N: np.asarray(N, float) ** (-1.0 / n),
                 explicit_constants=False, reconstruction=True)


def t2_trajectory(w, kappa: float, rho: float, L_u: float) -> np.ndarray:
    """T2(a) trajectory-wise bound from measured errors ``w`` (M, T) -> (M, T+1).

    References
    ----------
    Reconstruction; see spec §4 T2(a) (variation of constants + assumption A3).
    """
    w = np.asarray(w, dtype=np.float64)
    S = np.zeros((w.shape[0], w.shape[1] + 1))
    for t in range(w.shape[1]):
        S[:, t + 1] = rho * S[:, t] + w[:, t]
    return kappa * L_u * S


def t2_closed_form(kappa: float, rho: float, L_u: float, eta: float, T: int) -> np.ndarray:
    """``kappa L_u eta (1 - rho^t)/(1 - rho)`` for t = 0..T, shape (T+1,).

    References
    ----------
    Reconstruction; see spec §4 T2(a).
    """
    t = np.arange(T + 1)
    return kappa * L_u * eta * (1 - rho**t) / (1 - rho)


def t2_bound(kappa: float, rho: float, L_u: float, eta: float) -> Bound:
    """T2(a) as a Bound of the deviation ``||x_t - x*_t||`` as a function of t.

    References
    ----------
    Reconstruction; see spec §4 T2(a).
    """
    return Bound("T2(a) deviation", CITATION, lambda t: kappa * L_u * eta * (1 - rho**t) / (1 - rho),
                 reconstruction=True, note="deterministic; needs the run to stay in X")


def t2b_small_gain(kappa: float, rho: float, L_u: float, alpha: float, L_star: float, x0_norm, T: int):
    """T2(b): ``kappa (rho + kappa L_u (alpha + L*))^t ||x_0||``, shape (M, T+1), and whether the
    small-gain condition ``kappa L_u (alpha + L*) < 1 - rho`` holds.

    References
    ----------
    Reconstruction; see spec §4 T2(b) (discrete Gronwall).
    """
    g = rho + kappa * L_u * (alpha + L_star)
    return kappa * np.asarray(x0_norm)[:, None] * g ** np.arange(T + 1)[None, :], bool(g < 1)


def t3_regret_bound(Q, R, Xs, Us, e_bar, eta_bar: float, gain: float) -> np.ndarray:
    """T3 a-priori bound on ``|J_T(h) - J_T(h*)|`` per run.

    Parameters
    ----------
    Q : (n, n); R : (m, m); Xs : (M, T+1, n) expert states; Us : (M, T, m) expert inputs
    e_bar : (T+1,) deviation bound (T2 closed form); eta_bar : input-error bound on X
    gain : Lipschitz factor multiplying e_t in the input deviation (min(alpha, L*) or L*)

    Returns
    -------
    ndarray(float, (M,))

    References
    ----------
    Reconstruction; see spec §4 T3 (quadratic-cost version).
    """
    e = np.asarray(e_bar)[:-1][None, :]
    g = eta_bar + gain * e
    xs = np.linalg.norm(Xs[:, :-1], axis=-1)
    us = np.linalg.norm(Us, axis=-1)
    return (np.linalg.norm(Q, 2) * (2 * xs + e) * e + np.linalg.norm(R, 2) * (2 * us + g) * g).sum(1)


def t3_certificate(Q, R, X, U, Xs, Us) -> np.ndarray:
    """Trajectory-wise certificate ``sum_t ||Q|| ||x+x*|| ||x-x*|| + ||R|| ||u+u*|| ||u-u*||`` (M,).

    Always valid (``x'Qx - y'Qy = (x+y)'Q(x-y)``); inf for divergent runs.

    References
    ----------
    Reconstruction; see spec §4 T3.
    """
    with np.errstate(invalid="ignore", over="ignore"):
        a = np.linalg.norm(X[:, :-1] + Xs[:, :-1], axis=-1) * np.linalg.norm(X[:, :-1] - Xs[:, :-1], axis=-1)
        b = np.linalg.norm(U + Us, axis=-1) * np.linalg.norm(U - Us, axis=-1)
        c = (np.linalg.norm(Q, 2) * a + np.linalg.norm(R, 2) * b).sum(1)
    return np.where(np.isfinite(c), c, np.inf)


def t4_deterioration_bound(Q, R, Xs, Us, kappa, rho, L_u, eta, alpha, eps, L_star) -> np.ndarray:
    """T4: bound on ``|J_T(h, delta) - J_T(h, 0)|`` per run (M,), via the expert trajectory.

    References
    ----------
    Reconstruction; see spec §4 T4.
    """
    T = Us.shape[1]
    nominal = t3_regret_bound(Q, R, Xs, Us, t2_closed_form(kappa, rho, L_u, eta, T), eta, min(alpha, L_star))
    eta_a = eta + alpha * eps
    attacked = t3_regret_bound(Q, R, Xs, Us, t2_closed_form(kappa, rho, L_u, eta_a, T), eta_a, L_star)
    return nominal + attacked


def t5_tradeoff(eta_alpha, alphas, eps, kappa: float, rho: float, L_u: float):
    """T5: ``B(alpha, eps)`` (A, E) and the bound-optimal alpha per eps (E,).

    References
    ----------
    Reconstruction; see spec §4 T5 (trade-off corollary).
    """
    a, e = np.asarray(alphas, float), np.asarray(eps, float)
    B = kappa * L_u * (np.asarray(eta_alpha)[:, None] + a[:, None] * e[None, :]) / (1 - rho)
    return B, a[np.argmin(B, axis=0)]


def hard_check(bound: Bound, measured, values, counted, *, experiment: str, setting: str, algorithm: str,
               rtol: float = 1e-6, atol: float = 1e-9, proven: bool = True) -> Check:
    """Deterministic bound check: zero violations allowed among the runs inside the hypotheses.

    Parameters
    ----------
    measured, values : arrays of the same shape (runs, ...); a violation is
        ``measured > values (1 + rtol) + atol`` (rtol covers the solver's 1e-6, spec P6)
    counted : bool array (runs,), runs whose hypotheses hold; the others are reported as flagged

    References
    ----------
    Design rule 5 (a deterministic statement admits no violation); spec pitfall P2.
    """
    m, b = np.asarray(measured, float), np.asarray(values, float)
    c = np.asarray(counted, bool).reshape(m.shape[0], *([1] * (m.ndim - 1)))
    with np.errstate(invalid="ignore"):
        over = np.isfinite(m) & (m > b * (1 + rtol) + atol) & c
        ratio = np.where(c & np.isfinite(m) & (b > 0), m / np.where(b > 0, b, 1), np.nan)
    runs = over.reshape(m.shape[0], -1).any(1)
    k, n, flagged = int(runs.sum()), int(np.asarray(counted).sum()), int((~np.asarray(counted, bool)).sum())
    mr = float(np.nanmax(ratio)) if np.isfinite(ratio).any() else float("nan")
    detail = f"{k}/{n} runs inside the hypotheses violate; {flagged} runs outside the hypotheses flagged, not counted"
    return Check(experiment, setting, algorithm, bound.name, bound.citation, "bound", k == 0,
                 float("nan"), (float("nan"), float("nan")), float("nan"), mr, "at_most", proven,
                 bound.reconstruction, k, n, detail)
