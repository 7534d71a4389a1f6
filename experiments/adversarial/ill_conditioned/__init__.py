"""adversarial/ill_conditioned experiment package."""
