"""Exports (.xlsx or .csv by extension) and import templates.

Exports can never carry a live formula made from data (docs/reliability.md B): every string
cell is written as text (type ``s``, or inline for openpyxl), and text beginning with
``= + - @``, tab, CR or LF also gets Excel's ``quotePrefix`` so editing the cell in
Excel keeps it text. CSV is UTF-8 with BOM (Excel opens it correctly) and follows
OWASP's CSV-injection advice: such text is prefixed with an apostrophe, which this
engine's CSV reader removes again.

Transformations, documented and pinned by the round-trip tests: control characters
other than tab and newline cannot be stored in an .xlsx and are dropped on export
(the importer drops them too, with a warning); ``\\r\\n`` and ``\\r`` come back as ``\\n``;
leading and trailing spaces are not kept; text is otherwise stored as written.
"""

from __future__ import annotations

import csv
from collections.abc import Iterable, Mapping
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Any

from models.exchange import units
from models.exchange.parsers import _CONTROL, parse_area, parse_decimal, parse_int, parse_measure, parse_money
from models.exchange.spec import Column, ExportContext, Kind, _identity
from models.progress import Progress
from models.units import AREA_SCALE, AreaUnit, MoneyUnit, from_m2

if TYPE_CHECKING:
    from models.database import Database

UNIT_LABELS = units.UNIT_LABELS
_NUMERIC_PARSERS = (parse_decimal, parse_int, parse_area, parse_money, parse_measure)
FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r", "\n")


def header_text(column: Column) -> str:
    """The header as written: with the unit for quantity columns, e.g. ``面积（亩）``."""
    if column.unit is not None and units.label_of(column.unit):
        return f"{column.header}（{units.label_of(column.unit)}）"
    return column.header


def export_value(column: Column, value: Any) -> Any:
    """A domain value as written in the column (rendered; ㎡/万元 converted exactly to the column's unit)."""
    value = column.render(value)
    if isinstance(value, Decimal) and column.unit is not None:
        if column.unit is AreaUnit.MU or column.unit is AreaUnit.HA:
            value = from_m2(value, column.unit, AREA_SCALE + 4)  # exact: 15/10000 and 1/10000 terminate
        elif isinstance(column.unit, MoneyUnit) and column.unit is not MoneyUnit.WAN:
            factor = 1 / column.unit.wan_factor  # 10000 for 元, 10 for 千元; 1/10000 for 亿元 is exact too
            value = value * factor.numerator / factor.denominator
        value = _plain(value)
    if isinstance(value, str):
        if "\r" in value:
            value = value.replace("\r\n", "\n").replace("\r", "\n")
        if _CONTROL.search(value):
            value = _CONTROL.sub("", value)
    return value


def _plain(d: Decimal) -> Decimal:
    text = format(d, "f")
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return Decimal(text)


def export_columns(kind: Kind) -> list[Column]:
    return [c for c in kind.columns if c.export]


def export_kind(
    db: Database,
    kind: Kind,
    path: Path | str,
    *,
    options: Mapping[str, Any] | None = None,
    user_id: int | None = None,
    progress: Progress | None = None,
) -> int:
    """Write every record of ``kind`` to ``path`` (.xlsx or .csv); returns the rows written.
    The export is audited (kind, file name, size, SHA-256, rows) in a transaction of its own."""
    path = Path(path)
    count = _export(db, kind, path, options=options, user_id=user_id, progress=progress)
    from models.accounts.audit import record_file_event

    record_file_event(db, action="export", path=path, facts={"kind": kind.name, "rows": count})
    return count


def _export(
    db: Database,
    kind: Kind,
    path: Path,
    *,
    options: Mapping[str, Any] | None,
    user_id: int | None,
    progress: Progress | None,
) -> int:
    progress = progress or Progress()
    ctx = ExportContext(
        options=dict(options or {}), user_id=user_id if user_id is not None else db.user_id, progress=progress
    )
    ext = path.suffix.lower()
    with db.read() as session:
        if ext in kind.writers:
            return kind.writers[ext](session, path, ctx)
        if kind.dump is None:
            from models.errors import DomainError

            raise DomainError("exchange.kind_not_exportable", kind=kind.name)
        rows = kind.dump(session, ctx)
        if ext == ".csv":
            return write_csv(kind, rows, path, progress)
        if ext != ".xlsx":
            from models.errors import DomainError

            raise DomainError("exchange.unknown_extension", extension=ext or path.name)
        return write_xlsx(kind, rows, path, progress)


