"""RegretTrace, Bound and the checks: they fail on significant evidence and only then."""
import numpy as np
import pytest

from theorylab.regret import (Bound, RegretTrace, check_bound, check_rate, cumulative_at,
                              linear_rate, log_checkpoints, lsvi_ucb, sqrt_rate, ucbvi_hoeffding)
from theorylab.stats import bootstrap_ci, bootstrap_slope, clopper_pearson, loglog_slope, mean_lower_confidence


def _trace(power, n=12, K=4096, noise=0.2, seed=0, scale=1.0):
    rng = np.random.default_rng(seed)
    cp = log_checkpoints(K, 16)
    Y = scale * cp[None, :] ** power * rng.uniform(1 - noise, 1 + noise, size=(n, 1))
    return RegretTrace(f"p{power}", cp, Y)


def test_log_checkpoints_and_cumulative():
    cp = log_checkpoints(1000, 10)
    assert cp[0] == 1 and cp[-1] == 1000 and np.all(np.diff(cp) > 0)
    np.testing.assert_array_equal(cumulative_at(np.ones((2, 10)), [1, 5, 10]), [[1, 5, 10]] * 2)
    with pytest.raises(ValueError):
        log_checkpoints(0)
    with pytest.raises(ValueError):
        cumulative_at(np.ones(4), [5])


def test_trace_validation():
    with pytest.raises(ValueError, match="increasing"):
        RegretTrace("a", [1, 1, 2], np.zeros((2, 3)))
    with pytest.raises(ValueError, match="shape"):
        RegretTrace("a", [1, 2, 3], np.zeros((2, 4)))
    t = RegretTrace.from_episodes("a", np.ones((3, 8)), [2, 8])
    np.testing.assert_array_equal(t.at(8), [8, 8, 8])


@pytest.mark.parametrize("kwargs, message", [
    (dict(holds="high_probability", delta=None), "delta"),
    (dict(holds="high_probability", delta=1.5), "delta"),
    (dict(delta=0.0), "delta"),
    (dict(regret_kind="other"), "regret_kind"),
    (dict(holds="sometimes"), "holds"),
])
def test_bound_validation(kwargs, message):
    with pytest.raises(ValueError, match=message):
        Bound("b", "c", value=np.sqrt, **kwargs)
    with pytest.raises(ValueError, match="delta"):
        ucbvi_hoeffding(2, 2, 2, delta=1.0)


def test_rate_check_passes_sqrt_and_fails_linear():
    rng = np.random.default_rng(1)
    ok = check_rate(_trace(0.5), sqrt_rate(), rng=rng)
    assert ok.passed and abs(ok.slope - 0.5) < 0.02
    bad = check_rate(_trace(1.0), sqrt_rate(), rng=rng)
    assert not bad.passed and bad.slope_ci[0] > bad.bound_slope
    faster = check_rate(_trace(1.0), sqrt_rate(), rng=rng, expect="faster")
    assert faster.passed
    assert not check_rate(_trace(0.5), sqrt_rate(), rng=rng, expect="faster").passed


def test_rate_check_compares_with_the_bound_curves_own_slope():
    # sqrt(K) log K has local slope > 0.5 on a finite grid; regret of that shape must pass.
    b = lsvi_ucb(d=4, H=5)
    cp = log_checkpoints(4096, 16)
    Y = b.rate(cp)[None, :] * np.random.default_rng(2).uniform(0.9, 1.1, (10, 1)) * 1e-3
    c = check_rate(RegretTrace("x", cp, Y), b, rng=np.random.default_rng(0))
    assert c.passed and c.bound_slope > 0.55 and abs(c.slope - c.bound_slope) < 0.02
    assert not check_rate(RegretTrace("x", cp, Y), sqrt_rate(), rng=np.random.default_rng(0)).passed


def test_expected_bound_check():
    B = Bound("sqrtK", "test", value=lambda K: 2 * np.sqrt(K))
    rng = np.random.default_rng(3)
    assert check_bound(_trace(0.5), B, rng=rng).passed
    c = check_bound(_trace(0.5, scale=3.0), B, rng=rng)
    assert not c.passed and c.max_ratio > 1.2
    # a mean barely above the bound with huge noise is not significant evidence
    assert check_bound(_trace(0.5, scale=2.05, noise=0.9, n=4), B, rng=rng).passed


def test_high_probability_check_uses_clopper_pearson():
    B = Bound("sqrtK", "test", value=lambda K: np.sqrt(K) * 1.5, holds="high_probability", delta=0.1)
    cp = log_checkpoints(100, 5)
    Y = np.tile(np.sqrt(cp), (20, 1))
    Y[:2] *= 2  # 2/20 violate: consistent with delta = 0.1
    assert check_bound(RegretTrace("a", cp, Y), B, rng=np.random.default_rng(0)).passed
    Y[:10] *= 2  # 10/20 violate: significant
    c = check_bound(RegretTrace("a", cp, Y), B, rng=np.random.default_rng(0))
    assert not c.passed and c.violations == 10


def test_check_to_dict_has_stable_keys():
    d = check_rate(_trace(0.5), sqrt_rate(), rng=np.random.default_rng(0), experiment="e/x").to_dict()
    for key in ("experiment", "algorithm", "bound", "citation", "kind", "passed", "slope", "slope_ci",
                "bound_slope", "max_ratio"):
        assert key in d
    assert d["kind"] == "rate" and len(d["slope_ci"]) == 2


def test_stats_primitives():
    rng = np.random.default_rng(0)
    x = rng.normal(size=(200, 3))
    point, lo, hi = bootstrap_ci(x, rng=rng)
    assert np.all(lo < point) and np.all(point < hi)
    assert np.all(mean_lower_confidence(x, rng=rng) < x.mean(0))
    lo, hi = clopper_pearson(0, 10)
    assert lo == 0 and 0.25 < hi < 0.35  # exact: 1 - 0.025**(1/10) = 0.3085
    assert abs(clopper_pearson(0, 10, side="upper")[1] - (1 - 0.05 ** 0.1)) < 1e-9
    assert abs(loglog_slope([1, 10, 100], [3, 30, 300]) - 1) < 1e-12
    s, lo, hi = bootstrap_slope(np.array([1, 10, 100]), np.array([[1, 10, 100.0]] * 5), rng=rng)
    assert abs(s - 1) < 1e-12
    with pytest.raises(ValueError):
        clopper_pearson(5, 3)
    with pytest.raises(ValueError):
        bootstrap_ci(x, rng=rng, alpha=2)
    with pytest.raises(TypeError):
        bootstrap_ci(x, rng=1)
    assert linear_rate().rate(np.array([3.0]))[0] == 3.0
