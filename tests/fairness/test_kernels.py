"""Every fairness kernel against its plain-numpy reference."""
import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy.stats import binom

from theorylab.algorithms.fairness import ofs, primal_dual, ucb
from theorylab.algorithms.fairness._loop import PRM, env_params, simulate
from theorylab.kernels import fairness_reference as ref
from theorylab.kernels.fairness_bandit import bounds, ofs_select, radii, radius_coeffs
from theorylab.kernels.fairness_env import (batch_signals, binom_inv, expected_step, phi_step,
                                            simulate_batch)
from theorylab.problems.fairness import closed_loop_map, expected_signals


@settings(max_examples=200, deadline=None)
@given(st.integers(0, 1000), st.floats(0, 1), st.floats(1e-6, 1 - 1e-6))
def test_binom_inv_matches_scipy_ppf(n, p, u):
    # inversion may differ from scipy only where u is within rounding of a CDF value
    expect = binom.ppf(u, n, p)
    got = binom_inv(n, p, u)
    if got != expect:
        lo, hi = sorted((got, int(expect)))
        assert hi - lo == 1 and abs(binom.cdf(lo, n, p) - u) < 1e-9


def test_binom_inv_distribution():
    u = np.random.default_rng(0).random(20000)
    draws = np.array([binom_inv(50, 0.3, v) for v in u])
    # mean of 20000 Bin(50, .3): sd of the mean = sqrt(50*.3*.7/20000) = 0.0229; 5 sd
    assert abs(draws.mean() - 15.0) < 5 * 0.0229


def test_batch_and_signals_match_reference(small_env):
    rng = np.random.default_rng(1)
    envp = env_params(small_env)
    for _ in range(200):
        x, k, u = rng.random(3), int(rng.integers(small_env.K)), rng.random(7)
        n_ay, acc = np.zeros((2, 2), np.int64), np.zeros((2, 2), np.int64)
        simulate_batch(small_env.rates, k, x, small_env.batch_size, u, n_ay, acc)
        n_ref, acc_ref = ref.simulate_batch_numpy(small_env.rates, k, x, small_env.batch_size, u)
        np.testing.assert_array_equal(n_ay, n_ref)
        np.testing.assert_array_equal(acc, acc_ref)
        sig = np.empty(6)
        batch_signals(n_ay, acc, envp, sig)
        np.testing.assert_allclose(sig, ref.batch_signals_numpy(n_ay, acc, envp), rtol=1e-12, atol=1e-15)


def test_expected_step_and_phi_match_problem_module(small_env):
    rng = np.random.default_rng(2)
    envp, dyn = env_params(small_env), small_env.dynamics.packed()
    for _ in range(100):
        x, k = rng.random(3), int(rng.integers(small_env.K))
        ex, P, xn = np.empty(4), np.empty(2), np.empty(3)
        expected_step(small_env.rates, k, x, envp, ex, P)
        r, g = expected_signals(small_env, x)
        np.testing.assert_allclose(ex, np.r_[r[k], g[:, k]], atol=1e-14)
        phi_step(x, P, dyn, xn)
        np.testing.assert_allclose(xn, closed_loop_map(small_env, x, P), atol=1e-14)


@pytest.mark.parametrize("mode", [0, 1])
@pytest.mark.parametrize("dp_signed", [True, False])
def test_radii_bounds_select_match_reference(mode, dp_signed):
    rng = np.random.default_rng(3)
    K = 9
    for trial in range(100):
        cnt = rng.integers(0, 4, size=(K, 4))
        S1 = rng.normal(size=(K, 4)) * cnt
        S2 = S1 ** 2 / np.maximum(cnt, 1) + rng.random((K, 4)) * cnt
        sinv = cnt[:, 1] / 50.0
        ranges = np.array([2.0, 2.0 if (mode and dp_signed) else 1.0, 1.0, 1.0])
        beta = np.empty((K, 4))
        radii(cnt, S1, S2, sinv, mode, 1.3, 7.0, 200.0, ranges, beta)
        bref = ref.radii_numpy(cnt, S1, S2, sinv, mode, 1.3, 7.0, 200.0, ranges)
        np.testing.assert_allclose(beta, bref, rtol=1e-12)
        ucb, lcb, b2 = np.empty(K), np.empty((K, 3)), np.empty((K, 4))
        A, B, M = np.empty((K, 4)), np.empty((K, 4)), np.empty((K, 4))
        for k in range(K):
            radius_coeffs(k, cnt, S1, S2, sinv, mode, 1.3, 200.0, ranges, A, B, M)
        bounds(cnt, M, A, B, 7.0, dp_signed, 0.1, b2, ucb, lcb)
        np.testing.assert_allclose(b2, bref, rtol=1e-12)
        u_ref, l_ref = ref.bounds_numpy(cnt, S1, beta, dp_signed, 0.1)
        np.testing.assert_allclose(ucb, u_ref, rtol=1e-12)
        np.testing.assert_allclose(lcb, l_ref, rtol=1e-12)
        active = rng.random(3) < 0.6
        for agg in (False, True):
            for tie in (False, True):
                u = rng.random()
                got = ofs_select(ucb.copy(), lcb.copy(), active, cnt, agg, tie, u, np.empty(K))
                assert got == ref.ofs_select_numpy(ucb, lcb, active, cnt, agg, tie, u)


def _params(cfg, policy_mod, T, watch=2):
    p = cfg.params({"ofs": "ofs", "ucb": "ucb", "primal_dual": "pd"}[policy_mod.__name__.split(".")[-1]], T)
    p[PRM["watch"]] = watch
    if isinstance(cfg, ofs.OFSConfig):
        p[PRM["agg_max"]] = cfg.fallback == "max"
        p[PRM["commit"]], p[PRM["burnin"]], p[PRM["doubling"]] = cfg.commit, cfg.burnin, cfg.doubling
        p[PRM["window"]] = cfg.window
    if isinstance(cfg, primal_dual.PDConfig):
        p[PRM["eta"]], p[PRM["lambda_max"]] = cfg.eta0 / np.sqrt(T), cfg.lambda_max
        p[PRM["pd_lcb"]], p[PRM["pd_mean"]] = cfg.penalty == "lcb", cfg.dual_signal == "mean"
    return p


@pytest.mark.parametrize("mod,cfg", [
    (ofs, ofs.OFSConfig()),
    (ofs, ofs.OFSConfig(radius="bernstein", dp_estimator="residual_mean", tie_break="random",
                        fallback="max", horizon="anytime")),
    (ofs, ofs.OFSConfig(commit=5, burnin=2)),
    (ofs, ofs.OFSConfig(doubling=True)),
    (ofs, ofs.OFSConfig(window=15)),
    (ofs, ofs.OFSConfig(window=15, radius="bernstein", dp_estimator="residual_mean")),
    (ucb, ucb.UCBConfig()),
    (primal_dual, primal_dual.PDConfig(eta0=5.0)),
    (primal_dual, primal_dual.PDConfig(penalty="lcb", dual_signal="mean", eta0=5.0)),
])
def test_whole_loop_matches_numpy_loop(small_env, mod, cfg):
    T = 300
    rng = np.random.default_rng(4)
    U, tieU = rng.random((T, 7)), rng.random(T)
    p = _params(cfg, mod, T)
    arms, rec = simulate(small_env, p, U, tieU)
    arms_ref, rec_ref = ref.loop_numpy(small_env, p, U, tieU)
    np.testing.assert_array_equal(arms, arms_ref)
    np.testing.assert_allclose(rec, rec_ref, rtol=1e-9, atol=1e-12)