def write_xlsx(kind: Kind, rows: Iterable[Mapping[str, Any]], path: Path, progress: Progress) -> int:
    from models.exchange.xlsx_stream import write_sheet_xlsx

    columns = export_columns(kind)
    keys = [c.key for c in columns]
    plain = [c.render is _identity and c.unit is None for c in columns]

    def values() -> Iterable[list[Any]]:
        for record in rows:
            out = []
            for key, column, simple in zip(keys, columns, plain, strict=True):
                value = record.get(key)
                if not simple or value.__class__ is str:
                    value = export_value(column, value)
                out.append(value)
            yield out

    path.parent.mkdir(parents=True, exist_ok=True)
    count = write_sheet_xlsx(
        path,
        kind.title,
        [header_text(c) for c in columns],
        [c.width for c in columns],
        values(),
        on_row=progress.set,
        number_styles=[number_style(c) for c in columns],
    )
    progress.set(count, count, stage="done")
    return count


def number_style(column: Column) -> int | None:
    """The display format of a quantity column (the cell keeps the exact value): areas to two
    decimals in ㎡ and four in 亩 or 公顷, money to two decimals, ratios as percentages."""
    from models.exchange import xlsx_stream as xs

    if column.quantity == "area":
        return xs.S_4DP if column.unit in (AreaUnit.MU, AreaUnit.HA) else xs.S_2DP
    if column.quantity == "money":
        return xs.S_2DP
    if column.quantity == "ratio":
        return xs.S_PERCENT
    return None


def _template_example(column: Column) -> Any:
    """A template's example value as the type the column takes: numbers as numbers."""
    value = export_value(column, column.example)
    if isinstance(value, str) and (column.quantity is not None or column.parse in _NUMERIC_PARSERS):
        try:
            number = Decimal(value)
        except ArithmeticError:
            return value
        return int(number) if number == number.to_integral_value() and "." not in value else number
    return value


def csv_text(value: Any) -> str:
    """A value as CSV text, escaped per OWASP (a leading apostrophe before = + - @ tab CR LF)."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, Decimal):
        return format(value, "f")
    text = str(value)
    if isinstance(value, str) and text.lstrip("'").startswith(FORMULA_TRIGGERS):
        return "'" + text  # the reader removes exactly one apostrophe in this case
    return text


def write_csv(kind: Kind, rows: Iterable[Mapping[str, Any]], path: Path, progress: Progress) -> int:
    columns = export_columns(kind)
    path.parent.mkdir(parents=True, exist_ok=True)
    count = 0
    with path.open("w", encoding="utf-8-sig", newline="") as f:
        w = csv.writer(f)
        w.writerow([header_text(c) for c in columns])
        for record in rows:
            w.writerow([csv_text(export_value(c, record.get(c.key))) for c in columns])
            count += 1
            if count % 5000 == 0:
                progress.set(count)
    return count


def write_template(
    kind: Kind, path: Path | str, *, choices: Mapping[str, Iterable[str]] | None = None
) -> None:
    """The empty import workbook: header, one example row, dropdowns for choice columns.
    ``choices`` may add lists known only to the database (platform names …)."""
    import openpyxl
    from openpyxl.styles import Font, PatternFill
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.datavalidation import DataValidation

    path = Path(path)
    columns = export_columns(kind)
    wb = openpyxl.Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = kind.title[:31]
    ws.freeze_panes = "A2"
    required_fill = PatternFill(fill_type="solid", start_color="FFFCE4D6", end_color="FFFCE4D6")
    extra = {k: list(v) for k, v in (choices or {}).items()}
    for i, c in enumerate(columns, start=1):
        letter = get_column_letter(i)
        head = ws.cell(1, i, header_text(c))
        head.font = Font(bold=True)
        if c.required:
            head.fill = required_fill
        ws.column_dimensions[letter].width = c.width
        if c.example is not None:
            value = _template_example(c)
            cell = ws.cell(2, i, value)
            if isinstance(value, str):
                cell.data_type = "s"
            elif number_style(c) is not None:
                cell.number_format = {5: "#,##0.00", 6: "#,##0.0000", 7: "0.0%"}[number_style(c) or 0]
        options = extra.get(c.key) or list(c.choices)
        if options and sum(len(o) + 1 for o in options) < 250:  # Excel's limit for an inline list
            dv = DataValidation(type="list", formula1='"' + ",".join(options) + '"', allow_blank=True)
            dv.add(f"{letter}2:{letter}5000")
            ws.add_data_validation(dv)
    path.parent.mkdir(parents=True, exist_ok=True)
    wb.save(path)
