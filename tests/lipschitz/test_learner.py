"""The Lipschitz learner and the linear baseline: exactness, certificates, errors on bad input."""
import numpy as np
import pytest
from scipy.optimize import minimize

from theorylab.algorithms.lipschitz import (LinearPolicyConfig, LipschitzConfig, fit_linear, fit_lipschitz,
                                            knn_pairs)
from theorylab.kernels.lipschitz_extension import lipschitz_constant_numpy
from theorylab.planning.lqr import dlqr
from theorylab.problems.control import make_system


def _data(N, seed=0, name="E1"):
    s = make_system(name)
    ex = dlqr(s.A, s.B, s.Q, s.R)
    X = np.random.default_rng(seed).uniform(-1, 1, size=(N, 2))
    return X, -X @ ex.K.T, ex


@pytest.mark.parametrize("N,factor", [(60, 0.3), (120, 0.5), (200, 0.8)])
def test_constraint_generation_matches_all_pairs(N, factor):
    X, U, ex = _data(N, seed=N)
    alpha = factor * ex.L_star
    cg = fit_lipschitz(X, U, LipschitzConfig(alpha))
    ap = fit_lipschitz(X, U, LipschitzConfig(alpha, solver="all_pairs"))
    assert np.abs(cg.v - ap.v).max() <= 1e-5
    assert cg.objective == pytest.approx(ap.objective, rel=1e-6)
    for p in (cg, ap):
        assert p.lipschitz <= alpha * (1 + 1e-6)
        assert lipschitz_constant_numpy(p.X, p.v) <= alpha * (1 + 1e-6)
    assert cg.rounds >= 1 and cg.n_constraints < N * (N - 1) // 2


def test_small_instance_against_scipy_slsqp():
    """Independent check: the same QP solved by SLSQP with explicit pairwise constraints."""
    X, U, ex = _data(12, seed=5)
    alpha = 4.0
    I, J = np.triu_indices(12, 1)
    d = np.linalg.norm(X[I] - X[J], axis=1)
    cons = [{"type": "ineq", "fun": lambda v: alpha * d - (v[I] - v[J])},
            {"type": "ineq", "fun": lambda v: alpha * d + (v[I] - v[J])}]
    ref = minimize(lambda v: np.sum((v - U[:, 0]) ** 2) / 12, np.zeros(12), constraints=cons, method="SLSQP",
                   options={"ftol": 1e-14, "maxiter": 1000})
    p = fit_lipschitz(X, U, LipschitzConfig(alpha))
    np.testing.assert_allclose(p.v[:, 0], ref.x, atol=1e-5)


def test_alpha_above_data_constant_gives_exact_labels():
    X, U, ex = _data(100)
    p = fit_lipschitz(X, U, LipschitzConfig(1.01 * ex.L_star))
    np.testing.assert_array_equal(p.v, U)
    assert p.objective == 0.0 and p.rounds == 0
    np.testing.assert_allclose(p(X), U, atol=1e-12)


def test_absolute_loss_vector_inputs_and_anchor():
    X, U, ex = _data(60, seed=3)
    p = fit_lipschitz(X, U, LipschitzConfig(3.0, loss="absolute"))
    assert p.lipschitz <= 3.0 * (1 + 1e-6) and p.objective > 0
    U2 = np.hstack([U, 0.5 * U])
    q = fit_lipschitz(X, U2, LipschitzConfig(3.0))
    assert q.v.shape == (60, 2) and q.lipschitz <= 3.0 * (1 + 1e-6)
    Xa = np.vstack([np.zeros((1, 2)), X])
    Ua = np.vstack([np.zeros((1, 1)), U + 1.0])        # shifted labels: unanchored fit moves v_0 off 0
    free = fit_lipschitz(Xa, Ua, LipschitzConfig(2.0))
    anch = fit_lipschitz(Xa, Ua, LipschitzConfig(2.0, anchor_origin=True))
    assert abs(free.v[0, 0]) > 1e-3 and abs(anch(np.zeros((1, 2)))[0, 0]) <= 1e-7


