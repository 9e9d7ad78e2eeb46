"""Turn a stored resume file (PDF, DOCX, DOC, RTF, TXT, scans) into text with layout."""
