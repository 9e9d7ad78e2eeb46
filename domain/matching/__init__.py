"""Explainable job matching: job analysis, embeddings, scoring and reasons (pure)."""
