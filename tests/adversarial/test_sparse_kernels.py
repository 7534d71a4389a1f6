"""Sparse-feature kernels of the episode loop against the dense numpy references."""
import numpy as np
import pytest

from theorylab.algorithms.adversarial_linear import LBPOConfig, MRPOConfig
from theorylab.algorithms.adversarial_linear._base import draw_uniforms
from theorylab.algorithms.adversarial_linear._loop import episode_loop, episode_loop_numpy
from theorylab.kernels.adversarial_linear_cov import cov_exact_numpy, dilated_bonus_numpy, occupancy_numpy
from theorylab.kernels.adversarial_linear_sparse import _cov_exact_nz, _dilated_bonus_nz, feature_support
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


@pytest.mark.parametrize("kind", ["tab", "lin"])
def test_sparse_cov_and_bonus_match_numpy(kind):
    rng = np.random.default_rng(1)
    P, phi = _instance(kind, rng)
    H, S, A, d = phi.shape
    pi = rng.dirichlet(np.ones(A), size=(H, S))
    q = occupancy_numpy(P, pi)
    idx, val, diagonal = feature_support(phi)
    Sinv = np.zeros((H, d, d))
    _cov_exact_nz(idx, val, q, 0.01, diagonal, np.zeros((d, d)), Sinv)
    ref = cov_exact_numpy(phi, q, 0.01)
    np.testing.assert_allclose(Sinv, ref, rtol=1e-10, atol=1e-10)
    b, B = np.zeros((H, S, A)), np.zeros((H, S, A))
    _dilated_bonus_nz(P, idx, val, pi, Sinv, 0.3, b, B, np.zeros(S), np.zeros(A))
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
