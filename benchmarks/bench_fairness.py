"""Fairness: the OFS T-round kernel vs its plain-numpy loop, and its bookkeeping throughput.

* ``ofs loop K=19 T=1000``: both sides run the same 1000 rounds (same uniforms, same arms;
  tests/fairness/test_kernels.py checks they agree) on the synthetic closed loop with
  N_B = 200.  Target 20x (issue #7).
* ``ofs bookkeeping K=19``: the kernel at T = 200000 with N_B = 2, where the batch
  simulation shrinks to seven binomial draws of n <= 2, so the time is the learner's
  bookkeeping (radii, bounds, selection, statistics, closed-loop state, records).  Its
  ``rounds_per_second`` is recorded; issue #7 asks for >= 1e6.  The reference side is the
  same kernel at N_B = 200 (ratio = cost of simulating real batches).
"""
import numpy as np

from theorylab.algorithms.fairness._loop import simulate
from theorylab.algorithms.fairness.ofs import OFSConfig
from theorylab.kernels.fairness_reference import loop_numpy
from theorylab.problems.fairness import synthetic_env

from ._common import mark

LOOP_GROUP = "ofs loop K=19 T=1000 (numba vs numpy)"
RATE_GROUP = "ofs bookkeeping K=19 T=200000"


def _inputs(T, NB):
    env = synthetic_env(batch_size=NB)
    rng = np.random.default_rng(0)
    return env, OFSConfig().params("ofs", T), rng.random((T, 7)), np.zeros(T)


def test_ofs_loop_theorylab(benchmark):
    env, p, U, tu = _inputs(1000, 200)
    simulate(env, p, U, tu)  # compile (or load the cache) outside the timing
    mark(benchmark, LOOP_GROUP, "theorylab", 20.0, rounds=1000)
    benchmark(simulate, env, p, U, tu)


def test_ofs_loop_reference(benchmark):
    env, p, U, tu = _inputs(1000, 200)
    mark(benchmark, LOOP_GROUP, "reference", rounds=1000)
    benchmark.pedantic(loop_numpy, args=(env, p, U, tu), rounds=3, iterations=1)


def test_ofs_bookkeeping_theorylab(benchmark):
    env, p, U, tu = _inputs(200_000, 2)
    simulate(env, p, U[:100], tu[:100])
    mark(benchmark, RATE_GROUP, "theorylab", rounds=200_000, batch_size=2)
    benchmark(simulate, env, p, U, tu)
    benchmark.extra_info["rounds_per_second"] = 200_000 / benchmark.stats.stats.mean


def test_ofs_bookkeeping_reference(benchmark):
    env, p, U, tu = _inputs(200_000, 200)
    simulate(env, p, U[:100], tu[:100])
    mark(benchmark, RATE_GROUP, "reference", rounds=200_000, batch_size=200)
    benchmark(simulate, env, p, U, tu)
    benchmark.extra_info["rounds_per_second"] = 200_000 / benchmark.stats.stats.mean
