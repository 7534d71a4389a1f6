"""Do theorylab's UCBVI and rlberry-scool's ``UCBVIAgent`` take the same actions?

Issue #8 asks that the peer benchmarks (``benchmarks/bench_peers.py``) compare the two
packages "with the same bonus", "checked to take the same actions on a deterministic MDP".
Read side by side (rlberry-scool 0.7.3, ``rlberry_scool/agents/ucbvi/ucbvi.py`` and
``dynprog/utils.py``), the agents differ in three places:

* bonus.  theorylab: c_b / sqrt(N) with c_b = bonus_scale * 7 H L.  rlberry: "simplified
  Bernstein" bonus_scale_factor / sqrt(n) + v_max[h] / n, clipped at v_max[h]; its
  ``bonus_scale_factor = 0`` still leaves v_max[h] / n, so no pair of settings gives the
  same function of the counts.  The tests override rlberry's ``_compute_bonus`` with
  theorylab's c_b / sqrt(n) (c_b from ``ucbvi_log_factor``).
* optimism and clipping.  theorylab's default ``clip="q"`` is Azar et al.'s Algorithm 2:
  Q_h = H until (s, a) is visited, then Q_h = min(Q_{k-1,h}, H, r + P^ V_{h+1} + b).
  rlberry starts an unvisited pair at R^ = 0, P^ uniform, bonus v_max[h] = H - h, never
  clips Q, takes no running minimum and clips V at v_max[0] = H (at every stage, not at
  H - h), so an unvisited action at stage h < H - 1 is worth (H - h) + mean_s' V_{h+1}(s').
  ``UCBVIConfig(clip="v")`` is exactly that convention, with rlberry's summation order.
* where the bonus lives.  With stationary P both pool the counts over stages, but rlberry
  stores the bonus per stage (``B_sa[h, s, a]`` is rewritten only at the stage of the
  visit), so a pair visited at stage 2 still carries the prior bonus H - h at stage 1.  The
  prior's uniform mean over all states makes this act even on layered MDPs.  The pooled
  tests therefore also override ``_update`` to write the pooled-count bonus at every stage
  (theorylab's pooled bonus); the stage-dependent tests need no such override: rlberry with
  ``stage_dependent=True`` and theorylab on the same MDP with P given per stage (shape
  (H, S, A, S)) both count, estimate and bonus per stage.

Rewards are dyadic (multiples of 1/4) so rlberry's running mean R^ equals r exactly; on a
deterministic MDP rlberry's running-mean P^ is exactly one-hot (checked for n < 10^4), and
both packages then compute every Q as the same floating-point expression, so ties (common:
V = H on many states) resolve to the lowest index in both (numpy ``argmax``).

What the tests establish.  With H = 1 the agents take identical actions under either clip
convention.  With H >= 2 and ``clip="v"`` they take identical actions in every one of K = 40
episodes on layered and on unlayered deterministic MDPs, bonus_scale in {0, 0.002, 0.01},
pooled and per-stage.  Under the default ``clip="q"`` they agree on episode 0 and first
diverge at (episode 1, stage 0), asserted to be exactly the clipping difference; and with
rlberry's pooled agent as shipped (no ``_update`` override) some runs diverge, asserted to
come with a stale per-stage prior bonus on a visited pair.

LSVI-UCB.  rlberry's ``LSVIUCBAgent`` differs from theorylab's (Jin et al. 2020, Algorithm 1)
in six computations: (1) bonus beta ||phi||_{Lambda^-1} + v_max ||phi||^2_{Lambda^-1}
(v_max = H); (2) the acting Q is unclipped, only the regression targets are clipped at H;
(3) one Lambda and one regression over the data of all stages (a stationary LSVI), where
theorylab keeps Lambda_h and the stage-h data; (4) Lambda is updated within the episode and
the acting bonus reads the current one; (5) the target at the last stage adds the bonus of
the next state (q_w[H] = 0 but the bonus is not), where theorylab has V_H = 0; (6) a zero
bonus factor means uniform random exploration.  theorylab offers (1) and (2) as options
(``LSVIUCBConfig(bonus_quadratic=H, clip="v")``).  (3) and (4) cannot act with one-hot
features on a layered MDP: Lambda is diagonal, the bonus of (s, a) reads only its own count,
each state is met once per episode at one stage, and the regression entries that pooling
adds concern (stage, layer) pairs that never feed the stage-h, layer-h values used to act.
(5) is neutralised by a terminal state, entered after the last layer, whose rlberry features
are zero (its bonus and Q are 0; theorylab never reads its features, since V_H = 0).  (6)
restricts the check to beta > 0, and beta is a generic float (a multiple of sqrt 2): the
packages round the ridge solution differently (rlberry: Lambda^-T b with b summed per sample;
theorylab: Lambda^-1 (b + M V)), so only ties that are exact in real arithmetic could split
them, and with rational beta, lam = 1 and a perfect-square 1 + n such ties occur (seen at
beta = lam = 1: 46/9 + 1/3 + 5/9 = 6 = the unvisited value).  Under these conditions the
tests show identical actions in all K = 40 episodes; the structure test pins (3) and (6).
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


def deterministic_mdp(S: int, A: int, H: int, seed: int) -> TabularMDP:
    """Deterministic, unlayered MDP: each (s, a) moves to a uniformly drawn state; dyadic r."""
    rng = np.random.default_rng(seed)
    P, r = np.zeros((S, A, S)), rng.integers(0, 5, size=(S, A)) / 4.0
    P[np.arange(S)[:, None], np.arange(A)[None, :], rng.integers(S, size=(S, A))] = 1.0
    r[0, 0], r[-1, -1] = 0.0, 1.0
    return TabularMDP(P, r, H, mu0=0)


def per_stage(m: TabularMDP) -> TabularMDP:
    """The same MDP with P given per stage (H, S, A, S): theorylab then counts per stage."""
    return TabularMDP(np.broadcast_to(m.P, (m.H,) + m.P.shape).copy(), m.r, m.H, mu0=0)


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


def rlberry_run(m: TabularMDP, c_b: float, pooled_bonus: bool = False, stage_dependent: bool = False):
    """rlberry's UCBVIAgent with theorylab's bonus c_b / sqrt(n); returns (actions (K, H), Q list).

    ``pooled_bonus`` also writes each new bonus at every stage (theorylab's pooled bonus);
    ``stage_dependent`` runs rlberry's per-stage estimator.  ``m`` may be stationary or per
    stage; the environment is built from stage 0 (the tests use stage-constant MDPs).
    """
    from rlberry.envs.finite_mdp import FiniteMDP
    from rlberry_scool.agents.ucbvi.ucbvi import UCBVIAgent

    class SameBonus(UCBVIAgent):
        def _compute_bonus(self, n, hh):
            return c_b / np.sqrt(n)

        def _update(self, state, action, next_state, reward, hh):
            super()._update(state, action, next_state, reward, hh)
            if pooled_bonus:
                self.B_sa[:, state, action] = self.B_sa[hh, state, action]

        def _get_action(self, state, hh=0):
            self.q_seen.append(self.Q[hh, state].copy())
            a = int(super()._get_action(state, hh))
            self.played.append(a)
            return a

    P, r = np.asarray(m.P, float), np.asarray(m.r, float)
    P, r = (P[0] if P.ndim == 4 else P), (r[0] if r.ndim == 3 else r)
    env = FiniteMDP(r.copy(), P.copy(), initial_state_distribution=0)
    agent = SameBonus(env, horizon=m.H, gamma=1.0, seeder=0, stage_dependent=stage_dependent)
    agent.q_seen, agent.played = [], []
    agent.fit(budget=K)
    return np.array(agent.played).reshape(K, m.H), agent


def theorylab_q(m: TabularMDP, c_b: float, actions: np.ndarray, k: int) -> np.ndarray:
    """theorylab's Q (H, S, A) before episode k, replaying its own planner on its trajectory."""
    em = episode_model(m)
    S, A, H = m.S, m.A, m.H
    n_sas, n_sa = np.zeros((1, S * A, S)), np.zeros((1, S, A))
    Q, V, pi = np.full((H, S, A), float(H)), np.zeros((H + 1, S)), np.zeros((H, S), np.int64)
    for j in range(k + 1):
        _umod._ucbvi_plan(n_sas, n_sa, em.r3, c_b, False, Q, V, pi)
        s = 0
        for h in range(H):
            a = actions[j, h]
            s2 = int(np.argmax(m.P[s, a]))
            if j < k:
                n_sa[0, s, a] += 1.0
                n_sas[0, s * A + a, s2] += 1.0
            s = s2
    return Q


@pytest.mark.parametrize("clip", ["q", "v"])
@pytest.mark.parametrize("bonus_scale", [0.0, 0.002, 0.01])
@pytest.mark.parametrize("seed", [0, 1, 2])
def test_ucbvi_same_actions_single_stage(bonus_scale, seed, clip):
    m = layered_mdp(1, 1, 5, seed)
    cfg = UCBVIConfig(bonus_scale=bonus_scale, clip=clip)
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
    """Default ``clip="q"`` (the paper's Algorithm 2) vs rlberry: the clip is the difference."""
    m = layered_mdp(W, H, A, 1)
    cfg = UCBVIConfig(bonus_scale=bonus_scale)
    c_b = _c_b(m, cfg)
    ours = theorylab_actions(m, cfg)
    theirs, agent = rlberry_run(m, c_b)
    q_rl = agent.q_seen
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


def _assert_same_actions(ours, theirs, H):
    assert ours.shape == theirs.shape == (K, H)
    assert len({tuple(row) for row in ours}) >= 3  # the policy changes: agreement is not vacuous
    assert ours[:, 1:].any()                       # and non-zero actions are taken past stage 0
    diff = np.argwhere(ours != theirs)
    assert diff.size == 0, (f"first divergence at (episode, stage) = {tuple(diff[0])}: "
                            f"theorylab {ours[diff[0][0]]}, rlberry {theirs[diff[0][0]]}")


MULTI_STAGE = [("layered", 2, 3, 2), ("layered", 3, 4, 3), ("layered", 3, 5, 2),
               ("unlayered", 6, 4, 3), ("unlayered", 8, 5, 2)]


def _multi_stage_mdp(kind, a, H, A, seed):
    return layered_mdp(a, H, A, seed) if kind == "layered" else deterministic_mdp(a, A, H, seed)


@pytest.mark.parametrize("kind,size,H,A", MULTI_STAGE)
@pytest.mark.parametrize("bonus_scale", [0.0, 0.002, 0.01])
@pytest.mark.parametrize("seed", [0, 1])
def test_ucbvi_same_actions_clip_v_pooled(kind, size, H, A, bonus_scale, seed):
    """Stationary P, pooled counts: with clip="v" and the pooled bonus, identical actions."""
    m = _multi_stage_mdp(kind, size, H, A, seed)
    cfg = UCBVIConfig(bonus_scale=bonus_scale, clip="v")
    theirs, _ = rlberry_run(m, _c_b(m, cfg), pooled_bonus=True)
    _assert_same_actions(theorylab_actions(m, cfg), theirs, H)


@pytest.mark.parametrize("kind,size,H,A", MULTI_STAGE)
@pytest.mark.parametrize("bonus_scale", [0.0, 0.002, 0.01])
def test_ucbvi_same_actions_clip_v_stage_dependent(kind, size, H, A, bonus_scale):
    """Per-stage counts in both (rlberry ``stage_dependent=True``): only the bonus is injected."""
    m = per_stage(_multi_stage_mdp(kind, size, H, A, 1))
    cfg = UCBVIConfig(bonus_scale=bonus_scale, clip="v")
    theirs, _ = rlberry_run(m, _c_b(m, cfg), stage_dependent=True)
    _assert_same_actions(theorylab_actions(m, cfg), theirs, H)


def test_rlberry_pooled_agent_as_shipped_keeps_a_per_stage_bonus():
    """Why the pooled tests override ``_update``: without it some runs diverge, and each
    diverging run ends with a visited pair still carrying the prior bonus v_max[h] at a stage."""
    diverged = 0
    for kind, size, H, A in MULTI_STAGE:
        m = _multi_stage_mdp(kind, size, H, A, 1)
        cfg = UCBVIConfig(bonus_scale=0.002, clip="v")
        theirs, agent = rlberry_run(m, _c_b(m, cfg))
        if not np.array_equal(theorylab_actions(m, cfg), theirs):
            diverged += 1
            stale = (agent.N_sa[None] > 0) & (agent.B_sa == agent.v_max[:, None, None])
            assert stale.any(), (kind, size, H, A)
    assert diverged >= 2


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


def test_lsvi_peer_structure_pooled_lambda_and_random_zero_bonus():
    """Why the LSVI-UCB check needs layered one-hot MDPs and beta > 0: rlberry's Lambda is
    pooled over stages, and a zero bonus means uniform random exploration.

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


def layered_terminal_mdp(W: int, H: int, A: int, seed: int) -> TabularMDP:
    """Deterministic layered MDP whose last layer enters an absorbing terminal state S - 1.

    S = W H + 1; state h W + w moves to a random state of layer h + 1, layer H - 1 to the
    terminal state (observed as s_H, never acted in).  Rewards are multiples of 1/4 with 0
    and 1 both present on acting states (rlberry's v_max = H); the terminal state pays 0.
    """
    rng = np.random.default_rng(seed)
    S, end = W * H + 1, W * H
    P, r = np.zeros((S, A, S)), rng.integers(0, 5, size=(S, A)) / 4.0
    for s in range(end):
        layer = s // W
        for a in range(A):
            P[s, a, end if layer == H - 1 else (layer + 1) * W + rng.integers(W)] = 1.0
    P[end, :, end] = 1.0
    r[end], r[0, 0], r[end - 1, A - 1] = 0.0, 0.0, 1.0
    return TabularMDP(P, r, H, mu0=0)


def rlberry_lsvi_terminal(m: TabularMDP, beta: float, lam: float):
    """rlberry's LSVIUCBAgent as shipped, one-hot features, zero features on the terminal state."""
    from rlberry.envs.finite_mdp import FiniteMDP
    from rlberry_scool.agents.features.feature_map import FeatureMap
    from rlberry_scool.agents.linear.lsvi_ucb import LSVIUCBAgent
    S, A = m.S, m.A

    class OneHotZeroTerminal(FeatureMap):
        def __init__(self):
            super().__init__()
            self.shape = (S * A,)

        def map(self, observation, action):
            x = np.zeros(S * A)
            if observation != S - 1:
                x[observation * A + action] = 1.0
            return x

    env = FiniteMDP(np.asarray(m.r, float).copy(), np.asarray(m.P, float).copy(), initial_state_distribution=0)
    agent = LSVIUCBAgent(env, horizon=m.H, feature_map_fn=lambda _e: OneHotZeroTerminal(), gamma=1.0,
                         bonus_scale_factor=beta, reg_factor=lam, seeder=0)
    agent.fit(budget=K)
    return np.array(agent.action_hist).reshape(K, m.H), agent


def theorylab_lsvi_actions(m: TabularMDP, cfg) -> np.ndarray:
    """(K, H) actions of ``lsvi_ucb_numpy`` on the one-hot linear form of ``m``."""
    from theorylab.problems.library import tabular_as_linear
    lmod = importlib.import_module("theorylab.algorithms.baselines.lsvi_ucb")
    rec, orig = [], lmod.rollout_numpy

    def recording(*args):
        out = orig(*args)
        rec.append(out[1].copy())
        return out
    lmod.rollout_numpy = recording
    try:
        lmod.lsvi_ucb_numpy(tabular_as_linear(m), K, cfg, np.random.default_rng(0))
    finally:
        lmod.rollout_numpy = orig
    return np.array(rec)


LSVI_BETAS = [0.05 * np.sqrt(2.0), 0.2 * np.sqrt(2.0), np.sqrt(2.0)]


@pytest.mark.parametrize("W,H,A", [(2, 3, 2), (3, 4, 3), (3, 5, 2)])
@pytest.mark.parametrize("beta", LSVI_BETAS)
@pytest.mark.parametrize("seed", [0, 1])
def test_lsvi_same_actions_with_peer_options(W, H, A, beta, seed):
    """theorylab LSVI-UCB with rlberry's bonus and clip options acts exactly as rlberry's agent."""
    from theorylab.algorithms.baselines import LSVIUCBConfig
    m = layered_terminal_mdp(W, H, A, seed)
    theirs, agent = rlberry_lsvi_terminal(m, beta, 1.0)
    assert agent.v_max == H
    cfg = LSVIUCBConfig(beta=beta, lam=1.0, bonus_quadratic=float(H), clip="v")
    _assert_same_actions(theorylab_lsvi_actions(m, cfg), theirs, H)


def test_lsvi_each_peer_option_is_needed():
    """Without either option (or with neither) some of the runs above diverge."""
    from theorylab.algorithms.baselines import LSVIUCBConfig
    for c2_on, clip in [(False, "v"), (True, "q"), (False, "q")]:
        diverged = 0
        for W, H, A in [(2, 3, 2), (3, 4, 3), (3, 5, 2)]:
            m = layered_terminal_mdp(W, H, A, 0)
            beta = LSVI_BETAS[1]
            theirs, _ = rlberry_lsvi_terminal(m, beta, 1.0)
            cfg = LSVIUCBConfig(beta=beta, lam=1.0, bonus_quadratic=float(H) if c2_on else 0.0, clip=clip)
            diverged += not np.array_equal(theorylab_lsvi_actions(m, cfg), theirs)
        assert diverged >= 1, (c2_on, clip)
