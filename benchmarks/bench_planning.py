"""Backward induction: theorylab's kernel vs the plain-numpy reference (one GEMV per stage).

Stationary P at (S, A, H) = (20, 4, 20), (200, 10, 50), (1000, 10, 100); targets (minimum
ratio reference / theorylab) 4x, 0.8x, 0.8x (foundation issue, item 10).
"""
import pytest

from theorylab.planning import backward_induction, backward_induction_numpy

from ._common import mark, tabular

SIZES = [((20, 4, 20), 4.0), ((200, 10, 50), 0.8), ((1000, 10, 100), 0.8)]
IDS = [f"S{s}-A{a}-H{h}" for (s, a, h), _ in SIZES]


@pytest.mark.parametrize("size,target", SIZES, ids=IDS)
def test_backward_induction_theorylab(benchmark, size, target):
    mdp = tabular(*size)
    backward_induction(mdp)  # compile outside the timing
    mark(benchmark, f"backward_induction S={size[0]} A={size[1]} H={size[2]}", "theorylab", target)
    benchmark(backward_induction, mdp)


@pytest.mark.parametrize("size,target", SIZES, ids=IDS)
def test_backward_induction_reference(benchmark, size, target):
    mdp = tabular(*size)
    mark(benchmark, f"backward_induction S={size[0]} A={size[1]} H={size[2]}", "reference")
    benchmark(backward_induction_numpy, mdp)
