"""Messages of the Excel exchange engine: file refusals, cell problems, report lines."""

MESSAGES: dict[str, tuple[str, str]] = {
    # pre-flight: the file itself
    "exchange.file_missing": ("找不到文件：{path}", "File not found: {path}"),
    "exchange.empty_file": ("文件是空的（0 字节）：{path}", "The file is empty (0 bytes): {path}"),
    "exchange.not_a_workbook": (
        "不是 Excel 工作簿（.xlsx）：{path}。请在 Excel 中“另存为”.xlsx 后再导入。",
        "Not an Excel workbook (.xlsx): {path}. Save it as .xlsx in Excel and retry.",
    ),
    "exchange.old_xls": (
        "这是旧版 Excel 文件（.xls），请在 Excel 中另存为 .xlsx 后再导入：{path}",
        "This is an old Excel file (.xls); save it as .xlsx in Excel and retry: {path}",
    ),
    "exchange.encrypted": (
        "工作簿设有打开密码（已加密），请去掉密码后再导入：{path}",
        "The workbook is password-protected (encrypted); remove the password and retry: {path}",
    ),
    "exchange.xlsb_unsupported": (
        "不支持二进制工作簿（.xlsb），请另存为 .xlsx：{path}",
        "Binary workbooks (.xlsb) are not supported; save as .xlsx: {path}",
    ),
    "exchange.wrong_extension": (
        "文件内容是 Excel 工作簿，但扩展名是 CSV：{path}",
        "The file is an Excel workbook but named .csv: {path}",
    ),
    "exchange.not_text": ("不是文本文件（CSV）：{path}", "Not a text (CSV) file: {path}"),
    "exchange.file_too_large": (
        "文件过大（{size__raw} 字节，上限 {limit__raw}）",
        "File too large ({size__raw} bytes, limit {limit__raw})",
    ),
    "exchange.too_many_parts": (
        "工作簿内部件过多（{parts__raw}，上限 {limit__raw}），已拒绝",
        "Too many parts in the workbook ({parts__raw}, limit {limit__raw}); refused",
    ),
    "exchange.too_large_uncompressed": (
        "工作簿解压后过大（{part} 达 {size__raw} 字节，上限 {limit__raw}），可能是恶意文件，已拒绝",
        "The workbook inflates too far ({part}: {size__raw} bytes, limit {limit__raw}); refused as unsafe",
    ),
    "exchange.compression_ratio": (
        "工作簿压缩比异常（{part} 为 {ratio__raw} 倍，上限 {limit__raw}），已拒绝",
        "Abnormal compression ratio ({part}: {ratio__raw}×, limit {limit__raw}); refused",
    ),
    "exchange.xml_entities": (
        "工作簿含有 XML 实体声明（{part}），可能是恶意文件，已拒绝",
        "The workbook declares XML entities ({part}); refused as unsafe",
    ),
    "exchange.too_many_rows": (
        "工作表行数超出上限（第 {rows__raw} 行，上限 {limit__raw} 行）",
        "The sheet has too many rows (row {rows__raw}, limit {limit__raw})",
    ),
    "exchange.too_many_data_rows": (
        "数据行数超出上限（{rows__raw} 行，上限 {limit__raw} 行）",
        "Too many data rows ({rows__raw}, limit {limit__raw})",
    ),
    "exchange.too_many_columns": (
        "工作表列数超出上限（{limit__raw} 列），可能有单元格远在表格之外",
        "The sheet has too many columns (limit {limit__raw}); a cell lies far outside the table",
    ),
    "exchange.text_too_long": (
        "文字超过 Excel 单元格上限 {limit__raw} 个字符",
        "Text longer than Excel's {limit__raw}-character cell limit",
    ),
    # reading
    "exchange.sheet_not_found": ("找不到工作表：{name}", "No sheet named {name}"),
    "exchange.no_header_row": (
        "找不到表头行（应含：{expected}）",
        "No header row found (expected: {expected})",
    ),
    "exchange.missing_column": ("缺少必需的列：{column}", "Required column missing: {column}"),
    "exchange.duplicate_column": (
        "列“{column}”重复，只读取第一列",
        "Column {column} appears twice; the first is read",
    ),
    "exchange.required": ("必填项为空", "A value is required"),
    "exchange.formula_without_value": (
        "公式没有计算结果（请在 Excel 中重新计算并保存）",
        "A formula without a calculated value (recalculate and save in Excel)",
    ),
    "exchange.not_a_number": ("不是数字：{value}", "Not a number: {value}"),
    "exchange.unknown_unit": (
        "列“{column}”的单位“{unit}”无法换算，整列未读取（可用单位：{expected}）",
        "Column {column}: the unit {unit} cannot be converted; the column was refused (units: {expected})",
    ),
    "exchange.unit_mismatch": (
        "列“{column}”的单位“{unit}”不是这一列的单位（可用单位：{expected}）",
        "Column {column}: {unit} is not a unit of this column (units: {expected})",
    ),
    "exchange.unit_conflict": (
        "列“{column}”的单位行写“{unit}”，与表头的“{header_unit}”不一致",
        "Column {column}: the unit row says {unit} but the header says {header_unit}",
    ),
    "exchange.foreign_unit": (
        "“{value}”的单位“{unit}”不是这一列的单位",
        "{value}: {unit} is not a unit of this column",
    ),
    "exchange.percent_not_ratio": (
        "这一列不是比率，不能写百分数：{value}",
        "This column is not a ratio; a percentage is not accepted: {value}",
    ),
    "exchange.not_a_floor": (
        "不是楼层：{value}（可写 5、5层、5F、五层、地下1层、B1）",
        "Not a floor: {value} (write 5, 5层, 5F, 五层, 地下1层 or B1)",
    ),
    "exchange.bad_encoding": (
        "文件第 {line__raw} 行的字节不是有效的 {encoding} 文字，无法准确读取；"
        "请在 Excel 中另存为“CSV UTF-8”后再导入",
        "Line {line__raw} holds bytes that are not valid {encoding} text; save the file as "
        '"CSV UTF-8" in Excel and retry',
    ),
    "exchange.mixed_encoding": (
        "文件混用了两种编码（第 {utf8_line__raw} 行是 UTF-8，第 {other_line__raw} 行是 GBK/GB18030），"
        "读出来会是乱码；请统一另存为“CSV UTF-8”后再导入",
        "The file mixes two encodings (line {utf8_line__raw} is UTF-8, line {other_line__raw} "
        'GBK/GB18030) and would read garbled; save it as "CSV UTF-8" and retry',
    ),
    "exchange.workbook_unreadable": (
        "工作簿无法读取（可能设有密码或已损坏）：{reason}",
        "The workbook cannot be read (password-protected or damaged): {reason}",
    ),
    "exchange.sheet_read": (
        "读取了工作表“{sheet}”（表头在第 {row__raw} 行）",
        "Read sheet {sheet} (header on row {row__raw})",
    ),
    "exchange.sheet_read_active": (
        "读取了打开时显示的工作表“{sheet}”（表头在第 {row__raw} 行）；表头相同的其他工作表未读取：{others}"
        "（可在“工作表”中另选，命令行用 --sheet）",
        "Read the active sheet {sheet} (header on row {row__raw}); other sheets with the same headers were not read: "
        "{others} (choose another under Sheet, or with --sheet on the command line)",
    ),
    "exchange.several_sheets": (
        "有几个工作表的表头都符合：{sheets}。请在“工作表”中选择要导入的一个（命令行用 --sheet）",
        "Several sheets have matching headers: {sheets}. Choose one under Sheet "
        "(or with --sheet on the command line)",
    ),
    "exchange.title_units": ("按标题行“单位：{units}”换算", "Converted using the title row's unit: {units}"),
    "exchange.not_an_integer": ("不是整数：{value}", "Not a whole number: {value}"),
    "exchange.negative": ("不能为负数：{value}", "Must not be negative: {value}"),
    "exchange.not_a_date": (
        "不是日期：{value}（可写 2024-03-15、2024年3月15日、2024.3.15）",
        "Not a date: {value} (write 2024-03-15 or 2024年3月15日)",
    ),
    "exchange.not_a_month": (
        "不是月份：{value}（可写 2025-01、2025年1月）",
        "Not a month: {value} (write 2025-01)",
    ),
    "exchange.not_a_year": ("不是年份：{value}", "Not a year: {value}"),
    "exchange.not_a_bool": ("应填“是”或“否”：{value}", "Expected 是/否 (yes/no): {value}"),
    "exchange.not_a_choice": ("“{value}”不在可选项中（{choices}）", "{value} is not one of: {choices}"),
    "exchange.control_chars_removed": ("已去除不可见的控制字符", "Invisible control characters were removed"),
    "exchange.kind_not_importable": ("“{kind}”不能导入", "{kind} cannot be imported"),
    "exchange.kind_not_exportable": ("“{kind}”不能导出", "{kind} cannot be exported"),
    "exchange.unknown_extension": (
        "不支持的文件类型：{extension}（请用 .xlsx 或 .csv）",
        "Unsupported file type: {extension} (use .xlsx or .csv)",
    ),
    "exchange.unknown_kind": ("没有这种数据：{kind}。可用：{known}", "Unknown kind {kind}. Known: {known}"),
    # report lines
    "exchange.at_cell": (
        "工作表“{sheet}” 第 {row__raw} 行 【{column}】 {value}：{message}",
        "Sheet {sheet}, row {row__raw}, [{column}] {value}: {message}",
    ),
    "exchange.at_row": (
        "工作表“{sheet}” 第 {row__raw} 行：{message}",
        "Sheet {sheet}, row {row__raw}: {message}",
    ),
    "exchange.at_file": ("{message}", "{message}"),
    "exchange.skipped": (
        "第 {row__raw} 行已跳过（{reason}）{text}",
        "Row {row__raw} skipped ({reason}) {text}",
    ),
    "exchange.reason.blank": ("空行", "blank"),
    "exchange.reason.total": ("合计行", "total row"),
    "exchange.reason.note": ("表尾说明", "note"),
    "exchange.reason.unit_row": ("单位行", "unit row"),
    "exchange.summary": (
        "读取 {read__raw} 行：新增 {created__raw}，更新 {updated__raw}，未变 {unchanged__raw}，有误 {rejected__raw}；"
        "跳过 {skipped__raw} 行",
        "Read {read__raw} rows: {created__raw} new, {updated__raw} updated, {unchanged__raw} unchanged, "
        "{rejected__raw} with errors; {skipped__raw} rows skipped",
    ),
    "exchange.backup_taken": ("导入前已自动备份：{path}", "Backed up before importing: {path}"),
    "exchange.backup_failed": (
        "导入前备份失败，未导入：{reason}",
        "The backup before importing failed; nothing imported: {reason}",
    ),
    "exchange.committed": ("已导入并保存。", "Imported and saved."),
    "exchange.dry_run_ok": ("检查通过（试导入，未保存）。", "Check passed (dry run, nothing saved)."),
    "exchange.refused": (
        "有 {errors__raw} 处错误，整个文件未导入，数据库没有任何改动。",
        "{errors__raw} errors: the whole file was refused, nothing was changed.",
    ),
    "exchange.errors_written": ("已生成标注错误的工作簿：{path}", "Marked-up workbook written: {path}"),
    "exchange.ignored_columns": ("未使用的列：{columns}", "Columns not used: {columns}"),
    "exchange.exported": ("已导出 {count__raw} 行到 {path}", "Exported {count__raw} rows to {path}"),
    "exchange.template_written": ("已生成导入模板：{path}", "Import template written: {path}"),
}
