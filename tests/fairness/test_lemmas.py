"""The fairness lemma checks pass in quick mode (and are discovered)."""
import numpy as np
import pytest

import proofs_check

NAMES = ["fairness/batch_confidence", "fairness/contraction", "fairness/sum_radii"]


def test_discovered():
    assert set(NAMES) <= set(proofs_check.discover())


@pytest.mark.parametrize("name", NAMES)
def test_lemma_quick(name):
    rep = proofs_check.discover()[name].check(np.random.default_rng(11), "quick")
    assert rep.name == name and rep.n_cases > 0
    assert rep.passed, rep.to_dict()
