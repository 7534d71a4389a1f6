"""Simulator-free learners (Algorithm 3 reconstruction, LUO21-SF): configs, LSPE bonus, bookkeeping."""
import itertools
import math

import numpy as np
import pytest

from theorylab.algorithms.adversarial_linear import (LBPOLinMDPConfig, LUO21SimFreeConfig, UniformConfig,
                                                     pseudo_regret, run, run_simulator_free)
from theorylab.algorithms.adversarial_linear.simulator_free import lspe_bonus
from theorylab.kernels.adversarial_linear_simfree import simfree_run
from theorylab.problems.adversarial import AdversarialMDP, linear_instance, make_losses, tabular_instance
from theorylab.rng import cell_streams


def _problem(K=600, seed=0, H=2, S=3, A=4, d=3, kind="lb"):
    rng = np.random.default_rng(seed)
    P, phi = linear_instance(rng, H, S, A, d)
    return AdversarialMDP(P, phi, make_losses(rng, phi, K, kind, gap=0.2))


def test_experimental_flag_is_required_and_fields_validated():
    with pytest.raises(ValueError, match="experimental"):
        LBPOLinMDPConfig()
    with pytest.raises(ValueError, match="eta_pow"):
        LBPOLinMDPConfig(experimental=True, eta_pow=2.0)
    with pytest.raises(ValueError, match="beta_coef"):
        LUO21SimFreeConfig(experimental=True, beta_coef=0.0)
    with pytest.raises(ValueError, match="cov_mode"):
        LBPOLinMDPConfig(experimental=True, cov_mode="exact")


def test_schedule_is_k_powers():
    K, H = 4096, 2
    p = LBPOLinMDPConfig(experimental=True).parameters(K, H)
    assert p["W"] == 16 and p["T0"] == 256 and p["solver"] == "log_barrier"
    assert math.isclose(p["delta"], K ** (-1 / 9)) and math.isclose(p["gamma"], K ** (-1 / 3))
    assert math.isclose(p["eta"], K ** (-2 / 3)) and math.isclose(p["beta"], K ** (-1 / 3))
    q = LUO21SimFreeConfig(experimental=True).parameters(K, H)
    assert q["solver"] == "exp_weights" and q["cov_mode"] == "mgr"
    assert math.isclose(q["delta"], K ** (-1 / 15))
    assert q["gamma"] >= 2 * q["eta"] * q["W"] * H and q["mgr_step"] * (1 + q["gamma"]) <= 1 + 1e-12


def test_lspe_bonus_is_exact_with_expected_targets():
    """Linear MDP: weighted regression on every (a0, s1, a1) with weight P(s1 | 0, a0) recovers
    the exact dilated bonus of spec §3.0(c) (ridge -> 0, rho = 0, no cap)."""
    rng = np.random.default_rng(3)
    H, S, A, d = 2, 3, 4, 3
    P, phi = linear_instance(rng, H, S, A, d)
    pi = rng.dirichlet(np.ones(A), size=(H, S))
    b = rng.uniform(0, 1, size=(H, S, A))
    trips = list(itertools.product(range(A), range(S), range(A)))
    states = np.array([[0, s1] for a0, s1, a1 in trips])
    actions = np.array([[a0, a1] for a0, s1, a1 in trips])
    w = np.array([P[0, 0, a0, s1] / A for a0, s1, a1 in trips])
    got = lspe_bonus(phi, pi, b, states, actions, ridge=1e-12, rho=0.0, b_max=np.inf, weights=w)
    # the dilated-bonus recursion of spec §3.0(c) applied to the same b
    ref = np.zeros_like(b)
    ref[1] = b[1]
    ref[0] = b[0] + (1 + 1 / H) * P[0] @ (pi[1] * ref[1]).sum(-1)
    np.testing.assert_allclose(got, ref, rtol=1e-8, atol=1e-9)


def test_lspe_bonus_cap_and_optimism():
    rng = np.random.default_rng(4)
    P, phi = linear_instance(rng, 2, 3, 4, 3)
    pi = np.full((2, 3, 4), 0.25)
    b = rng.uniform(0, 1, size=(2, 3, 4))
    st, ac = np.zeros((50, 2), np.int64), rng.integers(0, 4, size=(50, 2))
    st[:, 1] = rng.integers(0, 3, size=50)
    lo = lspe_bonus(phi, pi, b, st, ac, 1.0, 0.0, np.inf)
    hi = lspe_bonus(phi, pi, b, st, ac, 1.0, 5.0, np.inf)
    assert np.all(hi[0] > lo[0]) and np.array_equal(hi[1], lo[1])
    assert lspe_bonus(phi, pi, b, st, ac, 1.0, 5.0, 0.7).max() <= 0.7


def test_full_exploration_values_equal_uniform_policy():
    """delta_e = 1 plays the cover (uniform) everywhere: exact values equal UNIF's."""
    prob = _problem(K=90)
    cfg = LBPOLinMDPConfig(experimental=True, explore_pow=0.0, explore_coef=1.0)
    res = run_simulator_free(prob, cfg, cell_streams(0, "t", 0, 0))
    ref = run(prob, UniformConfig(), cell_streams(0, "t", 0, 0))
    np.testing.assert_allclose(res.values, ref.values, rtol=1e-12, atol=1e-12)
    assert res.values.shape == res.returns.shape == (90,)


