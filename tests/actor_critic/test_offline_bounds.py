"""Offline data, concentrability, instances, bounds and the cell function."""
import itertools
import math

import numpy as np
import pytest

from theorylab.algorithms.actor_critic import bounds
from theorylab.algorithms.actor_critic.offline import OfflineData, behaviour_policy, collect, concentrability
from theorylab.algorithms.actor_critic.tasks import parse_algorithm, run_cell
from theorylab.planning.dp import backward_induction, occupancy
from theorylab.problems import random_tabular, riverswim
from theorylab.problems.actor_critic import dead_lock, sparse_linear_mdp
from theorylab.rng import cell_streams

g = np.random.default_rng


@pytest.mark.parametrize("kind", ["opt", "unif", "bad", "mix"])
def test_behaviour_policies_are_stochastic(kind):
    mdp = random_tabular(g(0), 4, 3, 3)
    pi = behaviour_policy(mdp, kind, 0.3)
    assert pi.shape == (3, 4, 3) and np.all(pi >= 0)
    np.testing.assert_allclose(pi.sum(-1), 1.0)


def test_concentrability_by_brute_force_over_trajectories():
    """c*_off from occupancies equals the ratio computed by enumerating every trajectory."""
    mdp = random_tabular(g(1), 3, 2, 3)
    pi_b = behaviour_policy(mdp, "mix", 0.4)
    star = np.zeros_like(pi_b)
    np.put_along_axis(star, backward_induction(mdp).pi[..., None], 1.0, -1)
    S, A, H = 3, 2, 3

    def occ(pi):
        q = np.zeros((H, S, A))
        for traj in itertools.product(range(S), range(A), range(S), range(A), range(S), range(A)):
            s, a = traj[0::2], traj[1::2]
            p = mdp.mu0[s[0]]
            for h in range(H):
                p *= pi[h, s[h], a[h]] * (mdp.P_at(h)[s[h], a[h], s[h + 1]] if h + 1 < H else 1.0)
            for h in range(H):
                q[h, s[h], a[h]] += p
        return q

    d_star, mu = occ(star), occ(pi_b)
    on = d_star > 0
    assert concentrability(mdp, pi_b) == pytest.approx(np.max(d_star[on] / mu[on]), rel=1e-10)
    assert concentrability(mdp, star) == pytest.approx(1.0)


def test_concentrability_is_infinite_without_coverage():
    mdp = dead_lock(3, 2, np.array([1, 0, 1]))
    pi = np.zeros((3, 4, 2))
    pi[..., 0] = 1.0  # always action 0: misses a*_0 = 1
    assert math.isinf(concentrability(mdp, pi))


def test_collect_matches_occupancy_statistically():
    """Empirical visit frequencies of 4000 trajectories lie within 5 binomial SDs of mu_h."""
    mdp = riverswim(4, 4)
    pi = behaviour_policy(mdp, "unif")
    data = collect(mdp, pi, 4000, g(3))
    mu = occupancy(mdp, pi)
    emp = np.zeros_like(mu)
    for h in range(4):
        np.add.at(emp[h], (data.s[:, h], data.a[:, h]), 1.0 / 4000)
    sd = np.sqrt(mu * (1 - mu) / 4000) + 1e-12
    assert np.all(np.abs(emp - mu) <= 5 * sd + 1e-9)
    assert data.head(10).N == 10


def test_offline_data_validation():
    z = np.zeros((2, 3), np.int64)
    with pytest.raises(ValueError, match="a must have shape"):
        OfflineData(z, np.zeros((2, 2)), np.zeros((2, 3)), z)
    with pytest.raises(ValueError, match="non-negative"):
        OfflineData(z - 1, z, np.zeros((2, 3)), z)
    with pytest.raises(ValueError, match="behaviour"):
        behaviour_policy(riverswim(3, 2), "worst")


def test_dead_lock_values():
    key = np.array([2, 0, 1, 3])
    mdp = dead_lock(4, 4, key)
    plan = backward_induction(mdp)
    assert plan.value == pytest.approx(1.0)
    np.testing.assert_array_equal(plan.pi[np.arange(4), np.arange(4)], key)
    with pytest.raises(ValueError, match="key"):
        dead_lock(4, 4, np.array([0, 1, 2, 4]))


def test_sparse_linear_mdp_is_valid():
    mdp = sparse_linear_mdp(g(2), 10, 3, 4, 3)
    assert mdp.phi.min() >= 0 and np.linalg.norm(mdp.phi, axis=-1).max() <= 1 + 1e-12
    with pytest.raises(ValueError, match="d >= 2"):
        sparse_linear_mdp(g(2), 10, 3, 1, 3)


def test_switch_bound_values():
    b = bounds.switch_count(10, S=6, A=2)
    assert b.evaluate(np.array([1.0, 1024.0])) == pytest.approx([121.0, 120 * 11 + 1])
    b = bounds.switch_count(5, d=4, lam=1.0)
    assert b.evaluate(np.array([12.0]))[0] == pytest.approx(5 * 4 * 2 + 1)
    with pytest.raises(ValueError, match="S and A"):
        bounds.switch_count(5)


@pytest.mark.parametrize("factory", [lambda: bounds.nora_regret(12, 10, 2), lambda: bounds.douhua_regret(12, 10, 2),
                                     lambda: bounds.hybrid_regret(12, 10, 2, 3.0, 100)])
def test_rate_bounds_are_rate_only_reconstructions_with_sqrt_like_slope(factory):
    b = factory()
    assert b.reconstruction and not b.explicit_constants
    K = np.geomspace(1e3, 1e5, 10)
    slope = np.polyfit(np.log(K), np.log(b.rate(K)), 1)[0]
    assert 0.5 <= slope <= 1.0
    with pytest.raises(ValueError):
        b.evaluate(K)


def test_offline_bound_slope_and_validation():
    b = bounds.offline_init_subopt(2.0, 5, 3)
    N = np.array([10.0, 1000.0])
    assert np.polyfit(np.log(N), np.log(b.rate(N)), 1)[0] == pytest.approx(-0.5)
    with pytest.raises(ValueError, match="c_off"):
        bounds.offline_init_subopt(0.0, 5, 3)


def test_parse_algorithm_and_run_cell():
    assert parse_algorithm("nora@300") == ("nora", 300)
    with pytest.raises(ValueError, match="unknown"):
        parse_algorithm("sac")
    with pytest.raises(ValueError, match="non-negative"):
        parse_algorithm("nora@-3")
    st = {"instance": "riverswim", "S": 4, "H": 4, "K": 60, "c_b": 0.1, "behaviour": "unif", "n_off_max": 20}
    s = cell_streams(0, "t", 0, 0)
    a, b = run_cell(st, "nora@20", s), run_cell(st, "nora@20", s)
    for k in a:
        np.testing.assert_array_equal(a[k], b[k])
    assert a["pseudo"].shape == a["checkpoints"].shape and a["decomp_err"][0] <= 1e-9
    with pytest.raises(ValueError, match="behaviour"):
        run_cell({"instance": "riverswim", "H": 4, "K": 5}, "nora@3", s)
    with pytest.raises(ValueError, match="offline"):
        run_cell(st, "ucbvi@5", s)
