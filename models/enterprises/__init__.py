"""enterprises area."""
