"""Part 2 solvers: the direct CLARABEL pair QP and the primal-dual flow, against exact references."""
import numpy as np
import pytest

from theorylab.algorithms.lipschitz import LipschitzConfig, fit_lipschitz, knn_pairs
from theorylab.algorithms.lipschitz.learner import _solve_cvxpy
from theorylab.algorithms.lipschitz.primal_dual import PrimalDualConfig, fit_primal_dual
from theorylab.algorithms.lipschitz.qp import solve_pairs_qp
from theorylab.kernels.lipschitz_primal_dual import primal_dual_rhs, primal_dual_rhs_numpy
from theorylab.planning.lqr import dlqr
from theorylab.problems.control import make_system


def _data(N, seed=0):
    s = make_system("E1")
    ex = dlqr(s.A, s.B, s.Q, s.R)
    X = np.random.default_rng(seed).uniform(-1, 1, size=(N, 2))
    return X, -X @ ex.K.T, ex


@pytest.mark.parametrize("N,m,anchor", [(50, 1, False), (120, 1, True), (90, 2, True)])
def test_direct_qp_matches_cvxpy_on_the_same_pairs(N, m, anchor):
    X, U, ex = _data(N, seed=N)
    if anchor:
        X[0] = 0.0
        U = -X @ ex.K.T
    U = np.hstack([U, 0.3 * U + 0.1 * X[:, :1]])[:, :m]
    alpha = 0.4 * ex.L_star
    I, J = knn_pairs(X, 6)
    cfg = LipschitzConfig(alpha, anchor_origin=anchor)
    v_ref, obj_ref = _solve_cvxpy(X, U, I, J, cfg)
    zero = np.flatnonzero(np.all(X == 0.0, axis=1)) if anchor else None
    v, obj = solve_pairs_qp(X, U, I, J, alpha, cfg.cvx_tol, zero)
    # both solve the same strongly convex QP (unique minimiser) to gap/feasibility 1e-10
    assert np.abs(v - v_ref).max() <= 1e-6
    assert obj == pytest.approx(obj_ref, rel=1e-7)
    viol = np.abs(v[I] - v[J]).max(1) - alpha * np.linalg.norm(X[I] - X[J], axis=1)
    assert viol.max() <= 1e-8 * (1 + alpha)
    if anchor:
        np.testing.assert_allclose(v[0], U[0], atol=1e-8)


@pytest.mark.parametrize("N,factor", [(150, 0.3), (300, 0.5)])
def test_direct_and_cvxpy_constraint_generation_agree_with_all_pairs(N, factor):
    X, U, ex = _data(N, seed=7 * N)
    alpha = factor * ex.L_star
    direct = fit_lipschitz(X, U, LipschitzConfig(alpha))
    via_cvxpy = fit_lipschitz(X, U, LipschitzConfig(alpha, direct=False))
    ap = fit_lipschitz(X, U, LipschitzConfig(alpha, solver="all_pairs"))
    for p in (direct, via_cvxpy):
        assert np.abs(p.v - ap.v).max() <= 1e-5
        assert p.objective == pytest.approx(ap.objective, rel=1e-6)
        assert p.lipschitz <= alpha * (1 + 1e-6)


def test_primal_dual_rhs_kernel_matches_numpy():
    rng = np.random.default_rng(3)
    N = 30
    I, J = np.triu_indices(N, 1)
    I, J = I.astype(np.int64), J.astype(np.int64)
    v, u = rng.normal(size=N), rng.normal(size=N)
    lam = np.where(rng.random(I.size) < 0.3, 0.0, rng.random(I.size))
    c = rng.random(I.size)
    dv, dl = primal_dual_rhs(v, lam, u, I, J, c, 1e-10)
    dv_ref, dl_ref = primal_dual_rhs_numpy(v, lam, u, I, J, c, 1e-10)
    np.testing.assert_allclose(dv, dv_ref, rtol=1e-12, atol=1e-14)
    np.testing.assert_array_equal(dl, dl_ref)
    assert np.any((lam == 0) & (dl == 0)) and np.any(dl < 0)       # both projection branches exercised


@pytest.mark.parametrize("N,seed,factor", [(40, 1, 0.5), (50, 2, 0.3)])
def test_primal_dual_matches_exact_learner(N, seed, factor):
    """Spec §6 L9: the flow's limit equals the exact optimum to 1e-3 relative; KKT structure."""
    X, U, ex = _data(N, seed)
    alpha = factor * ex.L_star
    ref = fit_lipschitz(X, U, LipschitzConfig(alpha, solver="all_pairs"))
    r = fit_primal_dual(X, U, PrimalDualConfig(alpha, rtol=1e-6, atol=1e-8))
    assert np.abs(r.policy.v - ref.v).max() <= 1e-3 * np.abs(ref.v).max()
    lam = r.lam[:, 0]
    c = alpha * np.linalg.norm(X[r.I] - X[r.J], axis=1)
    slack = c - np.abs(ref.v[r.I, 0] - ref.v[r.J, 0])
    assert lam.max() > 0
    # multipliers >= 0 up to the integrator's overshoot of the (discontinuous) projection
    assert lam.min() >= -1e-2 * lam.max()
    # complementary slackness: clearly inactive pairs of the exact optimum carry no multiplier
    assert np.all(lam[slack > 1e-3 * c] <= 1e-6 * lam.max())
    assert r.policy.lipschitz <= alpha * (1 + 1e-3)


def test_primal_dual_knn_graph_is_a_relaxation():
    X, U, ex = _data(50, seed=4)
    alpha = 0.4 * ex.L_star
    exact = fit_lipschitz(X, U, LipschitzConfig(alpha, solver="all_pairs"))
    knn = fit_primal_dual(X, U, PrimalDualConfig(alpha, graph="knn", rtol=1e-6, atol=1e-8))
    assert knn.policy.objective <= exact.objective * (1 + 1e-3)
    assert knn.n_evaluations > 0 and knn.I.size < 50 * 49 // 2


@pytest.mark.parametrize("kw,match", [
    (dict(alpha=0.0), "alpha"), (dict(alpha=1.0, graph="delaunay"), "graph"),
    (dict(alpha=1.0, method="LSODA"), "method"), (dict(alpha=1.0, knn=0), "knn"),
    (dict(alpha=1.0, horizon=-1.0), "horizon"), (dict(alpha=1.0, rtol=1.0), "rtol"),
    (dict(alpha=1.0, atol=0.0), "atol"), (dict(alpha=1.0, floor=-1.0), "floor")])
def test_primal_dual_config_validation(kw, match):
    with pytest.raises(ValueError, match=match):
        PrimalDualConfig(**kw)


def test_direct_flag_validation():
    with pytest.raises(ValueError, match="direct"):
        LipschitzConfig(1.0, direct="yes")
