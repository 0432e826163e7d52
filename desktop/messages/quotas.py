"""Quota ledger messages: refusals, ledger checks, planner lines, overview labels.

Services give every area twice: ``x_m2`` (exact ㎡) and ``x_mu`` (亩, 2 places, the unit
Zhejiang practice counts in); the templates quote the 亩 figure and, where it helps, the ㎡.
"""

from __future__ import annotations

MESSAGES: dict[str, tuple[str, str]] = {
    # ---- refusals
    "quota.area_not_positive": (
        "面积必须大于 0（输入 {area_m2} ㎡）",
        "The area must be above 0 (got {area_m2} m²)",
    ),
    "quota.area_negative": ("面积不能为负数", "Areas cannot be negative"),
    "quota.document_no_required": ("请填写下达文号", "Enter the grant's document number"),
    "quota.unknown_source": (
        "指标来源“{source}”不在来源列表中（可选：{choices}）",
        'Quota source "{source}" is not in the list ({choices})',
    ),
    "quota.duplicate_document": (
        "文号 {document_no} 已登记过一批指标，文号须唯一",
        "A grant with document {document_no} already exists; document numbers are unique",
    ),
    "quota.expiry_before_grant": (
        "有效期 {expires_on} 早于下达日期 {granted_on}（{document_no}）",
        "Expiry {expires_on} is before the grant date {granted_on} ({document_no})",
    ),
    "quota.carry_over_exceeds_remainder": (
        "结转 {requested_mu} 亩 超出 该批次剩余 {remaining_mu} 亩（{document_no}）",
        "Carrying over {requested_mu} mu exceeds the grant's remainder of {remaining_mu} mu ({document_no})",
    ),
    "quota.nothing_to_carry_over": (
        "{document_no} 已无未分配指标可结转",
        "{document_no} has nothing left to carry over",
    ),
    "quota.date_before_grant": (
        "日期 {on} 早于该批指标下达日期 {granted_on}（{document_no}）",
        "{on} is before the grant date {granted_on} ({document_no})",
    ),
    "quota.grant_expired": (
        "该批指标已于 {expires_on} 到期，不能在 {on} 分配（{document_no}）",
        "The grant expired on {expires_on}; cannot allocate on {on} ({document_no})",
    ),
    "quota.allocation_exceeds_grant": (
        "分配 {requested_mu} 亩 超出 该批次剩余 {remaining_mu} 亩（{document_no}）",
        "Allocating {requested_mu} mu exceeds the grant's remainder of {remaining_mu} mu ({document_no})",
    ),
    "quota.allocation_exceeds_demand": (
        "分配 {requested_mu} 亩 超出 项目“{project}”尚需的 {remaining_mu} 亩",
        'Allocating {requested_mu} mu exceeds the {remaining_mu} mu project "{project}" still needs',
    ),
    "quota.demand_platform_mismatch": (
        "项目“{project}”属于另一平台",
        'Project "{project}" belongs to another platform',
    ),
    "quota.demand_withdrawn": (
        "项目“{project}”的用地需求已撤回",
        'The demand of project "{project}" was withdrawn',
    ),
    "quota.project_required": ("请填写项目名称", "Enter the project name"),
    "quota.new_use_needs_allocation": (
        "新增用地的使用必须指明所用的分配指标（{project}）",
        "A new-land use must name the allocation it uses ({project})",
    ),
    "quota.stock_use_with_allocation": (
        "存量用地不占用新增指标，不应指定分配（{project}）",
        "Stock land uses no new quota; do not name an allocation ({project})",
    ),
    "quota.platform_required": ("请选择平台（{project}）", "Choose the platform ({project})"),
    "quota.use_platform_mismatch": (
        "所选分配属于另一平台（{document_no}，{project}）",
        "The allocation belongs to another platform ({document_no}, {project})",
    ),
    "quota.date_before_allocation": (
        "日期 {on} 早于分配日期 {allocated_on}（{document_no}）",
        "{on} is before the allocation date {allocated_on} ({document_no})",
    ),
    "quota.use_exceeds_allocation": (
        "使用 {requested_mu} 亩 超出 该分配剩余 {remaining_mu} 亩（{document_no}，{project}，自 {on} 起）",
        "Using {requested_mu} mu exceeds the allocation's remainder of {remaining_mu} mu "
        "({document_no}, {project}, from {on})",
    ),
    "quota.bad_value": ("取值无效", "Invalid value"),
    "quota.stage_skipped": (
        "环节日期不连续：填写“{stage}”前须先有前面各环节的日期",
        'Stage dates have a gap: "{stage}" needs every earlier stage\'s date',
    ),
    "quota.stage_date_backwards": (
        "{stage} 日期 {on} 早于上一环节日期 {previous_on}",
        "{stage} date {on} is before the previous stage's {previous_on}",
    ),
    "quota.use_cancelled": (
        "“{project}”已于 {cancelled_on} 撤销",
        '"{project}" was cancelled on {cancelled_on}',
    ),
    "quota.use_already_supplied": ("“{project}”已供地，没有下一环节", '"{project}" is already supplied'),
    "quota.return_reason_required": ("请填写收回原因", "Enter the reason for the return"),
    "quota.stock_use_holds_no_quota": (
        "存量用地未占用新增指标，无可收回（{project}）",
        "Stock land holds no quota to return ({project})",
    ),
    "quota.return_before_use": (
        "收回日期 {on} 早于预安排日期 {reserved_on}（{document_no}）",
        "Return date {on} is before the reservation {reserved_on} ({document_no})",
    ),
    "quota.return_exceeds_use": (
        "收回 {requested_mu} 亩 超出 该项目可收回的 {returnable_mu} 亩（{document_no}，{project}）",
        "Returning {requested_mu} mu exceeds the {returnable_mu} mu the use can give back "
        "({document_no}, {project})",
    ),
    "quota.import_conflict": (
        "台账中已有该记录，但 {field} 不同（台账：{existing}，表格：{incoming}）；台账记录不覆盖，请以收回或更正处理",
        "The ledger has this entry with a different {field} (ledger: {existing}, "
        "sheet: {incoming}); entries are never overwritten",
    ),
    "quota.unknown_grant": ("找不到文号为 {document_no} 的指标批次", "No grant with document {document_no}"),
    "quota.unknown_platform": ("找不到平台“{platform}”", 'No platform "{platform}"'),
    "quota.unknown_allocation": (
        "{document_no} 下没有分配给 {platform}“{project}”的指标",
        '{document_no} has no allocation to {platform} "{project}"',
    ),
    "quota.ambiguous_allocation": (
        "{document_no} 下分配给 {platform} 的指标有多条，请填写项目名称",
        "{document_no} has several allocations to {platform}; name the project",
    ),
    "quota.unknown_use": (
        "找不到 {document_no} 下 {platform}“{project}”{on} 预安排的使用记录",
        'No use of {document_no} by {platform} "{project}" reserved on {on}',
    ),
    "quota.unknown_plot": ("找不到地块编号 {plot}", "No plot {plot}"),
    # ---- ledger checks (landspace check)
    "quota.check.grant_negative": (
        "{document_no} 在 {on} 的未分配余额为负：{remaining_mu} 亩",
        "{document_no} has a negative unallocated balance on {on}: {remaining_mu} mu",
    ),
    "quota.check.allocation_negative": (
        "{document_no} 分配给 {platform}（{project}）的指标在 {on} 余额为负：{remaining_mu} 亩",
        "The allocation of {document_no} to {platform} ({project}) is negative on {on}: {remaining_mu} mu",
    ),
    "quota.check.return_exceeds_use": (
        "{document_no}“{project}”收回 {returned_mu} 亩 超过 使用 {used_mu} 亩",
        '{document_no} "{project}": returned {returned_mu} mu exceeds used {used_mu} mu',
    ),
    "quota.check.return_without_use": (
        "收回记录 #{return_id} 未关联使用记录",
        "Return #{return_id} names no use",
    ),
    "quota.check.return_allocation_mismatch": (
        "收回记录 #{return_id} 与其使用记录不属同一分配",
        "Return #{return_id} and its use belong to different allocations",
    ),
    "quota.check.dates_out_of_order": (
        "“{project}”的环节日期倒序或跳过（{stage}）",
        '"{project}": stage dates out of order or skipped ({stage})',
    ),
    "quota.check.stage_mismatch": (
        "“{project}”登记的环节 {stage} 与日期不符（应为 {expected}）",
        '"{project}": stage {stage} does not match its dates ({expected})',
    ),
    "quota.check.entry_before_parent": (
        "{what} #{what_id} 日期 {on} 早于其上级记录日期 {parent_on}（{document_no}）",
        "{what} #{what_id} dated {on} precedes its parent ({parent_on}, {document_no})",
    ),
    "quota.check.use_platform_mismatch": (
        "“{project}”的平台与其分配不一致（{document_no}）",
        '"{project}": platform differs from its allocation ({document_no})',
    ),
    "quota.check.stock_use_with_allocation": (
        "存量用地“{project}”却占用了分配指标",
        'Stock-land use "{project}" names an allocation',
    ),
    "quota.check.cancelled_not_returned": (
        "“{project}”已撤销，但仍有 {open_mu} 亩未收回（{document_no}）",
        '"{project}" is cancelled but {open_mu} mu was not returned ({document_no})',
    ),
    "quota.check.land_decided_by_science_city": (
        "“{project}”涉及用地，却记为科技城自行决策；依据 {document_no} {clause}，涉及用地的项目由区政府决策",
        '"{project}" involves land but is recorded as decided by the Science City; under {document_no} '
        "{clause} land projects are decided by the district",
    ),
    "quota.check.ok": (
        "指标台账检查通过：{grants} 批指标、{allocations} 条分配、{uses} 条使用、{returns} 条收回，余额均不为负",
        "Quota ledger OK: {grants} grants, {allocations} allocations, {uses} uses, {returns} returns; "
        "no negative balance",
    ),
    # ---- planner lines
    "quota.plan.reserved_for_project": (
        "{document_no}（{source}）为重大项目“{project}”争取，按原定用途安排给 {platform} {area_mu} 亩",
        '{document_no} ({source}) was won for major project "{project}": {area_mu} mu to {platform}',
    ),
    "quota.plan.reserved_unmatched": (
        "{document_no}（{source}）为重大项目“{project}”预留，当前没有该项目的待安排需求，保留不分",
        '{document_no} ({source}) is reserved for "{project}", which has no pending demand: kept',
    ),
    "quota.plan.by_priority": (
        "第 {rank} 顺位 {platform}：{project} 安排 {area_mu} 亩，来自 {document_no}（依据 {rule_document} {clause}：{order}）",
        "Priority {rank} {platform}: {area_mu} mu for {project} from {document_no} "
        "(under {rule_document} {clause}: {order})",
    ),
    "quota.plan.short": (
        "第 {rank} 顺位 {platform}：{project} 尚缺 {short_mu} 亩（需 {need_mu} 亩），本年指标已按顺位排完",
        "Priority {rank} {platform}: {project} is {short_mu} mu short (needs {need_mu} mu); "
        "the year's quota ran out in priority order",
    ),
    "quota.plan.platform_not_in_rule": (
        "{platform} 不是主平台，新增产业用地指标排在主平台之后（{rule_document} {clause}：优先保障科技城等主平台）",
        "{platform} is not a main platform: new industrial quota goes to it after the main platforms "
        "({rule_document} {clause}: the Science City and the other main platforms first)",
    ),
    "quota.plan.other_purpose": (
        "其他用地 {platform}：{project} 安排 {area_mu} 亩，来自 {document_no}（{rule_document} {clause} 只规定新增产业用地的"
        "优先保障，其他用地按项目优先级和申请日期）",
        "Other use {platform}: {area_mu} mu for {project} from {document_no} ({rule_document} {clause} orders only "
        "new industrial land; other uses go by project priority and request date)",
    ),
    "quota.plan.short_other": (
        "其他用地 {platform}：{project} 尚缺 {short_mu} 亩（需 {need_mu} 亩），本年指标已排完",
        "Other use {platform}: {project} is {short_mu} mu short (needs {need_mu} mu); the year's quota ran out",
    ),
    # ---- 预支 (advances) and purposes
    "quota.advance_needs_project": (
        "预支指标 {document_no} 须写明所对应的省重大项目",
        "Advance {document_no} must name the provincial major project it is for",
    ),
    "quota.advance_not_carried_over": (
        "预支指标 {document_no} 不能由结转产生",
        "Advance {document_no} cannot be a carry-over",
    ),
    "quota.not_an_advance": (
        "{document_no} 不是预支指标，无需归还",
        "{document_no} is not an advance; there is nothing to repay",
    ),
    "quota.repay_from_advance": (
        "不能用预支指标 {document_no} 归还预支",
        "An advance ({document_no}) cannot repay an advance",
    ),
    "quota.repay_from_earlier_grant": (
        "{document_no}（{granted_on}）早于预支指标 {advance_document_no}（{advance_on}），须用以后下达的指标归还",
        "{document_no} ({granted_on}) predates the advance {advance_document_no} ({advance_on}): "
        "an advance is repaid from a later grant",
    ),
    "quota.repayment_exceeds_advance": (
        "归还 {requested_mu} 亩 超过预支指标 {document_no} 尚欠的 {owed_mu} 亩",
        "Repaying {requested_mu} mu exceeds the {owed_mu} mu advance {document_no} still owes",
    ),
    "quota.check.repayment_to_non_advance": (
        "{document_no} 不是预支指标，却记有归还",
        "{document_no} is not an advance but has repayments",
    ),
    "quota.check.advance_overpaid": (
        "预支指标 {document_no} 已归还 {repaid_mu} 亩，超过预支的 {advance_mu} 亩",
        "Advance {document_no}: {repaid_mu} mu repaid, more than the {advance_mu} mu advanced",
    ),
    "quota.check.advance_outstanding": (
        "预支指标 {document_no}（{project}）尚欠 {owed_mu} 亩，待以后年度下达的指标归还",
        "Advance {document_no} ({project}) still owes {owed_mu} mu, to be repaid from later grants",
    ),
    "quota.plan.no_rule": (
        "未找到 {on} 有效的指标优先顺序规则，按平台默认优先级排列",
        "No priority rule in force on {on}; using the platforms' default priority",
    ),
    "quota.plan.left_over": (
        "{document_no} 安排后仍剩 {area_mu} 亩 未分配",
        "{document_no}: {area_mu} mu left unallocated",
    ),
    # ---- 增存挂钩
    "quota.linkage.linked": (
        "{year} 年处置存量土地 {disposed_mu} 亩（任务 {target_mu} 亩）；按 {document_no} {clause}（每亩 {ratio}）"
        "下一年度挂钩新增指标 {linked_mu} 亩",
        "{year}: {disposed_mu} mu of stock land disposed (target {target_mu} mu); under {document_no} {clause} "
        "(ratio {ratio}) next year's linked new quota is {linked_mu} mu",
    ),
    "quota.linkage.blocked": (
        "{year} 年近 {years__raw} 年供地率 {rate_pct}% 低于 {threshold_pct}%：按 {document_no} {clause} 不安排新增指标",
        "{year}: the {years__raw}-year supply rate {rate_pct}% is below {threshold_pct}%: no new quota under "
        "{document_no} {clause}",
    ),
    "quota.linkage.no_target": ("{year} 年未设处置任务", "{year}: no disposal target set"),
    # ---- overview
    "quotas.overview.platform_remaining": ("{platform} {year} 年剩余指标", "{platform} quota left in {year}"),
    "quotas.overview.remaining": ("{platform} {year} 年剩余指标", "{platform} quota left in {year}"),
    "quotas.overview.remaining.short": ("剩余指标", "Quota left"),
    "quotas.overview.used": ("{platform} {year} 年已用指标", "{platform} quota used in {year}"),
    "quotas.overview.used.short": ("已用指标", "Quota used"),
    "quotas.overview.unallocated": ("{year} 年未分配指标", "Unallocated quota in {year}"),
    "quotas.overview.utilisation": ("{year} 年指标利用率", "Quota utilisation in {year}"),
}
