"""The data rows of a sheet as columns: what the reader builds, and what a kind's
``load_table`` (the bulk fast path) reads without one object per row.

A ``Table`` holds, per mapped column, the parsed value of every data row (``MISSING``
where the cell was blank or could not be parsed) and the raw cell as read (``MISSING``
where blank). ``rows()`` turns it into the ``SourceRow`` list every ``Kind.load``
takes — the same rows the row-by-row reader made: a blank cell's key is absent from
``values``, and from ``raw`` too unless a fill-down column supplied it.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from dataclasses import dataclass, field
from typing import Any, Final

from models.exchange.spec import SourceRow


class _Missing:
    __slots__ = ()

    def __repr__(self) -> str:
        return "MISSING"

    def __bool__(self) -> bool:
        return False


MISSING: Final[Any] = _Missing()


@dataclass
class Table:
    sheet: str
    keys: tuple[str, ...]
    excel_rows: list[int]  # 1-based, as the user sees them
    values: list[list[Any]]  # per key (in ``keys`` order), one parsed value per row
    raw: list[list[Any]]  # per key, the cell as read
    headers: dict[str, str] = field(default_factory=dict)
    letters: Mapping[str, str] = field(default_factory=dict)
    gaps: set[str] = field(default_factory=set)  # keys of columns with a MISSING value (blank or bad cell)

    def __len__(self) -> int:
        return len(self.excel_rows)

    @property
    def holes(self) -> set[int]:
        """Positions of the rows with a MISSING value (a blank or bad cell)."""
        gapped = [c for k, c in zip(self.keys, self.values, strict=True) if k in self.gaps]
        return {j for j in range(len(self)) if any(c[j] is MISSING for c in gapped)}

    def column(self, key: str) -> list[Any] | None:
        """The parsed values of ``key``, or None when the file has no such column."""
        try:
            return self.values[self.keys.index(key)]
        except ValueError:
            return None

    def row(self, j: int) -> SourceRow:
        keys = self.keys
        values = {k: v for k, v in zip(keys, (c[j] for c in self.values), strict=True) if v is not MISSING}
        raw = {k: v for k, v in zip(keys, (c[j] for c in self.raw), strict=True) if v is not MISSING}
        return SourceRow(self.sheet, self.excel_rows[j], values, raw, self.headers, {}, self.letters)

    def rows(self) -> list[SourceRow]:
        if self.gaps or not self.keys:
            return [self.row(j) for j in range(len(self))]
        keys, sheet, headers, letters = self.keys, self.sheet, self.headers, self.letters
        return [
            SourceRow(
                sheet,
                r,
                dict(zip(keys, v, strict=True)),
                dict(zip(keys, w, strict=True)),
                headers,
                {},
                letters,
            )
            for r, v, w in zip(
                self.excel_rows, zip(*self.values, strict=True), zip(*self.raw, strict=True), strict=True
            )
        ]

    def without(self, excel_rows: Collection[int]) -> Table:
        """The table less the given Excel rows (those with a cell error)."""
        if not excel_rows:
            return self
        keep = [j for j, r in enumerate(self.excel_rows) if r not in excel_rows]
        return Table(
            self.sheet,
            self.keys,
            [self.excel_rows[j] for j in keep],
            [[c[j] for j in keep] for c in self.values],
            [[c[j] for j in keep] for c in self.raw],
            self.headers,
            self.letters,
            set(self.gaps),
        )
