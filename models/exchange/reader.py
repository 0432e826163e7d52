"""Reading office workbooks (.xlsx via python-calamine, .csv) into ``SourceRow``s.

Call only after ``preflight`` passed. The reader:

* picks the sheet whose best header row matches the kind best (or ``options["sheet"]``);
* finds the header row below any title rows (the row naming most of the kind's columns
  among the first ``HEADER_SCAN_ROWS``), matches columns by header or synonym in any
  order, reads units from headers (``面积（亩）``) or from a unit row under the header;
* copies a merged cell's value to every cell of its range; fills ``fill_down`` columns;
* skips blank rows, 合计/小计/总计 rows and trailing notes (注：…, 说明, 填表人 …), saying
  what it skipped (``SkippedRow``) ;
* parses every cell with its column's parser and collects *every* problem;
* never evaluates formulas: cached values only, a formula without one is a row error.
"""

from __future__ import annotations

import csv
import io
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from models.errors import Problem
from models.exchange.headers import HeaderIndex, Unit, unit_of
from models.exchange.parsers import MAX_TEXT, is_blank
from models.exchange.preflight import FileFacts
from models.exchange.spec import CellContext, CellError, Column, Kind, RowProblem, SourceRow
from models.progress import Progress
from models.units import AreaUnit, MoneyUnit

HEADER_SCAN_ROWS = 30
TOTAL_WORDS = ("合计", "小计", "总计", "共计", "总合计", "累计")
NOTE_WORDS = ("注", "说明", "备注", "填表说明", "填报说明", "填表人", "填报人", "制表人", "审核人",
              "负责人", "联系人", "制表", "填报日期", "填表日期", "数据来源", "资料来源")


@dataclass(frozen=True)
class SkippedRow:
    sheet: str
    row: int
    reason: str  # "blank" | "total" | "note" | "unit_row"
    text: str = ""


@dataclass
class Grid:
    name: str
    rows: list[list[Any]]
    formula_cells: set[tuple[int, int]] = field(default_factory=set)  # (row0, col0) without cached value


@dataclass
class ReadResult:
    sheet: str = ""
    header_row: int | None = None
    headers: dict[str, str] = field(default_factory=dict)
    units: dict[str, Unit] = field(default_factory=dict)
    rows: list[SourceRow] = field(default_factory=list)
    problems: list[RowProblem] = field(default_factory=list)
    skipped: list[SkippedRow] = field(default_factory=list)
    ignored_headers: list[str] = field(default_factory=list)

    @property
    def has_errors(self) -> bool:
        return any(p.is_error for p in self.problems)


def column_letter(index: int) -> str:
    """0-based column index → Excel letters (0 → A, 27 → AB)."""
    letters = ""
    index += 1
    while index:
        index, rem = divmod(index - 1, 26)
        letters = chr(65 + rem) + letters
    return letters


# ---------------------------------------------------------------- loading grids
def load_grids(path: Path, facts: FileFacts, sheet: str | None = None) -> list[Grid]:
    if facts.format == "csv":
        return [Grid(path.stem, _read_csv(path))]
    from python_calamine import CalamineWorkbook

    wb = CalamineWorkbook.from_path(str(path))
    try:
        grids = []
        for name in wb.sheet_names:
            if sheet is not None and name != sheet:
                continue
            ws = wb.get_sheet_by_name(name)
            rows: list[list[Any]] = ws.to_python(skip_empty_area=False)
            _apply_merges(rows, getattr(ws, "merged_cell_ranges", None) or ())
            grids.append(Grid(name, rows))
    finally:
        wb.close()
    if facts.formula_parts:
        _mark_uncached_formulas(path, grids)
    return grids


def _apply_merges(rows: list[list[Any]], ranges: Any) -> None:
    """A merged range's value (its top-left cell) applies to every cell of the range."""
    for (r0, c0), (r1, c1) in ranges:
        if r0 >= len(rows):
            continue
        value = rows[r0][c0] if c0 < len(rows[r0]) else ""
        for r in range(r0, min(r1, len(rows) - 1) + 1):
            row = rows[r]
            for c in range(c0, min(c1, len(row) - 1) + 1):
                row[c] = value


def _mark_uncached_formulas(path: Path, grids: list[Grid]) -> None:
    """Formula cells whose cached value is missing (calamine reads them as blank)."""
    import openpyxl

    wb = openpyxl.load_workbook(path, read_only=True, data_only=False)
    try:
        for grid in grids:
            ws = wb[grid.name]
            for r, row in enumerate(ws.iter_rows()):
                for cell in row:
                    value = getattr(cell, "value", None)
                    is_formula = getattr(cell, "data_type", "") == "f" or (
                        isinstance(value, str) and value.startswith("="))
                    if not is_formula:
                        continue
                    c = cell.column - 1
                    if r < len(grid.rows) and c < len(grid.rows[r]) and is_blank(grid.rows[r][c]):
                        grid.formula_cells.add((r, c))
    finally:
        wb.close()


