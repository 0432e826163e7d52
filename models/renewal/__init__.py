"""renewal area."""
