"""HotGigs domain: every rule of the product, free of web and queue frameworks."""
