"""Robust DP and DR-RPO: compiled kernels vs numpy and cvxpy references.

* Robust DP at S=200, A=8, d=16, H=10 (issue #5): the numba optimal robust DP (sort closed
  form, all H stages and all S A backups) vs the plain-numpy implementation (target 5x), and
  vs cvxpy joint LPs (target 100x).  The cvxpy side solves only the A = 8 backups of ONE
  state at ONE stage per call, i.e. 1/(H S) = 1/2000 of the work, so the reported ratio
  understates the per-backup speed-up by a factor 2000 (solving all 16000 LPs per round
  would take hours).
* DR-RPO episodes: the K-episode numba loop vs the per-sample numpy reference on I1 (the
  simulated linear MDP) and I2 (S=20, A=4, d=8, H=5); identical work, same streams.
"""
from functools import lru_cache

import numpy as np

from theorylab.algorithms.robust._core import run_loop
from theorylab.algorithms.robust._reference import run_loop_numpy
from theorylab.planning.robust import robust_optimal, robust_optimal_numpy, robust_q_lp
from theorylab.problems.robust import random_drmdp, simulated_linear_mdp
from theorylab.rng import cell_streams

from ._common import mark

DP_NUMPY = "robust DP S=200 A=8 d=16 H=10 vs numpy"
DP_CVXPY = "robust DP S=200 A=8 d=16 H=10 vs cvxpy (reference: 8 of 16000 backups)"
K = 200


@lru_cache(maxsize=None)
def big():
    """The benchmark instance (I2 family) at S=200, A=8, d=16, H=10, rho=0.3."""
    return random_drmdp(np.random.default_rng(200), 200, 8, 16, 10, 0.3)


def test_robust_dp_theorylab_vs_numpy(benchmark):
    m = big()
    robust_optimal(m, 0.1)  # compile outside the timing
    mark(benchmark, DP_NUMPY, "theorylab", 5.0)
    benchmark(robust_optimal, m, 0.1)


def test_robust_dp_numpy(benchmark):
    mark(benchmark, DP_NUMPY, "reference")
    benchmark.pedantic(robust_optimal_numpy, args=(big(), 0.1), rounds=5, iterations=1)


def test_robust_dp_theorylab_vs_cvxpy(benchmark):
    m = big()
    robust_optimal(m, 0.0)
    mark(benchmark, DP_CVXPY, "theorylab", 100.0, backups=m.H * m.S * m.A)
    benchmark(robust_optimal, m, 0.0)


def _cvxpy_one_state(m, V):
    return [robust_q_lp(m, 0, V, 0, a) for a in range(m.A)]


def test_robust_dp_cvxpy(benchmark):
    m = big()
    V = robust_optimal(m).V[1]
    mark(benchmark, DP_CVXPY, "reference", backups=m.A)
    benchmark.pedantic(_cvxpy_one_state, args=(m, V), rounds=3, iterations=1, warmup_rounds=1)


def _episodes(fn, m):
    return fn(m, cell_streams(0, "bench/robust", 0, 0), "dr_rpo", K=K, estimator="robust", policy="mirror",
              beta=0.01, etas=np.full(K, 1.0), lam=0.1, c_b=1.0, bonus="sum", clip=True)


INSTANCES = {"I1": lambda: simulated_linear_mdp(0.1, 0.6),
             "I2": lambda: random_drmdp(np.random.default_rng(2), 20, 4, 8, 5, 0.3)}


def _group(name):
    return f"dr_rpo {K} episodes on {name}"


def test_dr_rpo_i1_theorylab(benchmark):
    m = INSTANCES["I1"]()
    _episodes(run_loop, m)
    mark(benchmark, _group("I1"), "theorylab", episodes=K)
    benchmark(_episodes, run_loop, m)


def test_dr_rpo_i1_numpy(benchmark):
    mark(benchmark, _group("I1"), "reference", episodes=K)
    benchmark.pedantic(_episodes, args=(run_loop_numpy, INSTANCES["I1"]()), rounds=3, iterations=1)


def test_dr_rpo_i2_theorylab(benchmark):
    m = INSTANCES["I2"]()
    _episodes(run_loop, m)
    mark(benchmark, _group("I2"), "theorylab", episodes=K)
    benchmark(_episodes, run_loop, m)


def test_dr_rpo_i2_numpy(benchmark):
    mark(benchmark, _group("I2"), "reference", episodes=K)
    benchmark.pedantic(_episodes, args=(run_loop_numpy, INSTANCES["I2"]()), rounds=3, iterations=1)
