"""Actor-critic learners: the compiled K-episode loop vs the plain-numpy implementation.

NORA-Tab at S=20, A=4, H=20 (target 10x, issue #4) and NORA-Lin at S=20, A=4, d=10,
H=10, K=100 (target 3x), plus DOUHUA at S=20, A=4, H=20 (reported).  Each call runs K
episodes from fresh generators with the same seeds, so both sides play identical
trajectories (the tests check that they agree).
"""
import numpy as np

from theorylab.algorithms.actor_critic.douhua import DouhuaConfig, douhua, douhua_numpy
from theorylab.algorithms.actor_critic.nora_lin import NORALinConfig, nora_lin, nora_lin_numpy
from theorylab.algorithms.actor_critic.nora_tab import NORATabConfig, nora_tab, nora_tab_numpy

from ._common import linear, mark, tabular

K = 100
TAB_GROUP = f"nora_tab {K} episodes S=20 A=4 H=20"
LIN_GROUP = f"nora_lin {K} episodes S=20 A=4 d=10 H=10"
DOUHUA_GROUP = f"douhua {K} episodes S=20 A=4 H=20"
_TAB = NORATabConfig(c_b=0.05)
_LIN = NORALinConfig(c_beta=0.05)
_DOU = DouhuaConfig(c_b=0.05)


def _run(fn, mdp, cfg):
    return fn(mdp, K, cfg, np.random.default_rng(0), np.random.default_rng(1))


def test_nora_tab_theorylab(benchmark):
    mdp = tabular(20, 4, 20)
    _run(nora_tab, mdp, _TAB)  # compile outside the timing
    mark(benchmark, TAB_GROUP, "theorylab", 10.0, episodes=K)
    benchmark(_run, nora_tab, mdp, _TAB)


def test_nora_tab_reference(benchmark):
    mark(benchmark, TAB_GROUP, "reference", episodes=K)
    benchmark(_run, nora_tab_numpy, tabular(20, 4, 20), _TAB)


def test_nora_lin_theorylab(benchmark):
    mdp = linear(20, 4, 10, 10)
    _run(nora_lin, mdp, _LIN)
    mark(benchmark, LIN_GROUP, "theorylab", 3.0, episodes=K)
    benchmark(_run, nora_lin, mdp, _LIN)


def test_nora_lin_reference(benchmark):
    mark(benchmark, LIN_GROUP, "reference", episodes=K)
    benchmark(_run, nora_lin_numpy, linear(20, 4, 10, 10), _LIN)


def test_douhua_theorylab(benchmark):
    mdp = tabular(20, 4, 20)
    _run(douhua, mdp, _DOU)
    mark(benchmark, DOUHUA_GROUP, "theorylab", episodes=K)
    benchmark(_run, douhua, mdp, _DOU)


def test_douhua_reference(benchmark):
    mark(benchmark, DOUHUA_GROUP, "reference", episodes=K)
    benchmark(_run, douhua_numpy, tabular(20, 4, 20), _DOU)
