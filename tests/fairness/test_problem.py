"""Environments: exact rates, population quantities, dynamics, contraction, validation."""
import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy.special import logit
from scipy.stats import norm

from theorylab.problems.fairness import (ClosedLoopDynamics, FairnessConstraints, FairThresholdEnv,
                                         semi_synthetic_env, synthetic_env, threshold_grid)
from theorylab.problems.fairness_dynamics import (closed_loop_map, contraction_weights, expected_signals,
                                                  fixed_points, weighted_norm)


def test_synthetic_rates_are_gaussian_tails(env):
    th = env.thresholds[4]
    assert env.rates[1, 0, 4] == pytest.approx(norm.sf(logit(th) + 1.5), rel=1e-12)
    assert env.rates[0, 1, 4] == pytest.approx(norm.sf(logit(th) - 1.0), rel=1e-12)


def test_expected_signals_by_monte_carlo(env):
    """Population reward/acceptance equal the mean over simulated individuals (5 SE)."""
    rng = np.random.default_rng(0)
    x, n, k = np.array([0.3, 0.7, 0.4]), 400_000, 6
    a = rng.random(n) < x[0]
    y = rng.random(n) < np.where(a, x[2], x[1])
    m = np.array([[-1.0, 1.0], [-1.5, 0.5]])[a.astype(int), y.astype(int)]
    D = 1 / (1 + np.exp(-(m + rng.normal(size=n)))) >= env.thresholds[k]
    rew = D * np.where(y, 1.0, -1.0)
    r, g = expected_signals(env, x)
    assert abs(rew.mean() - r[k]) < 5 * rew.std() / np.sqrt(n)
    gap = D[~a].mean() - D[a].mean()
    assert abs(abs(gap) - 0.1 - g[0, k]) < 5 * np.sqrt(0.25 / (~a).sum() + 0.25 / a.sum())


def test_fixed_points_are_fixed_and_match_spec_table(env):
    X, r, g = fixed_points(env)
    np.testing.assert_allclose(closed_loop_map(env, X), X, atol=1e-10)
    # spec §5.2 (i) [PROTO] table, computed independently by the spec's prototype (3 decimals)
    assert r[1] == pytest.approx(0.385, abs=6e-4) and g[0, 1] == pytest.approx(-0.024, abs=6e-4)
    assert r[5] == pytest.approx(0.441, abs=6e-4) and g[0, 5] == pytest.approx(0.141, abs=6e-4)


@settings(max_examples=60, deadline=None)
@given(st.floats(0.01, 1.0), st.floats(0.0, 5.0), st.floats(0.0, 0.95), st.integers(0, 18),
       st.integers(0, 2**31))
def test_phi_is_a_contraction_in_the_weighted_norm(kappa, gamma, zeta, k, seed):
    env = synthetic_env(dynamics=ClosedLoopDynamics(kappa=kappa, gamma=gamma, zeta=zeta))
    w, L = contraction_weights(env.dynamics)
    assert L < 1
    rng = np.random.default_rng(seed)
    X, Y = rng.random((50, 3)), rng.random((50, 3))
    P = lambda Z: Z[:, 1:3] * env.rates[:, 1, k] + (1 - Z[:, 1:3]) * env.rates[:, 0, k]  # noqa: E731
    lhs = weighted_norm(closed_loop_map(env, X, P(X)) - closed_loop_map(env, Y, P(Y)), w)
    assert np.all(lhs <= L * weighted_norm(X - Y, w) * (1 + 1e-12) + 1e-15)


def test_switches_freeze_channels(env):
    e = synthetic_env(dynamics=ClosedLoopDynamics(composition=False))
    X, _, _ = fixed_points(e)
    np.testing.assert_allclose(X[:, 0], 0.5)
    e = synthetic_env(dynamics=ClosedLoopDynamics(kappa=0.0))
    X, _, _ = fixed_points(e)
    np.testing.assert_allclose(X, np.tile(e.x0, (e.K, 1)))


@pytest.mark.parametrize("kw,match", [
    (dict(eps=1.5), "eps must lie in"), (dict(eps=-0.1), "eps must lie in"),
    (dict(rho_min=0.6, rho_max=0.5), "rho_min"),
])
def test_constraint_validation(kw, match):
    with pytest.raises(ValueError, match=match):
        FairnessConstraints(**kw)


@pytest.mark.parametrize("kw,match", [
    (dict(kappa=1.5), "kappa"), (dict(zeta=1.0), "zeta"), (dict(pi_bar=0.0), "pi_bar"),
    (dict(q_bar=(0.99, 0.5)), "q_bar"), (dict(feedback="x"), "feedback"), (dict(gamma=-1), "gamma"),
])
def test_dynamics_validation(kw, match):
    with pytest.raises(ValueError, match=match):
        ClosedLoopDynamics(**kw)


def test_env_validation(env):
    with pytest.raises(ValueError, match="non-empty increasing grid"):
        FairThresholdEnv(np.array([]), np.zeros((2, 2, 0)), env.x0)
    with pytest.raises(ValueError, match="score range"):
        FairThresholdEnv(np.array([0.5, 1.5]), np.zeros((2, 2, 2)), env.x0)
    with pytest.raises(ValueError, match="non-increasing"):
        FairThresholdEnv(np.array([0.2, 0.4]), np.tile([0.1, 0.2], (2, 2, 1)), env.x0)
    with pytest.raises(ValueError, match="batch_size"):
        synthetic_env(batch_size=1)
    with pytest.raises(ValueError, match="K must be"):
        threshold_grid(0)


def test_semi_synthetic_rejects_empty_group():
    S, y = np.linspace(0.1, 0.9, 20), np.tile([0, 1], 10)
    with pytest.raises(ValueError, match="group 1 has no members"):
        semi_synthetic_env(S, y, np.zeros(20, int), K=5)
    e = semi_synthetic_env(S, y, np.repeat([0, 1], 10), K=5)
    assert e.rates.shape == (2, 2, 5) and e.x0[0] == pytest.approx(0.5)
