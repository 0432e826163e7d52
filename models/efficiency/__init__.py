"""efficiency area."""
