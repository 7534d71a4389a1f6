"""The TV inner problem: kernels equal numpy references and an LP; the empirical dual is
exact where a local search is not."""
import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy.optimize import linprog

from theorylab.kernels.robust_tv import (empirical_dual, empirical_dual_numpy, tv_sigma_dual,
                                         tv_sigma_dual_numpy, tv_sigma_sort, tv_sigma_sort_numpy)


def lp_sigma(mu, V, rho):
    """min nu.V s.t. nu in simplex, 1/2 ||nu - mu||_1 <= rho (variables nu, t), HiGHS."""
    S = mu.size
    c = np.concatenate([V, np.zeros(S)])
    I = np.eye(S)
    A_ub = np.block([[I, -I], [-I, -I], [np.zeros((1, S)), 0.5 * np.ones((1, S))]])
    b_ub = np.concatenate([mu, -mu, [rho]])
    A_eq = np.concatenate([np.ones(S), np.zeros(S)])[None]
    res = linprog(c, A_ub, b_ub, A_eq, [1.0], bounds=[(0, None)] * (2 * S), method="highs")
    assert res.status == 0
    return res.fun


def _instance(rng):
    S = int(rng.integers(2, 30))
    mu = rng.dirichlet(np.full(S, 0.5))
    if rng.random() < 0.5:
        mu[rng.random(S) < 0.3] = 0.0
        mu = mu / mu.sum() if mu.sum() > 0 else np.full(S, 1 / S)
    V = rng.uniform(0, 5, S)
    if rng.random() < 0.3:
        V = np.round(V)  # ties
    return mu, V, float(rng.uniform(0, 1))


def test_sort_dual_reference_and_lp_agree():
    rng = np.random.default_rng(0)
    for _ in range(200):
        mu, V, rho = _instance(rng)
        order = np.argsort(V)
        exact = tv_sigma_sort(mu, V, rho, order)
        for val in (tv_sigma_dual(mu, V, rho, order), tv_sigma_sort_numpy(mu, V, rho),
                    tv_sigma_dual_numpy(mu, V, rho)):
            assert val == pytest.approx(exact, abs=1e-12)
        # HiGHS meets constraints to its primal feasibility tolerance 1e-7, so its optimum
        # can be off by about 1e-7 * sum|V|.
        assert exact == pytest.approx(lp_sigma(mu, V, rho), abs=1e-7 * np.abs(V).sum())


@settings(max_examples=60, deadline=None)
@given(st.integers(0, 2**32 - 1))
def test_sigma_properties(seed):
    """min V <= sigma <= E_mu V; sigma(rho=0) = E_mu V; sigma(1) = min V; monotone in rho;
    translation sigma(V + c) = sigma(V) + c."""
    mu, V, rho = _instance(np.random.default_rng(seed))
    o = np.argsort(V)
    s = tv_sigma_sort(mu, V, rho, o)
    assert V.min() - 1e-12 <= s <= mu @ V + 1e-12
    assert tv_sigma_sort(mu, V, 0.0, o) == pytest.approx(mu @ V, abs=1e-12)
    assert tv_sigma_sort(mu, V, 1.0, o) == pytest.approx(V.min(), abs=1e-12)
    assert tv_sigma_sort(mu, V, min(rho + 0.1, 1.0), o) <= s + 1e-12
    assert tv_sigma_sort(mu, V + 2.5, rho, o) == pytest.approx(s + 2.5, abs=1e-12)


def test_empirical_dual_kernel_reference_and_dense_grid():
    rng = np.random.default_rng(1)
    for _ in range(100):
        n = int(rng.integers(1, 40))
        c = rng.normal(0, 1, n)  # signs mixed: g is not concave
        y = rng.uniform(0, 3, n)
        rho, m = float(rng.uniform(0, 1)), 0.0
        val = empirical_dual(c, y, rho, m, np.argsort(y))
        assert val == pytest.approx(empirical_dual_numpy(c, y, rho, m), abs=1e-10)
        grid = np.linspace(m, y.max(), 20001)
        g = (c[None] * np.minimum(y[None], grid[:, None])).sum(1) - rho * (grid - m)
        step = grid[1] - grid[0]
        assert g.max() <= val + 1e-10
        assert val - g.max() <= (np.abs(c).sum() + rho) * step


def test_empirical_dual_equals_sigma_for_exact_weights():
    """With c = mu (a distribution) the empirical dual is the TV dual itself."""
    rng = np.random.default_rng(2)
    for _ in range(50):
        mu, V, rho = _instance(rng)
        o = np.argsort(V)
        assert empirical_dual(mu, V, rho, V.min(), o) == pytest.approx(tv_sigma_sort(mu, V, rho, o), abs=1e-10)
