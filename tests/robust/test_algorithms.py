"""Robust learners: the numba loop equals the per-sample numpy reference, runs are
deterministic given streams, configs reject bad values."""
import numpy as np
import pytest

from theorylab.algorithms.robust import (DRLSVIUCBConfig, DRRPOConfig, LSVIUCBConfig, OPPOConfig,
                                         SoftDRLSVIUCBConfig, dr_lsvi_ucb, dr_rpo, lsvi_ucb, oppo,
                                         soft_dr_lsvi_ucb)
from theorylab.algorithms.robust._core import run_loop, step_sizes
from theorylab.algorithms.robust._reference import run_loop_numpy
from theorylab.algorithms.robust.tasks import run_cell
from theorylab.problems.robust import random_drmdp, random_tabular_robust, simulated_linear_mdp
from theorylab.rng import cell_streams

CASES = [("robust", "mirror", 0.05, "sum"), ("robust", "mirror", 0.0, "diagquad"),
         ("robust", "greedy", 0.0, "sum"), ("robust", "soft", 0.1, "diagquad"),
         ("nominal", "greedy", 0.0, "elliptical"), ("nominal", "mirror", 0.0, "elliptical")]


@pytest.mark.parametrize("est,policy,beta,bonus", CASES)
def test_kernel_equals_per_sample_reference(est, policy, beta, bonus):
    st = cell_streams(0, "robust/test", 0, 1)
    for m in (simulated_linear_mdp(0.1, 0.6), random_drmdp(np.random.default_rng(0), 8, 3, 4, 3, 0.3),
              random_tabular_robust(np.random.default_rng(1), 3, 2, 3, 0.2)):
        kw = dict(K=15, estimator=est, policy=policy, beta=beta, etas=np.full(15, 0.7), lam=0.5,
                  c_b=0.3, bonus=bonus, clip=True, record_q=True)
        a, b = run_loop(m, st, "x", **kw), run_loop_numpy(m, st, "x", **kw)
        assert np.allclose(a.policies, b.policies, atol=1e-9)
        assert a.q_hat.shape == (15, m.H, m.S, m.A) and np.allclose(a.q_hat, b.q_hat, atol=1e-9)
        assert np.array_equal(a.returns, b.returns)


def test_unclipped_kernel_equals_reference():
    st = cell_streams(0, "robust/test", 0, 2)
    m = random_drmdp(np.random.default_rng(3), 8, 3, 4, 3, 0.3)
    kw = dict(K=10, estimator="robust", policy="mirror", beta=0.1, etas=np.full(10, 0.5), lam=1.0,
              c_b=1.0, bonus="sum", clip=False)
    assert np.allclose(run_loop(m, st, "x", **kw).policies, run_loop_numpy(m, st, "x", **kw).policies, atol=1e-9)


RUNS = [(dr_rpo, DRRPOConfig), (oppo, OPPOConfig), (dr_lsvi_ucb, DRLSVIUCBConfig),
        (soft_dr_lsvi_ucb, SoftDRLSVIUCBConfig), (lsvi_ucb, LSVIUCBConfig)]


@pytest.mark.parametrize("mod,cls", RUNS)
def test_deterministic_and_valid_policies(mod, cls):
    m = simulated_linear_mdp(0.1, 0.6)
    st = cell_streams(0, "robust/test", 0, 3)
    a, b = mod.run(m, cls(K=50), st), mod.run(m, cls(K=50), st)
    assert np.array_equal(a.policies, b.policies) and np.array_equal(a.returns, b.returns)
    assert a.policies.shape == (51, 3, 5, 16) and a.K == 50
    assert np.allclose(a.policies.sum(-1), 1.0) and a.policies.min() >= 0
    other = mod.run(m, cls(K=50), cell_streams(0, "robust/test", 0, 4))
    assert not np.array_equal(a.returns, other.returns)


def test_noise_stream_is_shared_between_algorithms():
    """Same cell: the transition uniforms are shared, so identical policies see identical returns."""
    m = simulated_linear_mdp(0.1, 0.3)
    st = cell_streams(0, "robust/test", 0, 5)
    kw = dict(K=20, estimator="robust", policy="greedy", beta=0.0, etas=np.zeros(20), lam=1.0, c_b=1.0,
              bonus="sum", clip=True)
    a, b = run_loop(m, st, "alg_a", **kw), run_loop(m, st, "alg_b", **kw)
    assert np.array_equal(a.returns, b.returns)  # greedy: action uniforms do not matter


