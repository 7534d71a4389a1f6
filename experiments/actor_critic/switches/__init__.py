"""actor_critic/switches: see README.md."""
