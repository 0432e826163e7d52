"""Names of roles, operations, record kinds (tables) and columns, in Chinese and English.

``render`` offers each labelled field of a problem as ``{name__label}`` too, so a
refusal reads "载体管理员 无权新增 用地指标下达 记录" instead of raw codes. No Qt
here: the command line renders the same sentences.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from desktop.i18n import bracketed, language, tr

ROLE_LABELS: dict[str, tuple[str, str]] = {
    "admin": ("管理员", "Administrator"),
    "clerk": ("业务人员", "Clerk"),
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
    "quota_repayments": ("预支指标归还", "advance repayment"),
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
    "statistics": ("统计数据", "statistic"),
    "policy_documents": ("政策文件台账", "policy document"),
}

LABELLED_FIELDS: dict[str, dict[str, tuple[str, str]]] = {
    "role": ROLE_LABELS,
    "operation": OPERATION_LABELS,
    "table": TABLE_LABELS,
}


def label(kind: Mapping[str, tuple[str, str]], value: object) -> str:
    """The name of ``value`` in the current language (the value itself if unknown)."""
    pair = kind.get(str(value))
    if pair is None:
        return str(value)
    return pair[0] if language() == "zh" else pair[1]


def table_label(table: str) -> str:
    """A table's display name (audit page, messages)."""
    return label(TABLE_LABELS, table)


