"""Resumes: intake of uploads and archives, the processing pipeline, and queries."""
