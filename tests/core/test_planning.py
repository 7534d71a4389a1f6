"""Planning is exact: kernels equal numpy references, an LP and brute force agree, and the
Bellman identities hold on random MDPs (hypothesis)."""
import itertools
import os
import subprocess
import sys

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy.optimize import linprog

from theorylab.planning import (backward_induction, backward_induction_numpy, best_fixed_policy,
                                greedy_as_stochastic, occupancy, occupancy_numpy, policy_evaluation,
                                policy_evaluation_numpy, state_occupancy)
from theorylab.problems import TabularMDP, random_tabular, riverswim

mdps = st.builds(
    lambda seed, S, A, H, stationary, alpha: random_tabular(np.random.default_rng(seed), S, A, H,
                                                            stationary=stationary, alpha=alpha),
    st.integers(0, 2**32 - 1), st.integers(1, 6), st.integers(1, 4), st.integers(1, 6), st.booleans(),
    st.sampled_from([0.1, 1.0, 10.0]))


def _random_policy(rng, mdp):
    return rng.dirichlet(np.ones(mdp.A), size=(mdp.H, mdp.S))


def lp_optimal_value(mdp: TabularMDP) -> float:
    """max_q <q, r> over occupancy measures (flow constraints), solved with HiGHS."""
    H, S, A = mdp.H, mdp.S, mdp.A
    n = H * S * A
    idx = lambda h, s, a: (h * S + s) * A + a  # noqa: E731
    rows, b = [], []
    for s in range(S):
        row = np.zeros(n)
        row[[idx(0, s, a) for a in range(A)]] = 1
        rows.append(row), b.append(mdp.mu0[s])
    for h in range(H - 1):
        P = mdp.P_at(h)
        for t in range(S):
            row = np.zeros(n)
            row[[idx(h + 1, t, a) for a in range(A)]] = 1
            for s, a in itertools.product(range(S), range(A)):
                row[idx(h, s, a)] -= P[s, a, t]
            rows.append(row), b.append(0.0)
    c = -np.concatenate([mdp.r_at(h).ravel() for h in range(H)])
    res = linprog(c, A_eq=np.array(rows), b_eq=np.array(b), bounds=(0, None), method="highs",
                  options={"primal_feasibility_tolerance": 1e-10, "dual_feasibility_tolerance": 1e-10})
    assert res.status == 0
    return -res.fun


@settings(max_examples=40, deadline=None)
@given(mdps)
def test_kernels_equal_numpy_references(mdp):
    rng = np.random.default_rng(0)
    a, b = backward_induction(mdp), backward_induction_numpy(mdp)
    np.testing.assert_allclose(a.Q, b.Q, rtol=0, atol=1e-12)
    np.testing.assert_array_equal(a.pi, b.pi)
    for maximize in (True, False):
        np.testing.assert_array_equal(backward_induction(mdp, maximize=maximize).pi,
                                      backward_induction_numpy(mdp, maximize=maximize).pi)
    pi = _random_policy(rng, mdp)
    np.testing.assert_allclose(policy_evaluation(mdp, pi).V, policy_evaluation_numpy(mdp, pi).V, atol=1e-12)
    np.testing.assert_allclose(occupancy(mdp, pi), occupancy_numpy(mdp, pi), atol=1e-14)


@settings(max_examples=25, deadline=None)
@given(mdps.filter(lambda m: m.H * m.S * m.A <= 60))
def test_backward_induction_matches_lp(mdp):
    assert abs(backward_induction(mdp).value - lp_optimal_value(mdp)) < 1e-9


def test_backward_induction_matches_brute_force_enumeration():
    rng = np.random.default_rng(3)
    for _ in range(5):
        mdp = random_tabular(rng, S=2, A=3, H=3)
        best = -np.inf
        for flat in itertools.product(range(mdp.A), repeat=mdp.H * mdp.S):
            best = max(best, policy_evaluation(mdp, np.array(flat).reshape(mdp.H, mdp.S)).value)
        assert abs(backward_induction(mdp).value - best) < 1e-9


