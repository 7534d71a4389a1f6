"""RobustLinearMDP validation and the instances of spec §4.3 and §5.1."""
import numpy as np
import pytest

from theorylab.planning import policy_evaluation
from theorylab.planning.robust import robust_optimal
from theorylab.problems.robust import (RobustLinearMDP, random_drmdp, random_tabular_robust,
                                       simulated_linear_mdp, simulated_test_env, switching_radius)


@pytest.fixture
def parts():
    m = random_drmdp(np.random.default_rng(0), 6, 3, 4, 3, 0.2)
    return m.phi, m.mu, m.theta


def test_radii_outside_unit_interval(parts):
    phi, mu, theta = parts
    for bad in (-0.1, 1.5):
        with pytest.raises(ValueError, match=r"rho \(TV radii\) must lie in \[0, 1\]"):
            RobustLinearMDP(phi, mu, theta, bad)
    with pytest.raises(ValueError, match="rho must be a finite scalar or have shape"):
        RobustLinearMDP(phi, mu, theta, np.zeros((2, 2)))


def test_features_off_simplex(parts):
    phi, mu, theta = parts
    bad = phi.copy()
    bad[0, 0] *= 1.1
    with pytest.raises(ValueError, match="phi must lie on the simplex"):
        RobustLinearMDP(bad, mu, theta, 0.1)
    neg = phi.copy()
    neg[1, 1, :2] = [1.2, -0.2] + 0 * neg[1, 1, :2]
    neg[1, 1, 2:] = 0.0
    with pytest.raises(ValueError, match="phi must lie on the simplex"):
        RobustLinearMDP(neg, mu, theta, 0.1)


def test_kernel_not_phi_mu(parts):
    phi, mu, theta = parts
    m = RobustLinearMDP(phi, mu, theta, 0.1)
    ok = RobustLinearMDP.from_kernel(phi, m.P, theta, 0.1, fail_state=m.S - 1)
    assert np.allclose(ok.P, m.P, atol=1e-10)
    P = m.P.copy()
    P[0, 0, 0] = np.roll(P[0, 0, 0], 1)
    with pytest.raises(ValueError, match="is not phi @ mu"):
        RobustLinearMDP.from_kernel(phi, P, theta, 0.1)


def test_bad_factors_theta_and_fail_state(parts):
    phi, mu, theta = parts
    with pytest.raises(ValueError, match="rows of mu"):
        RobustLinearMDP(phi, mu * 1.01, theta, 0.1)
    with pytest.raises(ValueError, match="theta must lie in"):
        RobustLinearMDP(phi, mu, theta + 1.0, 0.1)
    with pytest.raises(ValueError, match="must be absorbing with zero reward"):
        RobustLinearMDP(phi, mu, theta, 0.1, fail_state=0)


def test_instances_are_valid():
    rng = np.random.default_rng(3)
    m2 = random_drmdp(rng, 20, 4, 8, 5, 0.3)
    assert m2.fail_state == 19 and m2.rho.shape == (5, 8)
    m3 = random_tabular_robust(rng, 10, 4, 5, 0.3)
    assert m3.d == 40 and np.allclose(m3.P.reshape(5, 40, 10), m3.mu)
    m1 = simulated_linear_mdp(0.1, 0.3)
    assert (m1.S, m1.A, m1.d, m1.H) == (5, 16, 4, 3) and m1.rho[0, 3] == 0.3 and m1.rho.sum() == 0.3


@pytest.mark.parametrize("xi", [0.1, 0.2])
def test_switching_radius_matches_robust_dp(xi):
    """The robust optimum at x1 plays p_max (action 15) below rho* and p_min (0) above."""
    rs = switching_radius(xi)
    assert rs == pytest.approx({0.1: 0.481, 0.2: 0.376}[xi], abs=1e-3)
    m = simulated_linear_mdp(xi, 0.0)
    assert robust_optimal(m.with_rho(_r(rs - 1e-3))).pi[0, 0].argmax() == 15
    assert robust_optimal(m.with_rho(_r(rs + 1e-3))).pi[0, 0].argmax() == 0


def _r(rho):
    r = np.zeros((3, 4))
    r[0, 3] = rho
    return r


def test_test_env_return_equals_robust_value_without_leak():
    """Spec §5.1: the q-perturbation sits on the factor-4 ball of radius q (stage-0 leak removed)."""
    for q in (0.0, 0.4, 0.9):
        env = simulated_test_env(0.1, q)
        m = simulated_linear_mdp(0.1, q)
        mu = m.mu.copy()
        mu[0, 0] = np.eye(5)[1]
        m = m.with_mu(mu)
        opt = robust_optimal(m)
        assert policy_evaluation(env, opt.pi).value == pytest.approx(opt.value, abs=1e-12)


def test_american_put_lattice_and_features():
    from theorylab.planning import backward_induction
    from theorylab.problems.robust import american_put, american_put_env
    model, env = american_put(0.5, d=6)
    assert env.S == model.S == 232 and model.d == 13 and model.fail_state == 231
    assert np.allclose(model.phi.sum(-1), 1.0)
    # exercising at the start pays max(0, K - s0)/K = 0 at the money; the lattice value is the
    # exact American put price (scaled), decreasing in the up-move probability
    vals = [backward_induction(american_put_env(p)).value for p in (0.2, 0.5, 0.8, 1.0)]
    assert np.all(np.diff(vals) < 0) and vals[-1] == pytest.approx(0.0, abs=1e-15)
    assert vals[1] == pytest.approx(0.0352, abs=5e-4)
    # linearised exercise reward: hat interpolation of a (1/K)-Lipschitz payoff errs by at most
    # Delta/K inside the anchors, and clamping prices below c_0 = 80 by (80 - min price)/K
    err = np.abs(model.r[0, :-1, 1] - env.r[:-1, 1]).max()
    assert 0 < err <= max(100 / 6, 80 - 100 * 0.98**20) / 100 + 1e-12
    with pytest.raises(ValueError, match="up-move probability"):
        american_put_env(1.5)
