"""Claims of Tan, Fan, Wei (2025), "Actor-critics can achieve optimal sample efficiency" (ICML)."""