def _read_csv(path: Path) -> list[list[Any]]:
    data = path.read_bytes()
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = data.decode("gb18030", errors="replace")
    first_line = text.split("\n", 1)[0]
    delimiter = max((",", "\t", ";"), key=first_line.count)  # the header line decides; "," on ties
    rows = [[_unescape_csv(v) for v in r] for r in csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)]
    width = max(map(len, rows), default=0)
    for r in rows:  # rectangular, like calamine's grids
        if len(r) < width:
            r.extend([""] * (width - len(r)))
    return rows


_CSV_TRIGGERS = ("=", "+", "-", "@", "\t", "\r", "\n")


def _unescape_csv(value: str) -> str:
    """Undo OWASP CSV-injection escaping: one leading apostrophe before ``= + - @`` tab CR LF
    (after any further apostrophes) is removed — exactly what ``writer.csv_text`` adds."""
    if value.startswith("'") and value.lstrip("'").startswith(_CSV_TRIGGERS):
        return value[1:]
    return value


# ---------------------------------------------------------------- header detection
def find_header(grid: Grid, index: HeaderIndex) -> tuple[int, int]:
    """(row0, score) of the best header row among the first HEADER_SCAN_ROWS rows."""
    best, best_score = 0, 0
    for r, row in enumerate(grid.rows[:HEADER_SCAN_ROWS]):
        score = index.score(row)
        if score > best_score:
            best, best_score = r, score
    return best, best_score


def _compact(value: Any) -> str:
    return "".join(unicodedata.normalize("NFKC", value).split()) if isinstance(value, str) else ""


# First characters of total and note words, and of text that needs a closer look.
_FLAG_CHARS = frozenset("".join(TOTAL_WORDS + NOTE_WORDS) + " \t\n\r\u3000")


def _classify(row: list[Any], in_notes: bool) -> str | None:
    """``blank``, ``total``, ``note`` or None for a data row."""
    first_cell = row[0] if row else ""
    if not in_notes and first_cell != "" and first_cell is not None and (
            first_cell.__class__ is not str or first_cell[0] not in _FLAG_CHARS):
        return None  # the common case, decided by the first cell alone
    filled = [v for v in row if not is_blank(v)]
    if not filled:
        return "blank"
    first = _compact(filled[0])
    if first.startswith(TOTAL_WORDS):
        return "total"
    if len(filled) <= 2 and (first.startswith(NOTE_WORDS) and (
            len(first) <= 4 or first[len(_note_word(first))] in ":：.、 1234567890(")):
        return "note"
    if in_notes and len(filled) == 1 and isinstance(filled[0], str):
        return "note"
    return None


def _note_word(text: str) -> str:
    return max((w for w in NOTE_WORDS if text.startswith(w)), key=len)


# ---------------------------------------------------------------- the reader
@dataclass
class _Col:
    column: Column
    index: int
    letter: str
    header: str
    ctx: CellContext

    def __post_init__(self) -> None:  # hot-loop shortcuts
        self.key = self.column.key
        self.parse = self.column.parse
        self.required = self.column.required


def read_rows(path: Path, kind: Kind, facts: FileFacts, *, options: Mapping[str, Any] | None = None,
              progress: Progress | None = None) -> ReadResult:
    options = dict(options or {})
    progress = progress or Progress()
    progress.set(0, stage="read")
    index = HeaderIndex(kind)
    grids = load_grids(path, facts, options.get("sheet"))
    result = ReadResult()
    if not grids:
        result.problems.append(_file_problem("", "exchange.sheet_not_found", name=options.get("sheet", "")))
        return result
    scored = [(find_header(g, index), g) for g in grids]
    (header_r, score), grid = max(scored, key=lambda s: s[0][1])  # max() keeps the first on ties
    result.sheet = grid.name
    if score == 0:
        result.problems.append(_file_problem(grid.name, "exchange.no_header_row",
                                             expected="、".join(c.header for c in kind.columns if c.required)))
        return result
    result.header_row = header_r + 1
    cols = _map_columns(grid, header_r, kind, index, options, result)
    missing = [c for c in kind.columns if c.required and c.key not in result.headers]
    for c in missing:
        result.problems.append(_file_problem(grid.name, "exchange.missing_column", column=c.header))
    if missing:
        return result
    start = header_r + 1
    if start < len(grid.rows) and _apply_unit_row(grid.rows[start], cols, result):
        result.skipped.append(SkippedRow(grid.name, start + 1, "unit_row"))
        start += 1
    _read_data(grid, start, cols, result, progress)
    return result


