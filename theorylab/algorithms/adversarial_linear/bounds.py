"""Bounds of the adversarial linear-Q paper as :class:`theorylab.regret.Bound` objects.

The paper (Dai, Luo, Wei, Zimmert 2023) states K-rates only (abstract): O~(sqrt K) for
Algorithms 1 and 2, O~(K^{8/9}) for Algorithm 3, against O~(K^{2/3}) for Luo et al. (2021).
The explicit constants below are *ours* (spec Appendix A): every factory here except
:func:`fullinfo_po` and :func:`oreps_fullinfo` returns ``reconstruction=True`` and its citation
says "reconstruction: constants ours, K-rate the paper's".

Each explicit bound is evaluated at the learning rate the run actually used, eta(K) =
eta_scale * (schedule of K), because the accounting of Appendix A holds for any eta > 0
once beta and gamma are derived from it.
"""
from __future__ import annotations

import numpy as np

from ...regret.bounds import Bound
from .lb_po import LBPOConfig
from .mr_po import MRPOConfig
from .oreps import OREPSConfig
from .reference_learners import FullInfoConfig

__all__ = ["theorem1", "theorem2", "theorem3_rate", "luo21_simfree_rate", "luo21_rate", "fullinfo_po", "lb_floor",
           "oreps_fullinfo"]

_RECON = "reconstruction: constants ours, K-rate the paper's (see spec Appendix A)"


def _eta(config, K, H, d, A) -> np.ndarray:
    return np.array([config.parameters(int(k), H, d, A)["eta"] for k in np.atleast_1d(K)])


def theorem1(H: int, d: int, A: int, eta_scale: float = 1.0) -> Bound:
    """T1 (LB-PO): E[R_K] <= H A ln K / eta + 132 eta d H^5 K + H + 1/(eta H).

    At the default schedule eta = sqrt(A ln K / (132 d H^4 K)) the leading terms equal
    2 sqrt(132 d A H^6 K ln K) ~ 23 H^3 sqrt(d A K ln K).  The lower-order terms (comparator
    smoothing, dilated-bonus slack) carry unit constants of our choosing.  Valid for any eta
    with the default c_beta = 12, c_gamma = 432 of :class:`LBPOConfig`.

    References
    ----------
    Dai, Luo, Wei, Zimmert (2023), ICML, Theorem for Algorithm 1 (rate O~(sqrt K), poly(A));
    constants: reconstruction, spec §4 T1 and Appendix A.2.
    """
    cfg = LBPOConfig(eta_scale=eta_scale)

    def value(K):
        K = np.asarray(K, dtype=np.float64)
        eta = _eta(cfg, K, H, d, A).reshape(K.shape)
        return H * A * np.log(np.maximum(K, 2)) / eta + 132 * eta * d * H**5 * K + H + 1 / (eta * H)

    return Bound("T1 LB-PO (Appendix A.2)", _RECON, value, holds="expected", reconstruction=True,
                 note="exact covariance mode only; sampled modes add a covariance-error term")


def theorem2(H: int, d: int, A: int, eta_scale: float = 1.0, mr_mode: str = "clip") -> Bound:
    """T2 (MR-PO): E[R_K] <= H ln A / eta + 44 eta d H^5 K + H + 1/(eta H).

    At eta = sqrt(ln A / (44 d H^4 K)): 2 sqrt(44) H^3 sqrt(d K ln A) ~ 13.3 H^3 sqrt(dK ln A).
    (The centred variant has larger constants: 132 instead of 44, spec §3.2.)  Valid for any
    eta with the default c_beta, c_gamma of :class:`MRPOConfig` (not for other values).

    References
    ----------
    Dai, Luo, Wei, Zimmert (2023), ICML, Theorem for Algorithm 2 (rate O~(sqrt K), no
    poly(A)); constants: reconstruction, spec §4 T2 and Appendix A.3.
    """
    cfg = MRPOConfig(eta_scale=eta_scale, mr_mode=mr_mode)
    c = 132.0 if mr_mode == "clip_centered" else 44.0

    def value(K):
        K = np.asarray(K, dtype=np.float64)
        eta = _eta(cfg, K, H, d, A).reshape(K.shape)
        return H * np.log(A) / eta + c * eta * d * H**5 * K + H + 1 / (eta * H)

    return Bound(f"T2 MR-PO[{mr_mode}] (Appendix A.3)", _RECON, value, holds="expected",
                 reconstruction=True, note="exact covariance mode only")


def theorem3_rate() -> Bound:
    """T3 (Algorithm 3, simulator-free linear MDP): rate K^{8/9} only (no constants known).

    References
    ----------
    Dai, Luo, Wei, Zimmert (2023), ICML, abstract: O~(K^{8/9}) (previous O~(K^{14/15})).
    """
    return Bound("T3 K^(8/9)", "Dai, Luo, Wei, Zimmert 2023 (abstract); rate only", None,
                 lambda K: np.asarray(K, dtype=np.float64) ** (8.0 / 9.0), explicit_constants=False)


