"""O-REPS kernels: the relative-entropy projection onto the occupancy polytope and the K-episode run.

Layered MDP with layers h = 0..H-1, S slots per layer, A actions, start slot 0 of layer 0,
known transitions P (H, S, A, S).  An occupancy measure is q (H, S, A) >= 0 with

    sum_a q_h(s, a) = 1{s = 0}                                   (h = 0),
    sum_a q_h(s, a) = sum_{x, b} q_{h-1}(x, b) P_{h-1}(s | x, b)  (h >= 1),

the (s, a) marginal of Zimin & Neu's q_h(s, a, s') = q_h(s, a) P_h(s' | s, a); with P known
the unnormalised KL of the three-index measures equals the one of these marginals.

One O-REPS step solves q' = argmin_q eta <q, l> + D(q || q_k).  With w = q_k exp(-eta l) and
dual variables v (H, S), v_H = 0, the Lagrangian gives (derivation in ``oreps_project``)

    q'_h(s, a) = w_h(s, a) exp(delta_h(s, a | v)),  delta_h(s, a | v) = v_h(s) - sum_{s'} P_h(s' | s, a) v_{h+1}(s'),

where v minimises the convex, unconstrained dual

    Phi(v) = sum_{h, s, a} w_h(s, a) exp(delta_h(s, a | v)) - v_0(0),

whose gradient at (h, s) is the flow violation out-flow(h, s) - in-flow(h, s) of q'(v).

Numerics.  Occupancies are carried as logarithms (log q = -inf exactly off the reachable
set): with a large eta K the probabilities of bad actions fall far below the smallest double,
and a linear-domain q would round them to zero (an action dropped for ever) or to the
subnormal floor (a spurious "forgetting").  The Newton system is solved in relative form,
F = D^{-1} grad Phi and J = D^{-1} Hess Phi with D = diag(state masses of q_k): the Newton
direction is unchanged, every entry is a ratio of comparable masses, and the convergence
test max |F| <= tol asks every reachable slot, however rarely visited, to conserve its flow
to relative precision tol.  Slots never reached keep v = 0.  The step is damped by Armijo
backtracking on Phi (with a roundoff slack).
"""
from __future__ import annotations

import numpy as np

from .._numba import njit

__all__ = ["oreps_project", "oreps_run", "reachable_mask"]


@njit
def _dual(P, lw, lmu, v, lq, F, J, hess):
    """Phi(v); fills lq = lw + delta (log q'), F = grad Phi / mu and (if hess) J = Hess Phi / mu (rows).

    lw (H, S, A) = log(q_k) - eta l; lmu (n,) log state masses of q_k; v, F (n,); J (n, n), n = H S.
    """
    H, S, A = lw.shape
    F[:] = 0.0
    F[0] = -np.exp(-lmu[0])
    if hess:
        J[:, :] = 0.0
    phi = -v[0]
    for h in range(H):
        for s in range(S):
            i = h * S + s
            for a in range(A):
                if lw[h, s, a] == -np.inf:
                    lq[h, s, a] = -np.inf
                    continue
                y = lw[h, s, a] + v[i]
                if h + 1 < H:
                    for t in range(S):
                        y -= P[h, s, a, t] * v[(h + 1) * S + t]
                lq[h, s, a] = y
                phi += np.exp(y)
                ri = np.exp(y - lmu[i])
                F[i] += ri
                if hess:
                    J[i, i] += ri
                if h + 1 < H:
                    for t in range(S):
                        p = P[h, s, a, t]
                        if p == 0.0:
                            continue
                        j = (h + 1) * S + t
                        rj = np.exp(y - lmu[j]) * p
                        F[j] -= rj
                        if hess:
                            J[i, j] -= ri * p
                            J[j, i] -= rj
                            for u in range(S):
                                J[j, (h + 1) * S + u] += rj * P[h, s, a, u]
    return phi


