"""adversarial/k_scaling: regret against K for LB-PO, MR-PO and the baselines."""
