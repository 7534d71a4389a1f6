"""The shared optimistic empirical backup (DOUHUA and NORA-Tab critics) against its references."""
import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from theorylab.kernels.actor_critic_core import optimistic_q_backup, optimistic_q_backup_numpy
from theorylab.planning.dp import backward_induction, policy_evaluation
from theorylab.problems import random_tabular


def _counts(g, H, S, A, p_unvisited):
    """Counts with some unvisited pairs, next-state counts summing to n, rewards in [0, n]."""
    n = g.integers(1, 30, (H, S, A)).astype(float) * (g.uniform(size=(H, S, A)) >= p_unvisited)
    nsas = np.zeros((H, S, A, S))
    for idx in np.ndindex(H, S, A):
        nsas[idx] = g.multinomial(int(n[idx]), g.dirichlet(np.ones(S)))
    return n, nsas, g.uniform(0, 1, (H, S, A)) * n


@given(seed=st.integers(0, 2**31 - 1), greedy=st.booleans(), optimistic=st.booleans(),
       bonus=st.floats(0.0, 5.0), unvisited=st.floats(0.0, 10.0))
@settings(max_examples=40, deadline=None)
def test_kernel_matches_numpy_and_stays_in_range(seed, greedy, optimistic, bonus, unvisited):
    g = np.random.default_rng(seed)
    H, S, A = 4, 3, 2
    n, nsas, R = _counts(g, H, S, A, p_unvisited=0.3)
    pi = g.dirichlet(np.ones(A), size=(H, S))
    Q = np.full((H, S, A), np.nan)
    optimistic_q_backup(n, nsas, R, pi, greedy, bonus, optimistic, unvisited, Q)
    ref = optimistic_q_backup_numpy(n, nsas, R, pi, greedy, bonus, optimistic, unvisited)
    np.testing.assert_allclose(Q, ref, rtol=0, atol=1e-12)
    cap = (H - np.arange(H))[:, None, None]
    assert np.all((Q >= 0) & (Q <= cap))
    expect_unvisited = np.broadcast_to(cap if optimistic else np.minimum(unvisited, cap), Q.shape)
    np.testing.assert_array_equal(Q[n == 0], expect_unvisited[n == 0])


def _exact_counts(mdp, count=7.0):
    """Counts whose empirical model is the true one: n, n P as next-state counts, n r as rewards."""
    H, S, A = mdp.H, mdp.S, mdp.A
    n = np.full((H, S, A), count)
    return n, n[..., None] * np.broadcast_to(mdp.P4, (H, S, A, S)), n * np.broadcast_to(mdp.r3, (H, S, A))


@pytest.mark.parametrize("seed", range(3))
def test_exact_counts_without_bonus_give_q_star_and_q_pi(seed):
    """Greedy: backward induction's Q*.  Policy mode: Q^pi of exact policy evaluation."""
    g = np.random.default_rng(seed)
    mdp = random_tabular(g, 4, 3, 5)
    n, nsas, R = _exact_counts(mdp)
    pi = g.dirichlet(np.ones(mdp.A), size=(mdp.H, mdp.S))
    Q = np.zeros((mdp.H, mdp.S, mdp.A))
    optimistic_q_backup(n, nsas, R, pi, True, 0.0, False, 0.0, Q)
    np.testing.assert_allclose(Q, backward_induction(mdp).Q, rtol=0, atol=1e-12)
    optimistic_q_backup(n, nsas, R, pi, False, 0.0, False, 0.0, Q)
    np.testing.assert_allclose(Q, policy_evaluation(mdp, pi).Q, rtol=0, atol=1e-12)


def test_bonus_enters_as_bonus_over_sqrt_n():
    n = np.array([[[4.0, 0.0]]])
    nsas = np.array([[[[4.0], [0.0]]]])
    R = np.array([[[2.0, 0.0]]])
    Q = np.zeros((1, 1, 2))
    optimistic_q_backup(n, nsas, R, np.full((1, 1, 2), 0.5), True, 0.6, True, 0.0, Q)
    np.testing.assert_allclose(Q[0, 0], [0.5 + 0.6 / 2.0, 1.0], rtol=0, atol=1e-15)
