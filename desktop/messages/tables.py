"""Display names of the tables, for messages and the admin pages (no Qt: the CLI uses it)."""

from __future__ import annotations

from desktop.i18n import language

TABLE_LABELS: dict[str, tuple[str, str]] = {
    "users": ("用户", "users"), "user_carriers": ("用户载体", "user carriers"),
    "audit_entries": ("审计记录", "audit entries"), "platforms": ("平台", "platforms"),
    "policy_rules": ("政策参数", "policy rules"), "choice_items": ("选项列表", "choice lists"),
    "targets": ("目标", "targets"), "enterprises": ("企业", "enterprises"),
    "quota_grants": ("指标下达", "quota grants"), "quota_allocations": ("指标分配", "quota allocations"),
    "quota_uses": ("指标使用", "quota uses"), "quota_returns": ("指标退回", "quota returns"),
    "quota_demands": ("用地需求", "quota demands"), "land_disposals": ("土地处置", "land disposals"),
    "plots": ("地块", "plots"), "boundary_points": ("界址点", "boundary points"),
    "plot_indicators": ("地块指标", "plot indicators"), "efficiency_records": ("亩均数据", "efficiency records"),
    "efficiency_results": ("亩均评价", "efficiency results"), "renewal_projects": ("腾笼换鸟项目", "renewal projects"),
    "renewal_project_plots": ("项目地块", "project plots"), "renewal_stage_events": ("项目阶段", "project stages"),
    "buildings": ("楼宇", "buildings"), "units": ("分割单元", "units"), "transfers": ("转让", "transfers"),
    "transfer_units": ("转让单元", "transferred units"), "buyback_offers": ("回购", "buy-back offers"),
    "carriers": ("孵化载体", "carriers"), "spaces": ("载体空间", "spaces"), "tenancies": ("在孵企业", "tenancies"),
    "tenancy_spaces": ("租用空间", "rented spaces"), "usage_reports": ("载体月报", "monthly reports"),
    "database": ("数据库", "database"),
}


def table_label(table: str) -> str:
    pair = TABLE_LABELS.get(table)
    if pair is None:
        return table
    return pair[0] if language() == "zh" else pair[1]
