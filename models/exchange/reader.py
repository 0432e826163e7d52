"""Reading office workbooks (.xlsx via python-calamine, .csv) into a ``Table`` of the data
rows, column by column (``ReadResult.rows`` gives them as ``SourceRow``s).

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
import operator
import re
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from models.errors import Problem
from models.exchange.headers import HeaderIndex, Unit, unit_of
from models.exchange.parsers import COLUMN_PARSERS, MAX_TEXT, is_blank, parse_text
from models.exchange.preflight import DEFAULT_LIMITS, FileFacts, Limits, sheet_rows
from models.exchange.spec import CellContext, CellError, Column, Kind, RowProblem, SourceRow
from models.exchange.table import MISSING, Table
from models.exchange.units import Measure, label_of, quantity_of
from models.progress import Progress
from models.units import AreaUnit, MoneyUnit

HEADER_SCAN_ROWS = 30
TOTAL_WORDS = ("合计", "小计", "总计", "共计", "总合计", "累计")
NOTE_WORDS = (
    "注",
    "说明",
    "备注",
    "填表说明",
    "填报说明",
    "填表人",
    "填报人",
    "制表人",
    "审核人",
    "负责人",
    "联系人",
    "制表",
    "填报日期",
    "填表日期",
    "数据来源",
    "资料来源",
)


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
    table: Table | None = None  # the data rows, as columns
    problems: list[RowProblem] = field(default_factory=list)
    skipped: list[SkippedRow] = field(default_factory=list)
    ignored_headers: list[str] = field(default_factory=list)
    title_rows: list[str] = field(default_factory=list)  # text of the rows above the header
    title_units: dict[str, str] = field(default_factory=dict)  # quantity -> unit read from a 单位： title
    header_units: set[str] = field(default_factory=set)  # column keys whose header names their unit
    sheet_choice: str = (
        "best"  # "best": the only sheet with the kind's headers; "active": the active one of several
    )
    other_sheets: list[str] = field(default_factory=list)  # the other sheets with the same headers
    candidate_sheets: list[str] = field(
        default_factory=list
    )  # every sheet with them, when several have (to choose)

    _rows: list[SourceRow] | None = field(default=None, repr=False)

    @property
    def has_errors(self) -> bool:
        return any(p.is_error for p in self.problems)

    @property
    def rows(self) -> list[SourceRow]:
        """The data rows, one ``SourceRow`` each (made from ``table`` on first use)."""
        if self._rows is None:
            self._rows = self.table.rows() if self.table is not None else []
        return self._rows


def column_letter(index: int) -> str:
    """0-based column index → Excel letters (0 → A, 27 → AB)."""
    letters = ""
    index += 1
    while index:
        index, rem = divmod(index - 1, 26)
        letters = chr(65 + rem) + letters
    return letters


# ---------------------------------------------------------------- loading grids
def load_grids(
    path: Path, facts: FileFacts, sheet: str | None = None, limits: Limits = DEFAULT_LIMITS
) -> list[Grid]:
    if facts.format == "csv":
        return [Grid(path.stem, _read_csv(path))]  # TextDecodeError: read_rows refuses the file
    from python_calamine import CalamineWorkbook

    try:
        wb = CalamineWorkbook.from_path(str(path))
    except Exception as exc:  # noqa: BLE001 - calamine's errors (password, corrupt BIFF/ODS) are one kind here
        if facts.format == "xlsx":
            raise
        raise TextDecodeError("exchange.workbook_unreadable", reason=str(exc)[:120]) from None
    try:
        grids = []
        for name in wb.sheet_names:
            if sheet is not None and name != sheet:
                continue
            ws = wb.get_sheet_by_name(name)
            max_rows, max_cols = sheet_rows(limits), limits.max_cols  # .xls/.ods sheets, checked on opening
            if facts.format != "xlsx" and (ws.total_height > max_rows or ws.total_width > max_cols):
                raise TextDecodeError(
                    "exchange.too_many_rows" if ws.total_height > max_rows else "exchange.too_many_columns",
                    rows=ws.total_height,
                    limit=max_rows if ws.total_height > max_rows else max_cols,
                )
            rows = _sheet_rows(ws)
            _apply_merges(rows, getattr(ws, "merged_cell_ranges", None) or ())
            grids.append(Grid(name, rows))
    finally:
        wb.close()
    if facts.formula_parts:
        _mark_uncached_formulas(path, grids)
    return grids


_SHARED_TEXT = 12  # characters: a platform, chain, 是/否, status or contact name; not a name or address


def _sheet_rows(ws: Any) -> list[list[Any]]:
    """The sheet's cells from A1 (what ``to_python(skip_empty_area=False)`` gives), read row by
    row with one string object per distinct short text: calamine gives every cell its own, and
    a column of a few values (platforms, chains, 是/否) repeated over 200,000 rows otherwise
    holds 200,000 copies — a third of the sheet's memory at its peak. Only short ``str``
    cells are shared (1, 1.0 and True are equal keys and must stay apart): sharing every text
    also kept a table of each unique name, address and code (400,000 at 100,000 rows), which
    doubled the cost of reading the sheet and saved nothing."""
    seen: dict[str, str] = {}
    share = seen.setdefault
    limit = _SHARED_TEXT
    rows = [
        [share(v, v) if v.__class__ is str and len(v) <= limit else v for v in row] for row in ws.iter_rows()
    ]
    start, end = ws.start, ws.end
    if not rows or start is None or end is None:
        return rows
    if start[1]:  # iter_rows begins at the first used column
        pad = [""] * start[1]
        for row in rows:
            row[:0] = pad
    if len(rows) < end[0] + 1:  # … and may begin at the first used row
        width = len(rows[0])
        rows[:0] = [[""] * width for _ in range(end[0] + 1 - len(rows))]
    return rows


_ACTIVE_TAB = re.compile(rb"<(?:\w+:)?workbookView\b[^>]*?\bactiveTab=\"(\d+)\"")


def active_sheet(path: Path, facts: FileFacts) -> str | None:
    """The sheet Excel shows on opening (``activeTab`` of the workbook view; the first if none)."""
    if facts.format != "xlsx":
        return None
    import zipfile

    from python_calamine import CalamineWorkbook

    with zipfile.ZipFile(path) as z:
        try:
            xml = z.read("xl/workbook.xml")
        except KeyError:
            return None
    m = _ACTIVE_TAB.search(xml)
    wb = CalamineWorkbook.from_path(str(path))
    try:
        names = wb.sheet_names
    finally:
        wb.close()
    tab = int(m.group(1)) if m else 0
    return names[tab] if 0 <= tab < len(names) else None


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
    import warnings

    import openpyxl

    with warnings.catch_warnings():  # openpyxl's "extension not supported" notes are not the user's business
        warnings.simplefilter("ignore", UserWarning)
        wb = openpyxl.load_workbook(path, read_only=True, data_only=False)
    try:
        for grid in grids:
            ws = wb[grid.name]
            for r, row in enumerate(ws.iter_rows()):
                for cell in row:
                    value = getattr(cell, "value", None)
                    is_formula = getattr(cell, "data_type", "") == "f" or (
                        isinstance(value, str) and value.startswith("=")
                    )
                    if not is_formula:
                        continue
                    c = cell.column - 1
                    if r < len(grid.rows) and c < len(grid.rows[r]) and is_blank(grid.rows[r][c]):
                        grid.formula_cells.add((r, c))
    finally:
        wb.close()


class TextDecodeError(ValueError):
    """The bytes of a text file do not decode as one encoding: ``code`` and ``fields`` say why."""

    def __init__(self, code: str, **fields: Any) -> None:
        super().__init__(code)
        self.code, self.fields = code, fields


def decode_text(data: bytes) -> tuple[str, str]:
    """The text and the encoding of a CSV/TXT file, decoded strictly: UTF-16 with its BOM
    (Excel's "Unicode 文本"), else UTF-8 (with or without BOM), else GB18030 — but only if
    no line is UTF-8 on its own (a file mixing GBK and UTF-8 rows would otherwise come out
    garbled). Bytes that decode in none raise ``TextDecodeError`` with the line."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16"), "UTF-16"
        except UnicodeDecodeError as e:
            raise TextDecodeError(
                "exchange.bad_encoding", encoding="UTF-16", line=_line_of(data, e.start)
            ) from None
    try:
        return data.decode("utf-8-sig"), "UTF-8"
    except UnicodeDecodeError as utf8_error:
        first_bad = utf8_error.start
    try:
        text = data.decode("gb18030")
    except UnicodeDecodeError:
        raise TextDecodeError(
            "exchange.bad_encoding", encoding="UTF-8 / GB18030", line=_line_of(data, first_bad)
        ) from None
    for n, line in enumerate(data.split(b"\n"), start=1):
        if not line.isascii():
            try:
                line.decode("utf-8")
            except UnicodeDecodeError:
                continue
            raise TextDecodeError(
                "exchange.mixed_encoding", utf8_line=n, other_line=_line_of(data, first_bad)
            )
    return text, "GB18030"


