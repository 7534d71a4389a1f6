"""The baseline experiments: discovery, quick checks pass, a linear-regret trace fails."""
import importlib

import numpy as np
import pytest

from experiments import discover
from theorylab.algorithms.baselines.tasks import ALGORITHMS, algorithm_config, make_problem, run_cell
from theorylab.rng import cell_streams
from theorylab.sweep import ResultSet


def test_experiments_are_registered_with_quick_and_full_sizes():
    reg = discover()
    for eid in ("baselines/ucbvi", "baselines/lsvi_ucb"):
        exp = reg[eid]
        assert exp.seeds["full"] >= 20 and exp.seeds["quick"] >= 8
        assert all(s["K"] >= 2**15 for s in exp.settings["full"])
        assert set(exp.algorithms) <= set(ALGORITHMS)


def test_unknown_algorithm_and_problem_are_clear_errors():
    with pytest.raises(ValueError, match="unknown baseline algorithm"):
        algorithm_config("ucbvi2", {})
    with pytest.raises(ValueError, match="problem"):
        make_problem({"problem": "gridworld"}, np.random.default_rng(0))


def test_run_cell_is_deterministic_and_exact():
    setting = {"problem": "random_tabular", "S": 4, "A": 2, "H": 3, "K": 64, "scaled_bonus": 0.1}
    streams = cell_streams(0, "baselines/ucbvi", 0, 3)
    a, b = run_cell(setting, "ucbvi_scaled", streams), run_cell(setting, "ucbvi_scaled", streams)
    for k in a:
        assert np.array_equal(a[k], b[k])
    assert a["checkpoints"][-1] == 64 and a["pseudo"].shape == a["checkpoints"].shape
    assert np.all(np.diff(a["pseudo"]) >= -1e-12)  # per-episode pseudo-regret is non-negative
    assert a["upper_final"] >= a["v_star"] - 1e-12


@pytest.mark.parametrize("eid", ["baselines/ucbvi", "baselines/lsvi_ucb"])
def test_quick_checks_of_proven_claims_pass(quick_results, eid):
    checks = load(eid).analyse(quick_results[eid])
    assert checks
    proven = [c for c in checks if c.proven]
    assert proven and all(c.passed for c in proven), [c.detail for c in proven]
    for c in proven:
        if c.kind == "rate":  # slope CI consistent with the sqrt(K) curve on the same grid
            assert 0.45 < c.bound_slope < 0.7 and c.slope_ci[0] <= c.bound_slope


def test_ucbvi_bound_check_reports_a_small_ratio(quick_results):
    checks = load("baselines/ucbvi").analyse(quick_results["baselines/ucbvi"])
    bound = [c for c in checks if c.kind == "bound"]
    assert len(bound) == 2 and all(c.passed and c.max_ratio < 1e-3 for c in bound)
    assert all(c.to_dict()["citation"].startswith("Azar") for c in bound)


def load(eid):
    """The experiment ``eid``, imported directly (independent of other groups' specs)."""
    return importlib.import_module("experiments." + eid.replace("/", ".") + ".spec").EXPERIMENT


def _fake(eid, shape, n_seeds=8):
    """A ResultSet of ``eid``'s quick cells whose pseudo-regret follows ``shape(K)`` with noise."""
    exp = load(eid)
    cells = tuple(exp.cells("quick", n_seeds))
    rng = np.random.default_rng(0)
    arrays = {}
    for c in cells:
        cp = np.unique(np.round(np.geomspace(1, c.setting["K"], 24)).astype(np.int64))
        y = shape(cp.astype(float)) * rng.uniform(0.8, 1.2)
        arrays[c.key] = {"checkpoints": cp, "pseudo": y, "realised": y}
    return ResultSet(exp, "quick", cells, arrays)


@pytest.mark.parametrize("eid", ["baselines/ucbvi", "baselines/lsvi_ucb"])
def test_linear_regret_trace_fails_the_rate_check(eid):
    checks = load(eid).analyse(_fake(eid, lambda K: 0.5 * K))
    proven_rate = [c for c in checks if c.proven and c.kind == "rate"]
    assert proven_rate and not any(c.passed for c in proven_rate)
    assert all(c.slope_ci[0] > c.bound_slope for c in proven_rate)


@pytest.mark.parametrize("eid", ["baselines/ucbvi", "baselines/lsvi_ucb"])
def test_sqrt_regret_trace_passes_the_rate_check(eid):
    """Control for the test above: the same fake pipeline with sqrt(K) regret passes."""
    checks = load(eid).analyse(_fake(eid, lambda K: 30 * np.sqrt(K)))
    assert all(c.passed for c in checks if c.kind == "rate")
