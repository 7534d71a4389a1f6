"""Bounds of Tan, Fan, Wei (2025) as :class:`theorylab.regret.Bound` objects.

The paper's abstract gives the rates (Theorem B: O~(sqrt(d H^5 T log|A|) + sqrt(d H^4 T log N_F)));
the forms and constants below are our reconstruction (spec §4), so every factory returns a
rate-only bound (``explicit_constants=False``, ``reconstruction=True``) except the switch
count, which is deterministic and explicit.  Symbols: K (= T) episodes, d the BE dimension
(S A tabular, d_phi linear), H horizon, A actions, delta, N_off offline trajectories, c_off
single-policy concentrability.
"""
from __future__ import annotations

import numpy as np

from ...regret.bounds import Bound
from .switching import count_doubling_bound, det_doubling_bound

__all__ = ["nora_regret", "douhua_regret", "hybrid_regret", "offline_init_subopt", "switch_count"]

_PAPER = "Tan, Fan, Wei 2025 (ICML), 'Actor-critics can achieve optimal sample efficiency'"


def _check(**kw) -> None:
    for k, v in kw.items():
        if not v > 0:
            raise ValueError(f"{k} must be > 0, got {v!r}")


def nora_regret(d: int, H: int, A: int, delta: float = 0.05) -> Bound:
    """Theorem B (NORA): Reg(K) = O~(sqrt(d H^5 K log|A|) + sqrt(d H^4 K log N_F)).

    Rate curve: sqrt(d H^5 K log|A| log2(K+1)) + sqrt(d H^4 K d log(d H K / delta)) (N_sw =
    O(d H log K) switches in the actor term; log N_F ~ d log(.) for tabular/linear classes).

    References
    ----------
    Tan, Fan, Wei (2025), ICML, Theorem (NORA regret) -- rate from the abstract [P]; form
    reconstruction; see spec §4.2.
    """
    _check(d=d, H=H, A=A, delta=delta)

    def shape(K):
        K = np.maximum(K, 1.0)
        act = np.sqrt(d * H**5 * K * np.log(max(A, 2)) * np.log2(K + 1.0))
        be = np.sqrt(d * H**4 * K * d * np.log(d * H * K / delta))
        return act + be

    return Bound("NORA (Thm B, rate)", f"{_PAPER}, NORA regret theorem; reconstruction; see spec §4.2",
                 None, shape, holds="high_probability", delta=delta, explicit_constants=False,
                 reconstruction=True, note="rate-only: constants are not in the paper's abstract")


def douhua_regret(d: int, H: int, A: int, delta: float = 0.05) -> Bound:
    """Theorem A (DOUHUA): Reg(K) = O(sqrt(H^4 K log|A|) + sqrt(beta H^4 K SEC)).

    Rate curve with SEC ~ d log(K+1) and beta ~ d log(d H K / delta) (a truncated-sum-closed
    class such as tabular).

    References
    ----------
    Tan, Fan, Wei (2025), ICML, warm-up theorem (DOUHUA) [S]; reconstruction; see spec §4.1.
    """
    _check(d=d, H=H, A=A, delta=delta)

    def shape(K):
        K = np.maximum(K, 1.0)
        return np.sqrt(H**4 * K * np.log(max(A, 2))) + np.sqrt(d * np.log(d * H * K / delta) * H**4 * K * d * np.log(K + 1.0))

    return Bound("DOUHUA (Thm A, rate)", f"{_PAPER}, DOUHUA theorem; reconstruction; see spec §4.1",
                 None, shape, holds="high_probability", delta=delta, explicit_constants=False, reconstruction=True)


def hybrid_regret(d: int, H: int, A: int, c_off: float, n_off: int, delta: float = 0.05) -> Bound:
    """Theorem C (Hybrid NORA) with X_off = S x A when c_off is finite, X_on = S x A otherwise.

    Rate curve: sqrt(d H^5 K log|A| log2(K+1)) + min(sqrt(beta H^4 d K), K sqrt(beta H^4 c_off / N_off)),
    beta = d log(d H K / delta).

    References
    ----------
    Tan, Fan, Wei (2025), ICML, hybrid theorem [P claim]; DISC-GOLF-style form:
    reconstruction; see spec §4.3; Tan & Xu (2024), RLJ (partition bound).
    """
    _check(d=d, H=H, A=A, delta=delta)
    if not (c_off >= 1.0) or n_off < 0:
        raise ValueError(f"need c_off >= 1 and n_off >= 0, got c_off={c_off!r}, n_off={n_off!r}")

    def shape(K):
        K = np.maximum(K, 1.0)
        beta = d * np.log(d * H * K / delta)
        online = np.sqrt(beta * H**4 * d * K)
        off = K * np.sqrt(beta * H**4 * c_off / n_off) if (n_off > 0 and np.isfinite(c_off)) else np.inf
        return np.sqrt(d * H**5 * K * np.log(max(A, 2)) * np.log2(K + 1.0)) + np.minimum(online, off)

    return Bound("Hybrid NORA (Thm C, rate)", f"{_PAPER}, hybrid theorem; reconstruction; see spec §4.3",
                 None, shape, holds="high_probability", delta=delta, explicit_constants=False, reconstruction=True)


def offline_init_subopt(c_off: float, d: int, H: int) -> Bound:
    """Theorem D (non-optimistic offline-initialised AC): per-episode excess sqrt(c*_off d H^4 / N_off).

    The argument of the returned curves is N_off (not K): the suboptimality of the output
    mixture decays at least like N_off^{-1/2} above the online floor.

    References
    ----------
    Tan, Fan, Wei (2025), ICML, non-optimistic hybrid theorem [P: N_off >= c*_off d H^4 / eps^2];
    reconstruction; see spec §4.4.
    """
    _check(c_off=c_off, d=d, H=H)

    def shape(N):
        return np.sqrt(c_off * d * H**4 / np.maximum(N, 1.0))

    return Bound("NORA-LS offline init (Thm D, rate in N_off)",
                 f"{_PAPER}, non-optimistic theorem; reconstruction; see spec §4.4", None, shape,
                 explicit_constants=False, reconstruction=True, note="curve in N_off")


def switch_count(H: int, *, S: int | None = None, A: int | None = None, d: int | None = None,
                 lam: float = 1.0) -> Bound:
    """Deterministic switch-count bound: count doubling (S, A given) or determinant doubling (d given).

    The returned Bound bounds the cumulative number of critic switches N_sw(K) on every
    sample path; its ``value`` is explicit.

    References
    ----------
    Wang et al. (2021), NeurIPS (determinant doubling); Bai et al. (2019), NeurIPS (count
    doubling); spec §3.2 and §4.2 B5 (reconstruction; see spec §4.2).
    """
    if d is not None:
        _check(H=H, d=d, lam=lam)
        return Bound("N_sw <= H d log2(1+K/(lam d)) + 1", "Wang et al. 2021 (LSVI-UCB-RareSwitch); spec §3.2.1",
                     lambda K: det_doubling_bound(H, d, K, lam), regret_kind="pseudo", reconstruction=True,
                     note="deterministic bound on the number of switches, not on regret")
    if S is None or A is None:
        raise ValueError("give either d, or both S and A")
    _check(H=H, S=S, A=A)
    return Bound("N_sw <= H S A (1+log2 K) + 1", "count doubling (Bai et al. 2019); spec §3.2.2",
                 lambda K: count_doubling_bound(H, S, A, K), reconstruction=True,
                 note="deterministic bound on the number of switches, not on regret")
