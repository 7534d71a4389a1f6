"""O-REPS (Zimin & Neu 2013): online mirror descent on occupancy measures, full information.

The FULLINFO comparator that issue #3 lists (spec §3.4).  With known layered transitions P
and the whole loss table l_k revealed after episode k,

    q_1     = argmin_{q in Delta(P)} sum q ln q - q          (maximum-entropy occupancy),
    q_{k+1} = argmin_{q in Delta(P)} eta <q, l_k> + D(q || q_k),

and episode k plays pi_k(a | s) = q_k(s, a) / q_k(s), whose occupancy is exactly q_k, so
V^{pi_k}_k(s_1) = <q_k, l_k>.  The projection is solved through its dual
(:mod:`theorylab.kernels.adversarial_linear_oreps`), with q carried as log q so that long
runs with large eta stay exact; the K-episode run is one numba call.

Regret (deterministic; :func:`~.bounds.oreps_fullinfo`): OMD with the unnormalised entropy
gives, for every comparator occupancy q*,
R_K <= D(q* || q_1) / eta + (eta / 2) sum_k <q_k, l_k^2>, and D(q* || q_1) <= H ln(S A)
for the maximum-entropy q_1.
"""
from __future__ import annotations

import math
from dataclasses import dataclass
from typing import ClassVar

import numpy as np
from scipy import optimize

from ...kernels.adversarial_linear_oreps import oreps_project, oreps_run, reachable_mask
from ...problems.adversarial import AdversarialMDP
from ._base import DIAGNOSTICS, AdversarialResult

__all__ = ["OREPSConfig", "initial_occupancy", "run_oreps", "oreps_run_numpy", "oreps_project_numpy",
           "oreps_project_cvxpy", "omd_regret_bound"]

_INITS = ("max_entropy", "uniform_policy")


@dataclass(frozen=True)
class OREPSConfig:
    """O-REPS with full information and known transitions.

    Parameters
    ----------
    eta : float > 0 or None
        Learning rate; None derives eta = eta_scale * sqrt(2 ln(S A) / K), the minimiser of
        H ln(S A) / eta + eta H K / 2.
    eta_scale : float > 0
        Multiplies the derived eta.
    init : {"max_entropy", "uniform_policy"}
        q_1: the maximum-entropy occupancy (the paper's choice; the bound needs it) or the
        occupancy of the uniform policy (then D(q* || q_1) is not bounded by H ln(S A)).
    tol : float in (0, 1e-6]
        Max relative flow violation |out-flow - in-flow| / mass of a slot accepted from the
        dual Newton solve (per projection; every reachable slot, however rarely visited).
    max_iter : int >= 1
        Newton iteration cap; exceeding it raises RuntimeError naming the episode.

    References
    ----------
    Zimin & Neu (2013), "Online learning in episodic Markovian decision processes by relative
    entropy policy search", NIPS (O-REPS); spec ``ftrl_adversarial_mdp.md`` §3.4 (FULLINFO).
    """

    eta: float | None = None
    eta_scale: float = 1.0
    init: str = "max_entropy"
    tol: float = 1e-12
    max_iter: int = 100

    name: ClassVar[str] = "O-REPS"

    def __post_init__(self):
        for n in ("eta", "eta_scale"):
            v = getattr(self, n)
            if (v is not None or n == "eta_scale") and not (isinstance(v, (int, float)) and math.isfinite(v) and v > 0):
                raise ValueError(f"{n} must be a finite float > 0{' or None' if n == 'eta' else ''}, got {v!r}")
        if self.init not in _INITS:
            raise ValueError(f"init must be one of {_INITS}, got {self.init!r}")
        if not (isinstance(self.tol, (int, float)) and 0 < self.tol <= 1e-6):
            raise ValueError(f"tol must lie in (0, 1e-6], got {self.tol!r}")
        if not (isinstance(self.max_iter, int) and self.max_iter >= 1):
            raise ValueError(f"max_iter must be an integer >= 1, got {self.max_iter!r}")

    def learning_rate(self, K: int, S: int, A: int) -> float:
        """eta for K episodes (the field, or eta_scale * sqrt(2 ln(S A) / K)).

        References
        ----------
        Standard OMD tuning of D / eta + eta H K / 2 with D = H ln(S A).
        """
        if self.eta is not None:
            return float(self.eta)
        return self.eta_scale * math.sqrt(2 * math.log(max(S * A, 2)) / K)


