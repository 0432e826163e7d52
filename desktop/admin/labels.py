"""Display names of tables, audit actions and roles (shared by the admin pages)."""

from __future__ import annotations

from desktop.i18n import tr
from desktop.role_labels import ROLES as ROLES
from desktop.role_labels import role_label as role_label


def action_label(action: str) -> str:
    labels = {
        "insert": tr("新增"),
        "update": tr("修改"),
        "delete": tr("删除"),
        "override": tr("特批"),
        "login": tr("登录"),
        "login_failed": tr("登录失败"),
        "backup": tr("备份"),
        "import": tr("导入"),
        "export": tr("导出"),
        "audit_anchor": tr("审计锚点"),
        "bulk_insert": tr("批量新增"),
        "bulk_update": tr("批量修改"),
        "bulk_delete": tr("批量删除"),
        "evaluate": tr("效益评价"),  # a year's 亩均效益 evaluation: every stored result in one entry
    }
    return labels.get(action, action)
