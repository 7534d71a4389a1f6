"""UCBVI-CH: kernel vs numpy reference, validation, determinism, optimism, regret."""
import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from theorylab.algorithms.baselines import UCBVIConfig, ucbvi, ucbvi_log_factor, ucbvi_numpy
from theorylab.planning import backward_induction
from theorylab.problems import random_linear_mdp, random_tabular, riverswim
from theorylab.regret import RegretTrace, check_bound, log_checkpoints, ucbvi_hoeffding
from theorylab.stats import bootstrap_slope

PROBLEMS = {
    "riverswim": lambda: riverswim(6, 20),
    "random_stationary": lambda: random_tabular(np.random.default_rng(11), 8, 3, 6, stationary=True),
    "random_nonstationary": lambda: random_tabular(np.random.default_rng(12), 5, 4, 4),
}


@pytest.mark.parametrize("clip", ["q", "v"])
@pytest.mark.parametrize("problem", sorted(PROBLEMS))
@pytest.mark.parametrize("scale", [1.0, 0.05, 0.01, 0.0])
def test_kernel_matches_numpy_reference(problem, scale, clip):
    mdp, cfg = PROBLEMS[problem](), UCBVIConfig(bonus_scale=scale, clip=clip)
    a = ucbvi(mdp, 400, cfg, np.random.default_rng(5))
    b = ucbvi_numpy(mdp, 400, cfg, np.random.default_rng(5))
    # identical returns <=> identical trajectories (same uniforms, same actions)
    assert np.array_equal(a.returns, b.returns)
    # values differ only by summation order (sequential sum vs BLAS GEMV): a few ulps of H
    np.testing.assert_allclose(a.values, b.values, rtol=0, atol=64 * np.finfo(float).eps * mdp.H)
    np.testing.assert_allclose(a.diagnostics["upper"], b.diagnostics["upper"], rtol=0,
                               atol=64 * np.finfo(float).eps * mdp.H)


@pytest.mark.parametrize("clip", ["q", "v"])
def test_kernel_matches_numpy_while_learning(clip):
    """The comparison above is not vacuous: the played policy changes during the run."""
    mdp = riverswim(6, 20)
    res = ucbvi(mdp, 400, UCBVIConfig(bonus_scale=0.01, clip=clip), np.random.default_rng(5))
    assert np.unique(np.round(res.values, 9)).size > 3


def test_clip_conventions_differ_on_the_same_noise():
    """``clip`` is not decorative: on the same uniforms the two conventions play differently."""
    mdp = PROBLEMS["random_stationary"]()
    q, v = (ucbvi(mdp, 300, UCBVIConfig(bonus_scale=0.05, clip=c), np.random.default_rng(4)) for c in "qv")
    assert not np.array_equal(q.returns, v.returns)


def test_clip_v_first_plan_is_the_uniform_prior():
    """Before any visit, "v" values every pair at (H - h) + mean_s' V_{h+1}(s'), V clipped at H.

    With V_{h+1} constant over states this gives V_h = min(H, (H - h) + V_{h+1}): 1, 3, 4, 4
    for h = 3..0 at H = 4 ("q" would give H at every stage).  S = 4 keeps the mean exact.
    """
    import importlib
    umod = importlib.import_module("theorylab.algorithms.baselines.ucbvi")
    H, S, A = 4, 4, 2
    Q, V, pi = np.zeros((H, S, A)), np.zeros((H + 1, S)), np.zeros((H, S), np.int64)
    n_sas, n_sa, r3 = np.zeros((1, S * A, S)), np.zeros((1, S, A)), np.full((1, S, A), 0.5)
    umod._ucbvi_plan(n_sas, n_sa, r3, 1.0, True, Q, V, pi)
    expect_V = np.zeros(H + 1)
    for h in range(H - 1, -1, -1):
        expect_V[h] = min(H, (H - h) + expect_V[h + 1])
    np.testing.assert_array_equal(V, np.repeat(expect_V[:, None], S, 1))
    assert not pi.any()  # all-equal Q: lowest index


@pytest.mark.parametrize("field,value", [("delta", 0.0), ("delta", 1.0), ("delta", -0.1), ("delta", float("nan")),
                                         ("bonus_scale", -1.0), ("bonus_scale", float("inf")),
                                         ("bonus_scale", float("nan")), ("bonus_scale", "1"),
                                         ("clip", "V"), ("clip", None)])
def test_config_rejects_bad_values_naming_field_and_value(field, value):
    with pytest.raises(ValueError) as err:
        UCBVIConfig(**{field: value})
    assert f"UCBVIConfig.{field}" in str(err.value) and repr(value) in str(err.value)


def test_run_rejects_bad_inputs():
    mdp = riverswim(4, 5)
    with pytest.raises(ValueError, match="K"):
        ucbvi(mdp, 0, UCBVIConfig(), np.random.default_rng(0))
    with pytest.raises(TypeError, match="TabularMDP"):
        ucbvi(random_linear_mdp(np.random.default_rng(0), 4, 2, 3, 5), 10, UCBVIConfig(), np.random.default_rng(0))
    with pytest.raises(TypeError, match="Generator"):
        ucbvi(mdp, 10, UCBVIConfig(), 0)


def test_same_generator_same_bits_other_seed_other_bits():
    mdp = PROBLEMS["random_stationary"]()
    cfg = UCBVIConfig(bonus_scale=0.02)
    a, b = (ucbvi(mdp, 300, cfg, np.random.default_rng(9)) for _ in range(2))
    c = ucbvi(mdp, 300, cfg, np.random.default_rng(10))
    assert np.array_equal(a.values, b.values) and np.array_equal(a.returns, b.returns)
    assert not np.array_equal(a.returns, c.returns)


