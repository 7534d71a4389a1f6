"""``baselines/lsvi_ucb``: LSVI-UCB regret on random linear MDPs."""
