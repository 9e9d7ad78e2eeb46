"""Partner webhooks: registration, event fan-out and signed delivery."""