def _line_of(data: bytes, offset: int) -> int:
    return data.count(b"\n", 0, offset) + 1


def _read_csv(path: Path) -> list[list[Any]]:
    text, _ = decode_text(path.read_bytes())
    first_line = text.split("\n", 1)[0]
    delimiter = max((",", "\t", ";"), key=first_line.count)  # the header line decides; "," on ties
    rows = [
        [_unescape_csv(v) for v in r] for r in csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    ]
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
    if (
        not in_notes
        and first_cell != ""
        and first_cell is not None
        and (first_cell.__class__ is not str or first_cell[0] not in _FLAG_CHARS)
    ):
        return None  # the common case, decided by the first cell alone
    filled = [v for v in row if not is_blank(v)]
    if not filled:
        return "blank"
    first = _compact(filled[0])
    if first.startswith(TOTAL_WORDS):
        return "total"
    if len(filled) <= 2 and (
        first.startswith(NOTE_WORDS)
        and (len(first) <= 4 or first[len(_note_word(first))] in ":：.、 1234567890(")
    ):
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


def read_rows(
    path: Path,
    kind: Kind,
    facts: FileFacts,
    *,
    options: Mapping[str, Any] | None = None,
    progress: Progress | None = None,
    limits: Limits = DEFAULT_LIMITS,
) -> ReadResult:
    options = dict(options or {})
    progress = progress or Progress()
    progress.set(0, stage="read")
    index = HeaderIndex(kind)
    result = ReadResult()
    try:
        grids = load_grids(path, facts, options.get("sheet"), limits)
    except TextDecodeError as e:
        result.problems.append(_file_problem("", e.code, **e.fields))
        return result
    if not grids:
        result.problems.append(_file_problem("", "exchange.sheet_not_found", name=options.get("sheet", "")))
        return result
    scored = [(find_header(g, index), g) for g in grids]
    (header_r, score), grid = max(scored, key=lambda s: s[0][1])  # max() keeps the first on ties
    tied = [(found, g) for found, g in scored if found[1] == score] if score else []
    if len(tied) > 1:  # several sheets with the kind's headers ("2024年名单", "2025年名单"): the active one
        result.candidate_sheets = [g.name for _, g in tied]
        active = active_sheet(path, facts)
        chosen = next(((found, g) for found, g in tied if g.name == active), None)
        if chosen is None:
            result.problems.append(
                _file_problem("", "exchange.several_sheets", sheets="、".join(g.name for _, g in tied))
            )
            return result
        (header_r, score), grid = chosen
        result.sheet_choice = "active"
        result.other_sheets = [g.name for _, g in tied if g is not grid]
    result.sheet = grid.name
    if score == 0:
        result.problems.append(
            _file_problem(
                grid.name,
                "exchange.no_header_row",
                expected="、".join(c.header for c in kind.columns if c.required),
            )
        )
        return result
    result.header_row = header_r + 1
    # a title merged across the columns fills every cell of its row: said once, not once per column
    result.title_rows = [
        text
        for text in (
            " ".join(dict.fromkeys(str(v).strip() for v in row if not is_blank(v)))
            for row in grid.rows[:header_r]
        )
        if text
    ]
    cols = _map_columns(grid, header_r, kind, index, options, result)
    explicit = set(result.header_units)
    missing = [c for c in kind.columns if c.required and c.key not in result.headers]
    for c in missing:
        result.problems.append(_file_problem(grid.name, "exchange.missing_column", column=c.header))
    if missing:
        return result
    start = header_r + 1
    if start < len(grid.rows) and _apply_unit_row(grid.rows[start], cols, result, explicit):
        result.skipped.append(SkippedRow(grid.name, start + 1, "unit_row"))
        start += 1
    _apply_title_units(result.title_rows, cols, result, explicit)
    if result.has_errors:
        return result
    _read_data(grid, start, cols, result, progress, limits.max_rows)
    return result