@njit
def _newton(P, lw, lmu, v, lq, F, J, vt, lqt, Ft, Jt, tol, max_iter):
    """Minimise Phi from v = 0; returns (iterations, max |F|); iterations = -1 if not converged.

    The accepted trial point's (lq, F, J) become the next iterate's, so every Newton
    iteration costs one pass over the pairs when the full step is taken.
    """
    n = v.shape[0]
    v[:] = 0.0
    phi = _dual(P, lw, lmu, v, lq, F, J, True)
    for it in range(max_iter + 1):
        res = np.max(np.abs(F))
        if res <= tol:
            return it, res
        if it == max_iter:
            break
        for i in range(n):
            if J[i, i] == 0.0:  # unreachable slot: its v is free, keep it at 0
                J[i, i] = 1.0
        dv = -np.linalg.solve(J, F)
        slope = 0.0  # grad Phi . dv, with grad Phi = mu * F
        for i in range(n):
            if lmu[i] > -np.inf:
                slope += np.exp(lmu[i]) * F[i] * dv[i]
        t, ok = 1.0, False
        for _ in range(60):
            vt[:] = v + t * dv
            phit = _dual(P, lw, lmu, vt, lqt, Ft, Jt, True)
            if phit <= phi + 0.25 * t * slope + 1e-14 * (1.0 + abs(phi)):  # Armijo + roundoff slack
                ok = True
                break
            t *= 0.5
        if not ok:
            return -1, res
        v[:], lq[:], F[:], J[:, :], phi = vt, lqt, Ft, Jt, phit
    return -1, res


@njit
def _log_masses(lq, lmu):
    """lmu[h S + s] = log sum_a exp(lq[h, s, a]) (-inf for an empty slot)."""
    H, S, A = lq.shape
    for h in range(H):
        for s in range(S):
            m = np.max(lq[h, s])
            if m == -np.inf:
                lmu[h * S + s] = -np.inf
                continue
            acc = 0.0
            for a in range(A):
                acc += np.exp(lq[h, s, a] - m)
            lmu[h * S + s] = m + np.log(acc)


@njit
def _project(P, lw, lmu, tol, max_iter, lq):
    """Allocate work arrays and run :func:`_newton`; lq (H, S, A) receives log of the projection."""
    H, S, A = lw.shape
    n = H * S
    v, F, vt, Ft = np.zeros(n), np.zeros(n), np.zeros(n), np.zeros(n)
    J, Jt, lqt = np.zeros((n, n)), np.zeros((n, n)), np.zeros((H, S, A))
    return _newton(P, lw, lmu, v, lq, F, J, vt, lqt, Ft, Jt, tol, max_iter)


def oreps_project(P, q, ell, eta, tol: float = 1e-12, max_iter: int = 100, *, log: bool = False) -> tuple:
    """One O-REPS step: argmin over occupancy measures q' of eta <q', ell> + D(q' || q).

    Derivation (layered case).  The Lagrangian of the problem with multipliers v_h(s) on
    the flow constraints is stationary in q'_h(s, a) at
    eta l + ln(q'/q) + v_h(s) - sum_{s'} P_h(s'|s, a) v_{h+1}(s') = 0; writing the dual
    variable with the opposite sign (as Zimin & Neu do) gives
    q' = q exp(-eta l + v_h(s) - P_h(s, a) . v_{h+1}), and substituting back leaves the dual
    Phi(v) = sum q exp(-eta l + delta(v)) - v_0(0) to minimise (module docstring).  Zimin &
    Neu keep one normaliser Z_h per layer and minimise sum_h ln Z_h instead; the two duals
    have the same minimiser up to per-layer shifts and give the same q'.

    Parameters
    ----------
    P : ndarray(float, (H, S, A, S)), layered transitions
    q : ndarray(float, (H, S, A)), current occupancy measure, exactly zero off the reachable
        pairs it covers (its logarithm when ``log``)
    ell : ndarray(float, (H, S, A)), loss table
    eta : float > 0
    tol : float, bound on the max relative flow violation |grad Phi(h, s)| / q(h, s)
    max_iter : int, Newton iteration cap
    log : bool, q and the result are natural logarithms (-inf off the support)

    Returns
    -------
    (q_next, iterations) : ndarray(float, (H, S, A)) (log q_next when ``log``), int

    Raises
    ------
    RuntimeError
        If Newton does not reach ``tol`` within ``max_iter`` iterations.

    References
    ----------
    Zimin & Neu (2013), "Online learning in episodic Markovian decision processes by relative
    entropy policy search", NIPS, §3 (closed form of the projection through the dual);
    Boyd & Vandenberghe (2004), *Convex Optimization*, §9.5 (damped Newton).
    """
    q = np.asarray(q, dtype=np.float64)
    if log:
        lq = q.copy()
    else:
        with np.errstate(divide="ignore"):
            lq = np.log(q)
    lmu = np.zeros(q.shape[0] * q.shape[1])
    _log_masses(lq, lmu)
    out = np.zeros_like(q)
    it, res = _project(np.asarray(P, dtype=np.float64), lq - float(eta) * np.asarray(ell, dtype=np.float64), lmu,
                       float(tol), int(max_iter), out)
    if it < 0:
        raise RuntimeError(f"O-REPS dual Newton did not converge: max relative flow violation {res:.3e} > tol "
                           f"{tol:.1e} after {max_iter} iterations")
    return (out if log else np.exp(out)), it


