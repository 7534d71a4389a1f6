"""Tests of the baselines: UCBVI-CH, LSVI-UCB, their kernels, experiments and figure."""
