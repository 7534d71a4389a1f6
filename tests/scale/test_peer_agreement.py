"""Do theorylab's UCBVI and rlberry-scool's ``UCBVIAgent`` take the same actions?

Issue #8 asks that the peer benchmarks (``benchmarks/bench_peers.py``) compare the two
packages "with the same bonus", "checked to take the same actions on a deterministic MDP".
Read side by side (rlberry-scool 0.7.3, ``rlberry_scool/agents/ucbvi/ucbvi.py`` and
``dynprog/utils.py``), the agents differ in two places besides the bonus:

* bonus.  theorylab: c_b / sqrt(N) with c_b = bonus_scale * 7 H L.  rlberry: "simplified
  Bernstein" bonus_scale_factor / sqrt(n) + v_max[h] / n, clipped at v_max[h]; its
  ``bonus_scale_factor = 0`` still leaves v_max[h] / n, so no pair of settings gives the
  same function of the counts.  The test therefore overrides only rlberry's
  ``_compute_bonus`` with theorylab's c_b / sqrt(n) (c_b from ``ucbvi_log_factor``); every
  other line of rlberry runs as shipped.
* optimism and clipping.  theorylab keeps Q_h(s, a) = H until (s, a) is visited and then
  Q_h = min(Q_{k-1,h}, H, r + P^ V_{h+1} + b): every Q is clipped at H (not H - h), so a
  visited action whose optimistic value reaches H ties with the unvisited ones and the
  lowest index wins.  rlberry starts an unvisited pair at R^ = 0, P^ uniform, bonus
  v_max[h] = H - h, never clips Q (only V, at v_max[0] = H) and takes no running minimum,
  so an unvisited action at stage h < H - 1 is worth (H - h) + mean_s' V_{h+1}(s') > H.
* stage pooling.  With stationary P both pool the counts over stages, but rlberry stores
  the bonus per stage (``B_sa[h, s, a]`` is updated only at the stage of the visit).  The
  test MDP is layered (state s is reachable only at stage s // W), so every pair is seen at
  one stage only and this difference cannot act.

Rewards are dyadic (multiples of 1/4) so rlberry's running mean R^ equals r exactly, and
both break ties by the lowest index (numpy ``argmax`` in both).

What the tests establish.  With H = 1 (no propagation, no stage clip) the two agents take
identical actions episode by episode.  With H >= 2 they agree on episode 0 and then
diverge, and the first divergence is asserted to be exactly the clipping difference above
(theorylab's chosen and rlberry's chosen actions both sit at theorylab's clip H; rlberry
values its choice above H).  The peer benchmark is therefore a same-bonus, same-sizes
speed comparison of two slightly different UCBVI variants, not of identical trajectories.

LSVI-UCB has no same-actions check: rlberry's ``LSVIUCBAgent`` pools one Lambda over all
stages (theorylab: Lambda_h per stage), adds v_max ||phi||^2_{Lambda^-1} to its bonus, and
explores uniformly at random when its bonus factor is 0.  The last test pins the first and
third facts, so it fails if rlberry changes them and the check becomes possible.

References
----------
Azar, Osband, Munos (2017), "Minimax regret bounds for reinforcement learning", ICML.
rlberry-scool 0.7.3, ``UCBVIAgent`` and ``LSVIUCBAgent`` (MIT licence), read for its conventions only.
"""
from __future__ import annotations

import importlib

import numpy as np
import pytest

from theorylab.algorithms.baselines import UCBVIConfig
from theorylab.algorithms.baselines._episode import episode_model
from theorylab.problems.tabular import TabularMDP

pytest.importorskip("rlberry_scool", reason="rlberry-scool is not installed (pip install 'theorylab[bench]'); "
                    "the peer-agreement check needs its UCBVIAgent")

_umod = importlib.import_module("theorylab.algorithms.baselines.ucbvi")
K = 40


