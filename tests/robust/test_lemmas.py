"""Lemma checks L1-L12 of the DR-RPO spec pass in quick mode (cvxpy is the reference for
L1, L4, L7, L8)."""
import numpy as np
import pytest

import proofs_check

LEMMAS = [f"robust/L{i}" for i in range(1, 13)]


def test_all_robust_lemmas_are_discovered():
    found = proofs_check.discover()
    assert [n for n in LEMMAS if n not in found] == []


@pytest.mark.parametrize("name", LEMMAS)
def test_lemma_quick(name):
    mod = proofs_check.discover()[name]
    rep = mod.check(np.random.default_rng(2025), "quick")
    assert rep.name == name and rep.n_cases > 0
    assert rep.passed, f"{name}: worst slack {rep.worst_slack} ({rep.detail})"
    assert "spec §6" in rep.citation


def test_size_is_validated():
    with pytest.raises(ValueError, match="size must be"):
        proofs_check.discover()["robust/L2"].check(np.random.default_rng(0), "medium")
