"""Robust DP is exact: numba = numpy, = a cvxpy joint LP per (s, a) to 1e-7, = nominal DP at
rho = 0, non-increasing in rho (hypothesis)."""
import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from theorylab.planning import backward_induction, policy_evaluation
from theorylab.planning.robust import (evaluate_many, robust_evaluate, robust_evaluate_numpy,
                                       robust_optimal, robust_optimal_numpy, robust_q_lp)
from theorylab.problems.robust import random_drmdp, random_tabular_robust


def _pi(rng, m):
    pi = rng.dirichlet(np.full(m.A, 0.5), size=(m.H, m.S))
    pi[0, 0] = np.eye(m.A)[0]  # a zero-probability action exercises 0 log 0
    return pi


@pytest.mark.parametrize("beta", [0.0, 0.05, 1.0])
def test_kernel_equals_numpy_reference(beta):
    rng = np.random.default_rng(1)
    for m in (random_drmdp(rng, 12, 3, 5, 4, 0.4), random_tabular_robust(rng, 5, 3, 3, 0.2)):
        pi = _pi(rng, m)
        a, b = robust_evaluate(m, pi, beta), robust_evaluate_numpy(m, pi, beta)
        assert np.allclose(a.Q, b.Q, atol=1e-12) and np.allclose(a.V, b.V, atol=1e-12)
        o, p = robust_optimal(m, beta), robust_optimal_numpy(m, beta)
        assert np.allclose(o.V, p.V, atol=1e-12) and np.allclose(o.pi, p.pi, atol=1e-12)
        assert evaluate_many(m, np.stack([pi, o.pi]), beta) == pytest.approx([a.value, o.value], abs=1e-12)
        assert robust_evaluate(m, o.pi, beta).value == pytest.approx(o.value, abs=1e-10)
        assert o.value >= a.value - 1e-12


def test_backup_equals_cvxpy_joint_lp():
    """The decomposed backup (sum_i phi_i sigma_i) equals the joint LP over (mu_1..mu_d)."""
    rng = np.random.default_rng(2)
    worst = 0.0
    for t in range(6):
        m = random_drmdp(rng, int(rng.integers(4, 10)), 2, int(rng.integers(2, 6)), 3, float(rng.uniform(0, 1)))
        o = robust_optimal(m)
        for h in range(m.H):
            s, a = int(rng.integers(m.S)), int(rng.integers(m.A))
            worst = max(worst, abs(robust_q_lp(m, h, o.V[h + 1], s, a) - o.Q[h, s, a]))
    assert worst <= 1e-7


@settings(max_examples=25, deadline=None)
@given(st.integers(0, 2**32 - 1), st.sampled_from(["I2", "I3"]))
def test_monotone_in_rho_and_nominal_at_zero(seed, kind):
    rng = np.random.default_rng(seed)
    m = random_drmdp(rng, 8, 3, 4, 3, 0.0) if kind == "I2" else random_tabular_robust(rng, 4, 2, 3, 0.0)
    nominal = backward_induction(m.nominal()).value
    assert robust_optimal(m).value == pytest.approx(nominal, abs=1e-10)
    vals = [robust_optimal(m, rho=r).value for r in np.linspace(0, 1, 6)]
    assert np.all(np.diff(vals) <= 1e-12)
    pi = _pi(rng, m)
    assert robust_evaluate(m, pi).value == pytest.approx(policy_evaluation(m.nominal(), pi).value, abs=1e-10)


def test_fail_state_rho_one_gives_zero_continuation():
    m = random_drmdp(np.random.default_rng(4), 8, 3, 4, 3, 1.0)
    o = robust_optimal(m)
    assert np.allclose(o.Q, m.r, atol=1e-12)  # sigma = min V = V(s_f) = 0


def test_bad_inputs():
    m = random_drmdp(np.random.default_rng(5), 6, 2, 3, 2, 0.1)
    with pytest.raises(ValueError, match=r"beta \(KL strength\) must be >= 0"):
        robust_optimal(m, beta=-0.1)
    with pytest.raises(ValueError, match="policy rows"):
        robust_evaluate(m, np.full((2, 6, 2), 0.7))
    with pytest.raises(ValueError, match="pi_ref must be"):
        robust_optimal(m, 0.1, pi_ref=np.zeros((2, 6, 2)))
    with pytest.raises(ValueError, match=r"rho \(TV radii\)"):
        robust_optimal(m, rho=2.0)
