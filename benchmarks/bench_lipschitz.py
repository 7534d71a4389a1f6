"""Lipschitz learner: constraint generation vs the all-pairs QP, and the numba extension vs numpy.

* ``lipschitz solver N=...``: one exact fit of (P_alpha^N) on E1 data (alpha = 0.5 L*, so the
  constraints bind) by constraint generation (theorylab) and by the all-pairs cvxpy QP
  (reference).  Target 10x at N = 800 (issue #6 acceptance); N = 200 and 400 are reported.
  One round each (the all-pairs QP takes tens of seconds at N = 800).
* ``lipschitz CG direct-vs-cvxpy N=800``: the same constraint generation with each round's QP
  handed to CLARABEL directly as scipy.sparse matrices (theorylab) vs re-canonicalised
  through cvxpy (reference, ``direct=False``).
* ``lipschitz extension``: the McShane midpoint extension of N = 2000 data at 5 000 query
  points, numba kernel vs the numpy reference (reported as queries per second).
"""
import numpy as np
import pytest

from theorylab.algorithms.lipschitz import LipschitzConfig, fit_lipschitz
from theorylab.kernels.lipschitz_extension import mcshane_extension, mcshane_extension_numpy
from theorylab.planning.lqr import dlqr
from theorylab.problems.control import make_system

from ._common import mark

_TARGETS = {200: None, 400: None, 800: 10.0}


def _data(N):
    s = make_system("E1")
    ex = dlqr(s.A, s.B, s.Q, s.R)
    X = np.random.default_rng(N).uniform(-1, 1, size=(N, 2))
    return X, -X @ ex.K.T, 0.5 * ex.L_star


@pytest.mark.parametrize("N", sorted(_TARGETS))
def test_constraint_generation_theorylab(benchmark, N):
    X, U, alpha = _data(N)
    fit_lipschitz(X[:50], U[:50], LipschitzConfig(alpha))          # compile the scan kernel
    mark(benchmark, f"lipschitz solver N={N}", "theorylab", _TARGETS[N], N=N)
    benchmark.pedantic(fit_lipschitz, args=(X, U, LipschitzConfig(alpha)), rounds=1, iterations=1)


@pytest.mark.parametrize("N", sorted(_TARGETS))
def test_all_pairs_reference(benchmark, N):
    X, U, alpha = _data(N)
    mark(benchmark, f"lipschitz solver N={N}", "reference", N=N)
    benchmark.pedantic(fit_lipschitz, args=(X, U, LipschitzConfig(alpha, solver="all_pairs")), rounds=1,
                       iterations=1)


def test_cg_direct_theorylab(benchmark):
    X, U, alpha = _data(800)
    fit_lipschitz(X[:50], U[:50], LipschitzConfig(alpha))
    mark(benchmark, "lipschitz CG direct-vs-cvxpy N=800", "theorylab", N=800)
    benchmark.pedantic(fit_lipschitz, args=(X, U, LipschitzConfig(alpha)), rounds=1, iterations=1)


def test_cg_cvxpy_reference(benchmark):
    X, U, alpha = _data(800)
    mark(benchmark, "lipschitz CG direct-vs-cvxpy N=800", "reference", N=800)
    benchmark.pedantic(fit_lipschitz, args=(X, U, LipschitzConfig(alpha, direct=False)), rounds=1,
                       iterations=1)


def _ext_data():
    rng = np.random.default_rng(0)
    return rng.uniform(-1, 1, (2000, 2)), rng.normal(size=(2000, 1)), rng.uniform(-1, 1, (5_000, 2))


def test_extension_theorylab(benchmark):
    X, v, Q = _ext_data()
    mcshane_extension(X[:5], v[:5], 1.0, Q[:5])
    mark(benchmark, "lipschitz extension N=2000 Q=5000", "theorylab", queries=Q.shape[0])
    benchmark(mcshane_extension, X, v, 1.0, Q)


def test_extension_reference(benchmark):
    X, v, Q = _ext_data()
    mark(benchmark, "lipschitz extension N=2000 Q=5000", "reference", queries=Q.shape[0])
    benchmark.pedantic(mcshane_extension_numpy, args=(X, v, 1.0, Q), rounds=3, iterations=1)
