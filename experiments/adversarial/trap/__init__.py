"""adversarial/trap experiment package."""
