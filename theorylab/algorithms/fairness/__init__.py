"""Closed-loop fair threshold decisions under bandit feedback (Du 2025, arXiv:2512.22313).

Symbols: a grid of K thresholds theta_k, rounds t = 1..T, reward r, demographic-parity gap
d and service-rate constraint s with tolerance eps, confidence radii beta, population state
that responds to the decisions (closed loop).  Modules: :mod:`.ofs` (Optimistic Feasible
Search), :mod:`.ucb` (unconstrained UCB), :mod:`.primal_dual` (primal-dual UCB),
:mod:`.oracle` (best feasible fixed threshold), :mod:`.bounds`, :mod:`.tasks`.
Everything beyond the paper's abstract is a reconstruction; see
``shared/specs/ofs_fair_threshold.md``.
"""
