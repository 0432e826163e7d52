"""accounts area."""
