"""Optimistic rare-switching actor-critics (Tan, Fan, Wei, ICML 2025) and their baselines.

* :func:`nora_tab` / :func:`nora_lin` -- NORA (optimistic Q* critic refit only at switches,
  count- or determinant-doubling, actor reset at switches, softmax actor with step eta m_t);
  the same functions run Hybrid NORA (``offline=``), the non-optimistic NORA-LS
  (``optimistic=False`` / ``c_beta=0``), the greedy rare-switching limit (``eta=inf``) and the
  no-reset ablation (``resets=False``);
* :func:`douhua` -- the on-policy optimistic warm-up, and (``optimistic=False``) the
  non-optimistic NPG baseline;
* :mod:`.offline` (behaviour policies, trajectories, exact c*_off), :mod:`.bounds` (one Bound
  factory per theorem), :mod:`.tasks` (cell functions of ``experiments/actor_critic``).

Every kernel records the exact per-episode decomposition V* - V^{pi_t} = OPT + ACT + BE
(spec §4.0).
"""
from .douhua import DouhuaConfig, douhua, douhua_numpy
from .nora_lin import NORALinConfig, nora_lin, nora_lin_numpy
from .nora_tab import NORATabConfig, nora_tab, nora_tab_numpy
from .offline import OfflineData, behaviour_policy, collect, concentrability

__all__ = ["NORATabConfig", "nora_tab", "nora_tab_numpy", "NORALinConfig", "nora_lin", "nora_lin_numpy",
           "DouhuaConfig", "douhua", "douhua_numpy", "OfflineData", "behaviour_policy", "collect",
           "concentrability"]
