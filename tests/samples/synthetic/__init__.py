"""Synthetic resumes with known truth, written in six formats and layouts, for the
scorecard (`python -m tests.bench.scorecard_parsing --only synthetic`) and tests."""
