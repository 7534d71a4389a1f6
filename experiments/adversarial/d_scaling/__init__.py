"""adversarial/d_scaling: regret against the feature dimension d at fixed A."""
