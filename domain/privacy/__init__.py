"""Privacy: erasure, export, consent, retention, blind profiles and the audit log."""
