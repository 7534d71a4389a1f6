"""Scaling: batched CPU kernels vs per-instance calls, and sweep throughput on 1 and 2 workers.

* ``batched`` groups: B = 1024 small tabular MDPs (S, A, H) = (5, 3, 10) solved by one
  :func:`theorylab.backend.batched_backward_induction` / ``batched_policy_evaluation`` call on
  numpy (theorylab) vs a Python loop of per-instance compiled calls (reference); target 5x per
  cell.
* ``sweep`` group: a 10,000-cell sweep (100 settings x 100 seeds, each cell ~ a few ms of
  single-threaded BLAS work drawn from its streams) through :func:`run_experiment` on a
  2-process pool (theorylab) vs a 1-process pool (reference; the same driver/worker split),
  so the ratio is the 1 -> 2 worker scaling; target 1.6x.  ``extra_info`` records cells per
  second, the CPU milliseconds per cell of the driver and of the workers (the workers store
  the shards; the driver only records them), the 1-minute load average before and after
  (the machine is shared: with Linux's autogroup scheduling a session's processes share one
  fair slice of the cores, so under load a second worker cannot get more CPU), and the peak
  RSS of the driver and of the largest worker (MiB).

The sweep benchmark takes minutes; select it with ``-k sweep`` or leave it out with
``-k "not sweep"``.
"""
from __future__ import annotations

import multiprocessing
import os
import resource
import tempfile
from concurrent.futures import ProcessPoolExecutor

import numpy as np
import pytest

from theorylab._threads import limit_threads
from theorylab.backend import batched_backward_induction, batched_policy_evaluation
from theorylab.planning import backward_induction, policy_evaluation
from theorylab.problems import random_tabular
from theorylab.sweep import Experiment, run_experiment

from ._common import mark

B, SMALL = 1024, (5, 3, 10)
N_SETTINGS, N_SEEDS = 100, 100  # 10,000 cells


def _rss_mib(who=resource.RUSAGE_SELF) -> float:
    return round(resource.getrusage(who).ru_maxrss / 1024, 1)


def _small_mdps():
    rng = np.random.default_rng(2024)
    mdps = [random_tabular(rng, *SMALL, stationary=True) for _ in range(B)]
    P = np.stack([m.P4 for m in mdps])
    r = np.stack([m.r3 for m in mdps])
    pi = rng.dirichlet(np.ones(SMALL[1]), size=(B, SMALL[2], SMALL[0]))
    return mdps, P, r, pi


def test_batched_bi_theorylab(benchmark):
    _, P, r, _ = _small_mdps()
    mark(benchmark, f"batched backward induction B={B} {SMALL} vs per-instance calls", "theorylab", 5.0,
         per_cell_us=None)
    benchmark(batched_backward_induction, P, r, SMALL[2])
    benchmark.extra_info["per_cell_us"] = benchmark.stats.stats.mean / B * 1e6
    benchmark.extra_info["peak_rss_mib"] = _rss_mib()


def test_batched_bi_reference(benchmark):
    mdps, _, _, _ = _small_mdps()
    backward_induction(mdps[0])  # compile outside the timing
    mark(benchmark, f"batched backward induction B={B} {SMALL} vs per-instance calls", "reference")
    benchmark(lambda: [backward_induction(m) for m in mdps])
    benchmark.extra_info["per_cell_us"] = benchmark.stats.stats.mean / B * 1e6


def test_batched_pe_theorylab(benchmark):
    _, P, r, pi = _small_mdps()
    mark(benchmark, f"batched policy evaluation B={B} {SMALL} vs per-instance calls", "theorylab", 5.0)
    benchmark(batched_policy_evaluation, P, r, pi, SMALL[2])


def test_batched_pe_reference(benchmark):
    mdps, _, _, pi = _small_mdps()
    policy_evaluation(mdps[0], pi[0])
    mark(benchmark, f"batched policy evaluation B={B} {SMALL} vs per-instance calls", "reference")
    benchmark(lambda: [policy_evaluation(m, pi[b]) for b, m in enumerate(mdps)])


def sweep_cell(setting, algorithm, streams):
    """A few milliseconds of deterministic single-threaded work drawn from the cell's streams."""
    M = streams.noise.standard_normal((48, 48)) / 7.0
    x = np.eye(48)
    for _ in range(int(setting["reps"])):
        x = np.tanh(M @ x)
    return {"checkpoints": np.array([1]), "pseudo": np.array([float(np.abs(x).sum())])}


def _analyse(results):
    return []


SWEEP = Experiment(id="bench/sweep", description="10,000 synthetic cells for the throughput benchmark",
                   tags=("bench",), algorithms=("work",),
                   settings={"quick": tuple({"i": i, "reps": 15} for i in range(N_SETTINGS)),
                             "full": ({"i": 0, "reps": 15},)},
                   seeds={"quick": N_SEEDS, "full": 1}, run_cell=sweep_cell, analyse=_analyse, root_seed=5,
                   paper="benchmark")


def _cpu_seconds(who) -> float:
    r = resource.getrusage(who)
    return r.ru_utime + r.ru_stime


def _sweep(workers: int, out: str) -> dict:
    """Run the sweep into ``out`` on a fresh spawn pool; its rate and the CPU seconds per cell of driver and workers."""
    load0 = os.getloadavg()[0]
    drv0, wrk0 = _cpu_seconds(resource.RUSAGE_SELF), _cpu_seconds(resource.RUSAGE_CHILDREN)
    with ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("spawn"), initializer=limit_threads) as pool:
        s = run_experiment(SWEEP, out, "quick", executor=pool, workers=workers, progress=False)
        drv = _cpu_seconds(resource.RUSAGE_SELF) - drv0
    wrk = _cpu_seconds(resource.RUSAGE_CHILDREN) - wrk0  # the pool's workers, reaped at shutdown
    assert s.ok and s.total == N_SETTINGS * N_SEEDS
    return {"cells_per_second": round(s.total / s.seconds, 1), "seconds": round(s.seconds, 2),
            "driver_cpu_ms_per_cell": round(drv / s.total * 1e3, 3),
            "worker_cpu_ms_per_cell": round(wrk / s.total * 1e3, 3),
            "load_average_1min": [round(load0, 2), round(os.getloadavg()[0], 2)]}


@pytest.mark.parametrize("workers,role", [(2, "theorylab"), (1, "reference")])
def test_sweep_throughput(benchmark, workers, role):
    mark(benchmark, f"sweep {N_SETTINGS * N_SEEDS} cells: 2 workers vs 1 (scaling)", role,
         1.6 if role == "theorylab" else None, workers=workers)
    with tempfile.TemporaryDirectory() as out:  # deleting 10,000 shards is not part of the sweep: not timed
        info = benchmark.pedantic(_sweep, args=(workers, out), rounds=1, iterations=1)
    benchmark.extra_info.update(info, driver_peak_rss_mib=_rss_mib(),
                                worker_peak_rss_mib=_rss_mib(resource.RUSAGE_CHILDREN))
