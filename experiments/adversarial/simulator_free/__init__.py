"""adversarial/simulator_free experiment package."""
