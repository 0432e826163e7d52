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
    "geometry.invalid": ("图形无效：{reason}", "Invalid geometry: {reason}"),
    "value.required": ("必填项为空", "A value is required"),
    "import.row_skipped": ("已跳过（{reason}）", "Skipped ({reason})"),
    "export.written": ("已导出 {count} 行到 {path}", "Exported {count} rows to {path}"),
    "database.open_failed": ("无法打开数据库 {target}：{reason}", "Cannot open the database {target}: {reason}"),
    "value.not_yes_no": ("“{value}”不是“是/否”", "“{value}” is not yes/no"),
}
