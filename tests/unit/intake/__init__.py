"""Tests of the upload intake layer."""
