"""Names of roles, operations and record kinds (tables) for refusals, in Chinese and English.

``render`` offers each labelled field of a problem as ``{name__label}`` too, so a
refusal reads "载体管理员 无权新增 用地指标下达 记录" instead of raw codes. No Qt
here: the command line renders the same sentences.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from desktop.i18n import language

ROLE_LABELS: dict[str, tuple[str, str]] = {
    "admin": ("管理员", "Administrator"),
    "clerk": ("业务员", "Clerk"),
    "carrier_manager": ("载体管理员", "Carrier manager"),
    "viewer": ("只读用户", "Viewer"),
    "": ("已停用或未知的用户", "An inactive or unknown user"),
}

OPERATION_LABELS: dict[str, tuple[str, str]] = {
    "read": ("查看", "view"),
    "insert": ("新增", "add"),
    "create": ("新增", "add"),
    "update": ("修改", "change"),
    "delete": ("删除", "delete"),
    "write": ("修改", "change"),
    "override": ("特批", "override the rules for"),
    "import": ("导入", "import"),
}

TABLE_LABELS: dict[str, tuple[str, str]] = {
    "users": ("用户", "user"),
    "user_carriers": ("用户管理载体", "user–carrier assignment"),
    "audit_entries": ("审计日志", "audit log"),
    "platforms": ("平台", "platform"),
    "policy_rules": ("政策参数", "policy rule"),
    "choice_items": ("选项列表", "choice list"),
    "targets": ("目标", "target"),
    "enterprises": ("企业", "enterprise"),
    "quota_grants": ("用地指标下达", "quota grant"),
    "quota_allocations": ("用地指标分配", "quota allocation"),
    "quota_uses": ("用地指标使用", "quota use"),
    "quota_returns": ("用地指标收回", "quota return"),
    "quota_demands": ("用地指标需求", "quota demand"),
    "land_disposals": ("土地处置", "land disposal"),
    "plots": ("地块", "plot"),
    "boundary_points": ("界址点", "boundary point"),
    "plot_indicators": ("地块指标", "plot indicator"),
    "efficiency_records": ("亩均数据", "efficiency record"),
    "efficiency_results": ("亩均评价", "efficiency result"),
    "renewal_projects": ("腾笼换鸟项目", "renewal project"),
    "renewal_project_plots": ("腾笼换鸟项目地块", "renewal project plot"),
    "renewal_stage_events": ("腾笼换鸟项目阶段", "renewal stage"),
    "buildings": ("工业楼宇", "building"),
    "units": ("分割单元", "unit"),
    "transfers": ("分割转让", "transfer"),
    "transfer_units": ("转让单元", "transferred unit"),
    "buyback_offers": ("回购", "buy-back offer"),
    "carriers": ("孵化载体", "carrier"),
    "spaces": ("载体空间", "carrier space"),
    "tenancies": ("在孵企业", "tenancy"),
    "tenancy_spaces": ("在孵企业租用空间", "tenancy space"),
    "usage_reports": ("载体月报", "monthly carrier report"),
}

LABELLED_FIELDS: dict[str, dict[str, tuple[str, str]]] = {
    "role": ROLE_LABELS, "operation": OPERATION_LABELS, "table": TABLE_LABELS,
}


def label(kind: Mapping[str, tuple[str, str]], value: object) -> str:
    """The name of ``value`` in the current language (the value itself if unknown)."""
    pair = kind.get(str(value))
    if pair is None:
        return str(value)
    return pair[0] if language() == "zh" else pair[1]


def field_labels(fields: Mapping[str, Any]) -> dict[str, str]:
    """``{name__label: 名称}`` for each field of a problem that has names (role, operation, table)."""
    return {f"{name}__label": label(LABELLED_FIELDS[name], value)
            for name, value in fields.items() if name in LABELLED_FIELDS}
