"""Numba kernels vs their numpy references, and the extension's defining properties."""
import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from theorylab.kernels.lipschitz_extension import (lipschitz_constant, lipschitz_constant_numpy,
                                                   mcshane_extension, mcshane_extension_numpy, worst_violations,
                                                   worst_violations_numpy)
from theorylab.kernels.lipschitz_rollout import rollout, rollout_numpy
from theorylab.planning.lqr import dlqr
from theorylab.problems.control import Attack, make_system


@pytest.mark.parametrize("n,m", [(1, 1), (2, 1), (3, 2)])
def test_extension_kernel_matches_numpy(n, m):
    rng = np.random.default_rng(n + 10 * m)
    X, v, Xq = rng.normal(size=(40, n)), rng.normal(size=(40, m)), rng.normal(size=(25, n))
    np.testing.assert_allclose(mcshane_extension(X, v, 1.3, Xq), mcshane_extension_numpy(X, v, 1.3, Xq),
                               rtol=0, atol=1e-13)


@pytest.mark.parametrize("n,m", [(2, 1), (3, 2)])
def test_lipschitz_constant_kernel_matches_numpy(n, m):
    rng = np.random.default_rng(7)
    X, v = rng.normal(size=(60, n)), rng.normal(size=(60, m))
    assert lipschitz_constant(X, v) == pytest.approx(lipschitz_constant_numpy(X, v), rel=1e-14)


def test_worst_violations_kernel_matches_numpy():
    rng = np.random.default_rng(2)
    X, v = rng.uniform(-1, 1, size=(80, 2)), rng.normal(size=(80, 1))
    J, V = worst_violations(X, v, 0.5, 0.0, 4)
    Jr, Vr = worst_violations_numpy(X, v, 0.5, 0.0, 4)
    np.testing.assert_array_equal(J, Jr)
    np.testing.assert_allclose(V, Vr, rtol=1e-13)
    assert (J >= 0).sum() > 0 and np.all(V[J >= 0] > 0)


@settings(max_examples=25, deadline=None)
@given(seed=st.integers(0, 10_000), alpha=st.floats(0.1, 10.0), n=st.integers(1, 4))
def test_extension_interpolates_feasible_data_and_is_alpha_lipschitz(seed, alpha, n):
    rng = np.random.default_rng(seed)
    X = rng.uniform(-1, 1, size=(30, n))
    raw = rng.normal(size=(30, 1))
    v = mcshane_extension(X, raw, alpha, X)             # values of an alpha-Lipschitz function: feasible
    np.testing.assert_allclose(mcshane_extension(X, v, alpha, X), v, atol=1e-9)
    A, B = rng.uniform(-2, 2, size=(200, n)), rng.uniform(-2, 2, size=(200, n))
    ha, hb = mcshane_extension(X, v, alpha, A), mcshane_extension(X, v, alpha, B)
    ratio = np.abs(ha - hb)[:, 0] / np.linalg.norm(A - B, axis=1)
    assert ratio.max() <= alpha * (1 + 1e-9)


def _rollout_args(mode, kind, seed=0):
    s = make_system("E2")
    ex = dlqr(s.A, s.B, s.Q, s.R)
    rng = np.random.default_rng(seed)
    Xd = rng.uniform(-1, 1, size=(30, 2))
    v = -Xd @ ex.K.T
    att = Attack(["none", "random", "greedy", "input"][mode], 0.1, 6)
    dirs = att.directions(rng, 20, 2)
    G = -ex.K * 0.9
    return (s.A, s.B, ex.P, ex.K, rng.uniform(-0.5, 0.5, size=(3, 2)), 20, kind, G, Xd, v, 6.0, att.mode, dirs, 1e3)


@pytest.mark.parametrize("mode", [0, 1, 2, 3])
@pytest.mark.parametrize("kind", [0, 1])
def test_rollout_kernel_matches_numpy(mode, kind):
    a = _rollout_args(mode, kind)
    X, U = rollout(*a)
    Xr, Ur = rollout_numpy(*a)
    np.testing.assert_allclose(X, Xr, rtol=1e-12, atol=1e-12)
    np.testing.assert_allclose(U, Ur, rtol=1e-12, atol=1e-12)


def test_rollout_divergence_is_inf_not_nan():
    s = make_system("E1")
    ex = dlqr(s.A, s.B, s.Q, s.R)
    z = np.zeros((1, 2))
    X, U = rollout(s.A, s.B, ex.P, ex.K, np.array([[0.3, 0.0]]), 400, 1, np.zeros((1, 2)), z, np.zeros((1, 1)),
                   1.0, 0, np.zeros((400, 1, 2)), 1e3)
    assert not np.isnan(X).any() and np.isinf(X[0, -1]).all()
    last = np.flatnonzero(np.isfinite(X[0, :, 0]))[-1]
    assert np.linalg.norm(X[0, last]) > 1e3 >= np.linalg.norm(X[0, last - 1])
