"""Sampling, rollouts and exact evaluation shared by the baselines, against references."""
import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from theorylab.algorithms.baselines._episode import (episode_model, evaluate_deterministic,
                                                     evaluate_deterministic_numpy, rollout, rollout_numpy,
                                                     sample_index, sample_index_numpy)
from theorylab.planning import policy_evaluation
from theorylab.problems import random_tabular, riverswim


@settings(max_examples=60, deadline=None)
@given(n=st.integers(1, 12), u=st.floats(0, 1, exclude_max=True), seed=st.integers(0, 2**32 - 1))
def test_sample_index_matches_binary_search(n, u, seed):
    cdf = np.cumsum(np.random.default_rng(seed).dirichlet(np.ones(n)))
    i = sample_index(cdf, u)
    assert i == sample_index_numpy(cdf, u)
    assert 0 <= i < n and (i == n - 1 or cdf[i] > u) and (i == 0 or cdf[i - 1] <= u)


def test_sample_index_frequencies_follow_the_distribution():
    p = np.array([0.2, 0.5, 0.3])
    u = np.random.default_rng(0).random(20000)
    counts = np.bincount([sample_index(np.cumsum(p), x) for x in u], minlength=3)
    # 4.5 standard deviations of a binomial proportion with n = 20000: about 0.016
    assert np.all(np.abs(counts / u.size - p) < 4.5 * np.sqrt(0.25 / u.size))


@pytest.mark.parametrize("stationary", [True, False])
def test_evaluate_deterministic_matches_policy_evaluation(stationary):
    rng = np.random.default_rng(3)
    mdp = random_tabular(rng, 7, 3, 5, stationary=stationary)
    pi = rng.integers(0, 3, size=(5, 7))
    m = episode_model(mdp)
    exact = policy_evaluation(mdp, pi).value
    assert evaluate_deterministic(m.P2, m.r3, m.mu0, pi, np.zeros((6, 7))) == pytest.approx(exact, abs=1e-12)
    assert evaluate_deterministic_numpy(m.P2, m.r3, m.mu0, pi) == pytest.approx(exact, abs=1e-12)


def test_rollout_matches_reference_and_return_is_sum_of_rewards():
    mdp = riverswim(5, 12)
    m = episode_model(mdp)
    rng = np.random.default_rng(1)
    pi = rng.integers(0, 2, size=(12, 5))
    for _ in range(20):
        u = rng.random(13)
        st_, ac = np.zeros(13, np.int64), np.zeros(12, np.int64)
        ret = rollout(m.P_cdf, m.r3, m.mu0_cdf, pi, u, st_, ac)
        st_ref, ac_ref, ret_ref = rollout_numpy(m.P_cdf, m.r3, m.mu0_cdf, pi, u)
        assert np.array_equal(st_, st_ref) and np.array_equal(ac, ac_ref) and ret == ret_ref
        assert np.array_equal(ac, pi[np.arange(12), st_[:-1]])
        assert ret == pytest.approx(mdp.r[st_[:-1], ac].sum())
        assert np.all(mdp.P[st_[:-1], ac, st_[1:]] > 0)
