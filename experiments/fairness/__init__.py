"""Claims of Du (2025), "Optimistic Feasible Search for Closed-Loop Fair Threshold
Decision-Making" (arXiv:2512.22313), as reconstructed in spec ``ofs_fair_threshold.md``.

One folder per claim (E1-E6 of spec §4.4 and the two semi-synthetic benchmarks); shared
analysis helpers live in :mod:`experiments.fairness._common`.
"""
