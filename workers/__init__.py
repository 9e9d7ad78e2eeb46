"""HotGigs workers: arq jobs that call the domain and report progress."""
