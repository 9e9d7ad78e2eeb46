"""Resume parsing: text in, one validated `ParsedResume` out (pure, local)."""
