"""Candidates: the profiles recruiters search, edit and match."""
