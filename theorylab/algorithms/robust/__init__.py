"""Distributionally robust RL in d-rectangular linear robust MDPs (TV uncertainty).

DR-RPO (Gu, He, Liu, Xu 2025) and its baselines, all on the shared loop of :mod:`._core`:

=====================  ==============  =========  ============================
module                 estimator       policy     reference
=====================  ==============  =========  ============================
``dr_rpo``             robust (TV)     mirror     Gu et al. 2025 (reconstructed)
``soft_dr_lsvi_ucb``   robust (TV)     soft-max   ablation (eta -> inf)
``dr_lsvi_ucb``        robust (TV)     greedy     Liu & Xu 2024
``oppo``               nominal         mirror     Cai et al. 2020
``lsvi_ucb``           nominal         greedy     Jin et al. 2020
=====================  ==============  =========  ============================

Symbols: S, A, H, d, phi (features on the simplex), mu (nominal factors), theta (rewards),
rho (TV radii), beta (KL strength), pi_ref (reference policy), eta (mirror step), lambda
(ridge), c_b (bonus multiplier), Lambda (Gram matrix).
"""
from . import dr_lsvi_ucb, dr_rpo, lsvi_ucb, oppo, soft_dr_lsvi_ucb
from ._core import RobustRun
from .dr_lsvi_ucb import DRLSVIUCBConfig
from .dr_rpo import DRRPOConfig
from .lsvi_ucb import LSVIUCBConfig
from .oppo import OPPOConfig
from .soft_dr_lsvi_ucb import SoftDRLSVIUCBConfig

__all__ = ["RobustRun", "DRRPOConfig", "OPPOConfig", "DRLSVIUCBConfig", "SoftDRLSVIUCBConfig",
           "LSVIUCBConfig", "dr_rpo", "oppo", "dr_lsvi_ucb", "soft_dr_lsvi_ucb", "lsvi_ucb"]
