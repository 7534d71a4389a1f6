"""The shared episode loop of the robust learners (one numba kernel per run).

Every learner of this package is "optimistic (robust) least-squares evaluation, then a
policy step", differing only in three switches:

* ``estimator``: ROBUST -- per factor i, nu_{h,i} = max_alpha sum_{s'} c_{i,s'} min(V(s'), alpha)
  - rho_{h,i} (alpha - m) with c = Lambda_h^{-1} N_h (the DR-LSVI-UCB regression, solved
  exactly by breakpoint enumeration); NOMINAL -- nu_h = Lambda_h^{-1} N_h V (LSVI-UCB);
* ``policy``: MIRROR (V_h = pi Q - beta KL(pi || pi_ref) of the current policy, then the
  closed-form KL-regularised mirror-descent step on logits), GREEDY (V_h = max_a Q_h) or
  SOFT (V_h = beta log sum_a pi_ref e^{Q_h / beta});
* ``bonus``: SUM c_b sum_i phi_i sqrt((Lambda^{-1})_ii), DIAGQUAD c_b sqrt(sum_i phi_i^2
  (Lambda^{-1})_ii), or ELLIPTICAL c_b ||phi||_{Lambda^{-1}}.

The regression uses sufficient statistics: with a finite S, N_h[:, s'] = sum_tau
phi(s_h^tau, a_h^tau) 1{s_{h+1}^tau = s'}, so the targets of ALL past episodes are re-evaluated
under the current V_{h+1} in O(d^2 S) per stage, independent of k.  Lambda_h^{-1} is kept by
Sherman-Morrison.  :func:`._reference.run_loop_numpy` is the per-sample reference (stores every sample,
solves Lambda directly, brute-forces the empirical dual); a test shows the two agree.

Uniforms: the initial state and the transitions use ``streams.noise`` (shared by every
algorithm of a cell); action sampling uses ``streams.algorithm(name)``.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from ..._numba import njit
from ...kernels.robust_tv import empirical_dual
from ...planning.robust import EVALUATE, GREEDY, SOFT, _head
from ...problems.robust import RobustLinearMDP

__all__ = ["RobustRun", "run_loop", "step_sizes", "ROBUST", "NOMINAL",
           "MIRROR", "BONUS_FORMS", "ESTIMATORS", "POLICIES"]

ROBUST, NOMINAL = 0, 1
MIRROR = 3  # distinct from planning's EVALUATE/GREEDY/SOFT codes
BONUS_FORMS = {"sum": 0, "diagquad": 1, "elliptical": 2}
ESTIMATORS = {"robust": ROBUST, "nominal": NOMINAL}
POLICIES = {"mirror": MIRROR, "greedy": GREEDY, "soft": SOFT}


@dataclass(frozen=True)
class RobustRun:
    """What a robust learner did: the policies it played and its realised returns.

    Attributes
    ----------
    policies : ndarray(float, (K + 1, H, S, A)); rows 0..K-1 were played in episodes 1..K,
        row K is the output (last-iterate) policy
    returns : ndarray(float, (K,)), realised (nominal-environment) return of each episode
    q_hat : ndarray(float, (K, H, S, A)) or None
        The optimistic estimate computed after episode k (it evaluates pi^k for the
        mirror-descent learners), when recorded (``record_q=True``).

    References
    ----------
    Design rule 1 (values are computed exactly from ``policies`` by robust DP, see
    :func:`theorylab.planning.robust.evaluate_many`).
    """

    policies: np.ndarray
    returns: np.ndarray
    q_hat: np.ndarray | None = None

    @property
    def K(self) -> int:
        """Number of episodes played."""
        return self.returns.shape[0]


@njit
def _bonus(f, Linv, form, c_b):
    d = f.shape[0]
    if form == 2:
        return c_b * np.sqrt(max(np.dot(f, np.dot(Linv, f)), 0.0))
    acc = 0.0
    for i in range(d):
        if form == 0:
            acc += f[i] * np.sqrt(Linv[i, i])
        else:
            acc += f[i] * f[i] * Linv[i, i]
    return c_b * acc if form == 0 else c_b * np.sqrt(acc)


@njit
def _nu(Linv, N, V, rho_h, estimator, nu):
    c = np.dot(Linv, N)
    if estimator == NOMINAL:
        nu[:] = np.dot(c, V)
        return
    order = np.argsort(V)
    m = V[order[0]]
    for i in range(c.shape[0]):
        nu[i] = empirical_dual(c[i], V, rho_h[i], m, order)


@njit
def _pass(phi, theta, rho, ref, fail, Linv, N, c_b, bonus, est, mode, beta, eta, clip,
          Qh, Vh, logits, pol):
    """One backward evaluation pass over h = H-1..0, with the policy step at each stage."""
    S, A, d = phi.shape
    H = theta.shape[0]
    nu = np.empty(d)
    for h in range(H - 1, -1, -1):
        _nu(Linv[h], N[h], Vh[h + 1], rho[h], est, nu)
        w = theta[h] + nu
        top = float(H - h)
        for s in range(S):
            for a in range(A):
                q = np.dot(phi[s, a], w) + _bonus(phi[s, a], Linv[h], bonus, c_b)
                Qh[h, s, a] = min(max(q, 0.0), top) if clip else q
            if mode == MIRROR:  # V of the current policy, then the closed-form KL-MD step
                v = _head(Qh[h, s], pol[h, s], ref[h, s], beta, EVALUATE)
                for a in range(A):
                    logits[h, s, a] = (logits[h, s, a] + eta * beta * np.log(ref[h, s, a])
                                       + eta * Qh[h, s, a]) / (1.0 + eta * beta)
                mx = logits[h, s].max()
                z = np.exp(logits[h, s] - mx).sum()
                for a in range(A):
                    logits[h, s, a] -= mx + np.log(z)
                    pol[h, s, a] = np.exp(logits[h, s, a])
            else:
                v = _head(Qh[h, s], pol[h, s], ref[h, s], beta, mode)
            Vh[h, s] = min(max(v, 0.0), top) if clip else v
        if fail >= 0:
            Vh[h, fail] = 0.0


@njit
def _rollout(phi, theta, cumP, cum0, pol, u0, ua, un, Linv, N):
    H = theta.shape[0]
    s = np.searchsorted(cum0, u0, side="right")
    ret = 0.0
    for h in range(H):
        a = np.searchsorted(np.cumsum(pol[h, s]), ua[h] * pol[h, s].sum(), side="right")
        a = min(a, pol.shape[2] - 1)
        f = phi[s, a]
        ret += np.dot(f, theta[h])
        s2 = min(np.searchsorted(cumP[h, s, a], un[h], side="right"), cumP.shape[3] - 1)
        g = np.dot(Linv[h], f)
        Linv[h] -= np.outer(g, g) / (1.0 + np.dot(f, g))
        N[h, :, s2] += f
        s = s2
    return ret


@njit
def _loop(phi, theta, rho, ref, fail, cumP, cum0, lam, c_b, bonus, est, mode, beta, etas, clip,
          u0, ua, un, policies, returns, q_rec):
    S, A, d = phi.shape
    H = theta.shape[0]
    Linv = np.zeros((H, d, d))
    for h in range(H):
        for i in range(d):
            Linv[h, i, i] = 1.0 / lam
    N = np.zeros((H, d, S))
    Qh, Vh = np.zeros((H, S, A)), np.zeros((H + 1, S))
    logits = np.log(ref)
    pol = ref.copy()
    if mode != MIRROR:  # value-based: act greedily/softly on the data-free optimistic Q
        _pass(phi, theta, rho, ref, fail, Linv, N, c_b, bonus, est, mode, beta, 0.0, clip,
              Qh, Vh, logits, pol)
    for k in range(returns.shape[0]):
        policies[k] = pol
        returns[k] = _rollout(phi, theta, cumP, cum0, pol, u0[k], ua[k], un[k], Linv, N)
        _pass(phi, theta, rho, ref, fail, Linv, N, c_b, bonus, est, mode, beta, etas[k], clip,
              Qh, Vh, logits, pol)
        if q_rec.shape[0] > 0:
            q_rec[k] = Qh
    policies[returns.shape[0]] = pol


def step_sizes(rule: str, eta: float, K: int, H: int, A: int) -> np.ndarray:
    """Mirror-descent step sizes eta_k, k = 1..K, shape (K,).

    ``"oppo"``: sqrt(2 log A / (H^2 K)) for every k (tuned to the horizon K);
    ``"anytime"``: sqrt(2 log A / (H^2 k)); ``"constant"``: ``eta``.

    References
    ----------
    Cai, Yang, Jin, Wang (2020), "Provably efficient exploration in policy optimization"
    (OPPO), Thm 3.1 step size; the anytime variant is the usual doubling-free schedule
    (reconstruction; see spec §3).
    """
    base = 2.0 * np.log(max(A, 2)) / H**2
    if rule == "oppo":
        return np.full(K, np.sqrt(base / K))
    if rule == "anytime":
        return np.sqrt(base / np.arange(1, K + 1))
    if rule == "constant":
        return np.full(K, float(eta))
    raise ValueError(f"eta_rule must be 'oppo', 'anytime' or 'constant', got {rule!r}")


def _draws(problem: RobustLinearMDP, K: int, streams, name: str):
    noise = streams.noise
    u0, un = noise.random(K), noise.random((K, problem.H))
    ua = streams.algorithm(name).random((K, problem.H))
    return u0, ua, un


def _prepare(problem, rho, pi_ref, env=None):
    if not isinstance(problem, RobustLinearMDP):
        raise TypeError(f"expected a RobustLinearMDP, got {type(problem).__name__}")
    r = problem.rho if rho is None else problem.with_rho(rho).rho
    ref = np.full((problem.H, problem.S, problem.A), 1.0 / problem.A) if pi_ref is None else np.asarray(pi_ref, float)
    if env is not None and (env.S, env.A, env.H) != (problem.S, problem.A, problem.H):
        raise ValueError(f"env (S, A, H) = {(env.S, env.A, env.H)} must equal the model's "
                         f"{(problem.S, problem.A, problem.H)}")
    P = problem.P if env is None else np.broadcast_to(env.P4, (problem.H,) + env.P4.shape[1:])
    cumP = np.cumsum(P, axis=-1)
    cumP[..., -1] = 1.0
    cum0 = np.cumsum(problem.mu0 if env is None else env.mu0)
    cum0[-1] = 1.0
    fail = -1 if problem.fail_state is None else int(problem.fail_state)
    return r, np.ascontiguousarray(ref), cumP, cum0, fail


def run_loop(problem: RobustLinearMDP, streams, name: str, *, K: int, estimator: str, policy: str,
             beta: float, etas, lam: float, c_b: float, bonus: str, clip: bool, rho=None,
             pi_ref=None, record_q: bool = False, env=None) -> RobustRun:
    """Run the shared episode loop for K episodes (one kernel call).

    Parameters
    ----------
    problem : RobustLinearMDP, the nominal model is the training environment
    streams : theorylab.rng.Streams
    name : str, algorithm name keying ``streams.algorithm``
    estimator, policy, bonus : str, see the module docstring
    etas : ndarray(float, (K,)), mirror-descent steps (ignored unless policy == "mirror")
    rho : radii the learner assumes (default ``problem.rho``)
    record_q : bool, keep every episode's optimistic Q estimate (memory K H S A)
    env : TabularMDP, optional
        Simulate this environment (same S, A, H) instead of the model's nominal kernel, e.g.
        when the true dynamics are not exactly linear (American put).

    References
    ----------
    Liu & Xu (2024) (robust regression); Cai et al. (2020) (OPPO step); spec §3.
    """
    r, ref, cumP, cum0, fail = _prepare(problem, rho, pi_ref, env)
    u0, ua, un = _draws(problem, K, streams, name)
    pols = np.empty((K + 1, problem.H, problem.S, problem.A))
    rets = np.empty(K)
    q_rec = np.empty((K if record_q else 0, problem.H, problem.S, problem.A))
    _loop(problem.phi, problem.theta, r, ref, fail, cumP, cum0, float(lam), float(c_b),
          BONUS_FORMS[bonus], ESTIMATORS[estimator], POLICIES[policy], float(beta),
          np.asarray(etas, float), bool(clip), u0, ua, un, pols, rets, q_rec)
    return RobustRun(pols, rets, q_rec if record_q else None)
