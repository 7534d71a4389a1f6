"""NORA-Tab, NORA-Lin and DOUHUA: kernels vs numpy references, identities, reductions, validation."""
import math

import numpy as np
import pytest

from theorylab.algorithms.actor_critic.douhua import DouhuaConfig, douhua, douhua_numpy
from theorylab.algorithms.actor_critic.nora_lin import NORALinConfig, nora_lin, nora_lin_numpy
from theorylab.algorithms.actor_critic.nora_tab import NORATabConfig, nora_tab, nora_tab_numpy
from theorylab.algorithms.actor_critic.offline import OfflineData, behaviour_policy, collect
from theorylab.algorithms.actor_critic.switching import count_doubling_bound, det_doubling_bound
from theorylab.problems import random_linear_mdp, random_tabular, riverswim, tabular_as_linear
from theorylab.problems.actor_critic import dead_lock

g = np.random.default_rng


def _same(a, b):
    np.testing.assert_allclose(a.values, b.values, rtol=0, atol=1e-10)
    np.testing.assert_allclose(a.returns, b.returns, rtol=0, atol=1e-10)
    np.testing.assert_array_equal(a.diagnostics["switch"], b.diagnostics["switch"])
    for k in ("opt", "act", "be"):
        np.testing.assert_allclose(a.diagnostics[k], b.diagnostics[k], rtol=0, atol=1e-9)


def _identity(res):
    d = res.diagnostics
    gap = d["vstar"][0] - res.values
    assert np.max(np.abs(d["opt"] + d["act"] + d["be"] - gap)) <= 1e-9


TAB_CONFIGS = [NORATabConfig(c_b=0.05), NORATabConfig(c_b=0.05, switch_rule="det"),
               NORATabConfig(c_b=0.05, eta=math.inf), NORATabConfig(c_b=0.05, resets=False),
               NORATabConfig(c_b=0.05, reset_plays_uniform=True), NORATabConfig(optimistic=False, unvisited_value=0.5)]


@pytest.mark.parametrize("cfg", TAB_CONFIGS, ids=range(len(TAB_CONFIGS)))
def test_nora_tab_matches_numpy_and_decomposes(cfg):
    mdp = random_tabular(g(1), 4, 3, 4)
    a = nora_tab(mdp, 150, cfg, g(2), g(3))
    b = nora_tab_numpy(mdp, 150, cfg, g(2), g(3))
    _same(a, b)
    _identity(a)
    assert a.diagnostics["switch"][0] == 1


def test_nora_tab_with_offline_data_matches_numpy():
    mdp = riverswim(5, 6)
    off = collect(mdp, behaviour_policy(mdp, "unif"), 40, g(9))
    cfg = NORATabConfig(c_b=0.05)
    a, b = nora_tab(mdp, 120, cfg, g(2), g(3), off), nora_tab_numpy(mdp, 120, cfg, g(2), g(3), off)
    _same(a, b)
    assert a.diagnostics["switch"].sum() < nora_tab(mdp, 120, cfg, g(2), g(3)).diagnostics["switch"].sum() + 1


LIN_CONFIGS = [NORALinConfig(c_beta=0.05), NORALinConfig(c_beta=0.05, eta=math.inf),
               NORALinConfig(c_beta=0.0, resets=False), NORALinConfig(c_beta=0.05, reset_plays_uniform=True, lam=0.5)]


@pytest.mark.parametrize("cfg", LIN_CONFIGS, ids=range(len(LIN_CONFIGS)))
def test_nora_lin_matches_numpy_and_decomposes(cfg):
    mdp = random_linear_mdp(g(4), 8, 3, 4, 4)
    tab = mdp.to_tabular()
    off = collect(tab, behaviour_policy(tab, "unif"), 15, g(5))
    a = nora_lin(mdp, 120, cfg, g(2), g(3), off)
    b = nora_lin_numpy(mdp, 120, cfg, g(2), g(3), off)
    _same(a, b)
    _identity(a)


@pytest.mark.parametrize("optimistic", [True, False])
def test_douhua_matches_numpy_and_decomposes(optimistic):
    mdp = random_tabular(g(6), 4, 3, 4)
    cfg = DouhuaConfig(c_b=0.1, optimistic=optimistic)
    a, b = douhua(mdp, 100, cfg, g(2), g(3)), douhua_numpy(mdp, 100, cfg, g(2), g(3))
    _same(a, b)
    _identity(a)


@pytest.mark.parametrize("optimistic", [True, False])
def test_linear_reduces_to_tabular_with_one_hot_features(optimistic):
    """NORA-Lin on one-hot features with lam -> 0 and beta = c_b H sqrt(L) is NORA-Tab (det rule)."""
    mdp = riverswim(4, 5)
    K, lam, c_b = 200, 1e-7, 0.1
    L = math.log(mdp.S * mdp.A * mdp.H * K / 0.05)
    ct = NORATabConfig(c_b=c_b, switch_rule="det", lam=lam, eta=0.7, optimistic=optimistic)
    cl = NORALinConfig(beta=c_b * mdp.H * math.sqrt(L) if optimistic else 0.0, lam=lam, eta=0.7)
    a = nora_tab(mdp, K, ct, g(3), g(4))
    b = nora_lin(tabular_as_linear(mdp), K, cl, g(3), g(4))
    np.testing.assert_array_equal(a.diagnostics["switch"], b.diagnostics["switch"])
    np.testing.assert_allclose(a.values, b.values, atol=1e-5)
    np.testing.assert_allclose(a.returns, b.returns, atol=1e-9)


