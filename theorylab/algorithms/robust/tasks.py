"""Cell functions of the robust experiments: build the instance, run a learner, track it.

``run_cell(setting, algorithm, streams)`` returns (design contract) ``checkpoints`` (C,) and
``pseudo`` (C,), the cumulative regularised robust regret sum_k V*_{rho,beta} - V^{pi_k}_{rho,beta}
computed exactly by robust DP (spec §4.2), and beside it ``nominal`` (cumulative nominal
regret), ``unreg_gap`` (cumulative unregularised robust gap of pi_k), ``final_unreg_gap`` /
``final_reg_gap`` (of the output policy), ``v_star`` and, when the setting lists ``q_grid``,
``test_returns`` of the output policy in the perturbed environments of spec §5.1.

Setting keys: ``instance`` ("simulated" | "I2" | "I3" | "put"), its parameters (``xi_norm``,
``rho``, ``S``, ``A``, ``d``, ``H``), ``beta`` (objective KL strength), ``K``, optional
``lam``, ``c_b``, ``eta``, ``n_checkpoints``, ``q_grid``, ``optimism`` (DR-RPO only: also
return ``optimism``, the per-episode fraction of non-fail (h, s, a) with Q_hat^k >= Q^{pi^k}).

The American put (``instance="put"``, spec §5.2) is not d-rectangular linear: its cells train
on the exact lattice and return only ``checkpoints``, ``train_return`` (cumulative realised
return, in the model's linearised reward <phi, theta>) and ``test_returns`` over ``p_grid``
(exact lattice evaluation, in units of the strike), never a regret (spec §7.16).
"""
from __future__ import annotations

import numpy as np

from ...planning import policy_evaluation
from ...planning.robust import evaluate_many, robust_evaluate, robust_optimal
from ...problems.robust import (RobustLinearMDP, american_put, american_put_env, random_drmdp,
                                random_tabular_robust, simulated_linear_mdp, simulated_test_env)
from ...regret.trace import cumulative_at, log_checkpoints
from . import dr_lsvi_ucb, dr_rpo, lsvi_ucb, oppo, soft_dr_lsvi_ucb

__all__ = ["ALGORITHMS", "build_problem", "make_learner", "optimism_fraction", "run_cell"]

# name -> (module, config class, fixed overrides)
ALGORITHMS = {
    "dr_rpo": (dr_rpo, dr_rpo.DRRPOConfig, {"eta_rule": "constant"}),
    "dr_rpo_anytime": (dr_rpo, dr_rpo.DRRPOConfig, {"eta_rule": "anytime"}),
    "dr_rpo_oppo": (dr_rpo, dr_rpo.DRRPOConfig, {"eta_rule": "oppo"}),
    "dr_rpo_eta0.1": (dr_rpo, dr_rpo.DRRPOConfig, {"eta_rule": "constant", "eta": 0.1}),
    "dr_rpo_eta10": (dr_rpo, dr_rpo.DRRPOConfig, {"eta_rule": "constant", "eta": 10.0}),
    "soft_dr_lsvi_ucb": (soft_dr_lsvi_ucb, soft_dr_lsvi_ucb.SoftDRLSVIUCBConfig, {}),
    "dr_lsvi_ucb": (dr_lsvi_ucb, dr_lsvi_ucb.DRLSVIUCBConfig, {}),
    "oppo": (oppo, oppo.OPPOConfig, {"eta_rule": "constant", "beta": 0.0}),
    "lsvi_ucb": (lsvi_ucb, lsvi_ucb.LSVIUCBConfig, {}),
}


def build_problem(setting: dict, rng: np.random.Generator) -> RobustLinearMDP:
    """The RobustLinearMDP a setting names (random instances use ``rng``).

    References
    ----------
    Spec §4.3 (I1, I2, I3) and §5.1.
    """
    kind, rho = setting["instance"], float(setting["rho"])
    if kind == "simulated":
        return simulated_linear_mdp(float(setting.get("xi_norm", 0.1)), rho)
    if kind == "I2":
        return random_drmdp(rng, int(setting.get("S", 20)), int(setting.get("A", 4)), int(setting["d"]),
                            int(setting["H"]), rho)
    if kind == "I3":
        return random_tabular_robust(rng, int(setting.get("S", 10)), int(setting.get("A", 4)),
                                     int(setting.get("H", 5)), rho)
    if kind == "put":
        return american_put(float(setting.get("p_train", 0.5)), d=int(setting.get("d", 30)), rho=rho)[0]
    raise ValueError(f"unknown instance {kind!r}; known: simulated, I2, I3, put")


