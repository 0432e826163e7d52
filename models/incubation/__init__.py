"""incubation area."""
