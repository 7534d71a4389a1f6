"""Sparse-feature kernels of the episode loop against the dense numpy references."""
import numpy as np
import pytest

from theorylab.algorithms.adversarial_linear import LBPOConfig, MRPOConfig
from theorylab.algorithms.adversarial_linear._base import draw_uniforms
from theorylab.algorithms.adversarial_linear._loop import episode_loop, episode_loop_numpy
from theorylab.kernels.adversarial_linear_cov import cov_exact_numpy, dilated_bonus_numpy, occupancy_numpy
from theorylab.kernels.adversarial_linear_sparse import (_cov_exact_nz, _dilated_bonus_nz, _phi_dot, feature_support,
                                                         feature_tables, feature_tables_numpy)
from theorylab.problems.adversarial import AdversarialMDP, linear_instance, make_losses, tabular_instance
from theorylab.rng import cell_streams


def _instance(kind, rng):
    return tabular_instance(rng, 3, 3, 4) if kind == "tab" else linear_instance(rng, 3, 3, 5, 4)


@pytest.mark.parametrize("kind", ["tab", "lin"])
def test_feature_support_reconstructs_phi(kind):
    _, phi = _instance(kind, np.random.default_rng(0))
    idx, val, diagonal = feature_support(phi)
    rebuilt = np.zeros_like(phi)
    H, S, A, m = idx.shape
    for h, s, a, k in np.ndindex(H, S, A, m):
        if idx[h, s, a, k] >= 0:
            rebuilt[h, s, a, idx[h, s, a, k]] += val[h, s, a, k]
    np.testing.assert_array_equal(rebuilt, phi)
    assert diagonal == (kind == "tab")


def _ragged(rng, full=True):
    """I-LIN features with random zeros.  full: one action keeps all d entries (m = d, dense
    pair tables with zero products); otherwise every phi misses coordinate (s + a) % d, so
    1 < m < d (sparse pair tables read through pk, padded slots)."""
    P, phi = linear_instance(rng, 3, 3, 5, 4)
    phi = phi * (rng.uniform(size=phi.shape) < 0.6)
    phi[..., 1, :] = 0.0
    phi[..., 1, 2] = 1.0
    if full:
        phi[..., 0, :] = 0.25
    else:
        phi[..., 0, :3] = 1.0 / 3.0
        for s, a in np.ndindex(3, 5):
            phi[:, s, a, (s + a) % 4] = 0.0
    return P, phi


def _features(kind, rng):
    return _ragged(rng, kind == "ragged") if kind.startswith("ragged") else _instance(kind, rng)


