"""Shared actor-critic kernels against their plain-numpy references, plus invariants."""
import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from theorylab.kernels import actor_critic_core as kc
from theorylab.planning.dp import backward_induction, policy_evaluation
from theorylab.problems import random_tabular


def _instance(seed, S=4, A=3, H=5):
    g = np.random.default_rng(seed)
    mdp = random_tabular(g, S, A, H)
    P = np.ascontiguousarray(mdp.P4)
    r = np.ascontiguousarray(mdp.r3)
    pi = g.dirichlet(np.ones(A), size=(H, S))
    Q = g.uniform(0, 1, (H, S, A)) * (H - np.arange(H))[:, None, None]
    return mdp, P, r, pi, Q, g


@pytest.mark.parametrize("seed", range(5))
def test_softmax_greedy_match_numpy(seed):
    g = np.random.default_rng(seed)
    logits = g.normal(0, 300, (3, 4, 5))
    logits[0, 0, :2] = 5.0  # a tie for the greedy rule
    pi = np.zeros_like(logits)
    kc.softmax_rows(logits, pi)
    np.testing.assert_allclose(pi, kc.softmax_rows_numpy(logits), rtol=1e-12, atol=1e-300)
    np.testing.assert_allclose(pi.sum(-1), 1.0, atol=1e-12)
    gr = np.zeros_like(logits)
    kc.greedy_rows(logits, gr)
    np.testing.assert_array_equal(gr, kc.greedy_rows_numpy(logits))
    assert gr[0, 0, 0] == 1.0 or logits[0, 0].max() > 5.0


@given(st.lists(st.floats(0.0, 1.0), min_size=1, max_size=8), st.floats(0.0, 0.999999))
@settings(max_examples=200, deadline=None)
def test_sample_index_matches_numpy_and_has_mass(w, u):
    p = np.asarray(w) + 1e-3
    p = p / p.sum()
    i = kc.sample_index(p, u)
    assert i == kc.sample_index_numpy(p, u)
    assert p[i] > 0


def test_sample_index_never_picks_zero_mass():
    p = np.array([0.5, 0.5, 0.0])
    assert kc.sample_index(p, 0.9999999999999999) == 1
    assert kc.sample_index_numpy(p, 1.0) == 1


@pytest.mark.parametrize("seed", range(6))
def test_evaluate_decompose_matches_numpy_and_identity(seed):
    mdp, P, r, pi, Q, _ = _instance(seed)
    vstar0 = backward_induction(mdp).V[0]
    out = np.zeros(4)
    kc.evaluate_decompose(P, r, mdp.mu0, vstar0, pi, Q, out)
    ref = kc.evaluate_decompose_numpy(P, r, mdp.mu0, vstar0, pi, Q)
    np.testing.assert_allclose(out, ref, rtol=1e-12, atol=1e-12)
    assert out[0] == pytest.approx(policy_evaluation(mdp, pi).value, abs=1e-12)
    assert out[1] + out[2] + out[3] == pytest.approx(mdp.mu0 @ vstar0 - out[0], abs=1e-9)
    assert out[2] >= -1e-12


@pytest.mark.parametrize("seed", range(4))
def test_rollout_matches_numpy(seed):
    mdp, P, r, pi, Q, g = _instance(seed)
    u0, ua, us = g.random(), g.random(mdp.H), g.random(mdp.H)
    s_out, a_out = np.zeros(mdp.H + 1, np.int64), np.zeros(mdp.H, np.int64)
    ret = kc.rollout(P, r, mdp.mu0, pi, u0, ua, us, s_out, a_out)
    s_ref, a_ref, ret_ref = kc.rollout_numpy(P, r, mdp.mu0, pi, u0, ua, us)
    np.testing.assert_array_equal(s_out, s_ref)
    np.testing.assert_array_equal(a_out, a_ref)
    assert ret == pytest.approx(ret_ref, abs=1e-12)


@pytest.mark.parametrize("eta,skip", [(0.3, False), (0.3, True), (math.inf, False), (math.inf, True)])
def test_actor_step_matches_numpy(eta, skip):
    _, _, _, _, Q, g = _instance(11)
    logits = g.normal(size=Q.shape)
    lk, pi = logits.copy(), np.zeros_like(Q)
    kc.actor_step(Q, lk, pi, eta, skip)
    lr, pr = kc.actor_step_numpy(Q, logits.copy(), eta, skip)
    np.testing.assert_allclose(lk, lr, atol=1e-12)
    np.testing.assert_allclose(pi, pr, atol=1e-12)
