"""O-REPS (Zimin & Neu 2013), full information: projection kernel vs scipy/cvxpy, occupancy
invariants, kernel run vs numpy run, and the deterministic OMD regret bound on every seed."""
import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from theorylab.algorithms.adversarial_linear import pseudo_regret
from theorylab.algorithms.adversarial_linear.bounds import oreps_fullinfo
from theorylab.algorithms.adversarial_linear.oreps import (OREPSConfig, initial_occupancy, omd_regret_bound,
                                                           oreps_project_cvxpy, oreps_project_numpy,
                                                           oreps_run_numpy, run_oreps)
from theorylab.kernels.adversarial_linear_oreps import oreps_project, oreps_run, reachable_mask
from theorylab.planning import best_fixed_policy, occupancy
from theorylab.problems.adversarial import AdversarialMDP, linear_instance, make_losses, tabular_instance
from theorylab.regret.trace import log_checkpoints
from theorylab.rng import cell_streams


def _sparse_P(rng, H, S, A, drop):
    """Random layered kernel with exact zeros (some slots unreachable)."""
    P = rng.dirichlet(np.ones(S), size=(H, S, A)) * (rng.uniform(size=(H, S, A, S)) > drop)
    top = rng.integers(S, size=(H, S, A))
    P[np.arange(H)[:, None, None], np.arange(S)[None, :, None], np.arange(A)[None, None, :], top] += 0.1
    return P / P.sum(-1, keepdims=True)


def _random_occupancy(rng, P):
    """Occupancy of a random policy with full support (so its support = the reachable pairs)."""
    H, S, A, _ = P.shape
    pi = rng.dirichlet(np.ones(A), size=(H, S))
    q, mu = np.zeros((H, S, A)), np.zeros(S)
    mu[0] = 1.0
    for h in range(H):
        q[h] = mu[:, None] * pi[h]
        mu = np.einsum("sa,sat->t", q[h], P[h])
    return q


def _flow_violation(P, q):
    inflow = np.einsum("hsa,hsat->ht", q[:-1], P[:-1])
    start = np.zeros(q.shape[1])
    start[0] = 1.0
    return max(np.abs(q[0].sum(-1) - start).max(), np.abs(q[1:].sum(-1) - inflow).max(initial=0.0))


@pytest.mark.parametrize("seed", range(4))
def test_projection_matches_scipy_and_cvxpy(seed):
    rng = np.random.default_rng(seed)
    H, S, A = (int(x) for x in rng.integers(1, 4, size=3)) if seed else (3, 3, 2)
    P = _sparse_P(rng, H, S, max(A, 2), 0.3)
    q = _random_occupancy(rng, P)
    ell, eta = rng.uniform(size=q.shape), float(10 ** rng.uniform(-1, 0.5))
    got, it = oreps_project(P, q, ell, eta)
    assert it >= 1
    np.testing.assert_allclose(got, oreps_project_numpy(P, q, ell, eta), atol=1e-10, rtol=0)
    np.testing.assert_allclose(got, oreps_project_cvxpy(P, q, ell, eta), atol=1e-6, rtol=0)


@settings(max_examples=60, deadline=None)
@given(st.integers(0, 2**32 - 1), st.integers(1, 4), st.integers(1, 4), st.integers(1, 4),
       st.floats(0.0, 0.7), st.floats(1e-3, 5.0))
def test_projection_is_an_occupancy_measure(seed, H, S, A, drop, eta):
    rng = np.random.default_rng(seed)
    P = _sparse_P(rng, H, S, A, drop)
    q = _random_occupancy(rng, P)
    new, _ = oreps_project(P, q, rng.uniform(size=q.shape), eta)
    assert new.min() >= 0.0
    assert _flow_violation(P, new) <= 1e-10
    np.testing.assert_allclose(new.sum((1, 2)), 1.0, atol=1e-10)
    assert np.all((new > 0) == (q > 0))  # the support is the reachable set, kept by the update
    same, it = oreps_project(P, q, np.zeros_like(q), eta)  # zero loss: q is feasible, so it is its own projection
    np.testing.assert_allclose(same, q, atol=1e-12, rtol=0)