FIELD_LABELS = {
    "id": "编号",
    "code": "代码",
    "name": "名称",
    "short_name": "简称",
    "note": "备注",
    "priority": "优先顺序",
    "is_main": "主平台",
    "boundary": "边界",
    "key": "规则代码",
    "title": "名称",
    "value": "取值",
    "effective_from": "生效日期",
    "effective_to": "失效日期",
    "document_no": "文件文号",
    "clause": "条款",
    "is_example": "示例值",
    "category": "类别",
    "label_en": "英文",
    "sort_order": "排序",
    "active": "启用",
    "platform_id": "平台",
    "building_id": "楼宇",
    "enterprise_id": "企业",
    "carrier_id": "载体",
    "plot_id": "地块",
    "project_id": "项目",
    "user_id": "用户",
    "space_id": "空间",
    "tenancy_id": "在孵企业",
    "uscc": "统一社会信用代码",
    "industry_chain": "产业链",
    "is_manufacturing": "制造业",
    "address": "地址",
    "contact": "联系人",
    "phone": "电话",
    "username": "用户名",
    "display_name": "姓名",
    "role": "角色",
    "password_hash": "密码（哈希）",
    "failed_logins": "登录失败次数",
    "locked_until": "锁定至",
    "created_at": "创建时间",
    "area_m2": "面积（㎡）",
    "year": "年度",
    "source": "来源",
    "granted_on": "下达日期",
    "status": "状态",
    "kind": "类型",
    "level": "级别",
    "start_on": "开始日期",
    "end_on": "结束日期",
    "month": "月份",
    "price": "价格",
    "rent": "租金",
    "floor": "楼层",
    "stage": "阶段",
    "reason": "原因",
    "land_use": "用地性质",
    "supply_method": "供地方式",
    "usable_area_m2": "可用面积（㎡）",
    "land_area_m2": "用地面积（㎡）",
    "floor_area_m2": "建筑面积（㎡）",
    "tax": "税收",
    "output": "产值",
    "employees": "从业人员",
    "operator": "运营单位",
    "recognized_on": "认定日期",
    "number": "编号",
    "approval_no": "批准文号",
    "approved_on": "批准日期",
    "override_document": "特批文号",
    "override_reason": "特批原因",
    "override_by": "特批人",
    "plot_ratio_before": "原容积率",
    "plot_ratio_after": "新容积率",
    "_key": "主键",
    "statement": "语句",
    "parameters": "参数",
    "above_scale": "规上企业",
    "accepted_on": "竣工验收日期",
    "acquired_on": "取得日期",
    "action": "操作",
    "actor": "操作人",
    "actual": "实际值",
    "allocated_on": "分配日期",
    "allocation_id": "指标分配",
    "at": "时间",
    "breakdown": "得分明细",
    "buyer_id": "受让企业",
    "cancelled_on": "核销日期",
    "carried_over_from_id": "结转自",
    "cert_area_m2": "证载面积（㎡）",
    "changes": "变更内容",
    "checks": "核查结果",
    "comparison": "比较方式",
    "compensation": "补偿金额",
    "decision_level": "决策层级",
    "deducted_on": "扣减日期",
    "demand_id": "用地需求",
    "disposed_m2": "已处置面积（㎡）",
    "electricity_mwh": "用电量（兆瓦时）",
    "emissions_t": "排放量（吨）",
    "energy_freed_tce": "腾出能耗（吨标煤）",
    "energy_tce": "能耗（吨标煤）",
    "entity": "数据表",
    "evaluated_at": "评价时间",
    "expires_on": "有效期至",
    "firms_in": "引进企业数",
    "firms_out": "迁出企业数",
    "floor_area_added_m2": "新增建筑面积（㎡）",
    "floors": "层数",
    "geom_area_m2": "图形面积（㎡）",
    "geometry": "图形",
    "graduated": "毕业企业数",
    "graduated_on": "毕业日期",
    "graduation_criterion": "毕业条件",
    "grant_id": "指标下达",
    "group": "评价分组",
    "has_lien": "设有抵押",
    "hash": "校验值",
    "holder_id": "用地单位",
    "idle_land_finding": "闲置土地认定",
    "incubation_area_m2": "孵化面积（㎡）",
    "indicator": "指标项",
    "investment": "投资额",
    "is_major": "重大项目",
    "is_resale": "再转让",
    "klass": "评价类别",
    "land_price_paid": "土地出让金已缴",
    "land_source": "用地来源",
    "left": "迁出企业数",
    "lien_consent": "抵押权人同意",
    "low_eff_kind": "低效类型",
    "main_revenue": "主营业务收入",
    "major_project": "重大项目",
    "new_enterprise_id": "新企业",
    "new_project": "新项目",
    "new_tenants": "新入孵企业数",
    "occupied_area_m2": "在用面积（㎡）",
    "offered_on": "回购日期",
    "old_enterprise_id": "原企业",
    "on_date": "日期",
    "owner_id": "权利人",
    "prev_hash": "上一校验值",
    "project": "项目",
    "promised": "承诺值",
    "protection_from": "保护期起",
    "protection_to": "保护期止",
    "quota_use_id": "指标使用",
    "rank": "排名",
    "rd_spending": "研发投入",
    "record_id": "记录编号",
    "registered_on": "产权登记日期",
    "requested_on": "申请日期",
    "reserved_on": "预安排日期",
    "returned_on": "退回日期",
    "ring": "环",
    "rule_id": "评价规则",
    # an evaluation's audit entry (models.efficiency.services._results_entry): every result in one
    "columns": "字段",
    "count": "条数",
    "rows": "各条结果",
    "score": "得分",
    "seller_id": "转让方",
    "seq": "序号",
    "supplied_on": "供地日期",
    "supply_date": "供地日期",
    "target_m2": "目标面积（㎡）",
    "tax_per_mu_after": "亩均税收（后）",
    "tax_per_mu_before": "亩均税收（前）",
    "tenants": "在孵企业数",
    "total_floor_area_m2": "总建筑面积（㎡）",
    "transfer_date": "转让日期",
    "transfer_id": "转让",
    "treatment": "处置方式",
    "unit": "单位",
    "unit_id": "单元",
    "use": "用途",
    "use_id": "指标使用",
    "va_per_mu_after": "亩均增加值（后）",
    "va_per_mu_before": "亩均增加值（前）",
    "value_added": "增加值",
    "version": "版本",
    "x_northing": "X 坐标（北）",
    "y_easting": "Y 坐标（东）",
    "base_year": "基期年份",
    "chain": "产业链",
    "measure": "衡量方式",
    "scope": "范围",
    "source_department": "来源部门",
    "threshold": "门槛值",
    "agreed_completion_on": "约定竣工日期",
    "agreed_full_production_on": "约定达产日期",
    "agreed_operation_on": "约定投产日期",
    "agreed_start_on": "约定动工日期",
    "clauses": "条款",
    "committed_investment": "承诺投资额",
    "developed_share": "已开发比例",
    "example_source": "示例来源",
    "founded_on": "成立日期",
    "halted_since": "停工起始",
    "in_force_from": "施行日期",
    "invested": "已投资额",
    "issued_on": "发文日期",
    "issuer": "发文机关",
    "major_incident": "重大事故",
    "production_reviewed_on": "达产复核日期",
    "promised_max": "承诺上限",
    "public_service_area_m2": "公共服务面积（㎡）",
    "rented_out_plants": "出租厂房数",
    "sector": "行业",
    "specialty": "专业方向",
    "started_on": "动工日期",
    "superseded_by": "被替代为",
    "superseded_on": "替代日期",
    "industry": "评价行业",
    "advance_id": "预支指标",
    "is_advance": "预支",
    "purpose": "指标用途",
    "repaid_on": "归还日期",
}


def field_label(name: str) -> str:
    """A column shown as “中文（name）” where a label is known, else the column name."""
    label = FIELD_LABELS.get(name)
    return bracketed(tr(label), name) if label else name


def column_label(name: str) -> str:
    """A column's display name alone (the column name where none is known), for sentences."""
    label = FIELD_LABELS.get(name)
    return tr(label) if label else name


def _names(name: str) -> Mapping[str, tuple[str, str]] | None:
    if name in LABELLED_FIELDS:
        return LABELLED_FIELDS[name]
    if name.endswith("_table"):
        return TABLE_LABELS
    return None


def field_labels(fields: Mapping[str, Any]) -> dict[str, str]:
    """``{name__label: 名称}`` for each field of a problem that names something: a role, an
    operation, a table (``table``, ``*_table``) or a column (``field``, ``*_field``)."""
    out: dict[str, str] = {}
    for name, value in fields.items():
        names = _names(name)
        if names is not None:
            out[f"{name}__label"] = label(names, value)
        elif name == "field" or name.endswith("_field"):
            out[f"{name}__label"] = column_label(str(value))
    return out
