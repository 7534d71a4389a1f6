"""Claims of Al Makdah, Krishnan, Pasqualetti (2022), "Learning Lipschitz feedback policies from
expert demonstrations" (theorems T1-T5 as reconstructed in ``shared/specs/lipschitz_policies.md``)."""
