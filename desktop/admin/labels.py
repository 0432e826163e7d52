"""Display names of tables, audit actions and roles (shared by the admin pages)."""

from __future__ import annotations

from PySide6.QtWidgets import QDialogButtonBox

from desktop.i18n import tr


def entity_label(table: str) -> str:
    labels = {
        "users": tr("用户"), "user_carriers": tr("用户载体"), "audit_entries": tr("审计记录"),
        "platforms": tr("平台"), "policy_rules": tr("政策参数"), "policy_documents": tr("政策文件台账"),
        "choice_items": tr("选项列表"),
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
