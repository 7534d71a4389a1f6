"""Lipschitz feedback policies from expert demonstrations (Al Makdah, Krishnan, Pasqualetti 2022).

Symbols: states x in X subset R^n, inputs u in R^m, N demonstrations (x_i, u_i = h*(x_i)),
Lipschitz bound alpha, expert constant L* = ||K||, input gain L_u = ||B||, expert loop
constants (kappa, rho) with ||A_cl^t|| <= kappa rho^t, fill distance r_N, sup error eta,
attack budget eps.

Modules: :mod:`.learner` (the exact learner P_alpha^N, constraint generation, extension),
:mod:`.linear` (the linear class ||K|| <= alpha), :mod:`.trackers` (T1-T5 measurements),
:mod:`.bounds` (one Bound factory per theorem), :mod:`.tasks` (cell functions),
:mod:`.qp` (the pair QP handed to CLARABEL directly), :mod:`.primal_dual` (the authors'
primal-dual flow, a cross-check).
"""
from .learner import LipschitzConfig, LipschitzPolicy, fit_lipschitz, knn_pairs, validate_data
from .linear import LinearPolicy, LinearPolicyConfig, fit_linear
from .primal_dual import PrimalDualConfig, PrimalDualResult, fit_primal_dual

__all__ = ["LipschitzConfig", "LipschitzPolicy", "fit_lipschitz", "knn_pairs", "validate_data",
           "LinearPolicyConfig", "LinearPolicy", "fit_linear", "PrimalDualConfig", "PrimalDualResult",
           "fit_primal_dual"]
