"""Cell functions of the lipschitz experiments: ``run_*(setting, algorithm, streams) -> dict``.

Randomness (design rule 3): demonstrations come from ``streams.instance`` (shared by every
algorithm of a cell), initial states, W1 reference samples and attack directions from
``streams.noise``.  The learners are deterministic.  Algorithms: ``"lipschitz"`` (the exact
learner, constraint generation), ``"linear"`` (baseline ``||G|| <= alpha``), and for the
solver comparison ``"all_pairs"`` / ``"constraint_generation"``.
"""
from __future__ import annotations

from functools import lru_cache

import numpy as np

from ...planning.lqr import dlqr, stability_constants
from ...problems.control import Attack, make_system, sample_states
from . import bounds as B
from .learner import LipschitzConfig, fit_lipschitz
from .linear import LinearPolicyConfig, fit_linear
from .trackers import learning_error, simulate, state_grid, w1_estimate

__all__ = ["ALGORITHMS", "run_sample_size", "run_stability", "run_regret", "run_attack", "run_tradeoff",
           "run_solver_scaling"]

ALGORITHMS = ("lipschitz", "linear", "all_pairs", "constraint_generation")


def _problem(setting):
    return _problem_named(str(setting["system"]))


@lru_cache(maxsize=None)
def _problem_named(name: str):
    sys_ = make_system(name)
    ex = dlqr(sys_.A, sys_.B, sys_.Q, sys_.R)
    kappa, rho = stability_constants(ex.A_cl)
    return sys_, ex, kappa, rho


def _alpha(setting, ex) -> float:
    return float(setting["alpha"]) if "alpha" in setting else float(setting["alpha_factor"]) * ex.L_star


def _data(setting, sys_, ex, streams, N):
    X = sample_states(streams.instance, N, sys_.n, sys_.box)
    if setting.get("anchor", False):
        X = np.vstack([np.zeros((1, sys_.n)), X[:-1]])
    return X, -X @ ex.K.T


def _fit(algorithm, X, U, alpha, anchor=False):
    """Fitted policy as (callable, values at X, constant, rollout kwargs)."""
    if algorithm == "linear":
        p = fit_linear(X, U, LinearPolicyConfig(alpha))
        return p, p(X), p.lipschitz, {"G": p.G}
    if algorithm not in ("lipschitz", "all_pairs", "constraint_generation"):
        raise ValueError(f"unknown algorithm {algorithm!r}; known: {ALGORITHMS}")
    solver = "all_pairs" if algorithm == "all_pairs" else "constraint_generation"
    p = fit_lipschitz(X, U, LipschitzConfig(alpha, solver=solver, anchor_origin=anchor))
    return p, p.v, alpha, {"data": (p.X, p.v, alpha)}


def _eta(setting, sys_, ex, pol, X, U, v, lip):
    grid, delta = state_grid(sys_.box, sys_.n, int(setting.get("grid", 41)))
    return learning_error(pol, lip, ex.K, X, U.reshape(len(X), -1), v, ex.L_star, grid, delta)


def run_sample_size(setting: dict, algorithm: str, streams) -> dict:
    """T1: learning errors, fill distance and W1 on nested samples of sizes ``N_grid``.

    The W1 estimate (an assignment of size ``w1_k N``) is computed only when ``w1_k N <= w1_max``
    (default 3200; memory grows like (w1_k N)^2), NaN otherwise.

    References
    ----------
    Reconstruction; see spec §4 T1.
    """
    sys_, ex, _, _ = _problem(setting)
    Ns = np.asarray(setting["N_grid"], dtype=np.int64)
    alpha = _alpha(setting, ex)
    X_all, U_all = _data(setting, sys_, ex, streams, int(Ns.max()))
    rng = streams.noise
    rows = []
    for N in Ns:
        X, U = X_all[:N], U_all[:N]
        pol, v, lip, _ = _fit(algorithm, X, U, alpha)
        le = _eta(setting, sys_, ex, pol, X, U, v, lip)
        k = int(setting.get("w1_k", 0))
        w1 = w1_estimate(X, rng, k, sys_.box) if 0 < k * N <= int(setting.get("w1_max", 3200)) else np.nan
        rows.append([le.eta_grid, le.eta_cert, le.mean, le.r_N, le.res_inf, le.res_1, le.t1a_bound,
                     le.pointwise_slack, w1, lip])
    R = np.asarray(rows).T
    names = ("eta_grid", "eta_cert", "mean_err", "r_N", "res_inf", "res_1", "t1a_bound", "pointwise_slack", "w1",
             "lipschitz")
    out = dict(zip(names, R))
    out.update(checkpoints=Ns, pseudo=R[0], alpha=np.float64(alpha), L_star=np.float64(ex.L_star))
    return out


