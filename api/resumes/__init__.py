"""Resumes in the API: uploads, resumes, import batches, processing jobs, progress."""
