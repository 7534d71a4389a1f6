"""Every lipschitz lemma check passes in quick mode, and a lemma can fail on a broken input."""
import numpy as np
import pytest

from proofs_check import LemmaReport, discover

NAMES = ("lipschitz/L1", "lipschitz/L2", "lipschitz/L3", "lipschitz/L4", "lipschitz/L5", "lipschitz/L6",
         "lipschitz/L7", "lipschitz/L8", "lipschitz/L9", "lipschitz/L10")


@pytest.mark.parametrize("name", NAMES)
def test_lemma_quick(name):
    mod = discover()[name]
    rep = mod.check(np.random.default_rng(2022), "quick")
    assert isinstance(rep, LemmaReport) and rep.name == name
    assert rep.passed, rep
    assert rep.worst_slack >= 0 and rep.n_cases > 0 and rep.citation


def test_extension_lemma_detects_an_infeasible_interpolation():
    """The L1 statement fails for values that violate the constraint (the check is not vacuous)."""
    from theorylab.kernels.lipschitz_extension import mcshane_extension
    X = np.array([[0.0], [1.0]])
    v = np.array([[0.0], [5.0]])                   # |v_1 - v_0| = 5 > alpha * 1
    h = mcshane_extension(X, v, 1.0, X)
    assert np.abs(h - v).max() > 1.0
