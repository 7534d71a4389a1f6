"""Baseline learners: the compiled K-episode loop vs the plain-numpy implementation.

UCBVI-CH at S=20, A=4, H=20 (target 10x, foundation issue item 10) and LSVI-UCB at S=20,
A=4, d=8, H=20 (no target: the issue sets none; the peer target is in bench_peers.py).
Each call runs K episodes from a fresh generator with the same seed, so both sides do identical work (same trajectories).
"""
import numpy as np

from theorylab.algorithms.baselines import LSVIUCBConfig, UCBVIConfig, lsvi_ucb, lsvi_ucb_numpy, ucbvi, ucbvi_numpy

from ._common import linear, mark, tabular

K = 100
UCBVI_GROUP = f"ucbvi {K} episodes S=20 A=4 H=20"
LSVI_GROUP = f"lsvi_ucb {K} episodes S=20 A=4 d=8 H=20"
_UCBVI_CFG = UCBVIConfig(bonus_scale=0.01)
_LSVI_CFG = LSVIUCBConfig(beta_c=0.1)


def _run(fn, mdp, cfg):
    return fn(mdp, K, cfg, np.random.default_rng(0))


def test_ucbvi_theorylab(benchmark):
    mdp = tabular(20, 4, 20)
    _run(ucbvi, mdp, _UCBVI_CFG)  # compile outside the timing
    mark(benchmark, UCBVI_GROUP, "theorylab", 10.0, episodes=K)
    benchmark(_run, ucbvi, mdp, _UCBVI_CFG)


def test_ucbvi_reference(benchmark):
    mark(benchmark, UCBVI_GROUP, "reference", episodes=K)
    benchmark(_run, ucbvi_numpy, tabular(20, 4, 20), _UCBVI_CFG)


def test_lsvi_ucb_theorylab(benchmark):
    mdp = linear(20, 4, 8, 20)
    _run(lsvi_ucb, mdp, _LSVI_CFG)
    mark(benchmark, LSVI_GROUP, "theorylab", episodes=K)  # no target in the issue
    benchmark(_run, lsvi_ucb, mdp, _LSVI_CFG)


def test_lsvi_ucb_reference(benchmark):
    mark(benchmark, LSVI_GROUP, "reference", episodes=K)
    benchmark(_run, lsvi_ucb_numpy, linear(20, 4, 8, 20), _LSVI_CFG)