def _file_problem(sheet: str, code: str, severity: str = "error", **fields: Any) -> RowProblem:
    return RowProblem(
        sheet=sheet,
        row=None,
        column=fields.get("column"),
        value=None,
        problem=Problem(code, fields, severity),
    )


def _map_columns(
    grid: Grid,
    header_r: int,
    kind: Kind,  # noqa: ARG001  kind: the headers are matched through HeaderIndex(kind); callers still pass it
    index: HeaderIndex,
    options: Mapping[str, Any],
    result: ReadResult,
) -> list[_Col]:
    cols: list[_Col] = []
    for c, text in enumerate(grid.rows[header_r]):
        found = index.match(text)
        if found is None:
            if not is_blank(text):
                result.ignored_headers.append(str(text).strip())
            continue
        column, unit = found
        if column.key in result.headers:
            result.problems.append(
                _file_problem(
                    grid.name, "exchange.duplicate_column", column=str(text).strip(), severity="warning"
                )
            )
            continue
        header = str(text).strip()
        result.headers[column.key] = header
        fault = index.unit_fault(text, column)
        if fault is not None:
            code, written = fault
            result.problems.append(
                _file_problem(grid.name, code, column=header, unit=written, expected=_expected_units(column))
            )
            unit = None
        if unit is not None:
            result.header_units.add(column.key)
        unit = unit or column.unit
        if unit is not None:
            result.units[column.key] = unit
        cols.append(_Col(column, c, column_letter(c), header, _cell_context(column, unit, options)))
    return cols


