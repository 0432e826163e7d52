"""Messages of the policy area: rule versions, choice lists, platforms."""

MESSAGES: dict[str, tuple[str, str]] = {
    "policy.key_required": ("请填写规则代码。", "Enter the rule key."),
    "policy.document_required": (
        "规则 {key} 的新版本必须注明依据文件文号。",
        "A new version of rule {key} needs the number of the document it comes from.",
    ),
    "policy.version_not_after": (
        "规则 {key} 的新版本生效日期 {effective_from} 必须晚于现行版本的 {latest_from}（{document_no}）。",
        "The new version of rule {key} must start after {latest_from} ({document_no}); "
        "it starts {effective_from}.",
    ),
    "policy.document_no_required": ("请填写文件文号。", "Enter the document number."),
    "policy.document_exists": (
        "文件 {document_no} 已登记。",
        "Document {document_no} is already registered.",
    ),
    "policy.bad_status": (
        "状态“{status}”无效；可选：{known}",
        "Status “{status}” is invalid; choices: {known}",
    ),
    "policy.superseded_by_required": (
        "{document_no} 已被替代：请填写替代它的文件文号。",
        "{document_no} is superseded: enter the number of the document that replaces it.",
    ),
    "policy.superseded_by_itself": (
        "{document_no} 不能被自己替代。",
        "{document_no} cannot supersede itself.",
    ),
    "policy.in_force_before_issue": (
        "{document_no} 的施行日期 {in_force_from} 早于发文日期 {issued_on}。",
        "{document_no} comes into force ({in_force_from}) before it is issued ({issued_on}).",
    ),
    "policy.superseded_before_start": (
        "{document_no} 的替代日期 {superseded_on} 早于其施行（发文）日期 {start}。",
        "{document_no} is superseded on {superseded_on}, before it applies ({start}).",
    ),
    "policy.clause_summary_required": (
        "条款“{clause}”缺少内容摘要。",
        "Clause “{clause}” needs a summary of what it says.",
    ),
    "policy.clause_duplicate": ("条款“{clause}”重复。", "Clause “{clause}” is listed twice."),
    "policy.document_cited": (
        "{document_no} 被 {rules} 条规则引用，不能修改文号；请登记新文件并为规则新增版本。",
        "{document_no} is cited by {rules} rules: its number cannot change; register the new document and "
        "add rule versions citing it.",
    ),
    "policy.choice_required": ("选项不能为空（{category}）。", "The entry cannot be empty ({category})."),
    "policy.choice_exists": (
        "列表 {category} 中已有“{value}”。",
        "The list {category} already has “{value}”.",
    ),
    "platform.code_invalid": (
        "平台代码“{value}”无效：只能用字母、数字、- 和 _。",
        "Platform code “{value}” is invalid: letters, digits, - and _ only.",
    ),
    "platform.priority_out_of_range": (
        "优先顺序 {value} 应在 {minimum} 到 {maximum} 之间。",
        "Priority {value} must be between {minimum} and {maximum}.",
    ),
    "platform.duplicate_code": (
        "平台代码 {code} 在第 {first_row} 行已出现过。",
        "Platform code {code} already appears in row {first_row}.",
    ),
    "platform.name_taken": (
        "平台名称 {name} 已属于平台 {code}。",
        "The platform name {name} already belongs to {code}.",
    ),
    "platform.unknown": ("未知平台代码：{code}", "Unknown platform code: {code}"),
    "policy.text_too_long": (
        "文字过长（{length} 字，最多 {max_length} 字）。",
        "Text too long ({length} characters, at most {max_length}).",
    ),
    "policy.rule_without_basis": (
        "规则“{rule_title}”（{rule_key}）既未引用文件，也未注明示例来源",
        "Rule “{rule_title}” ({rule_key}) cites no document and names no example source",
    ),
    "policy.document_unregistered": (
        "规则“{rule_title}”引用的 {document_no} 未在政策文件台账中登记",
        "Rule “{rule_title}” cites {document_no}, which is not in the register of policy documents",
    ),
    "policy.document_superseded": (
        "规则“{rule_title}”（{rule_key}）依据 {document_no}，该文件已于 {superseded_on} 被 {superseded_by} 替代",
        "Rule “{rule_title}” ({rule_key}) rests on {document_no}, superseded by {superseded_by} on {superseded_on}",
    ),
    "policy.clause_unregistered": (
        "规则“{rule_title}”引用的条款（{document_no}）未在台账中登记，请核对该条款是否包含此数值",
        "Rule “{rule_title}” cites a clause not registered ({document_no}); check that it holds this value",
    ),
    "policy.clause_holds_no_figure": (
        "规则“{rule_title}”的数值引用了不含数值的条款（{document_no}），应改为示例并注明来源",
        "Rule “{rule_title}” cites a clause that holds no figure ({document_no}); mark it as an example "
        "with its source",
    ),
}