@pytest.mark.parametrize("cfg", [LBPOLinMDPConfig(experimental=True), LUO21SimFreeConfig(experimental=True)],
                         ids=lambda c: c.name)
def test_runs_are_deterministic_and_bounded(cfg):
    prob = _problem()
    a = run_simulator_free(prob, cfg, cell_streams(0, "t", 0, 1))
    b = run_simulator_free(prob, cfg, cell_streams(0, "t", 0, 1))
    c = run_simulator_free(prob, cfg, cell_streams(0, "t", 0, 2))
    np.testing.assert_array_equal(a.values, b.values)
    assert not np.array_equal(a.returns, c.returns)
    assert np.all((a.values >= 0) & (a.values <= prob.H)) and np.all(np.isfinite(a.values))
    for v in a.diagnostics.values():
        assert v.shape == (prob.K,) and np.all(np.isfinite(v))
    reg = pseudo_regret(prob, a.values, [prob.K])[0]
    assert 0 <= reg <= prob.K * prob.H


def test_learner_beats_uniform_with_fast_schedule():
    """With a larger learning rate and little exploration the reconstruction learns: its exact
    pseudo-regret on a fixed-gap instance falls below the uniform policy's, paired over 4 seeds
    (the gap per seed is deterministic given the streams; this is a regression check of learning)."""
    prob = _problem(K=3000)
    cfg = LBPOLinMDPConfig(experimental=True, eta_coef=30.0, explore_coef=0.2, beta_coef=0.1)
    diff = []
    for seed in range(4):
        r = run_simulator_free(prob, cfg, cell_streams(1, "t", 0, seed))
        u = run(prob, UniformConfig(), cell_streams(1, "t", 0, seed))
        diff.append(pseudo_regret(prob, u.values, [prob.K])[0] - pseudo_regret(prob, r.values, [prob.K])[0])
    assert min(diff) > 0, diff


_KERNEL_CASES = {
    "LB-PO-LinMDP": LBPOLinMDPConfig(experimental=True),
    "LUO21-SF": LUO21SimFreeConfig(experimental=True),
    "LB-PO-LinMDP-fast-mgr": LBPOLinMDPConfig(experimental=True, eta_coef=30.0, explore_coef=0.2, beta_coef=0.1,
                                               cov_mode="mgr"),
    "LUO21-SF-direct-short-epochs": LUO21SimFreeConfig(experimental=True, cov_mode="direct", epoch_coef=0.3,
                                                       t0_coef=0.2, rho_coef=1.0),
}


def _kernel_problem(name, K):
    rng = np.random.default_rng(11)
    if name == "tab":  # one-hot features: the diagonal-covariance path of the shared inverse
        P, phi = tabular_instance(rng, 3, 3, 3)
    elif name == "lin-big":
        P, phi = linear_instance(rng, 3, 4, 6, 4)
    else:
        P, phi = linear_instance(rng, 2, 3, 4, 3)
    return AdversarialMDP(P, phi, make_losses(rng, phi, K, "switch" if name == "tab" else "lb", gap=0.2))


@pytest.mark.parametrize("inst,K", [("lin", 700), ("lin-big", 433), ("tab", 301)])
@pytest.mark.parametrize("key", sorted(_KERNEL_CASES))
def test_kernel_matches_numpy_reference(key, inst, K):
    """The one-call numba run equals the epoch-vectorised numpy reference (same uniforms) to 1e-9."""
    prob, cfg = _kernel_problem(inst, K), _KERNEL_CASES[key]
    a = run_simulator_free(prob, cfg, cell_streams(5, "k", 0, 3))
    b = run_simulator_free(prob, cfg, cell_streams(5, "k", 0, 3), backend="numpy")
    np.testing.assert_allclose(a.values, b.values, rtol=0, atol=1e-9)
    np.testing.assert_allclose(a.returns, b.returns, rtol=0, atol=1e-12)  # identical trajectories
    for n in b.diagnostics:
        np.testing.assert_allclose(a.diagnostics[n], b.diagnostics[n], rtol=1e-9, atol=1e-9, err_msg=n)
    assert a.params == b.params
    # the run learned something (otherwise the comparison would be vacuous)
    assert a.diagnostics["max_abs_qhat"].max() > 0 and a.diagnostics["min_pi"].min() < 1 / prob.A


def test_kernel_rejects_bad_shapes_and_backend():
    prob = _kernel_problem("lin", 50)
    cfg = LBPOLinMDPConfig(experimental=True)
    prm = dict(cfg.parameters(50, 2), ridge=1.0, b_cap=3.0)
    with pytest.raises(ValueError, match="u must have shape"):
        simfree_run(prob.P, prob.phi, prob.G, np.zeros((50, 2)), np.zeros(50, bool), prm["T0"], prm,
                    "log_barrier", False)
    with pytest.raises(ValueError, match="backend"):
        run_simulator_free(prob, cfg, cell_streams(0, "t", 0, 0), backend="cupy")
    with pytest.raises(ValueError, match="bonus_cap"):
        LBPOLinMDPConfig(experimental=True, bonus_cap=0.0)
