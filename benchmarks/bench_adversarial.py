"""Benchmarks of the adversarial linear-Q code: numba episode loop vs the numpy loop, and the
log-barrier step vs cvxpy (pytest-benchmark; ratio = mean(reference) / mean(theorylab)).

Run: ``.venv/bin/pytest benchmarks/bench_adversarial.py --benchmark-enable``.
"""
import numpy as np
import pytest

from theorylab.algorithms.adversarial_linear import LBPOConfig
from theorylab.algorithms.adversarial_linear._base import draw_uniforms
from theorylab.algorithms.adversarial_linear._loop import episode_loop, episode_loop_numpy
from theorylab.kernels.adversarial_linear_ftrl import log_barrier, log_barrier_cvxpy
from theorylab.problems.adversarial import (AdversarialMDP, linear_instance, make_losses,
                                            tabular_instance)
from theorylab.rng import cell_streams

K = 40


def _inputs(kind):
    rng = np.random.default_rng(0)
    if kind == "tab":  # (H, S_h, A, d) = (4, 5, 8, 40)
        P, phi = tabular_instance(rng, 4, 5, 8)
    else:  # I-LIN size with A = 64
        P, phi = linear_instance(rng, 2, 4, 64, 4)
    prob = AdversarialMDP(P, phi, make_losses(rng, phi, K, "switch"))
    p = LBPOConfig().parameters(K, prob.H, prob.d, prob.A)
    st = cell_streams(0, "bench", 0, 0)
    u = draw_uniforms(prob, p, st.algorithm("LB-PO"), st.noise)
    episode_loop(prob.P, prob.phi, prob.G[:2], *(x[:2] for x in u), p)  # compile before timing
    return prob, u, p


@pytest.mark.parametrize("kind", ["tab", "lin"])
@pytest.mark.parametrize("role", ["theorylab", "reference"])
def test_lb_po_episode_loop(benchmark, kind, role):
    prob, u, p = _inputs(kind)
    benchmark.group = f"adversarial: LB-PO episodes ({'H,S,A,d=4,5,8,40' if kind == 'tab' else 'I-LIN A=64'})"
    benchmark.extra_info["role"] = role
    benchmark.extra_info["target"] = 30.0
    benchmark.extra_info["episodes"] = K
    fn = episode_loop if role == "theorylab" else episode_loop_numpy
    out = benchmark(fn, prob.P, prob.phi, prob.G, *u, p)
    assert np.all(np.isfinite(out[0]))


@pytest.mark.parametrize("role", ["theorylab", "reference"])
def test_log_barrier_step(benchmark, role):
    rng = np.random.default_rng(1)
    C = rng.normal(size=64) * 100
    log_barrier(C, 0.01)
    benchmark.group = "adversarial: log-barrier FTRL step (A=64) vs cvxpy"
    benchmark.extra_info["role"] = role
    benchmark.extra_info["target"] = 100.0
    fn = (lambda: log_barrier(C, 0.01)[0]) if role == "theorylab" else (lambda: log_barrier_cvxpy(C, 0.01))
    p = benchmark(fn)
    assert abs(p.sum() - 1) < 1e-9
