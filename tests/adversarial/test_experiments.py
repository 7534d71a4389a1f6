"""Bound tests: every quick adversarial experiment runs and its proven checks pass; figures render."""
import json

import numpy as np
import pytest

import experiments
from paper_figures import discover as discover_figures
from theorylab.sweep import run_in_memory

IDS = ("adversarial/a_scaling", "adversarial/d_scaling", "adversarial/k_scaling")


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


@pytest.mark.parametrize("name", ["adversarial_k_scaling", "adversarial_a_scaling", "adversarial_d_scaling"])
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