@pytest.mark.parametrize("kind", ["tab", "lin", "ragged", "ragged-sparse"])
def test_feature_tables_match_numpy_and_rebuild_outer_products(kind):
    rng = np.random.default_rng(3)
    phi = _features(kind, rng)[1]
    H, S, A, d = phi.shape
    idx, val, diagonal = feature_support(phi)
    got = feature_tables(phi)
    for g, r in zip(got, feature_tables_numpy(phi)):
        np.testing.assert_array_equal(g, r)
    fi, fv, pk, pc, pq, diag, dense = got
    m = idx.shape[-1]
    assert dense == (kind in ("lin", "ragged")) and diag == diagonal == (kind == "tab")
    assert pk.shape == (H, m * (m + 1) // 2, S * A) and fi.shape == (H, m, S * A)
    rebuilt = np.zeros((H, S * A, d))
    for h, k, j in np.ndindex(fi.shape):
        rebuilt[h, j, fi[h, k, j]] += fv[h, k, j]
    np.testing.assert_array_equal(rebuilt.reshape(phi.shape), phi)
    x, out = np.random.default_rng(0).normal(size=d), np.zeros(S * A)
    for h in range(H):
        _phi_dot(fi, fv, dense, h, x, out)
        np.testing.assert_allclose(out, phi[h].reshape(S * A, d) @ x, rtol=1e-13, atol=1e-15)
    outer = np.zeros((H, S * A, d * d))
    for h, p, j in np.ndindex(pk.shape):
        outer[h, j, pk[h, p, j]] += pc[h, p, j]
    outer = outer.reshape(H, S, A, d * d)
    np.testing.assert_allclose(outer.reshape(H, S, A, d, d), np.triu(np.einsum("hsai,hsaj->hsaij", phi, phi)),
                               rtol=1e-15, atol=0)
    np.testing.assert_array_equal(pq, pc * np.where(pk // d == pk % d, 1.0, 2.0))
    assert fi.min() >= 0 and fi.max() < d


@pytest.mark.parametrize("kind", ["tab", "lin", "ragged", "ragged-sparse"])
def test_sparse_cov_and_bonus_match_numpy(kind):
    rng = np.random.default_rng(1)
    P, phi = _features(kind, rng)
    H, S, A, d = phi.shape
    pi = rng.dirichlet(np.ones(A), size=(H, S))
    q = occupancy_numpy(P, pi)
    fi, fv, pk, pc, pq, diagonal, dense = feature_tables(phi)
    Sinv = np.zeros((H, d, d))
    _cov_exact_nz(pk, pc, dense, q, 0.01, diagonal, np.zeros((d, d)), Sinv, np.zeros((d, d)), np.zeros((d, d)))
    ref = cov_exact_numpy(phi, q, 0.01)
    np.testing.assert_allclose(Sinv, ref, rtol=1e-10, atol=1e-10)
    b, B = np.zeros((H, S, A)), np.zeros((H, S, A))
    _dilated_bonus_nz(P, pk, pq, dense, pi, Sinv, 0.3, b, B, np.zeros(S))
    rb, rB = dilated_bonus_numpy(P, phi, pi, ref, 0.3)
    np.testing.assert_allclose(b, rb, rtol=1e-10, atol=1e-12)
    np.testing.assert_allclose(B, rB, rtol=1e-10, atol=1e-12)


@pytest.mark.parametrize("cfg", [LBPOConfig(), MRPOConfig(mr_mode="clip_centered"), LBPOConfig(cov_mode="direct",
                                                                                               n_cov_samples=30)],
                         ids=lambda c: f"{c.name}-{c.cov_mode}")
def test_loop_matches_numpy_on_dense_features(cfg):
    """The non-diagonal (dense I-LIN) path of the loop against the numpy loop."""
    rng = np.random.default_rng(2)
    P, phi = linear_instance(rng, 2, 3, 5, 3)
    prob = AdversarialMDP(P, phi, make_losses(rng, phi, 25, "switch"))
    p = cfg.parameters(prob.K, prob.H, prob.d, prob.A)
    st = cell_streams(0, "t", 0, 0)
    u = draw_uniforms(prob, p, st.algorithm("x"), st.noise)
    for g, r in zip(episode_loop(prob.P, prob.phi, prob.G, *u, p), episode_loop_numpy(prob.P, prob.phi, prob.G, *u, p)):
        np.testing.assert_allclose(g, r, rtol=1e-9, atol=1e-9)


@pytest.mark.parametrize("kind", ["ragged", "ragged-sparse", "bench"])
def test_loop_matches_numpy_on_ragged_and_benchmark_features(kind):
    """Mixed support sizes (dense and sparse pair tables), and the I-LIN A = 64 benchmark size."""
    rng = np.random.default_rng(4)
    P, phi = linear_instance(rng, 2, 4, 64, 4) if kind == "bench" else _features(kind, rng)
    prob = AdversarialMDP(P, phi, make_losses(rng, phi, 12, "switch"))
    p = LBPOConfig(eta_scale=20.0).parameters(prob.K, prob.H, prob.d, prob.A)
    st = cell_streams(0, "t", 0, 0)
    u = draw_uniforms(prob, p, st.algorithm("x"), st.noise)
    for g, r in zip(episode_loop(prob.P, prob.phi, prob.G, *u, p), episode_loop_numpy(prob.P, prob.phi, prob.G, *u, p)):
        np.testing.assert_allclose(g, r, rtol=1e-9, atol=1e-9)