def test_projection_decreases_the_objective_against_feasible_points():
    """Optimality against a cloud of other occupancy measures (independent of any solver)."""
    rng = np.random.default_rng(11)
    P = _sparse_P(rng, 3, 3, 3, 0.2)
    q, ell, eta = _random_occupancy(rng, P), rng.uniform(size=(3, 3, 3)), 0.8

    def objective(x):
        m = x > 0
        return eta * np.sum(x * ell) + np.sum(x[m] * np.log(x[m] / q[m])) - x.sum() + q.sum()

    best = objective(oreps_project(P, q, ell, eta)[0])
    others = [objective(_random_occupancy(rng, P)) for _ in range(200)]
    assert best <= min(others)


def test_initial_occupancy_has_maximum_entropy_and_bounded_divergence():
    rng = np.random.default_rng(3)
    P = _sparse_P(rng, 3, 4, 3, 0.4)
    q1 = initial_occupancy(P)
    assert _flow_violation(P, q1) <= 1e-10
    assert np.all((q1 > 0) == np.repeat(reachable_mask(P)[:, :, None], 3, axis=2))
    ent = lambda x: -np.sum(x[x > 0] * np.log(x[x > 0]))  # noqa: E731
    assert all(ent(q1) >= ent(_random_occupancy(rng, P)) for _ in range(100))
    n_h = (q1 > 0).sum((1, 2))
    for _ in range(20):  # D(q || q1) <= sum_h ln n_h for every occupancy q (first-order optimality)
        q = _random_occupancy(rng, P)
        m = q > 0
        assert np.sum(q[m] * np.log(q[m] / q1[m])) <= np.log(n_h).sum() + 1e-12


@pytest.mark.parametrize("H,S,A,d,inst", [(3, 3, 2, 0, "tab"), (2, 4, 3, 3, "lin")])
def test_kernel_run_matches_numpy_run(H, S, A, d, inst):
    rng = np.random.default_rng(7)
    P, phi = tabular_instance(rng, H, S, A) if inst == "tab" else linear_instance(rng, H, S, A, d)
    G = make_losses(rng, phi, 40, "block")
    u_act, u_env = rng.uniform(size=(2, 40, H))
    q1 = initial_occupancy(P)
    out = oreps_run(P, phi, G, q1, 0.4, 1e-12, 100, u_act, u_env)
    values, returns = oreps_run_numpy(P, phi, G, q1, 0.4, u_act, u_env)
    np.testing.assert_allclose(out[0], values, atol=1e-9, rtol=0)
    np.testing.assert_allclose(out[1], returns, atol=1e-12, rtol=0)
    assert out[3].max() <= 1e-12 and out[2].min() >= 1


def test_played_policy_reproduces_the_occupancy():
    """V^{pi_k}_k(s_1) by DP on pi_k = q_k / q_k(s) equals <q_k, l_k> and occupancy(pi_k) = q_k."""
    rng = np.random.default_rng(2)
    P, phi = tabular_instance(rng, 3, 3, 3)
    G = make_losses(rng, phi, 6, "iid")
    prob = AdversarialMDP(P, phi, G)
    out = oreps_run(P, phi, G, initial_occupancy(P), 0.9, 1e-12, 100, *rng.uniform(size=(2, 6, 3)))
    q, mdp = initial_occupancy(P), prob.tabular()
    for k, ell in enumerate(prob.losses()):
        pi = np.where(q.sum(-1, keepdims=True) > 0, q / np.maximum(q.sum(-1, keepdims=True), 1e-300), 1 / 3)
        np.testing.assert_allclose(occupancy(mdp, pi), q, atol=1e-13)
        assert abs(out[0][k] - np.sum(q * ell)) <= 1e-12
        assert abs(out[6][k] - np.sum(q * ell**2)) <= 1e-12
        q = oreps_project(P, q, ell, 0.9)[0]