def _expected_units(column: Column) -> str:
    from models.exchange.units import UNIT_WORDS

    if column.quantity is None:
        return ""
    labels = dict.fromkeys(label_of(u) for u in UNIT_WORDS.values() if quantity_of(u) == column.quantity)
    return "、".join(label for label in labels if label)


def _cell_context(column: Column, unit: Unit | None, options: Mapping[str, Any]) -> CellContext:
    return CellContext(
        area_unit=unit if isinstance(unit, AreaUnit) else AreaUnit.M2,
        money_unit=unit if isinstance(unit, MoneyUnit) else MoneyUnit.WAN,
        measure=unit if isinstance(unit, Measure) else None,
        quantity=column.quantity,
        choices=column.choices,
        options=options,
    )


def _set_unit(cols: list[_Col], i: int, unit: Unit, result: ReadResult) -> None:
    col = cols[i]
    result.units[col.column.key] = unit
    cols[i] = _Col(
        col.column, col.index, col.letter, col.header, _cell_context(col.column, unit, col.ctx.options)
    )


def _apply_unit_row(row: list[Any], cols: list[_Col], result: ReadResult, explicit: set[str]) -> bool:
    """A row of unit cells under the header (``（亩）``, ``万元``, ``（吨标煤）``, ``（人）`` …) sets
    the units of quantity columns, converted exactly; a unit of another quantity or one the
    importer does not know over a quantity column refuses that column. Over other columns
    (``（人）``) the unit is only skipped."""
    filled = [(c, v) for c, v in enumerate(row) if not is_blank(v)]
    if not filled or any(not _is_unit_cell(v) for _, v in filled):
        return False
    cells = dict(filled)
    for i, col in enumerate(cols):
        text = cells.get(col.index)
        if text is None or col.column.quantity is None:
            continue
        unit = unit_of(text)
        if unit is None or quantity_of(unit) != col.column.quantity:
            code = "exchange.unknown_unit" if unit is None else "exchange.unit_mismatch"
            result.problems.append(
                _file_problem(
                    result.sheet,
                    code,
                    column=col.header,
                    unit=str(text).strip().strip("（()）"),
                    expected=_expected_units(col.column),
                )
            )
            continue
        if col.key in explicit and result.units.get(col.key) != unit:
            result.problems.append(
                _file_problem(
                    result.sheet,
                    "exchange.unit_conflict",
                    column=col.header,
                    unit=str(text).strip(),
                    header_unit=label_of(result.units[col.key]),
                )
            )
            continue
        explicit.add(col.key)
        _set_unit(cols, i, unit, result)
    return True


