"""land area."""
