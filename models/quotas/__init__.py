"""quotas area."""