def initial_occupancy(P, init: str = "max_entropy", tol: float = 1e-12) -> np.ndarray:
    """q_1 (H, S, A): the maximum-entropy occupancy measure of P, or the uniform policy's.

    The maximum-entropy one is the projection of the all-ones measure on the reachable
    (h, s, a) (O-REPS step with zero loss from w = 1); since it minimises sum q ln q - q over
    Delta(P), D(q || q_1) <= sum_h ln(#reachable pairs of layer h) <= H ln(S A) for all q.

    References
    ----------
    Zimin & Neu (2013), NIPS, §3 (initialisation of O-REPS).
    """
    P = np.asarray(P, dtype=np.float64)
    H, S, A, _ = P.shape
    if init not in _INITS:
        raise ValueError(f"init must be one of {_INITS}, got {init!r}")
    if init == "max_entropy":
        ones = np.repeat(reachable_mask(P)[:, :, None], A, axis=2).astype(np.float64)
        return oreps_project(P, ones, np.zeros((H, S, A)), 1.0, tol=tol)[0]
    q = np.zeros((H, S, A))
    mu = np.zeros(S)
    mu[0] = 1.0
    for h in range(H):
        q[h] = mu[:, None] / A
        mu = np.einsum("sa,sat->t", q[h], P[h])
    return q


def run_oreps(problem: AdversarialMDP, config: OREPSConfig, streams, *,
              stream_name: str | None = None) -> AdversarialResult:
    """Run O-REPS for the problem's K episodes (one numba call).

    Uniforms: actions from ``streams.algorithm(name)``, transitions from ``streams.noise``
    (the same (K, H) draws as :func:`~._base.run`, so played trajectories are paired).
    Diagnostics: ``DIAGNOSTICS`` (no estimator and no bonus: big-negative fraction, max |Q-hat|
    and max eta B are 0) plus ``newton_iters``, ``dual_residual`` and ``second_moment``
    (<q_k, l_k^2>) per episode; ``params`` holds eta and q1 (H, S, A).

    Returns
    -------
    AdversarialResult

    References
    ----------
    Zimin & Neu (2013), NIPS; ``docs/architecture.md`` (run(problem, config, streams)).
    """
    if not isinstance(problem, AdversarialMDP):
        raise TypeError(f"problem must be an AdversarialMDP, got {type(problem).__name__}")
    K, H = problem.K, problem.H
    eta = config.learning_rate(K, problem.S, problem.A)
    u_act = streams.algorithm(stream_name or config.name).uniform(size=(K, H))
    u_env = streams.noise.uniform(size=(K, H))
    q1 = initial_occupancy(problem.P, config.init, config.tol)
    values, returns, iters, resid, ent, pmin, sq = oreps_run(problem.P, problem.phi, problem.G, q1, eta, config.tol,
                                                         config.max_iter, u_act, u_env)
    zero = np.zeros(K)
    diag = dict(zip(DIAGNOSTICS, (zero, zero, zero, ent, pmin)))
    diag.update(newton_iters=iters.astype(np.float64), dual_residual=resid, second_moment=sq)
    return AdversarialResult(values, returns, diag, {"eta": eta, "beta": 0.0, "gamma": 0.0, "M": 0,
                                                         "q1": q1})


def _flow(P, q):
    """Flow violation out - in (H, S) of q (H, S, A)."""
    g = q.sum(-1)
    g[0, 0] -= 1.0
    g[1:] -= np.einsum("hsa,hsat->ht", q[:-1], P[:-1])
    return g


def oreps_project_numpy(P, q, ell, eta) -> np.ndarray:
    """Reference of :func:`~theorylab.kernels.adversarial_linear_oreps.oreps_project` (scipy root).

    Solves grad Phi(v) = 0 (flow conservation of q exp(-eta l + delta(v))) on the reachable
    slots with MINPACK's hybrid method and the analytic Jacobian, in the linear domain (valid
    while every q entry is a normal double; the kernel works with log q).

    References
    ----------
    Zimin & Neu (2013), NIPS, §3; Moré, Garbow, Hillstrom (1980), MINPACK (hybrd).
    """
    P, w = np.asarray(P, float), np.asarray(q, float) * np.exp(-eta * np.asarray(ell, float))
    H, S, A = w.shape
    live = w.sum(-1).reshape(-1) > 0

    def q_of(x):
        v = np.zeros(H * S)
        v[live] = x
        V = v.reshape(H, S)
        nxt = np.concatenate([np.einsum("hsat,ht->hsa", P[:-1], V[1:]), np.zeros((1, S, A))])
        return w * np.exp(V[:, :, None] - nxt)

    def jac(x):
        qq = q_of(x)
        C = np.zeros((H, S, A, H * S))
        for h in range(H):
            C[h, np.arange(S), :, h * S + np.arange(S)] = 1.0
            if h + 1 < H:
                C[h, :, :, (h + 1) * S:(h + 2) * S] -= P[h]
        C = C.reshape(-1, H * S)[:, live]
        return (C * qq.reshape(-1, 1)).T @ C

    sol = optimize.root(lambda x: _flow(P, q_of(x)).reshape(-1)[live], np.zeros(live.sum()), jac=jac,
                        method="hybr", tol=1e-15)
    return q_of(sol.x)