def _file_problem(sheet: str, code: str, severity: str = "error", **fields: Any) -> RowProblem:
    return RowProblem(sheet=sheet, row=None, column=fields.get("column"), value=None,
                      problem=Problem(code, fields, severity))


def _map_columns(grid: Grid, header_r: int, kind: Kind, index: HeaderIndex, options: Mapping[str, Any],
                 result: ReadResult) -> list[_Col]:
    cols: list[_Col] = []
    for c, text in enumerate(grid.rows[header_r]):
        found = index.match(text)
        if found is None:
            if not is_blank(text):
                result.ignored_headers.append(str(text).strip())
            continue
        column, unit = found
        if column.key in result.headers:
            result.problems.append(_file_problem(grid.name, "exchange.duplicate_column", column=str(text).strip(),
                                                 severity="warning"))
            continue
        header = str(text).strip()
        result.headers[column.key] = header
        unit = unit or column.unit
        if unit is not None:
            result.units[column.key] = unit
        cols.append(_Col(column, c, column_letter(c), header, _cell_context(column, unit, options)))
    return cols


def _cell_context(column: Column, unit: Unit | None, options: Mapping[str, Any]) -> CellContext:
    return CellContext(
        area_unit=unit if isinstance(unit, AreaUnit) else AreaUnit.M2,
        money_unit=unit if isinstance(unit, MoneyUnit) else MoneyUnit.WAN,
        choices=column.choices, options=options,
    )


def _apply_unit_row(row: list[Any], cols: list[_Col], result: ReadResult) -> bool:
    """A row of ``（亩）`` / ``万元`` cells under the header sets the columns' units."""
    filled = [(c, v) for c, v in enumerate(row) if not is_blank(v)]
    if not filled or any(not isinstance(v, str) or unit_of(v) is None for _, v in filled):
        return False
    units = {c: unit_of(v) for c, v in filled}
    for i, col in enumerate(cols):
        unit = units.get(col.index)
        if unit is not None and col.column.quantity is not None:
            result.units[col.column.key] = unit
            cols[i] = _Col(col.column, col.index, col.letter, col.header,
                           _cell_context(col.column, unit, col.ctx.options))
    return True


def _read_data(grid: Grid, start: int, cols: list[_Col], result: ReadResult, progress: Progress) -> None:
    sheet = grid.name
    total = len(grid.rows)
    in_notes = False
    last: dict[str, Any] = {}
    fill = {c.column.key for c in cols if c.column.fill_down}
    problems = result.problems
    letters = {c.key: c.letter for c in cols}
    specs = [(c.index, c.key, c.parse, c.ctx, c.required, c) for c in cols]
    for r in range(start, total):
        row = grid.rows[r]
        if r % 5000 == 0:
            progress.set(r, total)
        kind_of_row = _classify(row, in_notes)
        if kind_of_row is not None:
            if kind_of_row == "note":
                in_notes = True
            result.skipped.append(SkippedRow(sheet, r + 1, kind_of_row, _row_text(row)))
            continue
        excel_row = r + 1
        raw_values: dict[str, Any] = {}
        values: dict[str, Any] = {}
        source = SourceRow(sheet, excel_row, values, raw_values, result.headers, {}, letters)
        for i, key, parse, ctx, required, col in specs:
            raw = row[i]  # grids are rectangular and the header row reaches every mapped column
            if raw == "" or raw is None or (raw.__class__ is str and raw.isspace()):
                if (r, i) in grid.formula_cells:
                    problems.append(_cell_problem(source, col, raw, Problem("exchange.formula_without_value")))
                    continue
                if key in fill and key in last:
                    raw = last[key]
                else:
                    if required:
                        problems.append(_cell_problem(source, col, "", Problem("exchange.required")))
                    continue
            raw_values[key] = raw
            if raw.__class__ is str and len(raw) > MAX_TEXT:
                problems.append(_cell_problem(source, col, raw[:50] + "…",
                                              Problem("exchange.text_too_long", {"limit": MAX_TEXT})))
                continue
            try:
                values[key] = parse(raw, ctx)
            except CellError as e:
                problems.append(_cell_problem(source, col, raw, Problem(e.code, e.fields)))
            if ctx.warnings:
                for w in ctx.warnings:
                    problems.append(_cell_problem(source, col, raw, w))
                ctx.warnings.clear()
            if fill:
                last[key] = raw
        result.rows.append(source)
    progress.set(total, total)


def _cell_problem(row: SourceRow, col: _Col, value: Any, problem: Problem) -> RowProblem:
    return RowProblem(sheet=row.sheet, row=row.row, column=col.header, value=value, problem=problem,
                      cell=f"{col.letter}{row.row}")


def _row_text(row: list[Any]) -> str:
    text = " ".join(str(v).strip() for v in row if not is_blank(v))
    return text[:80]
