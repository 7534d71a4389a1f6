"""The bound test: every quick actor-critic experiment runs and its proven checks pass."""
import importlib

import pytest

import experiments
from theorylab.sweep import run_in_memory

IDS = ["actor_critic/t_scaling", "actor_critic/switches", "actor_critic/hybrid_noff",
       "actor_critic/offline_init", "actor_critic/step_size"]


def test_all_actor_critic_experiments_are_registered():
    found = {e.id for e in experiments.select("actor_critic")}
    assert found == set(IDS)
    for e in experiments.select("actor_critic"):
        assert e.paper == "actor_critic" and e.figures


@pytest.mark.parametrize("exp_id", IDS)
def test_quick_experiment_proven_checks_pass(exp_id, tmp_path):
    exp = experiments.load(exp_id)
    res = run_in_memory(exp, "quick")
    checks = exp.analyse(res)
    proven = [c for c in checks if c.proven]
    assert proven, f"{exp_id} has no proven checks"
    failed = [f"{c.setting} {c.algorithm} {c.bound}: {c.detail}" for c in proven if not c.passed]
    assert not failed, "\n".join(failed)
    for c in checks:
        c.to_dict()
    for fig in exp.figures:
        paths = importlib.import_module(f"paper_figures.fig_{fig}").main({exp_id: res}, tmp_path)
        assert sorted(p.suffix for p in paths) == [".json", ".pdf", ".png"]