def _regret_case(inst, kind, seed, K, config=OREPSConfig()):
    streams = cell_streams(0, "oreps-test", 0, seed)
    rng = streams.instance
    P, phi = tabular_instance(rng, 3, 3, 3) if inst == "tab" else linear_instance(rng, 3, 4, 4, 3)
    prob = AdversarialMDP(P, phi, make_losses(rng, phi, K, kind))
    return prob, run_oreps(prob, config, streams)


@pytest.mark.parametrize("inst", ["tab", "lin"])
@pytest.mark.parametrize("kind", ["switch", "iid", "block"])
def test_regret_respects_the_deterministic_bound_on_every_seed(inst, kind):
    K = 600
    for seed in range(5):
        prob, res = _regret_case(inst, kind, seed, K)
        eta = res.params["eta"]
        cp = log_checkpoints(K, 10)
        reg = pseudo_regret(prob, res.values, cp)
        # the inequality holds for every prefix at the run's eta
        assert np.all(reg <= prob.H * np.log(prob.S * prob.A) / eta + eta * prob.H * cp / 2)
        assert reg[-1] <= oreps_fullinfo(prob.H, prob.S, prob.A).evaluate([K])[0]
        # the tighter data-dependent form, with the exact comparator occupancy
        best = best_fixed_policy(prob.tabular(), prob.cumulative_losses([K])[0])
        q_star = occupancy(prob.tabular(), best.pi)
        tight = omd_regret_bound(q_star, res.params["q1"], eta, res.diagnostics["second_moment"])
        assert reg[-1] <= tight
        assert res.diagnostics["dual_residual"].max() <= 1e-12


def test_uniform_policy_start_respects_the_data_dependent_bound():
    prob, res = _regret_case("tab", "switch", 1, 400, OREPSConfig(init="uniform_policy"))
    best = best_fixed_policy(prob.tabular(), prob.cumulative_losses([400])[0])
    q_star = occupancy(prob.tabular(), best.pi)
    reg = pseudo_regret(prob, res.values, [400])[0]
    assert reg <= omd_regret_bound(q_star, res.params["q1"], res.params["eta"], res.diagnostics["second_moment"])


def test_switch_regret_is_sublinear_and_not_trivially_small():
    """On ADV-SWITCH the learner must pay something (the bound is not checked against zero)
    yet far less than UNIF-like linear regret; regret/bound is reported in the status note."""
    prob, res = _regret_case("tab", "switch", 0, 2000)
    reg = pseudo_regret(prob, res.values, [1000, 2000])
    assert reg[1] > 0 and reg[1] < 0.1 * 2000


def test_bound_metadata_and_value():
    b = oreps_fullinfo(3, 4, 5)
    assert not b.reconstruction and b.explicit_constants
    np.testing.assert_allclose(b.evaluate([100, 400]), 3 * np.sqrt(2 * np.array([100, 400]) * np.log(20)), rtol=1e-12)


def test_config_validation_and_failure_is_reported():
    for kw, msg in [({"eta": -1.0}, "eta must"), ({"eta_scale": 0.0}, "eta_scale must"), ({"init": "x"}, "init must"),
                    ({"tol": 1e-3}, "tol must"), ({"max_iter": 0}, "max_iter must")]:
        with pytest.raises(ValueError, match=msg):
            OREPSConfig(**kw)
    prob, _ = _regret_case("tab", "switch", 0, 5)
    with pytest.raises(RuntimeError, match="did not converge in episode 0"):
        run_oreps(prob, OREPSConfig(eta=5.0, max_iter=1), cell_streams(0, "x", 0, 0))
    with pytest.raises(TypeError, match="AdversarialMDP"):
        run_oreps(object(), OREPSConfig(), cell_streams(0, "x", 0, 0))


