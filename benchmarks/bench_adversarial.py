"""Benchmarks of the adversarial linear-Q code: numba episode loop vs the numpy loop, and the
log-barrier step vs cvxpy, the simulator-free run and O-REPS vs their numpy references
(pytest-benchmark; ratio = mean(reference) / mean(theorylab)).

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


def _simfree_problem(K):
    rng = np.random.default_rng(2)
    P, phi = linear_instance(rng, 2, 3, 4, 3)
    return AdversarialMDP(P, phi, make_losses(rng, phi, K, "lb", gap=0.2))


@pytest.mark.parametrize("role", ["theorylab", "reference"])
def test_simulator_free_run(benchmark, role):
    """Algorithm 3 (LB-PO-LinMDP): the one-kernel run vs its epoch-wise numpy reference, K = 2^12."""
    from theorylab.algorithms.adversarial_linear.simulator_free import (LBPOLinMDPConfig, run_simulator_free,
                                                                        run_simulator_free_numpy)
    prob, cfg = _simfree_problem(2**12), LBPOLinMDPConfig(experimental=True)
    run_simulator_free(_simfree_problem(64), cfg, cell_streams(0, "bench", 0, 0))  # compile
    benchmark.group = "adversarial: simulator-free LB-PO-LinMDP run (I-LIN 2,3,4,3; K=4096)"
    benchmark.extra_info["role"] = role
    benchmark.extra_info["target"] = 20.0
    fn = run_simulator_free if role == "theorylab" else run_simulator_free_numpy
    res = benchmark(fn, prob, cfg, cell_streams(0, "bench", 0, 0))
    assert np.all(np.isfinite(res.values))


@pytest.mark.parametrize("role", ["theorylab", "reference"])
def test_oreps_run(benchmark, role):
    """O-REPS (full information): the one-kernel run vs the numpy/scipy reference at (H,S,A) = (4,5,8)."""
    from theorylab.algorithms.adversarial_linear.oreps import initial_occupancy, oreps_run_numpy
    from theorylab.kernels.adversarial_linear_oreps import oreps_run
    rng = np.random.default_rng(3)
    P, phi = tabular_instance(rng, 4, 5, 8)
    G = make_losses(rng, phi, K, "block")
    u_act, u_env = rng.uniform(size=(2, K, 4))
    q1 = initial_occupancy(P)
    oreps_run(P, phi, G[:2], q1, 0.4, 1e-12, 100, u_act[:2], u_env[:2])  # compile
    benchmark.group = "adversarial: O-REPS episodes (H,S,A=4,5,8)"
    benchmark.extra_info["role"] = role
    benchmark.extra_info["target"] = 10.0
    if role == "theorylab":
        out = benchmark(oreps_run, P, phi, G, q1, 0.4, 1e-12, 100, u_act, u_env)
    else:
        out = benchmark(oreps_run_numpy, P, phi, G, q1, 0.4, u_act, u_env)
    assert np.all(np.isfinite(out[0]))
