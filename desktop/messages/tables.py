"""Display names of the tables, for messages and the admin pages (no Qt: the CLI uses it)."""

from __future__ import annotations

from desktop.i18n import language, tr

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


FIELD_LABELS = {
    "id": "编号", "code": "代码", "name": "名称", "short_name": "简称", "note": "备注", "priority": "优先顺序",
    "is_main": "主平台", "boundary": "边界", "key": "规则代码", "title": "名称", "value": "取值",
    "effective_from": "生效日期", "effective_to": "失效日期", "document_no": "文件文号", "clause": "条款",
    "is_example": "示例值", "category": "类别", "label_en": "英文", "sort_order": "排序", "active": "启用",
    "platform_id": "平台", "building_id": "楼宇", "enterprise_id": "企业", "carrier_id": "载体",
    "plot_id": "地块", "project_id": "项目", "user_id": "用户", "space_id": "空间", "tenancy_id": "在孵企业",
    "uscc": "统一社会信用代码", "industry_chain": "产业链", "is_manufacturing": "制造业", "address": "地址",
    "contact": "联系人", "phone": "电话", "username": "用户名", "display_name": "姓名", "role": "角色",
    "password_hash": "密码（哈希）", "failed_logins": "登录失败次数", "locked_until": "锁定至",
    "created_at": "创建时间", "area_m2": "面积（㎡）", "year": "年度", "source": "来源", "granted_on": "下达日期",
    "status": "状态", "kind": "类型", "level": "级别", "start_on": "开始日期", "end_on": "结束日期",
    "month": "月份", "price": "价格", "rent": "租金", "floor": "楼层", "stage": "阶段", "reason": "原因",
    "land_use": "用地性质", "supply_method": "供地方式", "usable_area_m2": "可用面积（㎡）",
    "land_area_m2": "用地面积（㎡）", "floor_area_m2": "建筑面积（㎡）", "tax": "税收", "output": "产值",
    "employees": "从业人员", "operator": "运营单位", "recognized_on": "认定日期", "number": "编号",
    "approval_no": "批准文号", "approved_on": "批准日期", "override_document": "特批文号",
    "override_reason": "特批原因", "override_by": "特批人", "plot_ratio_before": "原容积率",
    "plot_ratio_after": "新容积率", "_key": "主键", "statement": "语句", "parameters": "参数",
}


def field_label(name: str) -> str:
    """A column shown as “中文（name）” where a label is known, else the column name."""
    label = FIELD_LABELS.get(name)
    return tr(label) + f"（{name}）" if label else name


def column_label(name: str) -> str:
    """A column's display name alone (the column name where none is known), for sentences."""
    label = FIELD_LABELS.get(name)
    return tr(label) if label else name
