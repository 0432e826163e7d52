"""The one table of role names, used by the status bar, the users page and the login dialog."""

from __future__ import annotations

from desktop.i18n import tr

ROLES = ("admin", "clerk", "carrier_manager", "viewer")


def role_labels() -> dict[str, str]:
    return {"admin": tr("管理员"), "clerk": tr("业务人员"), "carrier_manager": tr("载体管理员"),
            "viewer": tr("只读用户")}


def role_label(role: str) -> str:
    return role_labels().get(role, role)