def reachable_mask(P) -> np.ndarray:
    """Boolean (H, S): slot s of layer h is reached with positive probability by some policy.

    References
    ----------
    Zimin & Neu (2013), §2 (loop-free layered MDPs).
    """
    P = np.asarray(P, dtype=np.float64)
    H, S, A, _ = P.shape
    mu = np.zeros((H, S))
    mu[0, 0] = 1.0
    for h in range(1, H):
        mu[h] = np.einsum("s,sat->t", mu[h - 1], P[h - 1]) / A
    return mu > 0


@njit
def _losses(phi, g, ell):
    """ell[h, s, a] = <phi[h, s, a], g[h]>."""
    H, S, A, d = phi.shape
    for h in range(H):
        for s in range(S):
            for a in range(A):
                acc = 0.0
                for j in range(d):
                    acc += phi[h, s, a, j] * g[h, j]
                ell[h, s, a] = acc


@njit
def _policy_value(P, lq, ell, pi, V, Vn):
    """pi = q / q(s) from log q (uniform where q(s) = 0); returns V^pi(s_1) for ell by backward DP."""
    H, S, A = lq.shape
    for h in range(H):
        for s in range(S):
            m = np.max(lq[h, s])
            if m == -np.inf:
                pi[h, s, :] = 1.0 / A
                continue
            tot = 0.0
            for a in range(A):
                pi[h, s, a] = np.exp(lq[h, s, a] - m)
                tot += pi[h, s, a]
            pi[h, s, :] /= tot
    V[:] = 0.0
    for h in range(H - 1, -1, -1):
        for s in range(S):
            acc = 0.0
            for a in range(A):
                x = ell[h, s, a]
                if h + 1 < H:
                    x += np.dot(P[h, s, a], V)
                acc += pi[h, s, a] * x
            Vn[s] = acc
        V[:] = Vn
    return V[0]


@njit
def _draw(p, u):
    """Inverse-CDF draw from p with uniform u (last positive entry if u exceeds the rounded total)."""
    acc = 0.0
    for i in range(p.shape[0]):
        acc += p[i]
        if u < acc:
            return i
    for i in range(p.shape[0] - 1, -1, -1):
        if p[i] > 0.0:
            return i
    return p.shape[0] - 1


@njit
def _play(P, pi, ell, ua, ue):
    """Loss of one trajectory from slot 0 with action uniforms ua and transition uniforms ue (H,)."""
    H = pi.shape[0]
    s, ret = 0, 0.0
    for h in range(H):
        a = _draw(pi[h, s], ua[h])
        ret += ell[h, s, a]
        if h + 1 < H:
            s = _draw(P[h, s, a], ue[h])
    return ret


