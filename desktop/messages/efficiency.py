"""Messages of the efficiency area (亩均效益评价)."""

MESSAGES: dict[str, tuple[str, str]] = {
    "efficiency.rule_invalid": (
        "评价规则设置无效：{path} = {value}",
        "Invalid evaluation rule setting: {path} = {value}",
    ),
    "efficiency.no_rule": (
        "没有适用于 {year__raw} 年数据的亩均效益评价规则（{rule_key}）：须在评价时已施行，且规则所列数据年度包含该年",
        "No efficiency rule set covers the data of {year__raw} ({rule_key}): it must be adopted "
        "by the evaluation and state that data year",
    ),
    "efficiency.bad_year": ("年度 {year} 不合理", "Implausible year {year}"),
    "efficiency.negative_value": (
        "{field__label} 不能为负数：{value}（{year} 年度）",
        "{field__label} cannot be negative: {value} ({year})",
    ),
    "efficiency.bad_status": (
        "评价状态“{value}”无效，应为 {known}",
        'Unknown status "{value}"; expected {known}',
    ),
    "efficiency.protection_dates": (
        "保护期止 {protection_to} 早于保护期起 {protection_from}",
        "Protection ends {protection_to}, before it starts {protection_from}",
    ),
    "efficiency.no_records": (
        "{year} 年度没有亩均效益数据，无法评价",
        "No efficiency records for {year} to evaluate",
    ),
    "efficiency.rule_document_required": (
        "保存新规则需要填写文号",
        "A document number is required to save a new rule",
    ),
    "efficiency.rule_date_taken": (
        "已有一版规则自 {effective_from} 起生效，请选择其他生效日期",
        "A rule version already takes effect on {effective_from}; choose another date",
    ),
    "efficiency.d_streak": (
        "{name}（{uscc}）{first_year}—{last_year} 年连续 {count} 年评为 D 类（依据 {document_no}）",
        "{name} ({uscc}) rated D {count} years running, {first_year}–{last_year} (rule {document_no})",
    ),
    "efficiency.not_evaluated": (
        "{year} 年度有 {records} 条亩均效益数据，尚未评价",
        "{year}: {records} efficiency records not yet evaluated",
    ),
    "efficiency.results_stale": (
        "{year} 年度数据 {records} 条，评价结果 {results} 条，请重新评价",
        "{year}: {records} records but {results} results; evaluate again",
    ),
    "efficiency.year_from_title": (
        "未指定年度，按表名或标题“{text}”取 {year} 年度",
        'No year given; using {year} from the sheet name or title "{text}"',
    ),
    "efficiency.year_unknown": (
        "无法确定数据年度：请指定年度（--year），或在表名、标题行或“年度”列中注明",
        "Cannot tell the year: give --year, or name it in the sheet, title row or a 年度 column",
    ),
    "efficiency.enterprises_created": (
        "企业库中新增 {count} 家企业：{names}",
        "Added {count} enterprises to the register: {names}",
    ),
    "efficiency.duplicate_in_file": (
        "{uscc} 的 {year} 年度数据在第 {first_row} 行已出现",
        "{uscc} for {year} already appears on row {first_row}",
    ),
    "efficiency.unknown_platform": ("平台“{value}”不存在", 'Unknown platform "{value}"'),
    "efficiency.overview.a_count": ("{year} 年度 A 类企业", "A-class enterprises, {year}"),
    "efficiency.overview.d_count": ("{year} 年度 D 类企业", "D-class enterprises, {year}"),
    "efficiency.overview.graded": ("{year} 年度参评企业", "Graded enterprises, {year}"),
    "efficiency.overview.d_streak": ("连续多年 D 类企业", "Enterprises rated D years running"),
}