def layered_mdp(W: int, H: int, A: int, seed: int) -> TabularMDP:
    """Deterministic layered MDP: S = W H, state h W + w moves to a layer-(h+1) state.

    Rewards are multiples of 1/4 in [0, 1] with both 0 and 1 present (rlberry reads its
    reward range from min/max of r, so v_max[h] = H - h as in theorylab's scale).
    """
    rng = np.random.default_rng(seed)
    S = W * H
    P, r = np.zeros((S, A, S)), rng.integers(0, 5, size=(S, A)) / 4.0
    for s in range(S):
        layer = s // W
        for a in range(A):
            P[s, a, ((layer + 1) % H) * W + rng.integers(W)] = 1.0
    r[0, 0], r[-1, -1] = 0.0, 1.0
    return TabularMDP(P, r, H, mu0=0)


def _c_b(m: TabularMDP, cfg: UCBVIConfig) -> float:
    return cfg.bonus_scale * 7.0 * m.H * _umod.ucbvi_log_factor(m.S, m.A, m.H, K, cfg.delta)


def theorylab_actions(m: TabularMDP, cfg: UCBVIConfig) -> np.ndarray:
    """(K, H) actions of ``ucbvi_numpy`` (whose actions equal the kernel's; tested elsewhere)."""
    rec, orig = [], _umod.rollout_numpy

    def recording(*args):
        out = orig(*args)
        rec.append(out[1].copy())
        return out
    _umod.rollout_numpy = recording
    try:
        _umod.ucbvi_numpy(m, K, cfg, np.random.default_rng(0))
    finally:
        _umod.rollout_numpy = orig
    return np.array(rec)


def rlberry_run(m: TabularMDP, c_b: float):
    """rlberry's UCBVIAgent with theorylab's bonus c_b / sqrt(n); returns (actions (K, H), Q list)."""
    from rlberry.envs.finite_mdp import FiniteMDP
    from rlberry_scool.agents.ucbvi.ucbvi import UCBVIAgent

    class SameBonus(UCBVIAgent):
        def _compute_bonus(self, n, hh):
            return c_b / np.sqrt(n)

        def _get_action(self, state, hh=0):
            self.q_seen.append(self.Q[hh, state].copy())
            a = int(super()._get_action(state, hh))
            self.played.append(a)
            return a

    env = FiniteMDP(np.asarray(m.r, float).copy(), np.asarray(m.P, float).copy(), initial_state_distribution=0)
    agent = SameBonus(env, horizon=m.H, gamma=1.0, seeder=0)
    agent.q_seen, agent.played = [], []
    agent.fit(budget=K)
    return np.array(agent.played).reshape(K, m.H), agent.q_seen


def theorylab_q(m: TabularMDP, c_b: float, actions: np.ndarray, k: int) -> np.ndarray:
    """theorylab's Q (H, S, A) before episode k, replaying its own planner on its trajectory."""
    em = episode_model(m)
    S, A, H = m.S, m.A, m.H
    n_sas, n_sa = np.zeros((1, S * A, S)), np.zeros((1, S, A))
    Q, V, pi = np.full((H, S, A), float(H)), np.zeros((H + 1, S)), np.zeros((H, S), np.int64)
    for j in range(k + 1):
        _umod._ucbvi_plan(n_sas, n_sa, em.r3, c_b, Q, V, pi)
        s = 0
        for h in range(H):
            a = actions[j, h]
            s2 = int(np.argmax(m.P[s, a]))
            if j < k:
                n_sa[0, s, a] += 1.0
                n_sas[0, s * A + a, s2] += 1.0
            s = s2
    return Q


@pytest.mark.parametrize("bonus_scale", [0.0, 0.002, 0.01])
@pytest.mark.parametrize("seed", [0, 1, 2])
def test_ucbvi_same_actions_single_stage(bonus_scale, seed):
    m = layered_mdp(1, 1, 5, seed)
    cfg = UCBVIConfig(bonus_scale=bonus_scale)
    ours = theorylab_actions(m, cfg)
    theirs, _ = rlberry_run(m, _c_b(m, cfg))
    assert ours.shape == theirs.shape == (K, 1)
    assert len(np.unique(ours)) >= 3  # several arms are tried: the agreement is not vacuous
    diff = np.argwhere(ours != theirs)
    assert diff.size == 0, (f"first divergence at (episode, stage) = {tuple(diff[0])}: "
                            f"theorylab {ours[diff[0][0]]}, rlberry {theirs[diff[0][0]]}")


