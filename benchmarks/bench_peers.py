"""theorylab against the peer packages a user would otherwise pick (extra ``theorylab[bench]``).

* backward induction vs ``mdptoolbox-hiive``'s ``FiniteHorizon`` at (S, A, H) = (200, 10, 50)
  (target 1.5x) and (1000, 10, 100) (target 5x), same stationary P and r, undiscounted;
* the bandwidth at which backward induction reads P, against a large numpy reduction over the
  same bytes (H passes of ``P.sum()``) in the same run: target 0.5 (at least half);
* UCBVI vs ``rlberry-scool``'s ``UCBVIAgent`` at (30, 3, 15) and (50, 4, 20), K episodes each
  (target 500x);
* LSVI-UCB vs ``rlberry-scool``'s ``LSVIUCBAgent`` at d = 10, K = 100 (target 100x).

A peer that is not installed is skipped with the reason.  Both sides run the same number of
episodes on the same MDP with the same bonus function and theorylab in the peer's value-clipping
convention, i.e. the configurations that ``tests/scale/test_peer_agreement.py`` checks to take
identical actions on deterministic MDPs: UCBVI as ``UCBVIConfig(clip="v")`` against rlberry's
``UCBVIAgent`` whose ``_compute_bonus`` returns theorylab's c_b / sqrt(n); LSVI-UCB as
``LSVIUCBConfig(beta=0.1, bonus_quadratic=v_max, clip="v")`` against ``LSVIUCBAgent`` with
``bonus_scale_factor=0.1`` (its bonus 0.1 ||phi|| + v_max ||phi||^2, v_max = H times the
reward range).  On these random stochastic MDPs the trajectories still differ (rlberry keeps a
per-stage bonus under pooled counts, one pooled Lambda for LSVI, and its own round-off), so the
rows compare speed at equal work per episode, not identical runs.  Every benchmark adds the
process's peak RSS (MiB) to ``extra_info["peak_rss_mib"]``.
"""
from __future__ import annotations

import resource

import numpy as np
import pytest

from theorylab.algorithms.baselines import LSVIUCBConfig, UCBVIConfig, lsvi_ucb, ucbvi, ucbvi_log_factor
from theorylab.planning import backward_induction

from ._common import linear, mark, tabular


def _rss(benchmark) -> None:
    benchmark.extra_info["peak_rss_mib"] = round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)


def _mdptoolbox():
    return pytest.importorskip("hiive.mdptoolbox.mdp", reason="mdptoolbox-hiive is not installed "
                               "(pip install 'theorylab[bench]')")


def _rlberry():
    pytest.importorskip("rlberry_scool", reason="rlberry-scool is not installed (pip install 'theorylab[bench]')")
    from rlberry.envs.finite_mdp import FiniteMDP
    from rlberry_scool.agents.linear.lsvi_ucb import LSVIUCBAgent
    from rlberry_scool.agents.ucbvi.ucbvi import UCBVIAgent
    return FiniteMDP, UCBVIAgent, LSVIUCBAgent


BI_SIZES = [((200, 10, 50), 1.5), ((1000, 10, 100), 5.0)]
BI_IDS = [f"S{s}-A{a}-H{h}" for (s, a, h), _ in BI_SIZES]


@pytest.mark.parametrize("size,target", BI_SIZES, ids=BI_IDS)
def test_bi_vs_mdptoolbox_theorylab(benchmark, size, target):
    _mdptoolbox()
    mdp = tabular(*size)
    backward_induction(mdp)  # compile outside the timing
    mark(benchmark, f"peer: backward induction vs mdptoolbox FiniteHorizon {size}", "theorylab", target)
    benchmark(backward_induction, mdp)
    _rss(benchmark)


@pytest.mark.parametrize("size,target", BI_SIZES, ids=BI_IDS)
def test_bi_vs_mdptoolbox_reference(benchmark, size, target):
    mdp_mod = _mdptoolbox()
    m = tabular(*size)
    P, r = np.ascontiguousarray(np.transpose(m.P4[0], (1, 0, 2))), np.ascontiguousarray(m.r3[0])  # (A,S,S), (S,A)
    ours = backward_induction(m)
    fh = mdp_mod.FiniteHorizon(P, r, 1.0, size[2], skip_check=True)  # its 1e-10 row-sum check is not timed
    fh.run()
    assert np.allclose(fh.V[:, 0], ours.V[0], rtol=1e-9, atol=1e-9)  # the same problem, solved alike
    mark(benchmark, f"peer: backward induction vs mdptoolbox FiniteHorizon {size}", "reference")
    benchmark.pedantic(lambda: mdp_mod.FiniteHorizon(P, r, 1.0, size[2], skip_check=True).run(),
                       rounds=3, iterations=1)
    _rss(benchmark)


BW_GROUP = "P-read bandwidth: backward induction vs numpy sum over the same bytes (1000,10,100)"


def test_bandwidth_theorylab(benchmark):
    m = tabular(1000, 10, 100)
    backward_induction(m)
    mark(benchmark, BW_GROUP, "theorylab", 0.5, bytes=m.P4.nbytes * m.H)
    benchmark(backward_induction, m)
    _rss(benchmark)


