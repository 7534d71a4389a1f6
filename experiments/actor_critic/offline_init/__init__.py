"""actor_critic/offline_init: see README.md."""
