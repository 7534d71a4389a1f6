"""Lemma (spec §3.2, Mode H): the batch-aware Hoeffding intervals cover with probability >= 1 - delta.

For a fixed arm and n batches, |mean_r - r| <= R_r sqrt(Lambda / (2 n N_B)) and
|mean_d - d| <= sqrt(Lambda sum_s (1/m_s) / 2) / n with m_s = n_0 n_1 / N_B and
Lambda = log(2 / delta), each with probability >= 1 - delta (Hoeffding for independent
individual terms of ranges R_r / N_B, resp. 1/n_0 and 1/n_1, given the group counts).
Monte-Carlo with the environment kernels; the failure rate's Clopper-Pearson lower limit
must not exceed delta.
"""
from __future__ import annotations

import math

import numpy as np

from theorylab.algorithms.fairness._loop import env_params
from theorylab.kernels.fairness_env import batch_signals, expected_step, simulate_batch
from theorylab.problems.fairness import synthetic_env
from theorylab.stats import clopper_pearson

from ._report import LemmaReport

NAME = "fairness/batch_confidence"


def _trial(env, envp, k, n, u):
    n_ay, acc, sig = np.zeros((2, 2), np.int64), np.zeros((2, 2), np.int64), np.empty(6)
    r, d, sinv = 0.0, 0.0, 0.0
    for s in range(n):
        simulate_batch(env.rates, k, env.x0, env.batch_size, u[s], n_ay, acc)
        batch_signals(n_ay, acc, envp, sig)
        r, d, sinv = r + sig[0], d + sig[1], sinv + 1.0 / sig[5]
    return r / n, d / n, sinv


def check(rng: np.random.Generator, size: str = "quick", delta: float = 0.1) -> LemmaReport:
    """Monte-Carlo coverage of the reward and signed-gap intervals.

    References
    ----------
    Hoeffding (1963); reconstruction; see spec ``ofs_fair_threshold.md`` §3.2 (Mode H).
    """
    trials, n = (400, 5) if size == "quick" else (4000, 20)
    env = synthetic_env(batch_size=40)
    envp = env_params(env)
    ex, P = np.empty(4), np.empty(2)
    lam = math.log(2 / delta)
    fails, cases = np.zeros(2, int), 0
    for k in (1, 6, 12):
        expected_step(env.rates, k, env.x0, envp, ex, P)
        for _ in range(trials):
            r, d, sinv = _trial(env, envp, k, n, rng.random((n, 7)))
            fails[0] += abs(r - ex[0]) > env.reward_range * math.sqrt(lam / (2 * n * env.batch_size))
            fails[1] += abs(d - (P[0] - P[1])) > math.sqrt(lam * sinv / 2) / n
            cases += 1
    lo = max(clopper_pearson(int(f), cases, 0.01, side="lower")[0] for f in fails)
    rate = fails / cases
    return LemmaReport(NAME, f"P(|mean - mu| > beta) <= delta = {delta} for reward and signed DP gap",
                       "Hoeffding (1963); reconstruction; see spec §3.2", "probabilistic", cases,
                       float(delta - lo), bool(lo <= delta),
                       f"failure rates reward {rate[0]:.4f}, DP gap {rate[1]:.4f}; CP lower limit {lo:.4f}")
