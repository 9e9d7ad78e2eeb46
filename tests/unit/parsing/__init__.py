"""Unit tests of domain.parsing."""