def test_objective_nonincreasing_in_alpha():
    X, U, ex = _data(80, seed=9)
    vals = [fit_lipschitz(X, U, LipschitzConfig(a)).objective for a in (1.0, 3.0, 6.0, 12.0)]
    assert np.all(np.diff(vals) <= 1e-7)


def test_knn_pairs_symmetric_and_ordered():
    X = np.random.default_rng(0).normal(size=(30, 2))
    I, J = knn_pairs(X, 4)
    assert np.all(I < J) and len(set(zip(I, J))) == I.size and I.size >= 30 * 4 // 2


@pytest.mark.parametrize("kw,match", [
    (dict(alpha=0.0), "alpha must be"), (dict(alpha=-1.0), "alpha must be"), (dict(alpha=np.nan), "alpha must be"),
    (dict(alpha=1.0, solver="admm"), "solver must be"), (dict(alpha=1.0, loss="hinge"), "loss must be"),
    (dict(alpha=1.0, knn=0), "knn must be"), (dict(alpha=1.0, tol=0.1), "tol must lie"),
    (dict(alpha=1.0, cvx_tol=1.0), "cvx_tol"),
])
def test_config_validation(kw, match):
    with pytest.raises(ValueError, match=match):
        LipschitzConfig(**kw)
    if "alpha" in kw and len(kw) == 1:
        with pytest.raises(ValueError, match=match):
            LinearPolicyConfig(**kw)


@pytest.mark.parametrize("X,U,match", [
    (np.array([[0.0, 0.0], [0.0, 0.0], [1.0, 1.0]]), np.array([1.0, 2.0, 0.0]), "conflicting inputs"),
    (np.array([[0.0, np.nan], [1.0, 1.0]]), np.array([1.0, 2.0]), "X contains NaN"),
    (np.array([[0.0, 0.0], [1.0, 1.0]]), np.array([1.0, np.inf]), "U contains NaN"),
    (np.zeros((3, 2)) + np.arange(3)[:, None], np.zeros(4), "same number of rows"),
    (np.zeros(3), np.zeros(3), "X must be"),
    (np.zeros((1, 2)), np.zeros(1), "at least 2"),
])
def test_bad_data_is_rejected(X, U, match):
    with pytest.raises(ValueError, match=match):
        fit_lipschitz(X, U, LipschitzConfig(1.0))


def test_identical_duplicates_are_allowed():
    X = np.array([[0.0, 0.0], [0.0, 0.0], [1.0, 0.0]])
    p = fit_lipschitz(X, np.array([1.0, 1.0, 0.0]), LipschitzConfig(0.5))
    assert p.v[0, 0] == pytest.approx(p.v[1, 0], abs=1e-7)


def test_query_shape_error():
    X, U, _ = _data(20)
    with pytest.raises(ValueError, match="columns"):
        fit_lipschitz(X, U, LipschitzConfig(30.0))(np.zeros((2, 3)))


def test_linear_policy_recovers_lqr_and_respects_alpha():
    X, U, ex = _data(100, name="E2")
    big = fit_linear(X, U, LinearPolicyConfig(2 * ex.L_star))
    np.testing.assert_allclose(big.G, -ex.K, atol=1e-6)
    small = fit_linear(X, U, LinearPolicyConfig(0.5 * ex.L_star))
    assert small.lipschitz == pytest.approx(0.5 * ex.L_star, rel=1e-6) and small.lipschitz <= 0.5 * ex.L_star
    np.testing.assert_allclose(small(X), X @ small.G.T)


@pytest.mark.parametrize("prune", [None, 0.05, 0.25])
def test_pruning_does_not_change_the_optimum(prune):
    X, U, ex = _data(120, seed=11)
    alpha = 0.4 * ex.L_star
    ref = fit_lipschitz(X, U, LipschitzConfig(alpha, solver="all_pairs"))
    p = fit_lipschitz(X, U, LipschitzConfig(alpha, prune=prune))
    assert np.abs(p.v - ref.v).max() <= 1e-5 and p.lipschitz <= alpha * (1 + 1e-6)


def test_prune_validation():
    with pytest.raises(ValueError, match="prune"):
        LipschitzConfig(1.0, prune=0.0)
