"""Display names of tables, audit actions and roles (shared by the admin pages)."""

from __future__ import annotations

from PySide6.QtWidgets import QDialogButtonBox

from desktop.i18n import tr


def entity_label(table: str) -> str:
    labels = {
        "users": tr("用户"), "user_carriers": tr("用户载体"), "audit_entries": tr("审计记录"),
        "platforms": tr("平台"), "policy_rules": tr("政策参数"), "choice_items": tr("选项列表"),
        "targets": tr("目标"), "enterprises": tr("企业"), "quota_grants": tr("指标下达"),
        "quota_allocations": tr("指标分配"), "quota_uses": tr("指标使用"), "quota_returns": tr("指标退回"),
        "land_disposals": tr("土地处置"), "plots": tr("地块"), "boundary_points": tr("界址点"),
        "plot_indicators": tr("地块指标"), "efficiency_records": tr("亩均数据"),
        "efficiency_results": tr("亩均评价"), "renewal_projects": tr("腾笼换鸟项目"),
        "renewal_project_plots": tr("项目地块"), "renewal_stage_events": tr("项目阶段"),
        "buildings": tr("楼宇"), "units": tr("分割单元"), "transfers": tr("转让"),
        "transfer_units": tr("转让单元"), "buyback_offers": tr("回购"), "carriers": tr("孵化载体"),
        "spaces": tr("载体空间"), "tenancies": tr("在孵企业"), "tenancy_spaces": tr("租用空间"),
        "usage_reports": tr("载体月报"), "database": tr("数据库"),
    }
    return labels.get(table, table)


def action_label(action: str) -> str:
    labels = {
        "insert": tr("新增"), "update": tr("修改"), "delete": tr("删除"), "override": tr("特批"),
        "login": tr("登录"), "backup": tr("备份"), "bulk_insert": tr("批量新增"),
        "bulk_update": tr("批量修改"), "bulk_delete": tr("批量删除"),
    }
    return labels.get(action, action)


def role_label(role: str) -> str:
    labels = {"admin": tr("管理员"), "clerk": tr("业务员"), "carrier_manager": tr("载体管理员"),
              "viewer": tr("只读用户")}
    return labels.get(role, role)


ROLES = ("admin", "clerk", "carrier_manager", "viewer")


def name_buttons(box: QDialogButtonBox) -> QDialogButtonBox:
    """OK/Cancel in the current language (Qt's own are English without a Qt translator)."""
    ok = box.button(QDialogButtonBox.StandardButton.Ok)
    if ok is not None and ok.text() in ("OK", "&OK"):
        ok.setText(tr("确定"))
    cancel = box.button(QDialogButtonBox.StandardButton.Cancel)
    if cancel is not None:
        cancel.setText(tr("取消"))
    return box