@pytest.mark.parametrize("W,H,A", [(2, 3, 2), (3, 4, 3)])
@pytest.mark.parametrize("bonus_scale", [0.0, 0.002])
def test_ucbvi_first_divergence_is_the_clip_at_H(W, H, A, bonus_scale):
    m = layered_mdp(W, H, A, 1)
    cfg = UCBVIConfig(bonus_scale=bonus_scale)
    c_b = _c_b(m, cfg)
    ours = theorylab_actions(m, cfg)
    theirs, q_rl = rlberry_run(m, c_b)
    assert np.array_equal(ours[0], theirs[0]) and not ours[0].any()  # all-equal Q: index 0 in both
    diff = np.argwhere(ours != theirs)
    assert diff.size > 0, "the agents now agree for H >= 2: update RESULTS.md and this test"
    k, h = map(int, diff[0])
    assert k == 1 and h == 0, f"first divergence moved to (episode, stage) = {(k, h)}"
    a_ours, a_rl = ours[k, h], theirs[k, h]
    q_ours = theorylab_q(m, c_b, ours, k)[h, 0]          # s_0 = 0 in both
    assert q_ours[a_ours] == q_ours[a_rl] == float(H)    # tie at theorylab's clip, lowest index wins
    assert a_ours < a_rl
    q_theirs = q_rl[k * H + h]
    assert q_theirs[a_rl] > H and q_theirs.argmax() == a_rl  # rlberry: unclipped optimism above H


def _rlberry_lsvi(m: TabularMDP, bonus: float, seed: int, episodes: int):
    from rlberry.envs.finite_mdp import FiniteMDP
    from rlberry_scool.agents.features.feature_map import FeatureMap
    from rlberry_scool.agents.linear.lsvi_ucb import LSVIUCBAgent
    S, A = m.S, m.A

    class OneHot(FeatureMap):
        def __init__(self):
            super().__init__()
            self.shape = (S * A,)

        def map(self, observation, action):
            x = np.zeros(S * A)
            x[observation * A + action] = 1.0
            return x

    env = FiniteMDP(np.asarray(m.r, float).copy(), np.asarray(m.P, float).copy(), initial_state_distribution=0)
    agent = LSVIUCBAgent(env, horizon=m.H, feature_map_fn=lambda _e: OneHot(), gamma=1.0,
                         bonus_scale_factor=bonus, reg_factor=1.0, seeder=seed)
    agent.fit(budget=episodes)
    return agent


def test_lsvi_peer_structure_rules_out_a_same_bonus_setting():
    """Why LSVI-UCB has no same-actions check: rlberry's Lambda is pooled over stages, and
    a zero bonus means uniform random exploration (so "zero bonus on both" is no common point).

    theorylab keeps Lambda_h = I + sum of stage-h outer products (trace d + K after K
    episodes); rlberry keeps one Lambda over all H K steps (trace d + H K).
    """
    m, episodes = layered_mdp(2, 3, 2, 1), 6
    agent = _rlberry_lsvi(m, 0.1, 0, episodes)
    d = m.S * m.A
    phis = np.zeros((d, d))
    for s, a in zip(agent.state_hist, agent.action_hist):
        phis[s * m.A + a, s * m.A + a] += 1.0
    assert len(agent.state_hist) == m.H * episodes
    assert agent.lambda_mat.shape == (d, d)
    np.testing.assert_allclose(agent.lambda_mat, np.eye(d) + phis, rtol=0, atol=1e-12)  # pooled over stages
    assert np.trace(agent.lambda_mat) == d + m.H * episodes
    runs = [tuple(_rlberry_lsvi(m, 0.0, seed, episodes).action_hist) for seed in range(4)]
    assert len(set(runs)) > 1  # zero bonus: the actions depend on the agent's seed