def test_bandwidth_reference(benchmark):
    m = tabular(1000, 10, 100)
    P = m.P4[0]

    def reduce():
        return sum(float(P.sum()) for _ in range(m.H))
    mark(benchmark, BW_GROUP, "reference", bytes=P.nbytes * m.H)
    benchmark(reduce)
    _rss(benchmark)


UCBVI_SIZES = [(30, 3, 15), (50, 4, 20)]
UCBVI_K = 50
_UCBVI_CFG = UCBVIConfig(bonus_scale=0.1, clip="v")


def _same_bonus_ucbvi(UCBVIAgent, size):
    """rlberry's ``UCBVIAgent`` with theorylab's bonus c_b / sqrt(n), c_b = 0.1 * 7 H L."""
    S, A, H = size
    c_b = _UCBVI_CFG.bonus_scale * 7.0 * H * ucbvi_log_factor(S, A, H, UCBVI_K, _UCBVI_CFG.delta)

    class SameBonusUCBVI(UCBVIAgent):
        def _compute_bonus(self, n, hh):
            return c_b / np.sqrt(n)
    return SameBonusUCBVI


@pytest.mark.parametrize("size", UCBVI_SIZES, ids=[f"S{s}-A{a}-H{h}" for s, a, h in UCBVI_SIZES])
def test_ucbvi_vs_rlberry_theorylab(benchmark, size):
    _rlberry()
    m = tabular(*size)
    ucbvi(m, UCBVI_K, _UCBVI_CFG, np.random.default_rng(0))
    mark(benchmark, f"peer: UCBVI {UCBVI_K} episodes vs rlberry-scool {size}", "theorylab", 500.0,
         episodes=UCBVI_K)
    benchmark(lambda: ucbvi(m, UCBVI_K, _UCBVI_CFG, np.random.default_rng(0)))
    _rss(benchmark)


@pytest.mark.parametrize("size", UCBVI_SIZES, ids=[f"S{s}-A{a}-H{h}" for s, a, h in UCBVI_SIZES])
def test_ucbvi_vs_rlberry_reference(benchmark, size):
    FiniteMDP, UCBVIAgent, _ = _rlberry()
    m = tabular(*size)
    agent_cls = _same_bonus_ucbvi(UCBVIAgent, size)

    def fit():
        env = FiniteMDP(m.r3[0].copy(), m.P4[0].copy(), initial_state_distribution=0)
        agent_cls(env, horizon=size[2], gamma=1.0, seeder=0).fit(budget=UCBVI_K)
    fit()  # rlberry compiles its numba backward induction on first use
    mark(benchmark, f"peer: UCBVI {UCBVI_K} episodes vs rlberry-scool {size}", "reference", episodes=UCBVI_K)
    benchmark.pedantic(fit, rounds=2, iterations=1)
    _rss(benchmark)


LSVI = (20, 4, 10, 10)  # S, A, d, H
LSVI_K = 100
LSVI_GROUP = f"peer: LSVI-UCB {LSVI_K} episodes d=10 vs rlberry-scool (S, A, d, H) = {LSVI}"
LSVI_BETA = 0.1


def _lsvi_cfg(m) -> LSVIUCBConfig:
    """rlberry's LSVI bonus on ``m``: beta ||phi|| + v_max ||phi||^2, v_max = H (max r - min r)."""
    r = m.to_tabular().r3[0]
    return LSVIUCBConfig(beta=LSVI_BETA, bonus_quadratic=float((r.max() - r.min()) * m.H), clip="v")


def test_lsvi_vs_rlberry_theorylab(benchmark):
    _rlberry()
    m = linear(*LSVI)
    cfg = _lsvi_cfg(m)
    lsvi_ucb(m, LSVI_K, cfg, np.random.default_rng(0))
    mark(benchmark, LSVI_GROUP, "theorylab", 100.0, episodes=LSVI_K)
    benchmark(lambda: lsvi_ucb(m, LSVI_K, cfg, np.random.default_rng(0)))
    _rss(benchmark)


def test_lsvi_vs_rlberry_reference(benchmark):
    FiniteMDP, _, LSVIUCBAgent = _rlberry()
    from rlberry_scool.agents.features.feature_map import FeatureMap
    m = linear(*LSVI)
    tab = m.to_tabular()
    phi = np.asarray(m.phi)

    class Features(FeatureMap):
        def __init__(self):
            super().__init__()
            self.shape = (phi.shape[-1],)

        def map(self, observation, action):
            return phi[observation, action]

    def agent():
        env = FiniteMDP(tab.r3[0].copy(), tab.P4[0].copy(), initial_state_distribution=0)
        return LSVIUCBAgent(env, horizon=LSVI[3], feature_map_fn=lambda _env: Features(), gamma=1.0,
                            bonus_scale_factor=LSVI_BETA, reg_factor=1.0, seeder=0)
    assert agent().v_max == _lsvi_cfg(m).bonus_quadratic  # the same bonus function on both sides

    def fit():
        agent().fit(budget=LSVI_K)
    mark(benchmark, LSVI_GROUP, "reference", episodes=LSVI_K)
    benchmark.pedantic(fit, rounds=1, iterations=1)
    _rss(benchmark)
