"""Copies of one release: positional content sketches and verified near-duplicate links."""
