"""Messages of the incubation area (carriers, spaces, tenancies, monthly usage)."""

MESSAGES: dict[str, tuple[str, str]] = {
    "incubation.founded_after_entry": (
        "企业成立日期 {founded_on} 晚于入驻日期 {start_on}",
        "The firm was founded ({founded_on}) after it moved in ({start_on})",
    ),
    # scope and rules
    "incubation.carrier_out_of_scope": (
        "您不是载体“{carrier}”的管理员，不能查看或修改它的数据",
        "You do not manage the carrier “{carrier}” and cannot see or change its data",
    ),
    "incubation.rule_missing": (
        "缺少政策参数 {rule_key}（{on} 时有效）",
        "Policy rule {rule_key} missing (on {on})",
    ),
    # carriers
    "incubation.name_required": ("载体名称不能为空", "The carrier needs a name"),
    "incubation.code_required": ("载体编号不能为空", "The carrier needs a code"),
    "incubation.duplicate_carrier": (
        "已有同{field__label}的载体：{value}",
        "A carrier with this {field__label} exists: {value}",
    ),
    "incubation.unknown_kind": (
        "载体类型“{value}”不认识（可选：孵化器、众创空间、加速器、产业园、楼宇）",
        "Unknown carrier type “{value}”",
    ),
    "incubation.unknown_level": (
        "级别“{value}”不认识（可选：国家级、省级、市级、区级）",
        "Unknown level “{value}”",
    ),
    "incubation.unknown_platform": ("平台不存在：{platform_id}", "No such platform: {platform_id}"),
    "incubation.unknown_platform_name": ("平台“{platform}”不存在", "No platform called “{platform}”"),
    "incubation.area_not_positive": ("面积必须大于零：{value} ㎡", "The area must be positive: {value} m²"),
    "incubation.incubation_area_exceeds_usable": (
        "“{carrier}”的孵化面积 {incubation_area_m2} ㎡ 大于可使用面积 {usable_area_m2} ㎡",
        "Incubation area of “{carrier}” ({incubation_area_m2} m²) exceeds its usable area ({usable_area_m2} m²)",
    ),
    "incubation.spaces_exceed_usable": (
        "“{carrier}”的空间合计 {spaces_m2} ㎡，超过可使用面积 {usable_area_m2} ㎡",
        "Spaces of “{carrier}” total {spaces_m2} m², more than its usable area ({usable_area_m2} m²)",
    ),
    "incubation.not_a_carrier_manager": (
        "用户 {user_id} 的角色不是载体管理员（{role}）",
        "User {user_id} is not a carrier manager ({role})",
    ),
    "incubation.unknown_carrier": (
        "载体“{carrier}”不存在（请先登记载体）",
        "No carrier called “{carrier}” (register it first)",
    ),
    "incubation.unknown_user": ("用户“{username}”不存在", "No user called “{username}”"),
    # spaces
    "incubation.space_code_required": ("房号不能为空", "The space needs a code"),
    "incubation.duplicate_space": ("“{carrier}”已有房号 {code}", "“{carrier}” already has a space {code}"),
    "incubation.unknown_space_kind": (
        "空间类型“{value}”不认识（可选：办公、实验室、厂房、工位）",
        "Unknown space type “{value}”",
    ),
    "incubation.rent_negative": ("租金不能为负：{value} 万元", "Rent cannot be negative: {value} (10k CNY)"),
    "incubation.space_in_use": (
        "房号 {code} 有入驻记录，不能删除",
        "Space {code} has tenancies and cannot be deleted",
    ),
    "incubation.unknown_space": ("房号 {code} 不存在", "No space {code}"),
    "incubation.space_not_in_carrier": (
        "空间 {space_id} 不属于“{carrier}”",
        "Space {space_id} is not in “{carrier}”",
    ),
    # tenancies
    "incubation.space_already_let": (
        "“{carrier}”房号 {space} 已由 {enterprise} 租用（{start_on} 至 {end_on}），期间重叠",
        "Space {space} of “{carrier}” is let to {enterprise} ({start_on} – {end_on}) for an overlapping period",
    ),
    "incubation.unknown_enterprise": ("企业不存在：{enterprise_id}", "No such enterprise: {enterprise_id}"),
    "incubation.unknown_enterprise_uscc": (
        "企业库中没有 {uscc}，请填写企业名称以新增",
        "{uscc} is not in the register; give the name to add it",
    ),
    "incubation.end_before_start": (
        "到期日期 {end_on} 早于入驻日期 {start_on}",
        "End {end_on} is before start {start_on}",
    ),
    "incubation.unknown_status": (
        "状态“{value}”不认识（可选：在孵、毕业、退出）",
        "Unknown status “{value}”",
    ),
    "incubation.graduation_needs_date": ("毕业需要填写毕业日期", "Graduation needs a date"),
    "incubation.graduation_needs_criterion": ("毕业需要填写毕业条件", "Graduation needs the criterion met"),
    "incubation.graduation_needs_status": (
        "只有“毕业”状态才填写毕业日期（当前：{status}）",
        "Only graduated tenancies have a graduation date ({status})",
    ),
    "incubation.graduation_outside_tenancy": (
        "毕业日期 {graduated_on} 不在入驻期 {start_on} 至 {end_on} 内",
        "Graduation {graduated_on} is outside the tenancy {start_on} – {end_on}",
    ),
    "incubation.left_needs_end": ("退出需要填写退出日期", "Leaving needs the last day"),
    "incubation.tenancy_area_required": ("请选择房号或填写入驻面积", "Choose spaces or give the area"),
    "incubation.tenancy_area_exceeds_spaces": (
        "入驻面积 {area_m2} ㎡ 大于所选房间合计 {spaces_m2} ㎡",
        "Area {area_m2} m² exceeds the spaces' {spaces_m2} m²",
    ),
    "incubation.occupied_exceeds_usable": (
        "“{carrier}”在 {day} 的入驻面积将达 {occupied_m2} ㎡，超过可使用面积 {usable_area_m2} ㎡",
        "On {day} “{carrier}” would be occupied {occupied_m2} m², more than its usable {usable_area_m2} m²",
    ),
    # monthly reports
    "incubation.report_exists": (
        "{carrier} {month__raw:%Y年%m月} 的使用登记已由他人保存，本次输入没有覆盖它。请重新打开该月份查看后再修改。",
        "Someone else has saved the {month__raw:%Y-%m} report of {carrier}; your entry did not overwrite it. "
        "Reopen that month to see it, then edit.",
    ),
    "incubation.report_in_future": ("{month__raw:%Y年%m月} 还没到，不能登记", "{month} has not come yet"),
    "incubation.report_negative": (
        "{field__label} 不能为负：{value}",
        "{field__label} cannot be negative: {value}",
    ),
    "incubation.report_exceeds_usable": (
        "“{carrier}” {month__raw:%Y年%m月} 已使用面积 {occupied_area_m2} ㎡ 超过可使用面积 {usable_area_m2} ㎡",
        "“{carrier}” {month}: occupied {occupied_area_m2} m² exceeds usable {usable_area_m2} m²",
    ),
    "incubation.duplicate_month_in_file": (
        "{month__raw:%Y年%m月} 在文件中重复（第 {first_row} 行已有）",
        "{month} appears twice in the file (first on row {first_row})",
    ),
    # checks
    "incubation.clock_over_limit": (
        "“{carrier}” {enterprise} 自 {start_on} 在孵已 {months} 个月，超过 {max_months} 个月（依据 {document_no} {clause}）",
        "“{carrier}” {enterprise}: incubating {months} months since {start_on}, over {max_months} "
        "({document_no} {clause})",
    ),
    "incubation.clock_near_limit": (
        "“{carrier}” {enterprise} 在孵已 {months} 个月，临近 {max_months} 个月上限（提醒参数：{document_no}）",
        "“{carrier}” {enterprise}: incubating {months} months, near the {max_months}-month limit",
    ),
    "incubation.space_double_let": (
        "“{carrier}”房号 {space} 同时租给两家企业（{first_start}、{second_start} 起）",
        "Space {space} of “{carrier}” is let twice (from {first_start} and {second_start})",
    ),
    "incubation.over_occupied": (
        "“{carrier}”在 {on} 入驻面积 {occupied_m2} ㎡ 超过可使用面积 {usable_area_m2} ㎡",
        "“{carrier}” on {on}: occupied {occupied_m2} m² exceeds usable {usable_area_m2} m²",
    ),
    "incubation.report_mismatch": (
        "“{carrier}” {month__raw:%Y年%m月} 报送使用面积 {reported_m2} ㎡，按入驻台账折算 {computed_m2} ㎡，"
        "相差 {difference_m2} ㎡，超过可使用面积的 {tolerance__raw:.0%}（依据 {document_no}）",
        "“{carrier}” {month}: reported {reported_m2} m², tenancies give {computed_m2} m² "
        "(difference {difference_m2} m², over {tolerance__raw:.0%} of usable area)",
    ),
    "incubation.report_tenants_inconsistent": (
        "“{carrier}” {month__raw:%Y年%m月} 在孵企业 {reported} 家，与上月 {previous} + 新入驻 {new} − 毕业 {graduated} − "
        "退出 {left} = {expected} 不符",
        "“{carrier}” {month}: {reported} tenants, but last month {previous} + {new} − {graduated} − {left} = {expected}",
    ),
    "incubation.report_missing": (
        "“{carrier}” 尚未报送 {month__raw:%Y年%m月} 的使用登记",
        "“{carrier}” has not reported {month}",
    ),
    # overview
    "incubation.overview.occupancy": ("孵化载体使用率", "Carrier occupancy"),
    "incubation.overview.vacant": ("载体空置面积", "Vacant carrier space"),
    "incubation.overview.tenants": ("在孵企业", "Incubating firms"),
    "incubation.overview.carriers": ("孵化载体", "Carriers"),
    "incubation.overview.qualified": (
        "达到国家级孵化器条件（共 {incubators} 家孵化器）",
        "Meeting the national incubator criteria (of {incubators} incubators)",
    ),
    "incubation.overview.vacant_platform": ("{platform}载体空置面积", "Vacant carrier space, {platform}"),
}