_TITLE_UNIT = re.compile(
    r"(?:(金额|面积|用地面积|能耗|用电量)?单位)[:：]\s*([^\s,，;；、()（）]+(?:[、,，/][^\s,，;；、()（）]+)*)"
)


def _apply_title_units(titles: list[str], cols: list[_Col], result: ReadResult, explicit: set[str]) -> None:
    """``单位：元`` (or ``金额单位：元``, ``单位：万元、亩``) in a title row above the header: the unit
    of every quantity column of that quantity whose header and unit row name none. Text after
    ``单位：`` that is not a unit (``填报单位：某某公司``) is not a unit and is left alone."""
    found: dict[str, Unit] = {}
    for title in titles:
        for m in _TITLE_UNIT.finditer(unicodedata.normalize("NFKC", title)):
            if title[max(0, m.start() - 2) : m.start()].endswith(("填报", "报送", "制表", "编制")):
                continue
            for word in re.split(r"[、,，/]", m.group(2)):
                unit = unit_of(word)
                if unit is not None:
                    found[quantity_of(unit)] = unit
    if not found:
        return
    result.title_units = {q: label_of(u) for q, u in found.items()}
    for i, col in enumerate(cols):
        unit = found.get(col.column.quantity or "")
        if unit is not None and col.key not in explicit:
            _set_unit(cols, i, unit, result)


def _is_unit_cell(value: Any) -> bool:
    if not isinstance(value, str):
        return False
    text = value.strip()
    if unit_of(text) is not None:
        return True
    return 2 <= len(text) <= 12 and text[0] in "（(［[" and text[-1] in "）)］]"


