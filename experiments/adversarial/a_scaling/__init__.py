"""adversarial/a_scaling: regret against the number of actions A at fixed d (LB-PO vs MR-PO)."""
