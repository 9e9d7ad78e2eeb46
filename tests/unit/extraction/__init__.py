"""Unit tests of domain.extraction on generated files."""
