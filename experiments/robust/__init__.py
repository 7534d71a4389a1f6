"""Experiments of the DR-RPO paper (Gu, He, Liu, Xu 2025): robust regret and robustness claims."""