def _x0s(setting, sys_, streams):
    b = float(setting.get("x0_box", 0.3))
    return streams.noise.uniform(-b, b, size=(int(setting.get("M", 10)), sys_.n))


def run_stability(setting: dict, algorithm: str, streams) -> dict:
    """T2: deviation from the expert trajectory vs the trajectory-wise and closed-form bounds,
    and (when ``h(0) = h*(0)``) the small-gain exponential bound T2(b).

    References
    ----------
    Reconstruction; see spec §4 T2.
    """
    sys_, ex, kappa, rho = _problem(setting)
    alpha, T = _alpha(setting, ex), int(setting["T"])
    X, U = _data(setting, sys_, ex, streams, int(setting["N"]))
    pol, v, lip, kw = _fit(algorithm, X, U, alpha, bool(setting.get("anchor", False)))
    le = _eta(setting, sys_, ex, pol, X, U, v, lip)
    x0s = _x0s(setting, sys_, streams)
    star = simulate(sys_, ex, x0s, T, G=-ex.K)
    run = simulate(sys_, ex, x0s, T, **kw)
    with np.errstate(invalid="ignore"):
        dev = np.linalg.norm(run.X - star.X, axis=-1)
    dev = np.where(np.isfinite(dev), dev, np.inf)
    sg, sg_holds = B.t2b_small_gain(kappa, rho, sys_.L_u, lip, ex.L_star, np.linalg.norm(x0s, axis=1), T)
    h0 = float(np.abs(pol(np.zeros((1, sys_.n)))).max())
    return dict(dev=dev, traj_bound=B.t2_trajectory(run.w, kappa, rho, sys_.L_u),
                closed_bound=B.t2_closed_form(kappa, rho, sys_.L_u, le.eta_cert, T),
                counted=(run.invariant & star.invariant).astype(np.int8), diverged=run.diverged.astype(np.int8),
                norm=np.linalg.norm(run.X, axis=-1),
                sg_bound=sg, sg_holds=np.int8(sg_holds), h0_err=np.float64(h0), eta_cert=np.float64(le.eta_cert),
                alpha=np.float64(alpha), lipschitz=np.float64(lip), L_star=np.float64(ex.L_star),
                X=run.X, X_star=star.X, kappa=np.float64(kappa), rho=np.float64(rho))


def _regret_at(setting, sys_, ex, kappa, rho, algorithm, X, U, alpha, x0s, T, star):
    pol, v, lip, kw = _fit(algorithm, X, U, alpha)
    le = _eta(setting, sys_, ex, pol, X, U, v, lip)
    run = simulate(sys_, ex, x0s, T, **kw)
    e_bar = B.t2_closed_form(kappa, rho, sys_.L_u, le.eta_cert, T)
    bound = B.t3_regret_bound(sys_.Q, sys_.R, star.X, star.U, e_bar, le.eta_cert, min(lip, ex.L_star))
    cert = B.t3_certificate(sys_.Q, sys_.R, run.X, run.U, star.X, star.U)
    return run.J - star.J, bound, cert, run.invariant & star.invariant, le.eta_cert


def run_regret(setting: dict, algorithm: str, streams) -> dict:
    """T3: closed-loop regret ``J_T(h) - J_T(h*)`` vs the T3 bound, on nested samples ``N_grid``.

    ``pseudo`` is the mean |regret| over initial states at each N (exact: the model is known).

    References
    ----------
    Reconstruction; see spec §4 T3.
    """
    sys_, ex, kappa, rho = _problem(setting)
    alpha, T, Ns = _alpha(setting, ex), int(setting["T"]), np.asarray(setting["N_grid"], dtype=np.int64)
    X_all, U_all = _data(setting, sys_, ex, streams, int(Ns.max()))
    x0s = _x0s(setting, sys_, streams)
    star = simulate(sys_, ex, x0s, T, G=-ex.K)
    res = [_regret_at(setting, sys_, ex, kappa, rho, algorithm, X_all[:N], U_all[:N], alpha, x0s, T, star)
           for N in Ns]
    reg, bnd, cert, ok, eta = (np.asarray(z) for z in zip(*res))
    return dict(checkpoints=Ns, pseudo=np.abs(reg).mean(1), regret=reg, bound=bnd, certificate=cert,
                counted=ok.astype(np.int8), eta_cert=eta, J_star=star.J, alpha=np.float64(alpha),
                L_star=np.float64(ex.L_star))


