"""The oracle by simulation and by fixed point agree within Monte-Carlo error."""
import numpy as np
from scipy.stats import norm

from theorylab.algorithms.fairness.oracle import oracle_fixed_point, oracle_sweep
from theorylab.problems.fairness import synthetic_env


def test_sweep_agrees_with_fixed_point(streams):
    env = synthetic_env(K=9)
    fp = oracle_fixed_point(env)
    sw = oracle_sweep(env, 3000, streams)  # transient 0.986^2400 ~ 2e-15: negligible
    # two-sided, Bonferroni over 9 arms x 2 signals at level 1e-3
    z = norm.isf(1e-3 / (2 * 18))
    assert np.all(np.abs(sw.reward - fp.reward) <= z * sw.reward_se)
    assert np.all(np.abs(sw.residuals[0] - fp.residuals[0]) <= z * sw.residual_se[0])
    assert sw.k_star == fp.k_star
