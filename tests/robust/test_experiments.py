"""The bound test: each quick robust experiment runs in memory and its proven checks pass,
plus the spec's predictions the issue's acceptance names (non-robust linear iff rho > rho*,
robust learners win for q > rho*)."""
import pytest

from theorylab.sweep import run_in_memory


def _run(module):
    exp = module.EXPERIMENT
    assert exp.paper == "robust" and exp.id.startswith("robust/")
    res = run_in_memory(exp, "quick")
    checks = exp.analyse(res)
    assert checks, "analysis produced no checks"
    return checks


@pytest.mark.parametrize("name", ["k_scaling", "baselines"])
def test_k_scaling_and_baselines_quick(name):
    import importlib
    checks = _run(importlib.import_module(f"experiments.robust.{name}.spec"))
    failed = [c.detail for c in checks if c.proven and not c.passed]
    assert not failed, failed
    nonrobust = [c for c in checks if c.algorithm in ("lsvi_ucb", "oppo")]
    assert {c.expect for c in nonrobust} == {"faster", "at_most"}
    assert all(c.passed for c in nonrobust), [c.detail for c in nonrobust if not c.passed]


def test_perturbation_quick():
    from experiments.robust.simulated_linear_perturbation import spec
    checks = _run(spec)
    assert len(checks) == 4 and all(c.passed for c in checks), [c.detail for c in checks]


def test_beta_tradeoff_quick():
    from experiments.robust.beta_tradeoff import spec
    checks = _run(spec)
    failed = [c.detail for c in checks if c.proven and not c.passed]
    assert not failed, failed
    assert sum(c.kind == "bound" for c in checks) == 10


@pytest.mark.parametrize("name", ["d_scaling", "h_scaling", "rho", "eta", "optimism", "american_put"])
def test_scaling_and_radius_quick(name):
    import importlib
    checks = _run(importlib.import_module(f"experiments.robust.{name}.spec"))
    failed = [c.detail for c in checks if c.proven and not c.passed]
    assert not failed, failed
