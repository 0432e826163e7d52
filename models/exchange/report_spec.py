"""The annual report workbook (``landspace report YEAR FILE``): each area contributes sheets.

An area provides ``models/<area>/report.py`` with
``report_sheets(session, year) -> list[ReportSheet]``, its ``report`` hook in
``models.areas.AREAS``. The writer lays each sheet out (title row, bold frozen header, units
in headers, a 合计 row when asked) and adds a native Excel chart from ``chart``.

What a sheet says in words is said in Chinese here and rendered in the user's language by
the desktop: a fixed label (sheet name, column header, note, chart title, unit) is its Chinese
text, which is its key in the desktop's catalogue (``resources/i18n/en/report.json``); one
with figures in it is a ``Problem`` (a message code and its fields). The writer's logic (units,
ratios, number formats) reads the Chinese headers.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal

from models.errors import Problem

Text = str | Problem  # a fixed Chinese label, or a message code with fields


@dataclass(frozen=True)
class ReportChart:
    """A native chart over the sheet's data: ``category_column`` labels the x axis,
    ``value_columns`` are the series (0-based column indexes)."""

    kind: Literal["bar", "stacked_bar", "line", "pie"]
    title: Text
    category_column: int
    value_columns: tuple[int, ...]
    y_title: str = ""


@dataclass(frozen=True)
class ReportSheet:
    title: Text  # sheet name (≤ 31 chars)
    heading: Problem  # the title row above the table: a message code the desktop renders (zh/en)
    headers: tuple[str, ...]  # with units, e.g. "剩余（亩）"
    rows: tuple[tuple[Any, ...], ...]
    total_row: bool = False  # add a 合计 row summing the numeric columns
    chart: ReportChart | None = None
    notes: tuple[Text, ...] = field(default=())  # lines under the table (依据 …)
    # On the 合计 row a ratio is computed from the totals, never summed: column → (numerator
    # column, denominator column), as a percentage (×100, 0.1) when the header says （%）.
    # Columns whose header names a ratio (率, 比例, 占比, %) and that have no entry here stay
    # blank on the 合计 row; ``totals`` gives a total the columns cannot (column → value).
    total_ratios: dict[int, tuple[int, int]] = field(default_factory=dict)
    totals: dict[int, Any] = field(default_factory=dict)
