"""The batched robust TV backup and log-barrier step equal the per-instance kernels, on numpy
and array-api-strict (the same exactness tests the per-instance kernels pass)."""
import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from theorylab.backend import (batched_log_barrier, batched_robust_backward_induction, batched_tv_sigma,
                               get_backend, to_numpy)
from theorylab.kernels.adversarial_linear_ftrl import log_barrier, log_barrier_numpy
from theorylab.kernels.robust_tv import tv_sigma_sort, tv_sigma_sort_numpy
from theorylab.planning.robust import robust_optimal, robust_optimal_numpy
from theorylab.problems.robust import random_drmdp

NAMESPACES = ["numpy"]
try:
    import array_api_strict  # noqa: F401
    NAMESPACES.append("array_api_strict")
except ImportError:
    pass


@pytest.mark.parametrize("name", NAMESPACES)
@pytest.mark.parametrize("seed", range(4))
def test_batched_tv_sigma_equals_the_sort_kernel_and_its_numpy_reference(name, seed):
    xp = get_backend(name)
    rng = np.random.default_rng(seed)
    B, n, S = 6, 4, int(rng.integers(2, 12))
    mu = rng.dirichlet(np.full(S, 0.4), size=(B, n))
    V = rng.normal(size=(B, S)) * 10 ** rng.uniform(-1, 2)
    V[0, :2] = V[0, 2 % S]  # ties among the kinks
    rho = rng.uniform(0, 1, size=(B, n))
    rho[1, 0], rho[2, 0] = 0.0, 1.0  # nominal and the whole ball
    got = to_numpy(batched_tv_sigma(xp.asarray(mu), xp.asarray(V), xp.asarray(rho), xp=xp))
    for b in range(B):
        order = np.argsort(V[b])
        for i in range(n):
            ref = tv_sigma_sort(mu[b, i], V[b], rho[b, i], order)
            scale = max(1.0, np.abs(V[b]).max())
            assert abs(got[b, i] - ref) <= 1e-12 * scale
            assert abs(got[b, i] - tv_sigma_sort_numpy(mu[b, i], V[b], rho[b, i])) <= 1e-12 * scale
    assert np.allclose(got[1, 0], (mu[1, 0] * V[1]).sum(), rtol=1e-12) and np.allclose(got[2, 0], V[2].min())


@pytest.mark.parametrize("name", NAMESPACES)
def test_batched_robust_backward_induction_equals_robust_optimal(name):
    xp = get_backend(name)
    rng = np.random.default_rng(5)
    mdps = [random_drmdp(rng, 9, 3, 4, 5, float(rng.uniform(0, 0.8))) for _ in range(6)]
    arrays = [np.stack([getattr(m, k) for m in mdps]) for k in ("phi", "mu", "theta")]
    rho = np.stack([np.broadcast_to(m.rho, (m.H, m.d)) for m in mdps])
    Q, V, pi = (to_numpy(x) for x in batched_robust_backward_induction(*(xp.asarray(a) for a in arrays),
                                                                         xp.asarray(rho), xp=xp))
    for b, m in enumerate(mdps):
        ref, ref_np = robust_optimal(m, 0.0), robust_optimal_numpy(m, 0.0)
        np.testing.assert_allclose(Q[b], ref.Q, rtol=1e-12, atol=1e-12)
        np.testing.assert_allclose(V[b], ref.V, rtol=1e-12, atol=1e-12)
        np.testing.assert_allclose(V[b], ref_np.V, rtol=1e-12, atol=1e-12)
        np.testing.assert_array_equal(pi[b], ref.pi.argmax(-1))


@pytest.mark.parametrize("name", NAMESPACES)
@pytest.mark.parametrize("seed", range(4))
def test_batched_log_barrier_equals_the_numba_kernel(name, seed):
    xp = get_backend(name)
    rng = np.random.default_rng(seed)
    B, S, A = 5, 3, int(rng.integers(2, 20))
    C = rng.normal(size=(B, S, A)) * 10 ** rng.uniform(-2, 3, size=(B, 1, 1))
    eta = 10 ** rng.uniform(-2, 0, size=B)
    got = to_numpy(batched_log_barrier(xp.asarray(C), xp.asarray(eta), xp=xp))
    for b in range(B):
        for s in range(S):
            p, it = log_barrier(C[b, s], eta[b])
            assert it > 0
            np.testing.assert_allclose(got[b, s], p, rtol=1e-12, atol=1e-15)
        np.testing.assert_allclose(got[b], log_barrier_numpy(C[b], eta[b]), rtol=1e-12, atol=1e-15)
    same = to_numpy(batched_log_barrier(xp.asarray(C[:1]), float(eta[0]), xp=xp))
    np.testing.assert_array_equal(same, got[:1])  # a scalar eta and a per-row eta agree


@settings(max_examples=40, deadline=None)
@given(st.lists(st.floats(-1e6, 1e6), min_size=2, max_size=30), st.floats(1e-4, 10.0))
def test_batched_log_barrier_kkt(C, eta):
    """On the simplex and 1/(eta p_a) - C_a constant (the KKT multiplier), as for the kernel."""
    C = np.array([C, C[::-1]])
    p = batched_log_barrier(C, eta)
    assert np.all(p > 0) and np.abs(p.sum(-1) - 1).max() < 1e-12
    c = eta * (C - C.min(-1, keepdims=True))
    lam = 1.0 / p - c
    assert np.ptp(lam, axis=-1).max() <= 1e-10 * max(1.0, c.max())


def test_bad_shapes_and_rates_are_refused():
    with pytest.raises(ValueError, match="mu must be"):
        batched_tv_sigma(np.ones((2, 3)), np.ones((2, 3)), np.ones((2, 1)))
    with pytest.raises(ValueError, match="disagree"):
        batched_tv_sigma(np.ones((2, 1, 3)), np.ones((2, 4)), np.ones((2, 1)))
    with pytest.raises(ValueError, match="eta"):
        batched_log_barrier(np.ones((2, 3)), 0.0)
    with pytest.raises(ValueError, match="eta"):
        batched_log_barrier(np.ones((2, 3)), np.ones(3))
    with pytest.raises(ValueError, match="phi must be"):
        batched_robust_backward_induction(np.ones((1, 2, 2)), np.ones((1, 1, 2, 2)), np.ones((1, 1, 2)),
                                          np.ones((1, 1, 2)))
