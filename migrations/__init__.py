"""Schema migrations (Tortoise's built-in migration system); never create-on-start."""