def test_run_cell_registers_oreps_next_to_fullinfo():
    from theorylab.algorithms.adversarial_linear.tasks import ALGORITHMS, make_config, run_cell

    assert "FULLINFO" in ALGORITHMS and "O-REPS" in ALGORITHMS
    setting = {"instance": "tab", "H": 3, "S": 3, "A": 2, "adversary": "switch", "K": 256, "cov_mode": "mgr",
               "eta_scale": 0.5}
    assert make_config("O-REPS", setting) == OREPSConfig(eta_scale=0.5)
    out = run_cell(setting, "O-REPS", cell_streams(0, "oreps-cell", 0, 1))
    assert out["checkpoints"][-1] == 256 and out["pseudo"].shape == out["checkpoints"].shape
    assert out["pseudo"][-1] <= oreps_fullinfo(3, 3, 2, eta_scale=0.5).evaluate([256])[0]
    assert float(out["eta"]) == OREPSConfig(eta_scale=0.5).learning_rate(256, 3, 2)


def test_one_state_oreps_is_hedge_even_far_below_the_smallest_double():
    """H = S = 1: O-REPS is Hedge, pi_k ∝ exp(-eta * cumulative loss).  With eta K large the bad
    arms' probabilities drop to ~exp(-3000); a linear-domain q would round them to 0 or to the
    subnormal floor (and then 'forget' after the switch).  The log-domain kernel must match the
    closed form on every episode."""
    rng = np.random.default_rng(4)
    A, K, eta = 4, 3000, 3.0
    P, phi = np.ones((1, 1, A, 1)), np.eye(A).reshape(1, 1, A, A)
    G = make_losses(rng, phi, K, "switch")
    ell = G[:, 0, :]
    out = oreps_run(P, phi, G, np.full((1, 1, A), 1 / A), eta, 1e-12, 100, *rng.uniform(size=(2, K, 1)))
    cum = np.vstack([np.zeros(A), np.cumsum(ell, 0)[:-1]])
    logits = -eta * cum
    pi = np.exp(logits - logits.max(1, keepdims=True))
    pi /= pi.sum(1, keepdims=True)
    # each episode adds eta l to log-weights of size up to eta * max(cum): K rounding errors of that size
    roundoff = K * np.finfo(float).eps * eta * cum.max()
    np.testing.assert_allclose(out[0], (pi * ell).sum(1), atol=roundoff, rtol=0)
    assert eta * np.ptp(cum, axis=1).max() > 1000  # the test really goes below exp(-745)


def test_rarely_reached_state_keeps_an_exact_policy():
    """A slot reached with probability exp(-2000) still gets its exact update: in the last layer
    pi'(.|s) ∝ pi(.|s) exp(-eta l(s, .)) (Hedge, v_H = 0), and its mass equals its in-flow."""
    P = np.zeros((2, 2, 2, 2))
    P[0, 0, 0, 0] = P[0, 0, 1, 1] = 1.0
    P[0, 1, :, 0] = P[1, :, :, 0] = 1.0
    lq = np.full((2, 2, 2), -np.inf)
    lq[0, 0] = [np.log1p(-np.exp(-2000.0)), -2000.0]
    lq[1, 0] = np.log([0.5, 0.5]) + lq[0, 0, 0]
    lq[1, 1] = np.log([0.3, 0.7]) - 2000.0
    ell, eta = np.array([[[0.2, 0.9], [0.0, 0.0]], [[0.4, 0.1], [0.8, 0.05]]]), 1.5
    new, _ = oreps_project(P, lq, ell, eta, log=True)
    assert np.all(np.isfinite(new[0, 0])) and np.all(np.isfinite(new[1, 1]))
    hedge = np.log([0.3, 0.7]) - eta * ell[1, 1]
    np.testing.assert_allclose(new[1, 1] - np.logaddexp(*new[1, 1]), hedge - np.logaddexp(*hedge), atol=1e-12)
    assert abs(np.logaddexp(*new[1, 1]) - new[0, 0, 1]) <= 1e-12  # relative flow conservation
    assert -2010 < new[0, 0, 1] < -1990
