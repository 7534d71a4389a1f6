"""Baseline experiments of the foundation: UCBVI-CH and LSVI-UCB regret against their theorems."""
