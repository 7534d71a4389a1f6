"""actor_critic/step_size: see README.md."""
