"""buildings area."""
