"""One generic table model over a list of frozen rows, driven by column specs.

Sorting and filtering happen on the model's own row list (``QSortFilterProxyModel``
took ~26 s to sort 100k rows; ``list.sort`` 0.05 s). Display strings are computed
lazily, once per row, the first time the row is painted, and cached until the rows
are replaced, so sorting and filtering never reformat.

Filters combine (AND): an external predicate (``set_filter``), one Excel-like filter
per column (``set_column_filter``: the set of display strings allowed) and a search
text matched against every column (``set_search``). ``filters_changed`` is emitted
after any of them (and after ``set_rows``) so a filter bar can show "N of M".

Editing: ``on_edit(row, column, text) -> bool`` for one cell; ``on_paste(cells) -> bool``
for a block pasted from Excel (``cells`` = ``[(row, column, text), …]``), falling back
to ``on_edit`` per cell when not set. Only ``editable`` columns are written.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, Signal

from desktop import release

Index = QModelIndex | QPersistentModelIndex


@dataclass(frozen=True)
class TableColumn:
    """``title`` (already translated), ``value`` gets the raw value from a row (used for
    sorting), ``text`` formats it for display (default ``str``, blank for None)."""

    title: str
    value: Callable[[Any], Any]
    text: Callable[[Any], str] | None = None
    align_right: bool = False
    editable: bool = False
    width: int = 120
    tooltip: str = ""
    area_title: str = ""  # set by area_column: the header is this title with the current unit


def _default_text(value: Any) -> str:
    return "" if value is None else str(value)


def _sort_key(value: Any) -> tuple[int, Any]:
    # None last; mixed types compare by their text.
    if value is None:
        return (2, "")
    if isinstance(value, (int, float)) or hasattr(value, "as_tuple"):
        return (0, value)
    return (1, str(value))


def area_column(
    title: str, value: Callable[[Any], Any], *, unit: Any = None, editable: bool = False, width: int = 110
) -> TableColumn:
    """A column of an area held in ㎡, shown in the user's unit (title gets the unit)."""
    from desktop.item_models.formats import area_header, format_area

    return TableColumn(
        area_header(title, unit),
        value,
        lambda v: format_area(v, unit),
        align_right=True,
        editable=editable,
        width=width,
        area_title="" if unit else title,
    )


def decimal_column(
    title: str, value: Callable[[Any], Any], *, places: int = 2, editable: bool = False, width: int = 100
) -> TableColumn:
    from desktop.item_models.formats import format_decimal

    return TableColumn(
        title, value, lambda v: format_decimal(v, places), align_right=True, editable=editable, width=width
    )