@njit
def _oreps_loop(P, phi, G, lq1, eta, tol, max_iter, u_act, u_env, values, returns, iters, resid, ent, pmin, sq):
    """K episodes of O-REPS from log q_1; returns the first episode whose projection failed, or -1."""
    K, H, S, A = G.shape[0], P.shape[0], P.shape[1], P.shape[2]
    n = H * S
    lq, lqn, lw, lqt = lq1.copy(), np.zeros((H, S, A)), np.zeros((H, S, A)), np.zeros((H, S, A))
    ell, pi, J, Jt = np.zeros((H, S, A)), np.zeros((H, S, A)), np.zeros((n, n)), np.zeros((n, n))
    v, F, vt, Ft, lmu, V, Vn = np.zeros(n), np.zeros(n), np.zeros(n), np.zeros(n), np.zeros(n), np.zeros(S), np.zeros(S)
    for k in range(K):
        _losses(phi, G[k], ell)
        values[k] = _policy_value(P, lq, ell, pi, V, Vn)
        returns[k] = _play(P, pi, ell, u_act[k], u_env[k])
        e, sq[k] = 0.0, np.sum(np.exp(lq) * ell * ell)
        for a in range(A):
            e -= pi[0, 0, a] * np.log(pi[0, 0, a] + 1e-300)
        ent[k], pmin[k] = e, np.min(pi)
        _log_masses(lq, lmu)
        for h in range(H):
            for s in range(S):
                for a in range(A):
                    lw[h, s, a] = lq[h, s, a] - eta * ell[h, s, a]
        iters[k], resid[k] = _newton(P, lw, lmu, v, lqn, F, J, vt, lqt, Ft, Jt, tol, max_iter)
        if iters[k] < 0:
            return k
        lq[:] = lqn
    return -1


def oreps_run(P, phi, G, q1, eta, tol, max_iter, u_act, u_env) -> tuple:
    """Run O-REPS for K = G.shape[0] episodes in one kernel call.

    Parameters
    ----------
    P : ndarray(float, (H, S, A, S)); phi : ndarray(float, (H, S, A, d)); G : ndarray(float, (K, H, d))
    q1 : ndarray(float, (H, S, A)), initial occupancy measure
    eta : float > 0; tol : float > 0; max_iter : int >= 1
    u_act, u_env : ndarray(float, (K, H)), uniforms of the played actions and transitions

    Returns
    -------
    (values, returns, iters, resid, entropy_s1, min_pi, second) : seven ndarray (K,);
    ``values[k]`` is the exact V^{pi_k}_k(s_1), ``iters``/``resid`` the Newton iterations and
    final max relative flow violation of the k-th projection, ``second[k]`` = <q_k, l_k^2> (the
    stability term of the OMD bound).

    Raises
    ------
    RuntimeError
        Naming the episode whose projection did not converge.

    References
    ----------
    Zimin & Neu (2013), NIPS, Algorithm O-REPS (full information, known P).
    """
    K = G.shape[0]
    values, returns, resid, ent, pmin, sq = (np.zeros(K) for _ in range(6))
    iters = np.zeros(K, dtype=np.int64)
    with np.errstate(divide="ignore"):
        lq1 = np.log(np.asarray(q1, np.float64))
    bad = _oreps_loop(np.asarray(P, np.float64), np.asarray(phi, np.float64), np.asarray(G, np.float64),
                      lq1, float(eta), float(tol), int(max_iter),
                      np.asarray(u_act, np.float64), np.asarray(u_env, np.float64), values, returns, iters, resid,
                      ent, pmin, sq)
    if bad >= 0:
        raise RuntimeError(f"O-REPS dual Newton did not converge in episode {bad}: max relative flow violation "
                           f"{resid[bad]:.3e} > tol {tol:.1e} after {max_iter} iterations")
    return values, returns, iters, resid, ent, pmin, sq
