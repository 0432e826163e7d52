"""The codes stored for carrier kinds, levels, space kinds and tenancy statuses.

Workbooks write them in Chinese (``exchange.py`` maps them); the desktop translates them
for display.
"""

from __future__ import annotations

CARRIER_KINDS = ("incubator", "maker_space", "accelerator", "park", "building")
LEVELS = ("national", "provincial", "municipal", "district")
SPACE_KINDS = ("office", "lab", "workshop", "workstation")
STATUSES = ("incubating", "graduated", "left")

INCUBATING, GRADUATED, LEFT = STATUSES

# Carriers whose tenants are incubated firms (the 48-month clock applies); parks and
# buildings let space to established firms.
CLOCK_KINDS = ("incubator", "maker_space", "accelerator")