def test_log_factor_and_bonus_of_the_theorem():
    assert ucbvi_log_factor(6, 2, 20, 100, 0.05) == pytest.approx(math.log(5 * 6 * 2 * 2000 / 0.05))


@pytest.mark.parametrize("problem", ["riverswim", "random_stationary"])
def test_optimism_and_values_below_optimum(problem):
    """With the theorem's bonus mu0 . V_{k,1} >= V* (the optimism event of Azar et al. 2017)."""
    mdp = PROBLEMS[problem]()
    v_star = backward_induction(mdp).value
    res = ucbvi(mdp, 2000, UCBVIConfig(), np.random.default_rng(2))
    assert np.all(res.diagnostics["upper"] >= v_star - 1e-12)
    assert np.all(res.values <= v_star + 1e-12)
    # the upper estimate never increases (Q_k = min(Q_{k-1}, ...))
    assert np.all(np.diff(res.diagnostics["upper"]) <= 1e-12)


@pytest.mark.parametrize("problem", ["riverswim", "random_stationary"])
def test_optimism_under_clip_v(problem):
    """"v" keeps optimism (V_{k,h} >= min(H, V*_h) by induction) and V_{k,1} <= H."""
    mdp = PROBLEMS[problem]()
    v_star = backward_induction(mdp).value
    res = ucbvi(mdp, 2000, UCBVIConfig(clip="v"), np.random.default_rng(2))
    assert np.all(res.diagnostics["upper"] >= v_star - 1e-12)
    assert np.all(res.diagnostics["upper"] <= mdp.H)
    assert np.all(res.values <= v_star + 1e-12)


def _riverswim_trace(scale, K, n_seeds):
    mdp = riverswim(6, 20)
    v_star = backward_induction(mdp).value
    cp = log_checkpoints(K, 24)
    gaps = [v_star - ucbvi(mdp, K, UCBVIConfig(bonus_scale=scale), np.random.default_rng(100 + i)).values
            for i in range(n_seeds)]
    return RegretTrace.from_episodes(f"ucbvi x{scale}", np.array(gaps), cp, setting="riverswim")


def test_theorem_bound_holds_on_riverswim():
    """Theorem 1 with explicit constants: Clopper-Pearson on violating seeds (design rule 5)."""
    tr = _riverswim_trace(1.0, 2**12, 6)
    chk = check_bound(tr, ucbvi_hoeffding(6, 2, 20, 0.05), rng=np.random.default_rng(0))
    assert chk.passed and chk.violations == 0 and chk.max_ratio < 1e-3


def test_sublinear_regret_on_riverswim():
    """Practical-mode UCBVI: the 95% bootstrap CI of the tail log-log slope lies below 1.

    Linear regret has slope 1; the tolerance is the seed bootstrap's CI, not a tuned number.
    """
    K = 2**13
    tr = _riverswim_trace(0.01, K, 8)
    keep = tr.checkpoints >= K // 16
    slope, lo, hi = bootstrap_slope(tr.checkpoints[keep], tr.pseudo[:, keep], rng=np.random.default_rng(0))
    assert hi < 1.0, (slope, lo, hi)
    # and the learner is not trivially good: it paid for exploration early on
    assert tr.mean()[-1] > 10


@settings(max_examples=15, deadline=None)
@given(S=st.integers(2, 4), A=st.integers(1, 3), H=st.integers(1, 4), stationary=st.booleans(),
       scale=st.sampled_from([1.0, 0.1, 0.0]), seed=st.integers(0, 2**32 - 1))
def test_invariants_on_random_mdps(S, A, H, stationary, scale, seed):
    """Kernel == reference, V^{pi_k} <= V*, and the optimistic estimate never increases."""
    mdp = random_tabular(np.random.default_rng(seed), S, A, H, stationary=stationary)
    cfg = UCBVIConfig(bonus_scale=scale)
    a = ucbvi(mdp, 40, cfg, np.random.default_rng(seed + 1))
    b = ucbvi_numpy(mdp, 40, cfg, np.random.default_rng(seed + 1))
    assert np.array_equal(a.returns, b.returns)
    np.testing.assert_allclose(a.values, b.values, rtol=0, atol=1e-12)
    assert np.all(a.values <= backward_induction(mdp).value + 1e-12)
    assert np.all(np.diff(a.diagnostics["upper"]) <= 1e-12)


@settings(max_examples=15, deadline=None)
@given(S=st.integers(2, 4), A=st.integers(1, 3), H=st.integers(1, 4), stationary=st.booleans(),
       scale=st.sampled_from([1.0, 0.1, 0.0]), seed=st.integers(0, 2**32 - 1))
def test_invariants_on_random_mdps_clip_v(S, A, H, stationary, scale, seed):
    """Under "v": kernel == reference, V^{pi_k} <= V*, and mu0 . V_{k,1} <= H (V is clipped)."""
    mdp = random_tabular(np.random.default_rng(seed), S, A, H, stationary=stationary)
    cfg = UCBVIConfig(bonus_scale=scale, clip="v")
    a = ucbvi(mdp, 40, cfg, np.random.default_rng(seed + 1))
    b = ucbvi_numpy(mdp, 40, cfg, np.random.default_rng(seed + 1))
    assert np.array_equal(a.returns, b.returns)
    np.testing.assert_allclose(a.values, b.values, rtol=0, atol=1e-12)
    np.testing.assert_allclose(a.diagnostics["upper"], b.diagnostics["upper"], rtol=0, atol=1e-12)
    assert np.all(a.values <= backward_induction(mdp).value + 1e-12)
    assert np.all(a.diagnostics["upper"] <= H)