def luo21_simfree_rate() -> Bound:
    """LUO21 simulator-free linear MDP: rate K^{14/15} only (as quoted by Dai et al. 2023).

    References
    ----------
    Luo, Wei, Lee (2021), NeurIPS, simulator-free linear-MDP result O~(K^{14/15}); Dai,
    Luo, Wei, Zimmert (2023), abstract ("previous O~(K^{14/15})").
    """
    return Bound("LUO21-SF K^(14/15)", "Luo, Wei, Lee 2021 (rate only, as quoted by Dai et al. 2023)",
                 None, lambda K: np.asarray(K, dtype=np.float64) ** (14.0 / 15.0), explicit_constants=False)


def luo21_rate(H: int, d: int, A: int) -> Bound:
    """LUO21: O((ln A)^{1/3} d^{2/3} H^2 K^{2/3}) (rate-only; our derivation, spec A.3).

    References
    ----------
    Luo, Wei, Lee (2021), "Policy optimization in adversarial MDPs: improved exploration via
    dilated bonuses", NeurIPS (K^{2/3} with a simulator); shape: reconstruction, spec A.3.
    """
    def shape(K):
        return np.log(A) ** (1 / 3) * d ** (2 / 3) * H**2 * np.asarray(K, dtype=np.float64) ** (2 / 3)

    return Bound("LUO21 K^(2/3)", "Luo, Wei, Lee 2021 (rate); reconstruction of the shape (spec A.3)",
                 None, shape, explicit_constants=False, reconstruction=True)


def fullinfo_po(H: int, A: int, eta_scale: float = 1.0) -> Bound:
    """FULLINFO: R_K <= H ln A / eta + eta H^3 K / 8 (deterministic), = H^2 sqrt(K ln A / 2) at eta*.

    Hedge per state on losses Q in [0, H] (regret ln A / eta + eta K H^2 / 8) summed over
    layers by the performance-difference lemma (comparator weights sum to 1 per layer).

    References
    ----------
    Cesa-Bianchi & Lugosi (2006), Thm 2.2 (Hedge); Kakade & Langford (2002) (performance
    difference); Cai, Yang, Jin, Wang (2020), ICML (OPPO full-information analysis).
    """
    cfg = FullInfoConfig(eta_scale=eta_scale)

    def value(K):
        K = np.asarray(K, dtype=np.float64)
        eta = _eta(cfg, K, H, 1, A).reshape(K.shape)
        return H * np.log(max(A, 2)) / eta + eta * H**3 * K / 8

    return Bound("FULLINFO Hedge-PO", "Hedge + performance difference (Cai et al. 2020)", value,
                 holds="expected", reconstruction=False)


def lb_floor(power: float = 0.4) -> Bound:
    """The K^power floor of the ADV-LB tightness check (slope lower CI >= power).

    References
    ----------
    Spec §4.3 ("on ADV-LB also lower CI >= 0.40"); lower bound Omega(sqrt(dK)), Lattimore &
    Szepesvári (2020), ch. 24.
    """
    return Bound(f"K^{power} floor", "spec §4.3 (ADV-LB tightness)", None,
                 lambda K: np.asarray(K, dtype=np.float64) ** power, explicit_constants=False)


def oreps_fullinfo(H: int, S: int, A: int, eta_scale: float = 1.0) -> Bound:
    """O-REPS (full information): R_K <= H ln(S A) / eta + eta H K / 2, deterministic.

    At eta = eta_scale sqrt(2 ln(S A) / K) (the default of :class:`~.oreps.OREPSConfig`) this
    is (eta_scale + 1/eta_scale) H sqrt(K ln(S A) / 2), i.e. H sqrt(2 K ln(S A)) at
    eta_scale = 1.  Derivation (the OMD analysis Zimin & Neu use, with our constants): for the
    unnormalised entropy on the occupancy polytope and any comparator occupancy q*,
    sum_k <q_k - q*, l_k> <= D(q* || q_1) / eta + (1/eta) sum_k D(q_k || q_k e^{-eta l_k});
    D(q_k || q_k e^{-eta l}) = sum q_k (e^{-eta l} - 1 + eta l) <= eta^2 <q_k, l^2> / 2 <= eta^2 H / 2
    for losses in [0, 1] (each layer of q_k sums to 1); and for the maximum-entropy q_1,
    D(q* || q_1) <= sum_h ln(|X_h| A) <= H ln(S A).  Not a reconstruction: every step is
    proved here, for any eta > 0 and every realisation (no expectation is involved).

    References
    ----------
    Zimin & Neu (2013), "Online learning in episodic Markovian decision processes by relative
    entropy policy search", NIPS, Thm 1 (full-information O-REPS, O(L sqrt(T ln(|X||A|/L))));
    Bubeck & Cesa-Bianchi (2012), Thm 5.5 (OMD regret); Beck & Teboulle (2003) (entropic MD).
    """
    cfg = OREPSConfig(eta_scale=eta_scale)

    def value(K):
        K = np.asarray(K, dtype=np.float64)
        eta = np.array([cfg.learning_rate(int(k), S, A) for k in K.reshape(-1)]).reshape(K.shape)
        return H * np.log(max(S * A, 2)) / eta + eta * H * K / 2

    return Bound("O-REPS full information (OMD)", "Zimin & Neu 2013 (O-REPS); OMD constants derived in the docstring",
                 value, holds="expected", reconstruction=False,
                 note="deterministic: holds for every run, not only in expectation")
