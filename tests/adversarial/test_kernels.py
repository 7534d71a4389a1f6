"""Numba kernels against their numpy (and cvxpy) references; solver invariants."""
import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from theorylab.kernels import adversarial_linear_cov as cov
from theorylab.kernels.adversarial_linear_ftrl import (SOLVERS, exp_weights, exp_weights_numpy,
                                                       log_barrier, log_barrier_cvxpy,
                                                       log_barrier_numpy, policy_from_losses,
                                                       policy_from_losses_numpy)
from theorylab.planning import occupancy
from theorylab.problems.adversarial import AdversarialMDP, linear_instance, make_losses


@pytest.mark.parametrize("seed", range(6))
def test_log_barrier_matches_cvxpy_and_numpy(seed):
    rng = np.random.default_rng(seed)
    A = int(rng.integers(2, 20))
    C = rng.normal(size=A) * 10 ** rng.uniform(-2, 3)
    eta = 10 ** rng.uniform(-2, 0)
    p, it = log_barrier(C, eta)
    assert it > 0  # Newton converged without the bisection fallback
    np.testing.assert_allclose(p, log_barrier_numpy(C, eta), rtol=1e-12, atol=1e-15)
    np.testing.assert_allclose(p, log_barrier_cvxpy(C, eta), rtol=1e-6, atol=1e-8)


@settings(max_examples=60, deadline=None)
@given(st.lists(st.floats(-1e6, 1e6), min_size=2, max_size=40), st.floats(1e-4, 10.0))
def test_log_barrier_kkt(C, eta):
    """p in the simplex and 1/(eta p_a) - C_a constant (the KKT multiplier)."""
    C = np.array(C)
    p, _ = log_barrier(C, eta)
    assert np.all(p > 0) and abs(p.sum() - 1) < 1e-12
    c = eta * (C - C.min())
    lam = 1.0 / p - c  # = mu * (sum p) after renormalisation: all equal
    assert np.ptp(lam) <= 1e-10 * max(1.0, c.max())  # spec §6 L1: spread <= 1e-10 scale
    order = np.argsort(C, kind="stable")
    assert np.all(np.diff(p[order]) <= 1e-15)  # larger loss, smaller probability


@pytest.mark.parametrize("A", [2, 8, 64, 256])
def test_log_barrier_newton_is_short_and_starts_below_the_root(A):
    """Harmonic-mean Newton from max(1, A - mean c): few evaluations, no bisection, and the
    start is a lower bound on the multiplier (so the monotone, no-overshoot argument holds)."""
    rng = np.random.default_rng(A)
    for scale in (1e-3, 1.0, 30.0, 1e4):
        C = rng.exponential(size=A) * scale
        p, it = log_barrier(C, 1.0)
        c = C - C.min()
        mu = 1.0 / p[c.argmin()]  # the KKT multiplier 1/p_a - c_a, read where c_a = 0 (no cancellation)
        assert 0 < it <= 8
        assert max(1.0, A - c.mean()) <= mu * (1 + 1e-12)
        np.testing.assert_allclose(p, log_barrier_numpy(C, 1.0), rtol=1e-12, atol=1e-15)
        np.testing.assert_allclose(np.sum(1.0 / (c + mu)), 1.0, rtol=1e-12)


@pytest.mark.parametrize("n", range(1, 10))
def test_partial_sum_helpers_match_numpy(n):
    """The four-lane reductions (_sums, _inv_sums, _dot4, _min4), including the n % 4 remainder."""
    from theorylab.kernels.adversarial_linear_ftrl import _inv_sums, _min4, _sums
    rng = np.random.default_rng(n)
    x, y = rng.normal(size=n), rng.normal(size=n)
    tot, sq = _sums(x)
    np.testing.assert_allclose([tot, sq], [x.sum(), (x * x).sum()], rtol=1e-14, atol=1e-15)
    c, p = rng.exponential(size=n), np.empty(n)
    inv = 1.0 / (c + 1.5)
    np.testing.assert_allclose(_inv_sums(c, 1.5, p), [inv.sum(), (inv * inv).sum()], rtol=1e-14)
    np.testing.assert_array_equal(p, inv)
    np.testing.assert_allclose(cov._dot4(x, y), x @ y, rtol=1e-14, atol=1e-15)
    assert _min4(x) == x.min()