@settings(max_examples=40, deadline=None)
@given(mdps, st.integers(0, 2**32 - 1))
def test_bellman_optimality_and_dominance(mdp, seed):
    plan = backward_induction(mdp)
    for h in range(mdp.H):
        Q = mdp.r_at(h) + mdp.P_at(h) @ plan.V[h + 1]
        np.testing.assert_allclose(plan.Q[h], Q, atol=1e-12)
        np.testing.assert_allclose(plan.V[h], Q.max(1), atol=1e-12)
    ev = policy_evaluation(mdp, plan.pi)
    np.testing.assert_allclose(ev.V, plan.V, atol=1e-12)
    other = policy_evaluation(mdp, _random_policy(np.random.default_rng(seed), mdp))
    assert np.all(other.V <= plan.V + 1e-12)


@settings(max_examples=40, deadline=None)
@given(mdps, st.integers(0, 2**32 - 1))
def test_policy_evaluation_identities(mdp, seed):
    pi = _random_policy(np.random.default_rng(seed), mdp)
    ev = policy_evaluation(mdp, pi)
    q = occupancy(mdp, pi)
    # value = <occupancy, reward>; occupancy is a distribution at every stage
    assert abs(ev.value - sum((q[h] * mdp.r_at(h)).sum() for h in range(mdp.H))) < 1e-10
    np.testing.assert_allclose(state_occupancy(mdp, pi).sum(1), 1.0, atol=1e-12)
    # V_h = sum_a pi Q_h and Q_h = r_h + P_h V_{h+1}
    for h in range(mdp.H):
        np.testing.assert_allclose(ev.V[h], (pi[h] * ev.Q[h]).sum(1), atol=1e-12)
        np.testing.assert_allclose(ev.Q[h], mdp.r_at(h) + mdp.P_at(h) @ ev.V[h + 1], atol=1e-12)


def test_ties_go_to_the_lowest_action():
    P = np.full((2, 3, 2), 0.5)
    mdp = TabularMDP(P, np.full((2, 3), 0.25), H=3)
    np.testing.assert_array_equal(backward_induction(mdp).pi, 0)
    np.testing.assert_array_equal(backward_induction(mdp, maximize=False).pi, 0)


def test_best_fixed_policy_in_hindsight_is_optimal_on_summed_losses():
    rng = np.random.default_rng(5)
    mdp = random_tabular(rng, S=2, A=2, H=2)
    losses = rng.uniform(size=(30, mdp.H, mdp.S, mdp.A))
    best = best_fixed_policy(mdp, losses.sum(0))
    totals = []
    for flat in itertools.product(range(mdp.A), repeat=mdp.H * mdp.S):
        pi = np.array(flat).reshape(mdp.H, mdp.S)
        totals.append(sum(policy_evaluation(mdp, pi, r=l).value for l in losses))
    assert abs(best.value - min(totals)) < 1e-9


def test_riverswim_optimal_policy_swims_right():
    plan = backward_induction(riverswim(S=6, H=40))
    assert np.all(plan.pi[0] == 1)


def test_policy_input_validation():
    mdp = random_tabular(np.random.default_rng(0), 3, 2, 2)
    with pytest.raises(ValueError, match="pi must have shape"):
        policy_evaluation(mdp, np.ones((2, 3, 3)) / 3)
    with pytest.raises(ValueError, match="probability vectors"):
        policy_evaluation(mdp, np.ones((2, 3, 2)))
    with pytest.raises(ValueError, match="r must have shape"):
        backward_induction(mdp, r=np.ones((5, 3, 2)))
    np.testing.assert_array_equal(greedy_as_stochastic(np.array([[1, 0]]), 2), [[[0, 1], [1, 0]]])


@pytest.mark.skipif(os.environ.get("NUMBA_DISABLE_JIT") == "1", reason="already running without JIT")
def test_planning_suite_passes_without_jit():
    """Design rule 2: the planning tests also pass with NUMBA_DISABLE_JIT=1."""
    env = dict(os.environ, NUMBA_DISABLE_JIT="1")
    out = subprocess.run([sys.executable, "-m", "pytest", "-q", "-x", __file__, "-p", "no:cacheprovider",
                          "-k", "not without_jit"], env=env, capture_output=True, text=True, timeout=600)
    assert out.returncode == 0, out.stdout[-3000:] + out.stderr[-3000:]
