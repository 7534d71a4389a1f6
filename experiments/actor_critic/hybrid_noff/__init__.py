"""actor_critic/hybrid_noff: see README.md."""
