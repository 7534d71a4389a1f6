"""Stress instances of the adversarial linear-Q experiments: I-ILL-C and I-TRAP (ours).

Symbols as in :mod:`theorylab.problems.adversarial` (spec ``shared/specs/ftrl_adversarial_mdp.md``
§2): layers h = 0..H-1, S state slots per layer, A actions, features phi_h(s, a) in R^d with
||phi|| <= 1, layered transitions P_h(s' | s, a) and loss parameters G[k, h] = g_{k,h}, so that
l_k(h, s, a) = <phi_h(s, a), g_{k,h}> in [0, 1].

Both constructions are ours and target a failure mode that the spec names (spec §4.1):
:func:`correlated_ill_instance` with :func:`correlated_ill_losses` (I-ILL-C, a correlated
variant of I-ILL that makes the linear loss estimator hugely negative on a bad action) and
:func:`trap_instance` (I-TRAP, exploration without bonuses drifts to an absorbing bad chain).
The returned arrays feed :class:`~theorylab.problems.adversarial.AdversarialMDP`.
"""
from __future__ import annotations

import numpy as np

from ._validate import ATOL, check_positive_int
from .adversarial import _check_rng

__all__ = ["correlated_ill_instance", "correlated_ill_losses", "trap_instance"]


def correlated_ill_instance(eps: float = 0.5, t: float = 0.87, t3: float = 0.6) -> tuple:
    """I-ILL-C: one state, A = 4 actions in d = 3; three bad actions share a rarely seen plane.

    phi(0) = e_1 (the good action), phi(1) = (0, s, t), phi(2) = (0, -s, t) with s = sin(eps),
    phi(3) = (0, 0, t3).  The plane {e_2, e_3} is excited only by the bad actions; once the
    learner plays them rarely with pi_3 >> pi_1 + pi_2 (action 3 is the least bad), one play
    of action 1 gives Q-hat(2) = phi(2)^T Sinv phi(1) L ~ -L (1/(pi_1 + pi_2) - 1/(pi_1 + pi_2
    + pi_3 t3^2 / t^2)): a hugely negative estimate on a *bad* action, while its pi-weighted
    size eta pi_2 |Q-hat(2)| stays about eta L / 2.  Exponential weights multiplies pi_2 by
    exp(eta |Q-hat(2)|) (collapse onto a bad action, spec §7.6); log-barrier FTRL moves
    1/pi_2 by eta |Q-hat(2)|, a small relative change (spec §3.1).  Why not the spec's I-ILL:
    with linearly independent features (A = d, :func:`~theorylab.problems.adversarial.ill_conditioned_instance`) the linear
    estimator is importance weighting and never negative, and two rare actions in a rare
    plane give exactly cancelling terms; a third rare action is needed.  The construction is
    ours (spec §4.1 I-ILL intent: "Q-hat of about -H/gamma").  Losses: :func:`correlated_ill_losses`.

    Returns
    -------
    (P, phi) : ndarray (1, 1, 4, 1), ndarray (1, 1, 4, 3)

    References
    ----------
    Spec §4.1 I-ILL, §3.1 (raw estimator fed to log-barrier) and §7.6 (EXP-RAW vertex jumps).
    """
    if not 0 < eps < np.pi / 4:
        raise ValueError(f"eps must lie in (0, pi/4), got {eps!r}")
    s = np.sin(eps)
    if not (0 < t3 < t and s * s + t * t <= 1 + ATOL):
        raise ValueError(f"need 0 < t3 < t and sin(eps)^2 + t^2 <= 1, got eps={eps}, t={t}, t3={t3}")
    phi = np.zeros((1, 1, 4, 3))
    phi[0, 0, 0, 0] = 1.0
    phi[0, 0, 1] = (0.0, s, t)
    phi[0, 0, 2] = (0.0, -s, t)
    phi[0, 0, 3, 2] = t3
    return np.ones((1, 1, 4, 1)), phi


def correlated_ill_losses(rng: np.random.Generator, K: int, means=(0.2, 0.7)) -> np.ndarray:
    """Loss parameters G (K, 1, 3) of I-ILL-C: g = (Bernoulli(m_1), 0, Bernoulli(m_3)).

    Expected losses with the defaults: 0.2 (action 0), 0.7 t ~ 0.61 (actions 1, 2), 0.7 t3 = 0.42 (action 3);
    every realised loss lies in [0, 1].

    References
    ----------
    Spec §4.1 I-ILL (the rarely played, nearly parallel actions are the bad ones).
    """
    _check_rng(rng)
    K = check_positive_int("K", K)
    m1, m3 = (float(m) for m in means)
    if not (0 <= m1 <= 1 and 0 <= m3 <= 1):
        raise ValueError(f"means must lie in [0, 1], got {means!r}")
    G = np.zeros((K, 1, 3))
    G[:, 0, 0] = rng.uniform(size=K) < m1
    G[:, 0, 2] = rng.uniform(size=K) < m3
    return G


def trap_instance(H: int = 4, A: int = 3, cost: float | None = None, K: int = 1) -> tuple:
    """I-TRAP: a good and a bad chain; only action 0 keeps the good chain (tabular features).

    Slot 0 of every layer is the good state, slot 1 the bad one.  From the good state action 0
    stays on the good chain and every other action falls to the bad chain, which absorbs.
    Losses (fixed every episode): action 0 on the good chain costs ``cost`` (default
    0.5 / (H - 1)) in layers 0..H-2, everything else is free there; in the last layer the good
    state costs 0 and the bad state 1.  Staying on the good chain is optimal (total 0.5 vs 1),
    but under a near-uniform policy the good states of deep layers are visited with
    probability A^{-h}: without an exploration bonus their estimates shrink to 0 (the gamma
    bias of spec §3.0(a)) while action 0 looks locally costly, so the learner drifts to the
    bad chain (spec §4.1 I-TRAP, "PO without bonuses under-explores").

    Returns
    -------
    (P, phi, G) : ndarray (H, 2, A, 2), ndarray (H, 2, A, 2A) one-hot, ndarray (K, H, 2A)

    References
    ----------
    Spec §4.1 I-TRAP; Luo, Wei, Lee (2021), NeurIPS (dilated bonuses for exploration).
    """
    H, A, K = check_positive_int("H", H, 2), check_positive_int("A", A, 2), check_positive_int("K", K)
    cost = 0.5 / (H - 1) if cost is None else float(cost)
    if not 0 <= cost * (H - 1) < 1:
        raise ValueError(f"cost must lie in [0, 1 / (H - 1)) so that the good chain is optimal, got {cost!r}")
    P = np.zeros((H, 2, A, 2))
    P[:, 0, 0, 0] = 1.0
    P[:, 0, 1:, 1] = 1.0
    P[:, 1, :, 1] = 1.0
    phi = np.eye(2 * A).reshape(1, 2, A, 2 * A).repeat(H, axis=0)
    ell = np.zeros((H, 2, A))
    ell[:H - 1, 0, 0] = cost
    ell[H - 1, 1, :] = 1.0
    return P, phi, np.broadcast_to(ell.reshape(1, H, 2 * A), (K, H, 2 * A)).copy()
