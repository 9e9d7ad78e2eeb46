"""Google Drive folder sync: connections, syncs and their runs."""