def _read_data(
    grid: Grid,
    start: int,
    cols: list[_Col],
    result: ReadResult,
    progress: Progress,
    max_rows: int = DEFAULT_LIMITS.max_rows,
) -> None:
    """The data rows below the header, column by column, into ``result.table``.

    Rows are classified first (blank, 合计, notes: skipped, each with its reason). Then
    each mapped column is read down the sheet: a column of plain text is checked with a
    few C-speed passes and taken whole; a column with few distinct values is parsed once
    per value; anything else cell by cell. Problems come out in row order, then column
    order, exactly as a row-by-row reading would give them (``tests`` hold that reader
    as the oracle of a property test).
    """
    sheet = grid.name
    grid_rows = grid.rows
    total = len(grid_rows)
    in_notes = False
    firsts = [row[0] if row else "" for row in grid_rows[start:]]
    if _all_plain_firsts(firsts):  # no row can be blank, a total or a note: all are data
        data_idx = list(range(start, total))
        firsts = []
    else:
        data_idx = []
    for r in range(start, total) if firsts else ():
        row = grid_rows[r]
        if r % 5000 == 0:
            progress.set(r, total)
        kind_of_row = _classify(row, in_notes)
        if kind_of_row is None:
            data_idx.append(r)
            continue
        if kind_of_row == "note":
            in_notes = True
        result.skipped.append(SkippedRow(sheet, r + 1, kind_of_row, _row_text(row)))
    if len(data_idx) > max_rows:  # the limit counts data rows: not the header, titles, totals or notes
        result.problems.append(
            _file_problem(sheet, "exchange.too_many_data_rows", rows=len(data_idx), limit=max_rows)
        )
        return
    every = len(data_idx) == total - start  # no row skipped: slices, not lookups
    picked = grid_rows[start:] if every else [grid_rows[r] for r in data_idx]
    excel_rows = list(range(start + 1, total + 1)) if every else [r + 1 for r in data_idx]
    values: list[list[Any]] = []
    raws: list[list[Any]] = []
    found: list[tuple[int, RowProblem]] = []
    gaps: set[str] = set()
    for n, col in enumerate(cols):
        progress.set(n, len(cols))
        reading = _ColumnRead(sheet, col, excel_rows, found)
        cells = list(map(operator.itemgetter(col.index), picked))
        formulas = [(r, col.index) in grid.formula_cells for r in data_idx] if grid.formula_cells else None
        vals, raw = reading.read(cells, formulas)
        if reading.gapped:
            gaps.add(col.key)
        values.append(vals)
        raws.append(raw)
    found.sort(key=operator.itemgetter(0))  # stable: within a row, column order stays
    result.problems.extend(p for _, p in found)
    result.table = Table(
        sheet,
        tuple(c.key for c in cols),
        excel_rows,
        values,
        raws,
        result.headers,
        {c.key: c.letter for c in cols},
        gaps,
    )
    progress.set(total, total)


def _all_plain_firsts(firsts: list[Any]) -> bool:
    """Every first cell filled, and none a text that starts like a total or a note (C-speed
    passes over the column; the row-by-row classification decides otherwise)."""
    types = set(map(type, firsts))
    if types <= _NUMBERS:  # 序号 1, 2, 3 …
        return True
    if types == _STR_ONLY:
        return all(firsts) and set(map(operator.itemgetter(0), firsts)).isdisjoint(_FLAG_CHARS)
    return False


_NUMBERS = frozenset({int, float})
_STR_ONLY = frozenset({str})
_EMPTY = frozenset({"", None})


