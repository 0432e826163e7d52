"""Role names for the status bar, the users page and the login dialog: the one table is
``desktop.messages.labels.ROLE_LABELS`` (refusal messages use it too)."""

from __future__ import annotations

from desktop.messages.labels import ROLE_LABELS, label

ROLES = ("admin", "clerk", "carrier_manager", "viewer")


def role_labels() -> dict[str, str]:
    return {role: label(ROLE_LABELS, role) for role in ROLES}


def role_label(role: str) -> str:
    return label(ROLE_LABELS, role)
