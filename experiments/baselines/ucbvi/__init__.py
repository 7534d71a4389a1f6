"""``baselines/ucbvi``: UCBVI-CH regret on RiverSwim and random tabular MDPs."""