class _ColumnRead:
    """One mapped column of the data rows: parsed values and raw cells (``MISSING`` where
    blank or bad), its problems as (row position, problem), whether any value is MISSING."""

    def __init__(
        self, sheet: str, col: _Col, excel_rows: list[int], found: list[tuple[int, RowProblem]]
    ) -> None:
        self.sheet, self.col, self.excel_rows, self.found = sheet, col, excel_rows, found
        self.gapped = False  # some value of this column is MISSING

    def read(self, cells: list[Any], formulas: list[bool] | None) -> tuple[list[Any], list[Any]]:
        col = self.col
        if cells and not col.column.required and formulas is None and set(cells) <= _EMPTY:
            self.gapped = True  # an optional column left empty throughout
            return [MISSING] * len(cells), [MISSING] * len(cells)
        if set(map(type, cells)) == _STR_ONLY:
            whole = COLUMN_PARSERS.get(col.parse)
            parsed = whole(cells, col.ctx) if whole is not None else None
            if parsed is not None:  # the parser's own common case (it declines blanks and over-long text)
                return parsed, cells
            distinct = set(cells)  # the checks below look at each value once
            if all(distinct) and not any(map(str.isspace, distinct)) and max(map(len, distinct)) <= MAX_TEXT:
                # every cell is filled with text of a legal length
                joined = "".join(distinct)  # printable / ASCII / NFKC as a whole ⇒ every value is
                if col.parse is parse_text and joined.isprintable():
                    return list(map(str.strip, cells)), cells  # parse_text's common case, whole column
                if len(distinct) * 2 <= len(cells):
                    return self._by_value(cells, distinct), cells
        return self._by_cell(cells, formulas)

    def _problem(self, j: int, value: Any, problem: Problem) -> None:
        col, row = self.col, self.excel_rows[j]
        self.found.append(
            (
                j,
                RowProblem(
                    sheet=self.sheet,
                    row=row,
                    column=col.header,
                    value=value,
                    problem=problem,
                    cell=f"{col.letter}{row}",
                ),
            )
        )

    def _by_value(self, cells: list[str], distinct: set[str]) -> list[Any]:
        """Few distinct values (是/否, a platform, a chain): each parsed once, its outcome —
        value, error, warnings — given to every cell that holds it."""
        parse, ctx = self.col.parse, self.col.ctx
        outcome: dict[str, tuple[Any, Problem | None, list[Problem]]] = {}
        for v in distinct:
            error: Problem | None = None
            try:
                value = parse(v, ctx)
            except CellError as e:
                value, error = MISSING, Problem(e.code, e.fields)
            outcome[v] = (value, error, list(ctx.warnings))
            ctx.warnings.clear()
        values = [outcome[v][0] for v in cells]
        noisy = {v for v, (_, error, warns) in outcome.items() if error is not None or warns}
        if noisy:
            for j, v in enumerate(cells):
                if v in noisy:
                    _, error, warns = outcome[v]
                    if error is not None:
                        self._problem(j, v, error)
                        self.gapped = True
                    for w in warns:
                        self._problem(j, v, w)
        return values

    def _by_cell(self, cells: list[Any], formulas: list[bool] | None) -> tuple[list[Any], list[Any]]:
        col = self.col
        column, parse, ctx = col.column, col.parse, col.ctx
        fill, required = column.fill_down, column.required
        values: list[Any] = [MISSING] * len(cells)
        raws: list[Any] = [MISSING] * len(cells)
        last: Any = MISSING
        for j, raw in enumerate(cells):
            if raw == "" or raw is None or (raw.__class__ is str and raw.isspace()):
                if formulas is not None and formulas[j]:
                    self._problem(j, raw, Problem("exchange.formula_without_value"))
                    self.gapped = True
                    continue
                if fill and last is not MISSING:
                    raw = last
                else:
                    if required:
                        self._problem(j, "", Problem("exchange.required"))
                    self.gapped = True
                    continue
            raws[j] = raw
            if parse is parse_text and raw.__class__ is str and len(raw) <= MAX_TEXT and raw.isprintable():
                values[j] = raw.strip()  # parse_text's common case, inlined
                last = raw
                continue
            if raw.__class__ is str and len(raw) > MAX_TEXT:
                self._problem(j, raw[:50] + "…", Problem("exchange.text_too_long", {"limit": MAX_TEXT}))
                self.gapped = True
                continue
            try:
                values[j] = parse(raw, ctx)
            except CellError as e:
                self._problem(j, raw, Problem(e.code, e.fields))
                self.gapped = True
            if ctx.warnings:
                for w in ctx.warnings:
                    self._problem(j, raw, w)
                ctx.warnings.clear()
            last = raw
        return values, raws


def _row_text(row: list[Any]) -> str:
    text = " ".join(str(v).strip() for v in row if not is_blank(v))
    return text[:80]