@pytest.mark.parametrize("field,value,match", [
    ("K", 0, "K must be an integer >= 1"), ("lam", 0.0, r"lam must lie in \(0, inf\)"),
    ("c_b", -1.0, r"c_b must lie in \[0, inf\)"), ("bonus", "max", "bonus must be one of"),
    ("beta", -0.01, r"beta must lie in \[0, inf\)"), ("eta_rule", "adam", "eta_rule must be one of"),
    ("eta", 0.0, r"eta must lie in \(0, inf\)"), ("clip", 1, "clip must be a bool")])
def test_config_validation(field, value, match):
    with pytest.raises(ValueError, match=match):
        DRRPOConfig(**{field: value})


def test_soft_needs_positive_beta():
    with pytest.raises(ValueError, match=r"beta must lie in \(0, inf\)"):
        SoftDRLSVIUCBConfig(beta=0.0)


def test_step_sizes():
    assert step_sizes("oppo", 1.0, 100, 3, 16) == pytest.approx(np.sqrt(2 * np.log(16) / 900))
    any_ = step_sizes("anytime", 1.0, 4, 2, 4)
    assert any_ == pytest.approx(np.sqrt(2 * np.log(4) / 4 / np.arange(1, 5)))
    with pytest.raises(ValueError, match="eta_rule"):
        step_sizes("bad", 1.0, 4, 2, 4)


def test_run_cell_contract_and_regret_nonnegative():
    s = dict(instance="simulated", xi_norm=0.1, rho=0.6, beta=0.01, K=40, n_checkpoints=5, q_grid=[0.0, 1.0])
    out = run_cell(s, "dr_rpo", cell_streams(0, "robust/test", 0, 0))
    assert out["checkpoints"].shape == out["pseudo"].shape
    assert np.all(np.diff(out["pseudo"]) >= -1e-12) and out["pseudo"][0] >= -1e-12
    assert out["test_returns"].shape == (2,)
    again = run_cell(s, "dr_rpo", cell_streams(0, "robust/test", 0, 0))
    assert all(np.array_equal(out[k], again[k]) for k in out)
    with pytest.raises(ValueError, match="unknown algorithm"):
        run_cell(s, "ppo", cell_streams(0, "robust/test", 0, 0))


def test_optimism_diagnostic():
    s = dict(instance="simulated", rho=0.6, beta=0.01, K=30, n_checkpoints=4, optimism=True, c_b=50.0)
    out = run_cell(s, "dr_rpo", cell_streams(0, "robust/test", 0, 0))
    assert out["optimism"].shape == (30,) and np.all(out["optimism"] == 1.0)  # huge bonus: clipped at H - h
    low = run_cell(dict(s, c_b=0.0, lam=1.0), "dr_rpo", cell_streams(0, "robust/test", 0, 0))
    assert low["optimism"].min() < 1.0  # no bonus: ridge shrinkage makes Q_hat pessimistic somewhere
    with pytest.raises(ValueError, match="DR-RPO only"):
        run_cell(s, "lsvi_ucb", cell_streams(0, "robust/test", 0, 0))


def test_env_override_equals_reference_and_is_checked():
    """Simulating an exact environment that is not phi mu (the American put lattice)."""
    from theorylab.problems.robust import american_put, american_put_env
    model, env = american_put(0.5, d=4, H=6)
    st = cell_streams(0, "robust/test", 0, 6)
    kw = dict(K=8, estimator="robust", policy="mirror", beta=0.0, etas=np.full(8, 1.0), lam=1.0, c_b=0.1,
              bonus="sum", clip=True, env=env)
    a, b = run_loop(model, st, "x", **kw), run_loop_numpy(model, st, "x", **kw)
    assert np.allclose(a.policies, b.policies, atol=1e-9) and np.array_equal(a.returns, b.returns)
    up = run_loop(model, st, "x", **{**kw, "env": american_put_env(1.0, H=6)}).returns
    down = run_loop(model, st, "x", **{**kw, "env": american_put_env(0.0, H=6)}).returns
    assert up.sum() < down.sum()  # the simulated prices follow env: rising prices pay less
    with pytest.raises(ValueError, match="must equal the model"):
        run_loop(simulated_linear_mdp(), st, "x", **kw)