def make_learner(algorithm: str, setting: dict):
    """(run function, config) of ``algorithm`` with the setting's hyper-parameters.

    The KL strength of DR-RPO / soft-DR-LSVI-UCB is the setting's objective ``beta``.

    References
    ----------
    Spec §3 (hyper-parameter table).
    """
    if algorithm not in ALGORITHMS:
        raise ValueError(f"unknown algorithm {algorithm!r}; known: {', '.join(ALGORITHMS)}")
    module, cls, fixed = ALGORITHMS[algorithm]
    kw = {"K": int(setting["K"]), "lam": float(setting.get("lam", 1.0)), "c_b": float(setting.get("c_b", 1.0))}
    if "beta" in cls.__dataclass_fields__ and "beta" not in fixed:
        kw["beta"] = float(setting.get("beta", 0.0))
    if "eta" in cls.__dataclass_fields__:
        kw["eta"] = float(setting.get("eta", 1.0))
    kw.update(fixed)
    return module.run, cls(**kw)


def run_cell(setting: dict, algorithm: str, streams) -> dict:
    """Run ``algorithm`` on the setting's instance and return its exact robust-regret arrays.

    References
    ----------
    Spec §4.2 (robust regret tracker); design rule 1.
    """
    if setting["instance"] == "put":
        return _put_cell(setting, algorithm, streams)
    problem = build_problem(setting, streams.instance)
    run, config = make_learner(algorithm, setting)
    optimism = bool(setting.get("optimism", False))
    if optimism and run is not dr_rpo.run:
        raise ValueError(f"the optimism diagnostic is implemented for DR-RPO only, not {algorithm!r}")
    out = run(problem, config, streams, algorithm, **({"record_q": True} if optimism else {}))
    beta, K = float(setting.get("beta", 0.0)), config.K
    played, final = out.policies[:-1], out.policies[-1:]
    cp = log_checkpoints(K, int(setting.get("n_checkpoints", 20)))
    opt = robust_optimal(problem, beta)
    opt0 = robust_optimal(problem, 0.0)
    nom = robust_optimal(problem, 0.0, rho=0.0).value
    res = {
        "checkpoints": cp,
        "pseudo": cumulative_at(opt.value - evaluate_many(problem, played, beta), cp),
        "nominal": cumulative_at(nom - evaluate_many(problem, played, 0.0, rho=0.0), cp),
        "unreg_gap": cumulative_at(opt0.value - evaluate_many(problem, played, 0.0), cp),
        "final_reg_gap": np.array(opt.value - evaluate_many(problem, final, beta)[0]),
        "final_unreg_gap": np.array(opt0.value - evaluate_many(problem, final, 0.0)[0]),
        "v_star": np.array(opt.value),
        "returns_mean": np.array(out.returns.mean()),
    }
    if optimism:
        res["optimism"] = optimism_fraction(problem, out, beta)
    if "q_grid" in setting:
        xi = float(setting.get("xi_norm", 0.1))
        res["q_grid"] = np.asarray(setting["q_grid"], dtype=float)
        res["test_returns"] = np.array([policy_evaluation(simulated_test_env(xi, q), final[0]).value
                                        for q in res["q_grid"]])
    return res


def optimism_fraction(problem: RobustLinearMDP, out, beta: float) -> np.ndarray:
    """Per episode k, the fraction of (h, s, a), s not the fail state, with
    Q_hat^k_h(s, a) >= Q^{pi^k}_h(s, a) (exact regularised robust Q), shape (K,).

    References
    ----------
    Spec §4.4 T8 and §6 L13 (optimism of the robust estimate).
    """
    keep = np.ones(problem.S, bool)
    if problem.fail_state is not None:
        keep[problem.fail_state] = False
    frac = np.empty(out.K)
    for k in range(out.K):
        Q = robust_evaluate(problem, out.policies[k], beta).Q
        frac[k] = np.mean(out.q_hat[k][:, keep] >= Q[:, keep] - 1e-12)
    return frac


def _put_cell(setting: dict, algorithm: str, streams) -> dict:
    d, rho = int(setting.get("d", 30)), float(setting["rho"])
    model, env = american_put(float(setting.get("p_train", 0.5)), d=d, rho=rho)
    run, config = make_learner(algorithm, setting)
    out = run(model, config, streams, algorithm, env=env)
    final = out.policies[-1]
    grid = np.asarray(setting["p_grid"], dtype=float)
    cp = log_checkpoints(config.K, int(setting.get("n_checkpoints", 10)))
    return {"checkpoints": cp, "train_return": cumulative_at(out.returns, cp), "p_grid": grid,
            "test_returns": np.array([policy_evaluation(american_put_env(p), final).value for p in grid])}