def test_log_barrier_handles_huge_negative_losses():
    C = np.array([0.0, -1e10, 3.0, 1e8])
    p, it = log_barrier(C, 1e-3)
    assert it > 0 and p.argmax() == 1 and np.all(p > 0)


def test_exp_weights_and_policy_solvers_match_numpy():
    rng = np.random.default_rng(0)
    C = rng.normal(size=(3, 4, 5)) * 50
    np.testing.assert_allclose(exp_weights(C[0, 0], 0.1), exp_weights_numpy(C[0, 0], 0.1), rtol=1e-13)
    for name in SOLVERS:
        np.testing.assert_allclose(policy_from_losses(C, 0.05, name), policy_from_losses_numpy(C, 0.05, name),
                                   rtol=1e-11, atol=1e-15)
    with pytest.raises(ValueError, match="eta must be a finite positive float"):
        log_barrier(C[0, 0], 0.0)


def _problem():
    rng = np.random.default_rng(5)
    P, phi = linear_instance(rng, 3, 4, 3, 3)
    return AdversarialMDP(P, phi, make_losses(rng, phi, 2, "iid")), rng


def test_occupancy_covariance_and_bonus_match_numpy():
    prob, rng = _problem()
    pi = rng.dirichlet(np.ones(3), size=(3, 4))
    q = np.empty_like(pi)
    cov._occupancy(prob.P, pi, q)
    np.testing.assert_allclose(q, cov.occupancy_numpy(prob.P, pi), atol=1e-15)
    np.testing.assert_allclose(q, occupancy(prob.tabular(), pi), atol=1e-14)
    Sinv = np.empty((3, 3, 3))
    cov._cov_exact(prob.phi, q, 0.01, Sinv)
    np.testing.assert_allclose(Sinv, cov.cov_exact_numpy(prob.phi, q, 0.01), rtol=1e-10)
    b, B = np.empty_like(pi), np.empty_like(pi)
    cov._dilated_bonus(prob.P, prob.phi, pi, Sinv, 0.3, b, B)
    b2, B2 = cov.dilated_bonus_numpy(prob.P, prob.phi, pi, Sinv, 0.3)
    np.testing.assert_allclose(b, b2, rtol=1e-12)
    np.testing.assert_allclose(B, B2, rtol=1e-12)


def test_sampled_covariances_match_numpy():
    prob, rng = _problem()
    pi = rng.dirichlet(np.ones(3), size=(3, 4))
    u = rng.uniform(size=(200, 3, 2))
    s, a = np.zeros((200, 3), np.int64), np.zeros((200, 3), np.int64)
    cov._rollouts(prob.P, pi, u, s, a)
    s2, a2 = cov.rollouts_numpy(prob.P, pi, u)
    np.testing.assert_array_equal(s, s2)
    np.testing.assert_array_equal(a, a2)
    out = np.empty((3, 3, 3))
    cov._cov_direct(prob.phi, pi, s, 0.05, out)
    np.testing.assert_allclose(out, cov.cov_direct_numpy(prob.phi, pi, s, 0.05), rtol=1e-10)
    cov._cov_mgr(prob.phi, s, a, 0.05, 0.5, out)
    np.testing.assert_allclose(out, cov.cov_mgr_numpy(prob.phi, s, a, 0.05, 0.5), rtol=1e-9, atol=1e-12)


def test_cholesky_inverse_matches_numpy():
    rng = np.random.default_rng(9)
    X = rng.normal(size=(30, 12))
    Sig = X.T @ X / 30
    out = np.empty((12, 12))
    cov._inv_regularised(Sig, 1e-3, out)
    np.testing.assert_allclose(out, np.linalg.inv(Sig + 1e-3 * np.eye(12)), rtol=1e-8)
