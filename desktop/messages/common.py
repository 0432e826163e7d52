"""Messages shared by every area."""

MESSAGES: dict[str, tuple[str, str]] = {
    "record.not_found": ("找不到记录：{entity} {key}", "Record not found: {entity} {key}"),
    "record.changed_by_other": (
        "该记录已被他人修改（{entity} {key}），请刷新后重试。",
        "This record was changed by someone else ({entity} {key}); refresh and try again.",
    ),
    "permission.denied": (
        "{role__label} 无权{operation__label} {table__label} 记录",
        "{role__label}: not allowed to {operation__label} {table__label} records",
    ),
    "permission.out_of_scope": (
        "{role__label} 无权{operation__label}不属于其管理载体的 {table__label} 记录",
        "{role__label}: not allowed to {operation__label} {table__label} records of carriers they do not manage",
    ),
    "record.in_use": (
        "{table__label}“{name}”还有 {count} 条{ref_table__label}记录引用它（另有其他记录 {others} 条），不能删除。请先处理这些记录。",
        "{table__label} “{name}” cannot be deleted: {count} {ref_table__label} record(s) refer to it (and {others} "
        "other record(s)). Deal with those first.",
    ),
    "text.invalid_character": (
        "{table__label}的“{field__label}”含有无法保存的字符（{character}，多为从其他程序粘贴带入），未保存。请删除该字符后重试。",
        "The {field__label} of {table__label} contains a character that cannot be stored ({character}, usually "
        "pasted from another program); nothing was saved. Remove it and try again.",
    ),
    "text.too_long": (
        "{table__label}的“{field__label}”有 {length} 个字符，超过上限 {limit} 个字符，未保存。",
        "The {field__label} of {table__label} has {length} characters, more than the {limit} allowed; nothing "
        "was saved.",
    ),
    "geometry.invalid": ("图形无效：{reason}", "Invalid geometry: {reason}"),
    "value.required": ("必填项为空", "A value is required"),
    "import.row_skipped": ("已跳过（{reason}）", "Skipped ({reason})"),
    "export.written": ("已导出 {count} 行到 {path}", "Exported {count} rows to {path}"),
    "database.open_failed": (
        "无法打开数据库 {target}：{reason}",
        "Cannot open the database {target}: {reason}",
    ),
    "value.not_yes_no": ("“{value}”不是“是/否”", "“{value}” is not yes/no"),
}
