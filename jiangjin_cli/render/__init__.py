"""Output: machine formats (stdlib only) and human views (rich, imported lazily)."""
