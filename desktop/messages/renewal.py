"""Messages of the renewal area (腾笼换鸟)."""

MESSAGES: dict[str, tuple[str, str]] = {
    "renewal.name_required": ("项目名称不能为空", "The project name is required"),
    "renewal.code_required": ("项目编号不能为空", "The project code is required"),
    "renewal.duplicate_code": ("项目编号 {code} 已存在", "Project code {code} already exists"),
    "renewal.unknown_platform": ("平台“{value}”不存在", 'Unknown platform "{value}"'),
    "renewal.bad_treatment": (
        "处置方式“{value}”无效，应为 {known}",
        'Unknown treatment "{value}"; expected {known}',
    ),
    "renewal.bad_low_eff_kind": (
        "低效类型“{value}”无效，应为 {known}",
        'Unknown low-efficiency kind "{value}"; expected {known}',
    ),
    "renewal.negative_value": (
        "{field__label} 不能为负数：{value}",
        "{field__label} cannot be negative: {value}",
    ),
    "renewal.bad_stage": ("阶段“{value}”无效", 'Unknown stage "{value}"'),
    "renewal.same_stage": ("项目 {code} 已处于该阶段", "Project {code} is already at that stage"),
    "renewal.date_before_last": (
        "项目 {code} 的阶段日期 {on_date} 早于上一阶段日期 {last_date}，日期只能向后",
        "Project {code}: {on_date} is before the previous stage's date {last_date}; dates must run forward",
    ),
    "renewal.reason_required": (
        "项目 {code} 退回前一阶段、终止或恢复，须填写原因",
        "Project {code}: going back a stage, stopping or resuming needs a reason",
    ),
    "renewal.supply_method_required": (
        "项目 {code} 进入再供应须注明供地方式（{known}）",
        "Project {code}: re-supply needs the supply method ({known})",
    ),
    "renewal.bad_supply_method": (
        "供地方式“{value}”无效，应为 {known}",
        'Unknown supply method "{value}"; expected {known}',
    ),
    "renewal.plot_required": (
        "项目 {code} 再供应须关联地块",
        "Project {code}: re-supply needs a linked plot",
    ),
    "renewal.unknown_quota_use": (
        "项目 {code} 关联的指标使用记录 {quota_use_id} 不存在",
        "Project {code}: quota use {quota_use_id} does not exist",
    ),
    "renewal.quota_use_required": (
        "项目 {code} 的地块 {plots} 为新增建设用地，再供应须关联用地指标使用记录",
        "Project {code}: plots {plots} are new construction land; link the quota use",
    ),
    "renewal.enterprise_name_required": (
        "企业 {uscc} 不在企业库中，须同时填写企业名称",
        "Enterprise {uscc} is not registered; give its name too",
    ),
    "renewal.unknown_plot": ("地块 {codes} 不存在", "Unknown plots {codes}"),
    "renewal.stage_date_required": (
        "项目 {code} 变更阶段须填写阶段日期",
        "Project {code}: a stage change needs its date",
    ),
    "renewal.duplicate_in_file": (
        "项目编号 {code} 在第 {first_row} 行已出现",
        "Project {code} already appears on row {first_row}",
    ),
    "renewal.stage_mismatch": (
        "项目 {code} 的当前阶段与阶段记录不一致",
        "Project {code}: stage differs from its history",
    ),
    "renewal.history_out_of_order": (
        "项目 {code} 的阶段日期顺序错乱",
        "Project {code}: stage dates out of order",
    ),
    "renewal.overview.active": ("在推进的腾笼换鸟项目", "Renewal cases under way"),
    "renewal.overview.area_freed": ("累计腾出用地", "Land freed"),
    "renewal.overview.energy_freed": ("累计腾出能耗（吨标煤）", "Energy freed (tce)"),
    "renewal.overview.firms_out": ("腾退企业", "Firms moved out"),
}
