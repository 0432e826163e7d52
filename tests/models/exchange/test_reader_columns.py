"""The column-wise reader gives exactly what the row-by-row reader gave.

``_rowwise`` below is the reader's data loop as it was before it went column by column
(kept verbatim as the oracle). For generated sheets — plain-text columns, columns of a
few repeated values, mixed junk, blanks, fill-down, formulas without a cached value,
total and note rows, over-long text, control characters, bad numbers and dates — both
must produce the same rows (values, raw cells, Excel rows), the same problems in the
same order, and the same skipped rows.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from models.errors import Problem
from models.exchange.headers import HeaderIndex
from models.exchange.parsers import MAX_TEXT, parse_text
from models.exchange.reader import (
    Grid,
    ReadResult,
    SkippedRow,
    _classify,
    _Col,
    _map_columns,
    _read_data,
    _row_text,
)
from models.exchange.spec import CellError, RowProblem, SourceRow
from models.exchange.table import MISSING, Table
from models.progress import Progress
from tests.models.exchange.helpers import TEST_KIND


def _cell_problem(row: SourceRow, col: _Col, value: Any, problem: Problem) -> RowProblem:
    return RowProblem(
        sheet=row.sheet,
        row=row.row,
        column=col.header,
        value=value,
        problem=problem,
        cell=f"{col.letter}{row.row}",
    )


def _rowwise(grid: Grid, start: int, cols: list[_Col], result: ReadResult) -> list[SourceRow]:
    sheet = grid.name
    total = len(grid.rows)
    in_notes = False
    last: dict[str, Any] = {}
    fill = {c.column.key for c in cols if c.column.fill_down}
    problems = result.problems
    letters = {c.key: c.letter for c in cols}
    specs = [(c.index, c.key, c.parse, c.ctx, c.required, c) for c in cols]
    rows = []
    for r in range(start, total):
        row = grid.rows[r]
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
            raw = row[i]
            if raw == "" or raw is None or (raw.__class__ is str and raw.isspace()):
                if (r, i) in grid.formula_cells:
                    problems.append(
                        _cell_problem(source, col, raw, Problem("exchange.formula_without_value"))
                    )
                    continue
                if key in fill and key in last:
                    raw = last[key]
                else:
                    if required:
                        problems.append(_cell_problem(source, col, "", Problem("exchange.required")))
                    continue
            raw_values[key] = raw
            if (
                parse is parse_text
                and raw.__class__ is str
                and len(raw) <= MAX_TEXT
                and raw.isprintable()
                and (raw.isascii() or unicodedata.is_normalized("NFKC", raw))
            ):
                values[key] = raw.strip()
                if fill:
                    last[key] = raw
                continue
            if raw.__class__ is str and len(raw) > MAX_TEXT:
                problems.append(
                    _cell_problem(
                        source, col, raw[:50] + "…", Problem("exchange.text_too_long", {"limit": MAX_TEXT})
                    )
                )
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
        rows.append(source)
    return rows


HEADER = ["名称", "序号", "面积", "日期", "分组"]
JUNK = [
    "",
    None,
    "  ",
    "\u3000",
    "甲",
    " 乙 ",
    "ＡＢＣ１２",
    "a\x01b",
    "x" * (MAX_TEXT + 1),
    "y" * MAX_TEXT,
    1,
    2.5,
    "3",
    "３",
    "abc",
    "-1",
    "2024年3月15日",
    "2024.6.30",
    45366,
    "明天",
    True,
    False,
    0,
    "0",
    "是",
]
PLAIN = ["甲公司", "乙 ", " 丙", "abc", "0571-1234", "青山湖科技城"]
FEW = ["1", "2", "２", "abc", "2024/02/20", "a\x02"]
FIRST = ["合计", "小计", "注：以上为示例", "说明", " ", "", None, "填表人：张三"]


def _column(mode: str) -> st.SearchStrategy[Any]:
    pools: dict[str, Sequence[object]] = {"plain": PLAIN, "few": FEW, "junk": JUNK, "empty": ["", None]}
    return st.sampled_from(pools[mode])


@st.composite
def sheets(draw: st.DrawFn) -> tuple[Grid, int]:
    order = draw(st.permutations(HEADER))
    modes = [draw(st.sampled_from(["plain", "few", "junk", "empty"])) for _ in order]
    n = draw(st.integers(0, 25))
    rows: list[list[Any]] = [list(order)]
    for _ in range(n):
        row = [draw(_column(m)) for m in modes]
        if draw(st.integers(0, 9)) == 0:
            row[0] = draw(st.sampled_from(FIRST))
        if draw(st.integers(0, 14)) == 0:
            row = [None] * len(order)
        rows.append(row)
    blanks = [(r, c) for r in range(1, len(rows)) for c in range(len(order)) if rows[r][c] in ("", None)]
    formulas = set(draw(st.lists(st.sampled_from(blanks), max_size=3))) if blanks else set()
    return Grid("表", rows, formulas), 1


def _read(grid: Grid, start: int, new: bool) -> tuple[ReadResult, list[SourceRow]]:
    result = ReadResult(sheet=grid.name, header_row=1)
    cols = _map_columns(grid, 0, TEST_KIND, HeaderIndex(TEST_KIND), {}, result)
    if new:
        _read_data(grid, start, cols, result, Progress())
        return result, result.rows
    return result, _rowwise(grid, start, cols, result)


@settings(max_examples=300, deadline=None)
@given(sheet=sheets())
def test_column_reader_matches_the_row_reader(sheet: tuple[Grid, int]) -> None:
    grid, start = sheet
    new, new_rows = _read(grid, start, new=True)
    old, old_rows = _read(grid, start, new=False)
    assert [(r.sheet, r.row, r.values, r.raw) for r in new_rows] == [
        (r.sheet, r.row, r.values, r.raw) for r in old_rows
    ]
    assert new.problems == old.problems
    assert new.skipped == old.skipped
    assert all(r.headers is new.headers for r in new_rows)
    table = new.table
    assert table is not None
    assert table.gaps == {
        k for k, column in zip(table.keys, table.values, strict=True) if any(v is MISSING for v in column)
    }
    assert table.holes == {j for j in range(len(table)) if any(c[j] is MISSING for c in table.values)}


def test_plain_and_repeated_columns_take_the_fast_paths() -> None:
    rows: list[list[Any]] = [["名称", "分组", "序号"]]
    rows += [[f"企业{i}", "一组" if i % 2 else "二组", str(i % 3)] for i in range(1000)]
    grid = Grid("表", rows)
    result, got = _read(grid, 1, new=True)
    assert not result.problems and len(got) == 1000
    assert isinstance(result.table, Table) and not result.table.holes
    assert result.table.column("序号") is None and result.table.column("order") == [
        i % 3 for i in range(1000)
    ]
    assert got[1].values == {"value": "企业1", "group": "一组", "order": 1}


def test_table_without_bad_rows_and_holes() -> None:
    rows: list[list[Any]] = [["名称", "序号"], ["甲", "1"], ["乙", "x"], ["丙", None]]
    result, got = _read(Grid("表", rows), 1, new=True)
    table = result.table
    assert table is not None and table.holes == {1, 2}
    assert [p.row for p in result.problems] == [3]
    kept = table.without({3})
    assert kept.excel_rows == [2, 4] and kept.holes == {1}
    assert [r.values for r in kept.rows()] == [{"value": "甲", "order": 1}, {"value": "丙"}]
    assert table.column("order") == [1, MISSING, MISSING]