def run_attack(setting: dict, algorithm: str, streams) -> dict:
    """T4: deterioration ``|J_T(h, delta) - J_T(h, 0)|`` vs the T4 bound, per adversary and eps.

    References
    ----------
    Reconstruction; see spec §4 T4.
    """
    sys_, ex, kappa, rho = _problem(setting)
    alpha, T = _alpha(setting, ex), int(setting["T"])
    X, U = _data(setting, sys_, ex, streams, int(setting["N"]))
    pol, v, lip, kw = _fit(algorithm, X, U, alpha)
    le = _eta(setting, sys_, ex, pol, X, U, v, lip)
    x0s = _x0s(setting, sys_, streams)
    star, nom = simulate(sys_, ex, x0s, T, G=-ex.K), simulate(sys_, ex, x0s, T, **kw)
    advs, eps = list(setting["adversaries"]), np.asarray(setting["eps"], float)
    shape = (len(advs), eps.size, x0s.shape[0])
    det, bnd, ok = np.zeros(shape), np.zeros(shape), np.zeros(shape, np.int8)
    rng = streams.noise
    for a, kind in enumerate(advs):
        for e, ep in enumerate(eps):
            att = Attack(kind, float(ep), int(setting.get("n_dirs", 32)))
            run = simulate(sys_, ex, x0s, T, attack=att, dirs=att.directions(rng, T, sys_.n), **kw)
            det[a, e] = np.abs(run.J - nom.J)
            bnd[a, e] = B.t4_deterioration_bound(sys_.Q, sys_.R, star.X, star.U, kappa, rho, sys_.L_u,
                                                 le.eta_cert, lip, ep, ex.L_star)
            ok[a, e] = run.invariant & nom.invariant & star.invariant
    return dict(deterioration=det, bound=bnd, counted=ok, eps=eps, alpha=np.float64(alpha),
                eta_cert=np.float64(le.eta_cert), L_star=np.float64(ex.L_star), J_nominal=nom.J)


def run_tradeoff(setting: dict, algorithm: str, streams) -> dict:
    """T5: mean closed-loop cost over an (alpha, eps) grid under one adversary, with the expert.

    Also records, per alpha, the training loss V(alpha) and the grid mean error (test error).

    References
    ----------
    Reconstruction; see spec §4 T5 and §5 (E2 heat map).
    """
    sys_, ex, kappa, rho = _problem(setting)
    T, alphas = int(setting["T"]), np.asarray(setting["alphas"], float)
    eps = np.asarray(setting["eps"], float)
    X, U = _data(setting, sys_, ex, streams, int(setting["N"]))
    x0s = _x0s(setting, sys_, streams)
    dirs_rng = streams.noise
    dirs = [Attack(setting["adversary"], float(ep), int(setting.get("n_dirs", 32))) for ep in eps]
    D = [a.directions(dirs_rng, T, sys_.n) for a in dirs]
    cost, eta = np.zeros((alphas.size, eps.size)), np.zeros(alphas.size)
    obj, mean_err = np.zeros(alphas.size), np.zeros(alphas.size)
    for i, al in enumerate(alphas):
        pol, v, lip, kw = _fit(algorithm, X, U, float(al))
        le = _eta(setting, sys_, ex, pol, X, U, v, lip)
        eta[i], obj[i], mean_err[i] = le.eta_cert, getattr(pol, "objective", np.nan), le.mean
        for e, att in enumerate(dirs):
            cost[i, e] = simulate(sys_, ex, x0s, T, attack=att, dirs=D[e], **kw).J.mean()
    expert = np.array([simulate(sys_, ex, x0s, T, G=-ex.K, attack=att, dirs=D[e]).J.mean()
                       for e, att in enumerate(dirs)])
    Bv, best = B.t5_tradeoff(eta, alphas, eps, kappa, rho, sys_.L_u)
    return dict(cost=cost, expert_cost=expert, eta_cert=eta, objective=obj, mean_err=mean_err, bound=Bv, bound_argmin=best, alphas=alphas,
                eps=eps, L_star=np.float64(ex.L_star))


def run_solver_scaling(setting: dict, algorithm: str, streams) -> dict:
    """Solver comparison: time, objective, values and certified constant of one solver at N.

    All-pairs above ``setting["max_all_pairs"]`` is skipped (NaN outputs).

    References
    ----------
    Reconstruction; see spec §3.2 (constraint generation vs all pairs).
    """
    sys_, ex, _, _ = _problem(setting)
    alpha = _alpha(setting, ex)
    N = int(setting["N"])
    if algorithm == "all_pairs" and N > int(setting.get("max_all_pairs", 800)):
        return dict(seconds=np.float64(np.nan), objective=np.float64(np.nan), v=np.full(N, np.nan),
                    lipschitz=np.float64(np.nan), alpha=np.float64(alpha), rounds=np.int64(0), n_constraints=np.int64(0))
    X, U = _data(setting, sys_, ex, streams, N)
    p, _, _, _ = _fit(algorithm, X, U, alpha)
    return dict(seconds=np.float64(p.seconds), objective=np.float64(p.objective), v=p.v[:, 0],
                lipschitz=np.float64(p.lipschitz), alpha=np.float64(alpha), rounds=np.int64(p.rounds),
                n_constraints=np.int64(p.n_constraints))
