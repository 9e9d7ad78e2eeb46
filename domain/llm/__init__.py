"""Optional LLM enhancement through any OpenAI-compatible server."""
