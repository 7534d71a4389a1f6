"""Bound tests: every quick lipschitz experiment runs and its proven checks pass; figures draw.

The proven checks of T1(a), T2, T3 and T4 are deterministic: a single violation on a run inside
the hypotheses fails them (``hard_check``); the rate checks use a seeded bootstrap over seeds.
"""
import json

import pytest

from experiments import discover
from paper_figures import discover as discover_figures
from theorylab.sweep import run_in_memory

IDS = ("lipschitz/sample_size", "lipschitz/stability", "lipschitz/regret", "lipschitz/attack",
       "lipschitz/tradeoff", "lipschitz/solver_scaling")
_CACHE = {}


def _results(eid):
    if eid not in _CACHE:
        _CACHE[eid] = run_in_memory(discover()[eid], "quick")
    return _CACHE[eid]


def test_all_lipschitz_experiments_are_registered():
    reg = discover()
    for eid in IDS:
        e = reg[eid]
        assert e.paper == "lipschitz" and e.figures and set(e.settings) >= {"quick", "full"}


@pytest.mark.parametrize("eid", IDS)
def test_quick_experiment_proven_checks_pass(eid):
    checks = discover()[eid].analyse(_results(eid))
    proven = [c for c in checks if c.proven]
    assert proven, f"{eid} has no proven check"
    failed = [(c.bound, c.setting, c.algorithm, c.detail) for c in proven if not c.passed]
    assert not failed, failed
    assert all(c.reconstruction for c in proven)
    assert all(c.n_seeds > 0 for c in proven if c.kind == "bound" and "T2(a) closed" not in c.bound)


@pytest.mark.parametrize("eid", IDS)
def test_figures_write_png_pdf_json(eid, tmp_path):
    figs = discover_figures()
    for name in discover()[eid].figures:
        mod = figs[name]
        assert eid in mod.EXPERIMENTS
        paths = mod.main({eid: _results(eid)}, tmp_path)
        exts = {p.suffix for p in paths}
        assert exts == {".png", ".pdf", ".json"}
        for p in paths:
            assert p.stat().st_size > 0
        for p in (p for p in paths if p.suffix == ".json"):
            assert json.loads(p.read_text())
