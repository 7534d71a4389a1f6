"""Adversarial linear-Q MDPs: a layered MDP with known features and an oblivious loss sequence.

Symbols (spec ``shared/specs/ftrl_adversarial_mdp.md`` §2): layers h = 0..H-1 (the spec's
1..H), S state slots per layer (layer h owns its own copy of the slots, so the MDP is loop-free
by construction), A actions, features phi_h(s, a) in R^d with ||phi|| <= 1, fixed transitions
P_h(s' | s, a) from layer h to layer h + 1, and K episodes of losses

    l_k(h, s, a) = <phi_h(s, a), g_{k,h}> in [0, 1],

where the loss parameters G[k, h] = g_{k,h} are generated up front from the instance stream
(an oblivious adversary, spec §4.2).  Every episode starts in state 0 of layer 0.  For the
tabular instance the features are one-hot (d = S A), so G is the loss table itself.

Instances (spec §4.1): :func:`tabular_instance` (I-TAB), :func:`linear_instance` (I-LIN),
:func:`ill_conditioned_instance` (I-ILL), :func:`lower_bound_instance` (I-LB) and
:func:`one_good_instance`; the stress instances I-ILL-C and I-TRAP (our constructions) live in
:mod:`theorylab.problems.adversarial_stress`.  Adversaries (spec §4.2): :func:`make_losses`
with ``kind`` in ``ADVERSARIES``.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from ._validate import ATOL, as_float_array, check_positive_int, check_stochastic
from .tabular import TabularMDP

__all__ = ["AdversarialMDP", "ADVERSARIES", "make_losses", "tabular_instance", "linear_instance",
           "ill_conditioned_instance", "lower_bound_instance", "one_good_instance", "with_losses",
           "bandit_losses"]

ADVERSARIES = ("iid", "switch", "block", "lb")
_CHUNK = 4096


@dataclass(frozen=True, eq=False)
class AdversarialMDP:
    """A layered MDP with features and an oblivious sequence of K loss tables.

    Parameters
    ----------
    P : ndarray(float, (H, S, A, S))
        ``P[h, s, a, s']`` = probability of moving from slot s of layer h to slot s' of
        layer h + 1 (``P[H-1]`` is ignored but must be stochastic).  A stationary (S, A, S)
        kernel is rejected: it does not say which layer a state belongs to.
    phi : ndarray(float, (H, S, A, d))
        Per-layer features with Euclidean norm <= 1.
    G : ndarray(float, (K, H, d))
        Loss parameters; the induced losses ``phi[h] @ G[k, h]`` must lie in [0, 1].
    name : str

    Raises
    ------
    ValueError
        Naming the field for a non-layered kernel, a shape mismatch, features of norm > 1,
        losses outside [0, 1] or K < 1.

    References
    ----------
    Spec ``ftrl_adversarial_mdp.md`` §2 (setting) and §4.1 (instances); Luo, Wei, Lee (2021),
    "Policy optimization in adversarial MDPs", NeurIPS, §2 (linear-Q adversarial MDPs).
    """

    P: np.ndarray
    phi: np.ndarray
    G: np.ndarray
    name: str = "adversarial"

    def __post_init__(self):
        P = np.asarray(self.P, dtype=np.float64)
        if P.ndim == 3:
            raise ValueError("P must be layered with shape (H, S, A, S); a stationary (S, A, S) kernel "
                             "is not a loop-free layered MDP (non-layered MDPs are not supported)")
        P = as_float_array("P", P, (4,))
        phi = as_float_array("phi", self.phi, (4,))
        G = as_float_array("G", self.G, (3,))
        H, S, A, _ = P.shape
        if P.shape[3] != S:
            raise ValueError(f"P must have shape (H, S, A, S), got {P.shape}")
        if phi.shape[:3] != (H, S, A):
            raise ValueError(f"phi must have shape (H, S, A, d) = ({H}, {S}, {A}, d), got {phi.shape}")
        d = phi.shape[3]
        if G.shape[0] < 1:
            raise ValueError(f"K (G.shape[0]) must be >= 1, got {G.shape[0]}")
        if G.shape[1:] != (H, d):
            raise ValueError(f"G must have shape (K, H, d) = (K, {H}, {d}), got {G.shape}")
        check_stochastic("P", P)
        norms = np.linalg.norm(phi, axis=-1)
        if norms.max() > 1 + ATOL:
            idx = np.unravel_index(np.argmax(norms), norms.shape)
            raise ValueError(f"features must have norm <= 1; ||phi{idx}|| = {norms[idx]:.6g}")
        _check_loss_range(phi, G)
        for k, v in (("P", P), ("phi", phi), ("G", G)):
            object.__setattr__(self, k, v)

    K = property(lambda self: self.G.shape[0], doc="Number of episodes.")
    H = property(lambda self: self.P.shape[0], doc="Horizon (layers).")
    S = property(lambda self: self.P.shape[1], doc="State slots per layer.")
    A = property(lambda self: self.P.shape[2], doc="Number of actions.")
    d = property(lambda self: self.phi.shape[3], doc="Feature dimension.")

    def losses(self, k0: int = 0, k1: int | None = None) -> np.ndarray:
        """Loss tables of episodes k0..k1-1 (0-based), shape (k1 - k0, H, S, A).

        References
        ----------
        Spec §2 (losses l_k(s, a) = <phi(s, a), g_{k,h}>).
        """
        return np.einsum("hsad,khd->khsa", self.phi, self.G[k0:k1])

    def cumulative_losses(self, checkpoints) -> np.ndarray:
        """Sum of the first K_c loss tables for each checkpoint K_c, shape (C, H, S, A).

        References
        ----------
        Spec §7.3: the comparator is one DP on the cumulative loss.
        """
        cp = np.asarray(checkpoints, dtype=np.int64)
        if cp.ndim != 1 or cp.size == 0 or cp.min() < 1 or cp.max() > self.K:
            raise ValueError(f"checkpoints must lie in 1..{self.K}, got {cp}")
        cumG = np.cumsum(self.G, axis=0)[cp - 1]
        return np.einsum("hsad,chd->chsa", self.phi, cumG)

    def tabular(self, r=None) -> TabularMDP:
        """The dynamics as a :class:`TabularMDP` (start in slot 0) with loss table ``r``.

        References
        ----------
        Puterman (1994), ch. 4; losses use the reward slot of the tabular model.
        """
        r = self.losses(0, 1)[0] if r is None else r
        rmax = max(1.0, float(np.max(r)))
        return TabularMDP(self.P, r, self.H, 0, reward_range=(0.0, rmax), name=self.name)


def with_losses(problem: AdversarialMDP, G) -> AdversarialMDP:
    """The same dynamics and features with another loss sequence G (K, H, d).

    References
    ----------
    Spec §4.2 (adversaries are generated separately from the instance).
    """
    return AdversarialMDP(problem.P, problem.phi, G, problem.name)


def _check_loss_range(phi: np.ndarray, G: np.ndarray) -> None:
    for k0 in range(0, G.shape[0], _CHUNK):
        ell = np.einsum("hsad,khd->khsa", phi, G[k0:k0 + _CHUNK])
        lo, hi = ell.min(), ell.max()
        if lo < -ATOL or hi > 1 + ATOL:
            bad = np.unravel_index(np.argmin(ell) if lo < -ATOL else np.argmax(ell), ell.shape)
            k, h, s, a = (int(i) for i in bad)
            raise ValueError(f"losses must lie in [0, 1]; episode {k0 + k}, layer {h}, state {s}, action {a} "
                             f"has loss {ell[bad]:.6g}")


def _check_rng(rng) -> None:
    if not isinstance(rng, np.random.Generator):
        raise TypeError("pass an explicit numpy.random.Generator (no global RNG in theorylab)")


def _layer_kernel(rng, H: int, S: int, A: int, alpha: float) -> np.ndarray:
    P = rng.dirichlet(np.full(S, alpha), size=(H, S, A))
    return P / P.sum(-1, keepdims=True)


def tabular_instance(rng: np.random.Generator, H: int = 3, S: int = 3, A: int = 3,
                     alpha: float = 0.5) -> tuple:
    """I-TAB: a random layered tabular MDP written as a linear-Q MDP with one-hot features.

    Layer 0 has the single start state (slot 0; other slots are unreachable padding), layers
    1..H-1 have S states; P_h(. | s, a) ~ Dirichlet(alpha).  Features are one-hot over the S A
    pairs of a layer (d = S A), so Q^pi_h(s, a) = <phi, theta> with theta = Q^pi_h (linear-Q
    holds for every policy and every loss table).

    Returns
    -------
    (P, phi) : ndarray (H, S, A, S), ndarray (H, S, A, S*A)

    References
    ----------
    Spec §4.1 I-TAB; Jin et al. (2020), Example 2.1 (tabular MDPs are linear).
    """
    _check_rng(rng)
    H, S, A = (check_positive_int(n, v) for n, v in (("H", H), ("S", S), ("A", A)))
    if not alpha > 0:
        raise ValueError(f"alpha must be > 0, got {alpha!r}")
    P = _layer_kernel(rng, H, S, A, alpha)
    phi = np.broadcast_to(np.eye(S * A).reshape(1, S, A, S * A), (H, S, A, S * A)).copy()
    return P, phi


def linear_instance(rng: np.random.Generator, H: int = 2, S: int = 4, A: int = 4, d: int = 3,
                    alpha: float = 0.3) -> tuple:
    """I-LIN: a random linear MDP with simplex features (latent-factor construction).

    phi(s, a) ~ Dirichlet(alpha) in the simplex Delta_d, with the d vertices placed on the
    first d (s, a) pairs of every layer; nu_{h, j} ~ Dirichlet(1) over the S next slots and
    P_h(s' | s, a) = sum_j phi_j(s, a) nu_{h, j}(s').  Losses <phi, g> with g in [0, 1]^d
    lie in [0, 1] and Q^pi is linear in phi for every policy (spec §2).

    Returns
    -------
    (P, phi) : ndarray (H, S, A, S), ndarray (H, S, A, d)

    References
    ----------
    Spec §4.1 I-LIN; Jin, Yang, Wang, Jordan (2020), Assumption A.
    """
    _check_rng(rng)
    H, S, A, d = (check_positive_int(n, v) for n, v in (("H", H), ("S", S), ("A", A), ("d", d)))
    if S * A < d:
        raise ValueError(f"need S * A >= d to place the d simplex vertices, got S={S}, A={A}, d={d}")
    feats = rng.dirichlet(np.full(d, alpha), size=(S * A))
    feats[:d] = np.eye(d)
    phi1 = feats.reshape(S, A, d)
    nu = rng.dirichlet(np.ones(S), size=(H, d))
    P = np.einsum("sad,hdt->hsat", phi1, nu)
    P /= P.sum(-1, keepdims=True)
    return P, np.broadcast_to(phi1, (H, S, A, d)).copy()


def ill_conditioned_instance(A: int = 4, eps: float = 0.05) -> tuple:
    """I-ILL: a one-layer linear-Q problem with two nearly parallel features.

    Action 0 has feature e_1, action 1 has (cos eps, sin eps, 0, ...), actions 2..A-1 have
    e_3, ..., e_A scaled by 1/sqrt(2) (d = A).  The spec (§4.1) expects Q-hat of about
    -H/gamma when action 1 is rarely played; note however that with linearly independent
    features (A = d) the linear estimator equals importance weighting, Q-hat(b) =
    1{b = a} L / pi(a) >= 0 as gamma -> 0, so large negative values need A > d (measured:
    no big-negative events at the prescribed schedules, see ``docs/status/adversarial.md``).
    Losses: :func:`bandit_losses` (Bernoulli per action, any means in [0, 1]).

    Returns
    -------
    (P, phi) : ndarray (1, 1, A, 1), ndarray (1, 1, A, A)

    References
    ----------
    Spec §4.1 I-ILL (stress test for arbitrarily negative estimators).
    """
    A = check_positive_int("A", A, 3)
    if not 0 < eps < np.pi / 4:
        raise ValueError(f"eps must lie in (0, pi/4), got {eps!r}")
    phi = np.zeros((1, 1, A, A))
    phi[0, 0, 0, 0] = 1.0
    phi[0, 0, 1, 0], phi[0, 0, 1, 1] = np.cos(eps), np.sin(eps)
    for a in range(2, A):
        phi[0, 0, a, a] = 1.0 / np.sqrt(2.0)
    return np.ones((1, 1, A, 1)), phi


def lower_bound_instance(A: int = 8) -> tuple:
    """I-LB: an A-armed bandit (H = 1, one state, one-hot features, d = A).

    Returns
    -------
    (P, phi) : ndarray (1, 1, A, 1), ndarray (1, 1, A, A)

    References
    ----------
    Spec §4.1 I-LB; Lattimore & Szepesvári (2020), ch. 15 (minimax lower bound sqrt(dK)).
    """
    A = check_positive_int("A", A, 2)
    return np.ones((1, 1, A, 1)), np.eye(A).reshape(1, 1, A, A)


def one_good_instance(A: int = 16, d: int = 4) -> tuple:
    """A one-state (H = 1) problem with A actions in fixed dimension d: one good action.

    Action 0 has feature e_0; action a >= 1 has e_{1 + (a - 1) mod (d - 1)}.  With the
    ``"lb"`` adversary and ``good=0`` exactly one action is good and the A - 1 others share
    the same bad mean: the A-scaling instance of spec §4.3 (d fixed while A grows).

    Returns
    -------
    (P, phi) : ndarray (1, 1, A, 1), ndarray (1, 1, A, d)

    References
    ----------
    Spec §4.3 (A-dependence test: one good action, A - 1 bad ones with a constant gap).
    """
    A, d = check_positive_int("A", A, 2), check_positive_int("d", d, 2)
    phi = np.zeros((1, 1, A, d))
    phi[0, 0, 0, 0] = 1.0
    for a in range(1, A):
        phi[0, 0, a, 1 + (a - 1) % (d - 1)] = 1.0
    return np.ones((1, 1, A, 1)), phi


def make_losses(rng: np.random.Generator, phi: np.ndarray, K: int, kind: str = "switch", *,
                tilt: float = 0.1, block: int | None = None, gap: float | None = None,
                good: int | None = None) -> np.ndarray:
    """Loss parameters G (K, H, d) of an oblivious adversary, drawn up front.

    Let m = max_{h,s,a} sum_j phi_j (features must be non-negative) and g0 ~ U[0, 1/m]^(H, d)
    the "regime 0" parameters; then every loss <phi, g> lies in [0, 1].  With
    g1 = 1/m - g0 ("regime 1", which reverses the ranking of policies on simplex features):

    * ``"iid"``: g_k = Bernoulli(m g0) / m coordinate-wise (benign; ADV-IID);
    * ``"switch"``: g_k = (1 - tilt) g0 for k < K/2 and g1 afterwards (ADV-SWITCH): the best
      policy of the first half is beaten in hindsight by the best of the second half;
    * ``"block"``: episode 0 is g1/2, then blocks of ``block`` episodes (default ceil(sqrt K))
      alternate (1 - tilt) g0 and g1 (ADV-BLOCK; ``block=1, tilt=0`` is the classical
      follow-the-leader trap);
    * ``"lb"``: one good coordinate j* (uniform, or ``good``), Bernoulli means 1/2 - gap on j* and 1/2
      elsewhere, gap = sqrt(d / K) / 4 by default (ADV-LB).

    Parameters
    ----------
    rng : numpy.random.Generator, the cell's instance stream
    phi : ndarray(float, (H, S, A, d)), non-negative
    K : int >= 1
    kind : one of ``ADVERSARIES``
    tilt : float in [0, 1), block : int >= 1, gap : float in (0, 1/2], good : int in 0..d-1

    Returns
    -------
    ndarray(float, (K, H, d))

    References
    ----------
    Spec §4.2 (adversaries; tilt, block length and gap are reconstructions, see spec §4.2);
    Cesa-Bianchi & Lugosi (2006), §4.3 (the follow-the-leader trap).
    """
    _check_rng(rng)
    K = check_positive_int("K", K)
    phi = as_float_array("phi", phi, (4,))
    if kind not in ADVERSARIES:
        raise ValueError(f"kind must be one of {ADVERSARIES}, got {kind!r}")
    if np.any(phi < -ATOL):
        raise ValueError("make_losses needs non-negative features")
    if not 0 <= tilt < 1:
        raise ValueError(f"tilt must lie in [0, 1), got {tilt!r}")
    H, d = phi.shape[0], phi.shape[3]
    m = float(phi.sum(-1).max())
    g0 = rng.uniform(0.0, 1.0 / m, size=(H, d))
    g1 = 1.0 / m - g0
    if kind == "iid":
        return (rng.uniform(size=(K, H, d)) < m * g0).astype(np.float64) / m
    if kind == "switch":
        G = np.empty((K, H, d))
        G[: K // 2], G[K // 2:] = (1 - tilt) * g0, g1
        return G
    if kind == "block":
        L = int(np.ceil(np.sqrt(K))) if block is None else check_positive_int("block", block)
        regime = ((np.arange(K) - 1) // L) % 2
        G = np.where(regime[:, None, None] == 0, (1 - tilt) * g0, g1)
        G[0] = g1 / 2
        return G
    gap = np.sqrt(d / K) / 4 if gap is None else float(gap)
    if not 0 < gap <= 0.5:
        raise ValueError(f"gap must lie in (0, 1/2], got {gap!r}")
    means = np.full((H, d), 0.5)
    j = rng.integers(d) if good is None else int(good)
    if not 0 <= j < d:
        raise ValueError(f"good must lie in 0..{d - 1}, got {good!r}")
    means[:, j] -= gap
    return (rng.uniform(size=(K, H, d)) < means).astype(np.float64) / m


def bandit_losses(rng: np.random.Generator, phi: np.ndarray, K: int, means) -> np.ndarray:
    """Bernoulli(means[a]) losses per action of a one-state problem, as parameters G (K, 1, d).

    Needs H = S = 1 and an invertible (A = d) feature matrix Phi; G[k] solves Phi g = l_k, so
    every loss is exactly <phi(a), g_k> = l_k(a) in {0, 1} even for non-simplex features
    (I-ILL, where Phi is nearly singular and g can be large).

    References
    ----------
    Spec §4.1 I-ILL (the rarely played, nearly parallel action is the bad one).
    """
    _check_rng(rng)
    K = check_positive_int("K", K)
    phi = as_float_array("phi", phi, (4,))
    if phi.shape[:2] != (1, 1) or phi.shape[2] != phi.shape[3]:
        raise ValueError(f"bandit_losses needs phi of shape (1, 1, A, A), got {phi.shape}")
    means = as_float_array("means", means, (1,))
    if means.shape != (phi.shape[2],) or means.min() < 0 or means.max() > 1:
        raise ValueError(f"means must be {phi.shape[2]} probabilities, got {means}")
    ell = (rng.uniform(size=(K, means.size)) < means).astype(np.float64)
    return np.linalg.solve(phi[0, 0], ell.T).T[:, None, :]