def test_determinism_given_generators():
    mdp = riverswim(5, 6)
    cfg = NORATabConfig(c_b=0.05)
    a, b = nora_tab(mdp, 80, cfg, g(7), g(8)), nora_tab(mdp, 80, cfg, g(7), g(8))
    np.testing.assert_array_equal(a.values, b.values)
    c = nora_tab(mdp, 80, cfg, g(7), g(9))
    assert not np.array_equal(a.returns, c.returns) or not np.array_equal(a.values, c.values)


@pytest.mark.parametrize("rule", ["count", "det"])
def test_switch_count_never_exceeds_deterministic_bound(rule):
    mdp = random_tabular(g(10), 3, 2, 3)
    K = 1500
    res = nora_tab(mdp, K, NORATabConfig(c_b=0.01, switch_rule=rule), g(1), g(2))
    sw = np.cumsum(res.diagnostics["switch"])
    Ks = np.arange(1, K + 1)
    bound = count_doubling_bound(3, 3, 2, Ks) if rule == "count" else det_doubling_bound(3, 6, Ks, 1.0)
    assert np.all(sw <= bound)
    assert sw[-1] >= 2


def test_nora_lin_switch_bound():
    mdp = random_linear_mdp(g(12), 10, 3, 4, 3)
    K = 800
    res = nora_lin(mdp, K, NORALinConfig(c_beta=0.02), g(1), g(2))
    sw = np.cumsum(res.diagnostics["switch"])
    assert np.all(sw <= det_doubling_bound(3, 4, np.arange(1, K + 1), 1.0))


def test_optimistic_nora_finds_the_lock_and_npg_does_not():
    mdp = dead_lock(6, 4, g(0).integers(0, 4, 6))
    nora = nora_tab(mdp, 600, NORATabConfig(c_b=0.05), g(1), g(2))
    npg = douhua(mdp, 600, DouhuaConfig(optimistic=False), g(1), g(2))
    assert nora.values[-100:].mean() > 0.5
    assert npg.values.max() < 0.01


@pytest.mark.parametrize("kwargs,field", [
    ({"c_b": -1.0}, "c_b"), ({"delta": 0.0}, "delta"), ({"delta": 1.0}, "delta"), ({"eta": 0.0}, "eta"),
    ({"eta": -2.0}, "eta"), ({"eta_scale": 0.0}, "eta_scale"), ({"switch_rule": "x"}, "switch_rule"),
    ({"lam": 0.0}, "lam"), ({"unvisited_value": -1.0}, "unvisited_value"), ({"c_b": float("nan")}, "c_b")])
def test_nora_tab_config_validation(kwargs, field):
    with pytest.raises(ValueError, match=field):
        NORATabConfig(**kwargs)


@pytest.mark.parametrize("kwargs,field", [
    ({"c_beta": -0.1}, "c_beta"), ({"beta": -1.0}, "beta"), ({"delta": 2.0}, "delta"), ({"lam": -1.0}, "lam"),
    ({"eta": 0.0}, "eta"), ({"eta_scale": -1.0}, "eta_scale")])
def test_nora_lin_config_validation(kwargs, field):
    with pytest.raises(ValueError, match=field):
        NORALinConfig(**kwargs)


@pytest.mark.parametrize("kwargs,field", [({"c_b": -1.0}, "c_b"), ({"eta": math.inf}, "eta"),
                                          ({"eta_scale": math.inf}, "eta_scale"), ({"delta": 0.0}, "delta")])
def test_douhua_config_validation(kwargs, field):
    with pytest.raises(ValueError, match=field):
        DouhuaConfig(**kwargs)


def test_bad_inputs_raise():
    mdp = riverswim(4, 5)
    with pytest.raises(ValueError, match="K"):
        nora_tab(mdp, 0, NORATabConfig(), g(0), g(1))
    with pytest.raises(TypeError, match="config"):
        nora_tab(mdp, 5, NORALinConfig(), g(0), g(1))
    with pytest.raises(TypeError, match="Generator"):
        nora_tab(mdp, 5, NORATabConfig(), 0, g(1))
    with pytest.raises(TypeError, match="LinearMDP"):
        nora_lin(mdp, 5, NORALinConfig(), g(0), g(1))
    with pytest.raises(TypeError, match="TabularMDP"):
        douhua(tabular_as_linear(mdp), 5, DouhuaConfig(), g(0), g(1))
    other = riverswim(4, 3)
    off = collect(other, behaviour_policy(other, "unif"), 5, g(2))
    with pytest.raises(ValueError, match="horizon"):
        nora_tab(mdp, 5, NORATabConfig(), g(0), g(1), off)
    z = np.zeros((1, 5), np.int64)
    off = OfflineData(z + 5, z, np.zeros((1, 5)), z)
    with pytest.raises(ValueError, match="S = 4"):
        nora_tab(mdp, 5, NORATabConfig(), g(0), g(1), off)
