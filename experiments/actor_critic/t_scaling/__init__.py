"""actor_critic/t_scaling: see README.md."""
