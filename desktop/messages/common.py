"""Messages shared by every area."""

MESSAGES: dict[str, tuple[str, str]] = {
    "record.not_found": ("找不到记录：{entity} {key}", "Record not found: {entity} {key}"),
    "record.changed_by_other": (
        "该记录已被他人修改（{entity} {key}），请刷新后重试。",
        "This record was changed by someone else ({entity} {key}); refresh and try again.",
    ),
    "permission.denied": ("当前用户无权执行此操作：{operation}", "You may not do this: {operation}"),
    "record.in_use": (
        "{table_label}“{name}”还有 {count} 条{ref_table_label}记录引用它（另有其他记录 {others} 条），不能删除。请先处理这些记录。",
        "{table_label} “{name}” cannot be deleted: {count} {ref_table_label} record(s) refer to it (and {others} "
        "other record(s)). Deal with those first.",
    ),
    "text.invalid_character": (
        "{table_label}的“{field_label}”含有无法保存的字符（{character}，多为从其他程序粘贴带入），未保存。请删除该字符后重试。",
        "The {field_label} of {table_label} contains a character that cannot be stored ({character}, usually "
        "pasted from another program); nothing was saved. Remove it and try again.",
    ),
    "text.too_long": (
        "{table_label}的“{field_label}”有 {length} 个字符，超过上限 {limit} 个字符，未保存。",
        "The {field_label} of {table_label} has {length} characters, more than the {limit} allowed; nothing "
        "was saved.",
    ),
    "geometry.invalid": ("图形无效：{reason}", "Invalid geometry: {reason}"),
    "value.required": ("必填项为空", "A value is required"),
    "import.row_skipped": ("已跳过（{reason}）", "Skipped ({reason})"),
    "export.written": ("已导出 {count} 行到 {path}", "Exported {count} rows to {path}"),
    "database.open_failed": ("无法打开数据库 {target}：{reason}", "Cannot open the database {target}: {reason}"),
    "value.not_yes_no": ("“{value}”不是“是/否”", "“{value}” is not yes/no"),
}
