"""Bound tests: every quick fairness experiment runs in memory and its proven checks pass."""
import pytest

from experiments import discover
from theorylab.sweep import run_in_memory

IDS = sorted(k for k in discover() if k.startswith("fairness/"))


def test_all_claims_registered():
    assert IDS == ["fairness/compas", "fairness/contraction", "fairness/data_dependent", "fairness/german_credit",
                   "fairness/infeasible", "fairness/pd_sensitivity", "fairness/stationary_rate",
                   "fairness/synthetic_closed_loop"]


@pytest.mark.parametrize("eid", IDS)
def test_quick_experiment_proven_checks_pass(eid):
    exp = discover()[eid]
    res = run_in_memory(exp, "quick")
    checks = exp.analyse(res)
    assert checks, f"{eid}: analysis returned no checks"
    failed = [c.to_dict() for c in checks if c.proven and not c.passed]
    assert not failed, failed
    # every fairness bound or claim is ours (spec §4); only trivial references (linear rate) are not
    assert all(c.reconstruction for c in checks if "spec" in c.citation or "Du" in c.citation)
