"""LSVI-UCB: kernel vs numpy reference, validation, determinism, the theorem's beta."""
import math

import numpy as np
import pytest

from theorylab.algorithms.baselines import LSVIUCBConfig, lsvi_ucb, lsvi_ucb_beta, lsvi_ucb_numpy
from theorylab.planning import backward_induction, policy_evaluation
from theorylab.problems import random_linear_mdp, riverswim, tabular_as_linear


def _mdp(seed=0, S=10, A=3, d=4, H=5):
    return random_linear_mdp(np.random.default_rng(seed), S, A, d, H)


@pytest.mark.parametrize("beta_c", [1.0, 0.1, 0.01, 0.0])
@pytest.mark.parametrize("lam", [1.0, 0.3])
def test_kernel_matches_numpy_reference(beta_c, lam):
    mdp, cfg = _mdp(), LSVIUCBConfig(beta_c=beta_c, lam=lam)
    a = lsvi_ucb(mdp, 300, cfg, np.random.default_rng(4))
    b = lsvi_ucb_numpy(mdp, 300, cfg, np.random.default_rng(4))
    assert np.array_equal(a.returns, b.returns)
    np.testing.assert_allclose(a.values, b.values, rtol=0, atol=1e-12)
    np.testing.assert_allclose(a.diagnostics["upper"], b.diagnostics["upper"], rtol=0, atol=1e-9)


@pytest.mark.parametrize("c2,clip", [(0.0, "v"), (5.0, "q"), (5.0, "v")])
def test_kernel_matches_numpy_with_peer_options(c2, clip):
    """The rlberry-convention options (quadratic bonus term, V-only clip) in kernel and reference."""
    mdp, cfg = _mdp(), LSVIUCBConfig(beta_c=0.01, bonus_quadratic=c2, clip=clip)
    a = lsvi_ucb(mdp, 300, cfg, np.random.default_rng(4))
    b = lsvi_ucb_numpy(mdp, 300, cfg, np.random.default_rng(4))
    assert np.array_equal(a.returns, b.returns)
    np.testing.assert_allclose(a.values, b.values, rtol=0, atol=1e-12)
    np.testing.assert_allclose(a.diagnostics["upper"], b.diagnostics["upper"], rtol=0, atol=1e-9)
    assert np.all(a.diagnostics["upper"] <= mdp.H)  # V is clipped at H under either convention


def test_peer_options_change_the_trajectory():
    """The options are not decorative: on the same uniforms each changes what is played."""
    mdp = tabular_as_linear(riverswim(4, 6))
    runs = [lsvi_ucb(mdp, 200, LSVIUCBConfig(beta=0.5, bonus_quadratic=c2, clip=clip), np.random.default_rng(1))
            for c2, clip in [(0.0, "q"), (6.0, "q"), (6.0, "v")]]
    assert not np.array_equal(runs[0].returns, runs[1].returns)
    assert not np.array_equal(runs[1].returns, runs[2].returns)


@pytest.mark.parametrize("clip", ["q", "v"])
def test_kernel_matches_numpy_on_one_hot_features(clip):
    mdp = tabular_as_linear(riverswim(4, 6))
    cfg = LSVIUCBConfig(beta=0.5, clip=clip, bonus_quadratic=6.0 if clip == "v" else 0.0)
    a = lsvi_ucb(mdp, 300, cfg, np.random.default_rng(1))
    b = lsvi_ucb_numpy(mdp, 300, cfg, np.random.default_rng(1))
    assert np.array_equal(a.returns, b.returns)
    np.testing.assert_allclose(a.values, b.values, rtol=0, atol=1e-12)
    assert np.unique(np.round(a.values, 9)).size > 2  # the policy changes: the comparison is not vacuous


@pytest.mark.parametrize("field,value", [("delta", 0.0), ("delta", 1.5), ("lam", 0.0), ("lam", -1.0),
                                         ("lam", float("inf")), ("beta", -0.1), ("beta", float("nan")),
                                         ("beta_c", -1.0), ("beta_c", float("inf")),
                                         ("bonus_quadratic", -1.0), ("bonus_quadratic", float("nan")),
                                         ("clip", "Q"), ("clip", 1)])
def test_config_rejects_bad_values_naming_field_and_value(field, value):
    with pytest.raises(ValueError) as err:
        LSVIUCBConfig(**{field: value})
    assert f"LSVIUCBConfig.{field}" in str(err.value) and repr(value) in str(err.value)


def test_run_rejects_bad_inputs():
    with pytest.raises(TypeError, match="LinearMDP"):
        lsvi_ucb(riverswim(4, 5), 10, LSVIUCBConfig(), np.random.default_rng(0))
    with pytest.raises(ValueError, match="K"):
        lsvi_ucb(_mdp(), 1.5, LSVIUCBConfig(), np.random.default_rng(0))


def test_beta_of_the_theorem_and_override():
    d, H, K = 4, 5, 1000
    iota = math.log(2 * d * K * H / 0.05)
    assert lsvi_ucb_beta(d, H, K, LSVIUCBConfig()) == pytest.approx(d * H * math.sqrt(iota))
    assert lsvi_ucb_beta(d, H, K, LSVIUCBConfig(beta_c=0.1)) == pytest.approx(0.1 * d * H * math.sqrt(iota))
    assert lsvi_ucb_beta(d, H, K, LSVIUCBConfig(beta=2.5, beta_c=7.0)) == 2.5