class RowTableModel(QAbstractTableModel):
    """Rows are any objects (frozen dataclasses from ``queries``). ``set_rows`` replaces them."""

    filters_changed = Signal()

    def __init__(self, columns: Sequence[TableColumn], parent: Any = None) -> None:
        super().__init__(parent)
        self.columns = list(columns)
        self._all: list[Any] = []
        self._order: list[int] = []  # indexes into _all, as shown
        self._row_texts: dict[int, tuple[str, ...]] = {}
        self._col_texts: dict[int, list[str]] = {}
        self._col_folded: dict[int, list[str]] = {}
        self._filter: Callable[[Any], bool] | None = None
        self._column_filters: dict[int, frozenset[str]] = {}
        self._search = ""
        self._sort: tuple[int, Qt.SortOrder] | None = None
        self.on_edit: Callable[[Any, int, str], bool] | None = None
        self.on_paste: Callable[[list[tuple[Any, int, str]]], bool] | None = None
        self.key: Callable[[Any], Any] | None = None  # identity of a row across reloads (e.g. id)
        self._key_index: dict[Any, int] | None = None  # key → index into _all (built on demand)
        self._key_of: Callable[[Any], Any] | None = None  # the key it was built with

    # --- data in -----------------------------------------------------------------
    def set_rows(self, rows: Sequence[Any]) -> None:
        # the old rows and their texts are freed in later turns (desktop/release.py)
        release.later(self._all, self._row_texts, self._col_texts, self._col_folded)
        self.beginResetModel()
        self._all = list(rows)
        self._key_index = None
        self._row_texts = {}
        self._col_texts = {}
        self._col_folded = {}
        self._apply()
        self.endResetModel()
        self.filters_changed.emit()

    def replace_rows(self, changed: Sequence[Any]) -> bool:
        """Put each of ``changed`` in place of the row with the same ``key`` (a few edited rows
        in a list of 10,000s): only those rows' texts are recomputed and only their cells are
        repainted; the order is recomputed only when a filter or a sort could move them. False
        (nothing changed) when there is no ``key`` or a row's key is not in the list: reload."""
        if self.key is None:
            return False
        index = self._keys()
        where = [index.get(self.key(r)) for r in changed]
        if any(i is None for i in where):
            return False
        moves = self._sort is not None or self.is_filtered()
        if moves:
            self.layoutAboutToBeChanged.emit()
        for i, row in zip(where, changed, strict=True):
            assert i is not None
            self._all[i] = row
            self._row_texts.pop(i, None)
            for col, texts in self._col_texts.items():
                spec = self.columns[col]
                texts[i] = (spec.text or _default_text)(spec.value(row))
                folded = self._col_folded.get(col)
                if folded is not None:
                    folded[i] = texts[i].casefold()
        if moves:
            old = list(self._order)
            self._apply()
            self._remap_persistent(old)
            self.layoutChanged.emit()
            self.filters_changed.emit()
            return True
        last = len(self.columns) - 1
        for i in where:  # unfiltered and unsorted: a row's position is its index
            assert i is not None
            self.dataChanged.emit(self.index(i, 0), self.index(i, last))
        return True

    def set_filter(self, predicate: Callable[[Any], bool] | None) -> None:
        self._refilter(lambda: setattr(self, "_filter", predicate))

    def set_column_filter(self, column: int, allowed: Iterable[str] | None) -> None:
        """Show only rows whose display text in ``column`` is in ``allowed`` (None: all)."""

        def change() -> None:
            if allowed is None:
                self._column_filters.pop(column, None)
            else:
                self._column_filters[column] = frozenset(allowed)

        self._refilter(change)

    def clear_filters(self) -> None:
        def change() -> None:
            self._column_filters.clear()
            self._search = ""

        self._refilter(change)

    def set_search(self, text: str) -> None:
        """Show only rows where some column's display text contains ``text`` (case-insensitive)."""
        self._refilter(lambda: setattr(self, "_search", text.strip().casefold()))

    def column_filter(self, column: int) -> frozenset[str] | None:
        return self._column_filters.get(column)

    def search_text(self) -> str:
        return self._search

    def has_user_filters(self) -> bool:
        """A search text or a column filter is set (what 清除筛选 clears)."""
        return bool(self._column_filters or self._search)

    def is_filtered(self) -> bool:
        return bool(self._column_filters or self._search or self._filter)

    def _refilter(self, change: Callable[[], None]) -> None:
        self.beginResetModel()
        change()
        self._apply()
        self.endResetModel()
        self.filters_changed.emit()

    def _passing(self, skip_column: int | None = None) -> list[int]:
        rows = self._all
        keep: list[int] | range = range(len(rows))
        if self._filter is not None:
            predicate = self._filter
            keep = [i for i in keep if predicate(rows[i])]
        for col, allowed in self._column_filters.items():
            if col == skip_column:
                continue
            texts = self.column_texts(col)
            keep = [i for i in keep if texts[i] in allowed]
        if self._search:
            needle = self._search
            folded = [self._folded_texts(c) for c in range(len(self.columns))]
            keep = [i for i in keep if any(needle in col[i] for col in folded)]
        return list(keep)

    def _apply(self) -> None:
        order = self._passing()
        if self._sort is not None:
            col, order_ = self._sort
            getter = self.columns[col].value
            rows = self._all
            values = [getter(rows[i]) for i in order]
            positions = range(len(order))
            try:
                ranked = sorted(positions, key=values.__getitem__)
            except TypeError:  # None or mixed types
                keys = [_sort_key(v) for v in values]
                ranked = sorted(positions, key=keys.__getitem__)
            if order_ == Qt.SortOrder.DescendingOrder:
                ranked.reverse()
            order = [order[p] for p in ranked]
        self._order = order

    def column_texts(self, column: int) -> list[str]:
        """The display text of ``column`` for every row (shown or not), computed once."""
        texts = self._col_texts.get(column)
        if texts is None:
            spec = self.columns[column]
            fmt = spec.text or _default_text
            getter = spec.value
            texts = [fmt(getter(r)) for r in self._all]
            self._col_texts[column] = texts
        return texts

    def _folded_texts(self, column: int) -> list[str]:
        folded = self._col_folded.get(column)
        if folded is None:
            folded = [t.casefold() for t in self.column_texts(column)]
            self._col_folded[column] = folded
        return folded

    def distinct_texts(self, column: int) -> list[str]:
        """Distinct display texts of ``column`` among the rows passing every *other* filter
        (what Excel's filter drop-down lists), sorted."""
        texts = self.column_texts(column)
        values = {texts[i] for i in self._passing(skip_column=column)}
        return sorted(values, key=lambda t: (t == "", t))

    def _texts(self, source: int) -> tuple[str, ...]:
        cached = self._row_texts.get(source)
        if cached is None:
            row = self._all[source]
            cached = tuple((c.text or _default_text)(c.value(row)) for c in self.columns)
            self._row_texts[source] = cached
        return cached

    # --- data out ----------------------------------------------------------------
    def row_at(self, row: int) -> Any:
        return self._all[self._order[row]]

    def rows(self) -> list[Any]:
        """The rows as shown (filtered and sorted) — what "export what is shown" exports."""
        return [self._all[i] for i in self._order]

    def all_rows(self) -> list[Any]:
        return list(self._all)

    def total_count(self) -> int:
        return len(self._all)

    def text_at(self, row: int, column: int) -> str:
        return self._texts(self._order[row])[column]

    def _keys(self) -> dict[Any, int]:
        """key → index into the rows held (the first row of a key, as ``find_row`` scans)."""
        key = self.key
        assert key is not None
        if self._key_index is None or self._key_of is not key:
            index: dict[Any, int] = {}
            for i, r in enumerate(self._all):
                index.setdefault(key(r), i)
            self._key_index, self._key_of = index, key
        return self._key_index

    def row_by_key(self, key: Any) -> Any:
        """The row (shown or not) whose ``self.key(row) == key``, or None."""
        if self.key is None:
            return None
        i = self._keys().get(key)
        return None if i is None else self._all[i]

    def find_row(self, key: Any) -> int:
        """The shown position of the row whose ``self.key(row) == key``, or -1."""
        if self.key is None:
            return -1
        if self._sort is None and not self.is_filtered():  # shown as held: the position is the index
            i = self._keys().get(key)
            return -1 if i is None else i
        for pos, i in enumerate(self._order):
            if self.key(self._all[i]) == key:
                return pos
        return -1

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._order)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.columns)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            return self._texts(self._order[index.row()])[index.column()]
        if role == Qt.ItemDataRole.ToolTipRole:  # long texts are cut in the cell: show them whole
            text = self._texts(self._order[index.row()])[index.column()]
            return text if len(text) > 16 else None
        if role == Qt.ItemDataRole.TextAlignmentRole:
            if self.columns[index.column()].align_right:
                return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            return int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        return None

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if role == Qt.ItemDataRole.DisplayRole:
            if orientation == Qt.Orientation.Horizontal:
                spec = self.columns[section]
                if spec.area_title:  # follows the unit chosen in the settings
                    from desktop.item_models.formats import area_header

                    return area_header(spec.area_title)
                return spec.title
            return str(section + 1)
        if role == Qt.ItemDataRole.ToolTipRole and orientation == Qt.Orientation.Horizontal:
            return self.columns[section].tooltip or None
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if self.columns[index.column()].editable and self.on_edit is not None:
            flags |= Qt.ItemFlag.ItemIsEditable
        return flags

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if role != Qt.ItemDataRole.EditRole or not index.isValid() or self.on_edit is None:
            return False
        if not self.columns[index.column()].editable:
            return False
        return self.on_edit(self.row_at(index.row()), index.column(), str(value))

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if not 0 <= column < len(self.columns):
            return
        self.layoutAboutToBeChanged.emit()
        old = list(self._order)
        self._sort = (column, order)
        self._apply()
        self._remap_persistent(old)
        self.layoutChanged.emit()

    def _remap_persistent(self, old: list[int]) -> None:
        persistent = self.persistentIndexList()
        if not persistent:
            return
        where = {source: pos for pos, source in enumerate(self._order)}
        new = []
        for idx in persistent:
            pos = where.get(old[idx.row()]) if idx.row() < len(old) else None
            new.append(QModelIndex() if pos is None else self.index(pos, idx.column()))
        self.changePersistentIndexList(persistent, new)

    # --- clipboard ---------------------------------------------------------------
    def selection_tsv(self, indexes: Iterable[QModelIndex]) -> str:
        """The cells as tab/newline separated text (Excel's clipboard format), in a
        rectangle from the top-left to the bottom-right selected cell."""
        cells = {(i.row(), i.column()) for i in indexes if i.isValid()}
        if not cells:
            return ""
        rows = sorted({r for r, _ in cells})
        cols = sorted({c for _, c in cells})
        lines = []
        for r in rows:
            texts = self._texts(self._order[r])
            lines.append("\t".join(_clean_cell(texts[c]) if (r, c) in cells else "" for c in cols))
        return "\n".join(lines) + "\n"

    def paste_tsv(self, row: int, column: int, text: str) -> int:
        """Paste a block copied from Excel at (``row``, ``column``); a single value pasted
        on a selection is handled by the view. Returns the number of cells written,
        0 when refused. Non-editable columns inside the block are skipped."""
        grid = parse_tsv(text)
        cells: list[tuple[Any, int, str]] = []
        for dr, values in enumerate(grid):
            r = row + dr
            if r >= len(self._order):
                break
            for dc, value in enumerate(values):
                c = column + dc
                if c < len(self.columns) and self.columns[c].editable:
                    cells.append((self.row_at(r), c, value))
        return self.write_cells(cells)

    def write_cells(self, cells: list[tuple[Any, int, str]]) -> int:
        if not cells:
            return 0
        if self.on_paste is not None:
            return len(cells) if self.on_paste(cells) else 0
        if self.on_edit is None:
            return 0
        return sum(1 for row, col, value in cells if self.on_edit(row, col, value))


def _clean_cell(text: str) -> str:
    return text.replace("\t", " ").replace("\r", " ").replace("\n", " ")


def parse_tsv(text: str) -> list[list[str]]:
    """Excel's clipboard text as rows of cells: tab separated, newline terminated, a
    quoted cell may contain newlines and doubled quotes."""
    rows: list[list[str]] = []
    cell: list[str] = []
    row: list[str] = []
    i, n = 0, len(text)
    quoted = False
    while i < n:
        ch = text[i]
        if quoted:
            if ch == '"':
                if i + 1 < n and text[i + 1] == '"':
                    cell.append('"')
                    i += 1
                else:
                    quoted = False
            else:
                cell.append(ch)
        elif ch == '"' and not cell:
            quoted = True
        elif ch == "\t":
            row.append("".join(cell))
            cell = []
        elif ch in "\r\n":
            if ch == "\r" and i + 1 < n and text[i + 1] == "\n":
                i += 1
            row.append("".join(cell))
            rows.append(row)
            row, cell = [], []
        else:
            cell.append(ch)
        i += 1
    if cell or row:
        row.append("".join(cell))
        rows.append(row)
    return rows
