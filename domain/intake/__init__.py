"""Intake of uploaded resumes: file types, limits, checks, ZIP safety and storage."""