def test_same_generator_same_bits():
    mdp, cfg = _mdp(2), LSVIUCBConfig(beta_c=0.1)
    a, b = (lsvi_ucb(mdp, 200, cfg, np.random.default_rng(3)) for _ in range(2))
    c = lsvi_ucb(mdp, 200, cfg, np.random.default_rng(4))
    assert np.array_equal(a.values, b.values) and np.array_equal(a.returns, b.returns)
    assert not np.array_equal(a.returns, c.returns)


def test_values_never_exceed_the_optimum_and_first_episode_is_optimistic():
    mdp = _mdp(5)
    v_star = backward_induction(mdp.to_tabular()).value
    res = lsvi_ucb(mdp, 500, LSVIUCBConfig(), np.random.default_rng(0))
    assert np.all(res.values <= v_star + 1e-12)
    # before any data, Q_h = min(beta ||phi||_{I/lam}, H) = H for the theorem's beta
    assert res.diagnostics["upper"][0] == pytest.approx(mdp.H)


def test_exact_regression_identity_on_one_hot_features():
    """With one-hot features, lam -> 0 and beta = 0, LSVI-UCB's w is the empirical Bellman backup.

    After one episode each visited (h, s, a) has one sample; with lam = 1e-12 the ridge
    solution puts r + V(s') on that coordinate, so Q_h(s, a) = r(s, a) + V_{h+1}(s') there.
    """
    mdp = tabular_as_linear(riverswim(3, 3))
    res = lsvi_ucb(mdp, 2, LSVIUCBConfig(beta=0.0, lam=1e-12), np.random.default_rng(0))
    # episode 0 plans with no data: w = 0, Q = 0, greedy action 0 (left) everywhere, value 0.005 * 3
    assert res.values[0] == pytest.approx(0.015)
    # episode 1: the visited pairs (h, 0, 0) now have Q = 0.005 * (H - h) > 0 = unvisited, so it replays them
    assert res.values[1] == pytest.approx(0.015)
    assert res.diagnostics["upper"][1] == pytest.approx(0.015, rel=1e-9)


def _literal_lsvi_ucb(mdp, K, lam, beta, u, c2=0.0, clip="q"):
    """Jin et al. (2020) Algorithm 1 written literally: stored data, direct solves, O(k) work.

    ``c2`` adds c2 ||phi||^2_{Lambda^-1} to the bonus; ``clip="v"`` acts on the unclipped Q
    and clips only V = min(H, max_a Q) (the peer options of :class:`LSVIUCBConfig`).
    """
    from theorylab.algorithms.baselines._episode import episode_model, sample_index_numpy
    m = episode_model(mdp.to_tabular())
    H, S, A, d = mdp.H, mdp.S, mdp.A, mdp.d
    data = [[] for _ in range(H)]  # (s, a, r, s_next) per stage
    values, returns = np.empty(K), np.empty(K)
    for k in range(K):
        Q = np.zeros((H + 1, S, A))
        for h in range(H - 1, -1, -1):
            Lam = lam * np.eye(d) + sum((np.outer(mdp.phi[s, a], mdp.phi[s, a]) for s, a, _, _ in data[h]),
                                        np.zeros((d, d)))
            rhs = sum((mdp.phi[s, a] * (r + min(H, Q[h + 1, s2].max())) for s, a, r, s2 in data[h]), np.zeros(d))
            w = np.linalg.solve(Lam, rhs)
            Li = np.linalg.inv(Lam)
            width = np.sqrt(np.einsum("sad,de,sae->sa", mdp.phi, Li, mdp.phi))
            Q[h] = mdp.phi @ w + beta * width + c2 * width**2
            Q[h] = Q[h] if clip == "v" else np.minimum(Q[h], H)
        pi = Q[:H].argmax(-1)
        values[k] = policy_evaluation(mdp.to_tabular(), pi).value
        s, ret = sample_index_numpy(m.mu0_cdf, u[k, 0]), 0.0
        for h in range(H):
            a = pi[h, s]
            r = m.r3[h, s, a]
            s2 = sample_index_numpy(m.P_cdf[h, s * A + a], u[k, h + 1])
            data[h].append((s, a, r, s2))
            ret, s = ret + r, s2
        returns[k] = ret
    return values, returns


@pytest.mark.parametrize("beta,c2,clip", [(0.0, 0.0, "q"), (0.3, 0.0, "q"), (2.0, 0.0, "q"),
                                          (0.3, 3.0, "q"), (0.3, 3.0, "v"), (2.0, 0.0, "v")])
def test_kernel_matches_the_literal_algorithm(beta, c2, clip):
    """The M_h V_{h+1} bookkeeping and Sherman-Morrison give Algorithm 1's policies exactly."""
    mdp, K = _mdp(7, S=5, A=2, d=3, H=3), 60
    cfg = LSVIUCBConfig(beta=beta, bonus_quadratic=c2, clip=clip)
    res = lsvi_ucb(mdp, K, cfg, np.random.default_rng(8))
    u = np.random.default_rng(8).random((K, mdp.H + 1))
    values, returns = _literal_lsvi_ucb(mdp, K, 1.0, beta, u, c2, clip)
    assert np.array_equal(res.returns, returns)
    np.testing.assert_allclose(res.values, values, rtol=0, atol=1e-12)
