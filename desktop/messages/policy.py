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
    "policy.choice_required": ("选项不能为空（{category}）。", "The entry cannot be empty ({category})."),
    "policy.choice_exists": ("列表 {category} 中已有“{value}”。", "The list {category} already has “{value}”."),
    "platform.code_invalid": (
        "平台代码“{value}”无效：只能用字母、数字、- 和 _。",
        "Platform code “{value}” is invalid: letters, digits, - and _ only.",
    ),
    "platform.priority_out_of_range": (
        "优先顺序 {value} 应在 {minimum} 到 {maximum} 之间。",
        "Priority {value} must be between {minimum} and {maximum}.",
    ),
    "platform.duplicate_code": (
        "平台代码 {code} 在第 {first_row} 行已出现过。", "Platform code {code} already appears in row {first_row}."),
    "platform.name_taken": (
        "平台名称 {name} 已属于平台 {code}。", "The platform name {name} already belongs to {code}."),
    "platform.unknown": ("未知平台代码：{code}", "Unknown platform code: {code}"),
    "policy.text_too_long": ("文字过长（{length} 字，最多 {max_length} 字）。",
                           "Text too long ({length} characters, at most {max_length})."),
}