def oreps_project_cvxpy(P, q, ell, eta) -> np.ndarray:
    """Reference of one O-REPS step over three-index measures q_h(s, a, s') with cvxpy.

    Variables on the support of q_h(s, a) P_h(s'|s, a); constraints: flow conservation and
    q_h(s, a, s') = P_h(s'|s, a) sum_y q_h(s, a, y) (known P); objective
    eta <q, l> + sum kl_div(q, q_k) (the unnormalised KL).  Returns the (s, a) marginal.

    References
    ----------
    Zimin & Neu (2013), NIPS, §2 (the set Delta(P)); Diamond & Boyd (2016), cvxpy.
    """
    import cvxpy as cp

    P, q = np.asarray(P, float), np.asarray(q, float)
    H, S, A = q.shape
    y = (q[..., None] * P).reshape(-1)
    sup = np.flatnonzero(y > 0)
    idx = np.array(np.unravel_index(sup, (H, S, A, S))).T
    x = cp.Variable(sup.size)
    pair = idx[:, 0] * S * A + idx[:, 1] * A + idx[:, 2]
    Msum = np.zeros((H * S * A, sup.size))
    Msum[pair, np.arange(sup.size)] = 1.0
    out = np.zeros((H * S, sup.size))
    out[idx[:, 0] * S + idx[:, 1], np.arange(sup.size)] = 1.0
    inn = np.zeros((H * S, sup.size))
    last = idx[:, 0] + 1 < H
    inn[(idx[last, 0] + 1) * S + idx[last, 3], np.flatnonzero(last)] = 1.0
    b = np.zeros(H * S)
    b[0] = 1.0
    cons = [x >= 0, out @ x - inn @ x == b, x == cp.multiply(P.reshape(-1)[sup], (Msum @ x)[pair])]
    lin = eta * np.asarray(ell, float).reshape(-1)[pair]
    prob = cp.Problem(cp.Minimize(lin @ x + cp.sum(cp.kl_div(x, y[sup]))), cons)
    prob.solve(solver="CLARABEL", tol_gap_abs=1e-11, tol_gap_rel=1e-11, tol_feas=1e-11, tol_ktratio=1e-9)
    return (Msum @ x.value).reshape(H, S, A)


def oreps_run_numpy(P, phi, G, q1, eta, u_act, u_env) -> tuple:
    """Plain-numpy reference of :func:`oreps_run`: (values, returns) (K,) with scipy projections.

    References
    ----------
    Zimin & Neu (2013), NIPS (O-REPS); design rule 2 (every kernel has a numpy reference).
    """
    K, H, S, A = G.shape[0], P.shape[0], P.shape[1], P.shape[2]
    values, returns, q = np.zeros(K), np.zeros(K), np.array(q1, float)
    for k in range(K):
        ell = np.einsum("hsad,hd->hsa", phi, G[k])
        m = q.sum(-1, keepdims=True)
        pi = np.where(m > 0, q / np.where(m > 0, m, 1.0), 1.0 / A)
        V = np.zeros(S)
        for h in range(H - 1, -1, -1):
            V = (pi[h] * (ell[h] + (P[h] @ V if h + 1 < H else 0.0))).sum(-1)
        values[k], s = V[0], 0
        for h in range(H):
            a = min(int(np.searchsorted(np.cumsum(pi[h, s]), u_act[k, h], side="right")), A - 1)
            returns[k] += ell[h, s, a]
            if h + 1 < H:
                s = min(int(np.searchsorted(np.cumsum(P[h, s, a]), u_env[k, h], side="right")), S - 1)
        q = oreps_project_numpy(P, q, ell, eta)
    return values, returns


def omd_regret_bound(comparator_q, q1, eta: float, second_moments) -> float:
    """Data-dependent OMD bound D(q* || q_1) / eta + (eta / 2) sum_k <q_k, l_k^2>.

    Parameters
    ----------
    comparator_q : ndarray(float, (H, S, A)), the comparator's occupancy measure q*
    q1 : ndarray(float, (H, S, A)), O-REPS' initial occupancy
    eta : float, the learning rate of the run
    second_moments : ndarray(float, (K,)), <q_k, l_k^2> per episode (``second_moment`` diagnostic)

    Returns
    -------
    float, an upper bound on sum_k <q_k - q*, l_k>

    References
    ----------
    Zimin & Neu (2013), NIPS, proof of Thm 1 (OMD analysis); Bubeck & Cesa-Bianchi (2012),
    "Regret analysis of stochastic and nonstochastic multi-armed bandit problems", Thm 5.5.
    """
    qs, q1 = np.asarray(comparator_q, float), np.asarray(q1, float)
    m = qs > 0
    kl = float(np.sum(qs[m] * np.log(qs[m] / q1[m])) - qs.sum() + q1.sum())
    return kl / eta + 0.5 * eta * float(np.sum(second_moments))
