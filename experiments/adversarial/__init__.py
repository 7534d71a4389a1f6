"""Experiments of the adversarial linear-Q paper (Dai, Luo, Wei, Zimmert 2023), one folder per claim."""
