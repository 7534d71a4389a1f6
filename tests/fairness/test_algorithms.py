"""Learners: configuration errors, determinism, behaviour on instances with a known answer."""
import numpy as np
import pytest

from theorylab.algorithms.fairness import ofs, primal_dual, ucb
from theorylab.algorithms.fairness.oracle import oracle_fixed_point
from theorylab.algorithms.fairness.tasks import run_cell
from theorylab.problems.fairness import ClosedLoopDynamics, FairnessConstraints, synthetic_env
from theorylab.rng import cell_streams


@pytest.mark.parametrize("cls,kw,match", [
    (ofs.OFSConfig, dict(radius="x"), "radius"), (ofs.OFSConfig, dict(alpha=0), "alpha"),
    (ofs.OFSConfig, dict(delta=1.0), "delta"), (ofs.OFSConfig, dict(commit=0), "commit"),
    (ofs.OFSConfig, dict(commit=3, burnin=3), "burnin"), (ofs.OFSConfig, dict(fallback="min"), "fallback"),
    (ofs.OFSConfig, dict(dp_estimator="x"), "dp_estimator"), (ofs.OFSConfig, dict(window=-1), "window"), (ofs.OFSConfig, dict(tie_break="x"), "tie_break"),
    (primal_dual.PDConfig, dict(eta0=0), "eta0"), (primal_dual.PDConfig, dict(penalty="x"), "penalty"),
    (ucb.UCBConfig, dict(horizon="x"), "horizon"),
])
def test_config_validation(cls, kw, match):
    with pytest.raises(ValueError, match=match):
        cls(**kw)


def test_T_below_K_is_rejected(env, streams):
    with pytest.raises(ValueError, match="T must be an integer >= K"):
        ofs.run(env, ofs.OFSConfig(), env.K - 1, streams)


def test_determinism_given_streams(env):
    a = ofs.run(env, ofs.OFSConfig(tie_break="random"), 500, cell_streams(3, "e", 1, 2))
    b = ofs.run(env, ofs.OFSConfig(tie_break="random"), 500, cell_streams(3, "e", 1, 2))
    c = ofs.run(env, ofs.OFSConfig(tie_break="random"), 500, cell_streams(3, "e", 1, 3))
    np.testing.assert_array_equal(a.rec, b.rec)
    assert not np.array_equal(a.rec, c.rec)


def test_round_robin_initialisation_and_commitment(env, streams):
    r = ofs.run(env, ofs.OFSConfig(), 100, streams)
    np.testing.assert_array_equal(r.arms[:env.K], np.arange(env.K))
    r = ofs.run(env, ofs.OFSConfig(commit=4, burnin=1), 200, streams)
    assert np.all(r.arms[: 4 * env.K].reshape(env.K, 4) == np.arange(env.K)[:, None])
    r = ofs.run(env, ofs.OFSConfig(doubling=True), 400, streams)
    np.testing.assert_array_equal(r.arms[:env.K], np.arange(env.K))  # first selection: 2^0 rounds


def test_stationary_ofs_concentrates_on_best_feasible_arm(streams):
    env = synthetic_env(dynamics=ClosedLoopDynamics(kappa=0.0))
    k_star = oracle_fixed_point(env).k_star
    r = ofs.run(env, ofs.OFSConfig(), 4000, streams, watch=k_star)
    assert np.mean(r.arms[-1000:] == k_star) > 0.9
    u = ucb.run(env, ucb.UCBConfig(), 4000, streams)
    best = oracle_fixed_point(env).reward.max()  # unconstrained best (an infeasible arm here)
    assert u.col("exp_r")[-1000:].mean() > best - 0.005 and u.col("exp_dp")[-1000:].mean() > 0


def test_pd_dual_stays_in_box(env, streams):
    r = primal_dual.run(env, primal_dual.PDConfig(eta0=50.0, lambda_max=2.0), 2000, streams)
    lam = r.col("lambda_dp")
    assert lam.min() >= 0 and lam.max() <= 2.0 and lam.max() > 0


def test_fallback_fires_only_when_nothing_is_feasible(streams):
    env = synthetic_env(constraints=FairnessConstraints(eps=0.0, rho_min=0.6, rho_max=0.65),
                        dynamics=ClosedLoopDynamics(kappa=0.0))
    orc = oracle_fixed_point(env)
    assert not orc.feasible_exists
    r = ofs.run(env, ofs.OFSConfig(), 3000, streams)
    assert r.col("fallback")[-500:].mean() > 0.9  # F empty once the arms are estimated
    assert np.mean(r.arms[-500:] == orc.k_star) > 0.8


def test_run_cell_outputs(streams):
    out = run_cell({"env": "synthetic", "T": 400}, "ofs", streams)
    assert out["pseudo"].shape == out["checkpoints"].shape and out["checkpoints"][-1] == 400
    assert np.all(np.diff(out["viol_dp"]) >= 0) and np.all(out["dd_regret"] >= out["pseudo_pos"] * 0)
    with pytest.raises(ValueError, match="unknown algorithm"):
        run_cell({"env": "synthetic", "T": 400}, "nope", streams)
