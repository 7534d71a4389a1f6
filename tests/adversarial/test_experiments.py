"""Bound tests: every quick adversarial experiment runs and its proven checks pass; figures render."""
import json

import numpy as np
import pytest

import experiments
from paper_figures import discover as discover_figures
from theorylab.sweep import run_in_memory

IDS = ("adversarial/a_scaling", "adversarial/d_scaling", "adversarial/k_scaling", "adversarial/simulator_free",
       "adversarial/ill_conditioned", "adversarial/trap")


@pytest.fixture(scope="module")
def results():
    return {i: run_in_memory(experiments.load(i), "quick") for i in IDS}


def test_experiments_are_registered():
    found = [e.id for e in experiments.select("adversarial")]
    assert sorted(found) == sorted(IDS)
    for e in experiments.select("adversarial"):
        assert e.paper == "adversarial" and e.figures and e.seeds["full"] >= 20


@pytest.mark.parametrize("exp_id", IDS)
def test_proven_checks_pass_at_quick_size(results, exp_id):
    checks = experiments.load(exp_id).analyse(results[exp_id])
    assert checks
    failed = [c.to_dict() for c in checks if c.proven and not c.passed]
    assert not failed, json.dumps(failed, indent=1)
    for c in checks:
        json.dumps(c.to_dict())


def test_k_scaling_reports_linear_baselines(results):
    """UNIF and FTL are linear on the fixed-gap group (their 'expected linear' checks)."""
    checks = experiments.load("adversarial/k_scaling").analyse(results["adversarial/k_scaling"])
    lin = {c.algorithm: c for c in checks if c.setting == "gap" and c.expect == "faster"}
    assert set(lin) == {"FTL", "UNIF"} and all(c.passed and c.slope > 0.8 for c in lin.values())


def test_a_scaling_direction(results):
    """Spec §4.3: MR-PO regret below LB-PO's at the largest A."""
    checks = experiments.load("adversarial/a_scaling").analyse(results["adversarial/a_scaling"])
    direction = [c for c in checks if c.algorithm == "MR-PO vs LB-PO"]
    assert len(direction) == 1 and direction[0].passed, direction[0].detail


def test_ill_conditioned_raw_exponential_weights_collapses(results):
    """Spec §4.4: raw exponential weights is heavy-tailed on I-ILL-C, the stable learners are not
    (bootstrap CI of the mean difference above 0 and at least one seed above each stable
    learner's maximum)."""
    checks = experiments.load("adversarial/ill_conditioned").analyse(results["adversarial/ill_conditioned"])
    assert len(checks) == 2
    for c in checks:
        assert c.passed and c.violations >= 1, c.detail


def test_trap_bonus_helps(results):
    """Spec §4.1 I-TRAP: both bonus-free learners pay more than their bonus versions."""
    checks = experiments.load("adversarial/trap").analyse(results["adversarial/trap"])
    pairs = [c for c in checks if " vs " in c.algorithm]
    assert len(pairs) == 2 and all(c.passed for c in pairs), [c.detail for c in pairs]


def test_simulator_free_reports_rate_checks(results):
    """T3 (K^8/9) and LUO21-SF (K^14/15) rate checks are present, reported (not proven) and
    finite; UNIF is steeper than sqrt K on the fixed-gap adversary."""
    checks = experiments.load("adversarial/simulator_free").analyse(results["adversarial/simulator_free"])
    by = {c.algorithm: c for c in checks}
    assert {"LB-PO-LinMDP", "LUO21-SF", "UNIF", "LB-PO-LinMDP vs LUO21-SF"} <= set(by)
    assert not any(c.proven for c in checks)
    assert abs(by["LB-PO-LinMDP"].bound_slope - 8 / 9) < 1e-9 and abs(by["LUO21-SF"].bound_slope - 14 / 15) < 1e-9
    assert np.isfinite(by["LB-PO-LinMDP"].slope) and by["UNIF"].passed


@pytest.mark.parametrize("name", ["adversarial_k_scaling", "adversarial_a_scaling", "adversarial_d_scaling",
                                  "adversarial_simulator_free", "adversarial_ill_conditioned", "adversarial_trap"])
def test_figures_write_png_pdf_json(results, tmp_path, name):
    mod = discover_figures()[name]
    paths = mod.main({i: results[i] for i in mod.EXPERIMENTS}, tmp_path)
    assert sorted(p.suffix for p in paths) == [".json", ".pdf", ".png"]
    assert all(p.stat().st_size > 0 for p in paths)
    data = json.loads(paths[-1].read_text())
    assert data and np.all(np.isfinite([v for k, v in _means(data)]))


def _means(data):
    for k, v in data.items():
        if isinstance(v, dict) and "mean" in v:
            for x in v["mean"]:
                yield k, x
