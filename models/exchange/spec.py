"""The declarative contract between Excel workbooks and the domain.

Each area declares its kinds in ``models/<area>/exchange.py`` as ``KINDS: tuple[Kind, ...]``
(collected by ``models.exchange.registry``). A ``Kind`` lists its ``Column``s and two
functions: ``load`` (rows → records, inside the caller's transaction, never committing)
and ``dump`` (records → rows). The engine (``reader``, ``writer``, ``importer``) does
everything else: finding the header row, matching headers and synonyms, units, blank
and total rows, merged cells, hostile-file checks, the all-or-nothing transaction,
the error report and the marked-up error workbook.

Column headers and vocabulary here are the *file format* (what departments write in
their sheets), so they are Chinese; messages shown to people are rendered from
problem codes in ``desktop.messages``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from models.changes import Changes
from models.errors import Problem
from models.exchange.units import Measure, Unit
from models.progress import Progress
from models.units import AreaUnit, MoneyUnit

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from models.exchange.table import Table

# area: ㎡; money: 万元; electricity: MWh; energy: tce; mass: t; ratio: a fraction (12% = 0.12).
Quantity = Literal["area", "money", "electricity", "energy", "mass", "ratio"]


class CellError(Exception):
    """Raised by a parser: ``code`` and ``fields`` describe what is wrong with the cell."""

    def __init__(self, code: str, /, **fields: Any) -> None:
        super().__init__(code, fields)
        self.code = code
        self.fields = fields


@dataclass(frozen=True)
class CellContext:
    """What a parser knows beyond the cell: the unit read from the header (or the column's
    default), the column's choices, and the import's options. A parser that accepts a
    value but has something to say (a control character removed, a checksum accepted
    as a warning) calls ``warn(code, **fields)``; the reader turns it into a warning."""

    area_unit: AreaUnit = AreaUnit.M2
    money_unit: MoneyUnit = MoneyUnit.WAN
    measure: Measure | None = None  # electricity, energy, mass, ratio: the unit the cells are in
    quantity: str | None = None  # the column's quantity: cells may carry its units (860.5㎡, 12%)
    choices: tuple[str, ...] = ()
    options: Mapping[str, Any] = field(default_factory=dict)
    warnings: list[Problem] = field(default_factory=list, compare=False)

    def warn(self, code: str, /, **fields: Any) -> None:
        self.warnings.append(Problem(code, fields, "warning"))


CellParser = Callable[[Any, CellContext], Any]
CellRenderer = Callable[[Any], Any]


def _identity(value: Any, _ctx: CellContext | None = None) -> Any:
    return value


@dataclass(frozen=True)
class Column:
    """One column of a kind.

    ``header`` is the canonical header written by exports and templates (without unit);
    ``synonyms`` are other spellings accepted on import. Matching ignores spaces,
    full/half-width differences and a trailing unit in brackets. For ``quantity``
    columns the unit in the header (㎡/平方米/亩/公顷, 万元/元) converts the value to ㎡ or
    万元; ``unit`` is the unit written on export and assumed when the header names none.
    ``fill_down``: a blank cell takes the value above (merged cells, a parcel code on
    the first row of its parcel only).
    """

    key: str
    header: str
    synonyms: tuple[str, ...] = ()
    parse: CellParser = _identity
    render: CellRenderer = _identity
    required: bool = False
    quantity: Quantity | None = None
    unit: Unit | None = None
    example: Any = None
    choices: tuple[str, ...] = ()
    width: int = 14
    fill_down: bool = False
    export: bool = True


@dataclass
class SourceRow:
    """One data row as read: ``values`` holds parsed values by column key (blank cells are
    absent); ``headers`` the header text the file used, so problems can quote it."""

    sheet: str
    row: int  # Excel row number, 1-based, as the user sees it
    values: dict[str, Any]
    raw: dict[str, Any] = field(default_factory=dict)
    headers: dict[str, str] = field(default_factory=dict)
    cells: dict[str, str] = field(default_factory=dict)  # key -> cell reference, e.g. "C7"
    letters: Mapping[str, str] = field(default_factory=dict)  # key -> column letter (shared by all rows)

    def get(self, key: str, default: Any = None) -> Any:
        return self.values.get(key, default)

    def cell(self, key: str) -> str | None:
        """The cell reference of ``key`` in this row (``C7``), if the column was read."""
        ref = self.cells.get(key)
        if ref is None and key in self.letters:
            ref = f"{self.letters[key]}{self.row}"
        return ref


@dataclass(frozen=True)
class RowProblem:
    """A problem located in a workbook: sheet, Excel row, column header, value, code + fields."""

    sheet: str
    row: int | None
    column: str | None  # header text as the file has it
    value: Any
    problem: Problem
    cell: str | None = None  # e.g. "C7", for marking the error workbook

    @property
    def code(self) -> str:
        return self.problem.code

    @property
    def is_error(self) -> bool:
        return self.problem.is_error


@dataclass
class ImportContext:
    """Given to ``Kind.load``. ``options`` carries kind options (``year``, ``as_of`` …).
    ``user_id`` is the importing user (carrier managers are scoped). Use ``problem()``
    to record a row problem that names the column the way the file does."""

    options: Mapping[str, Any] = field(default_factory=dict)
    user_id: int | None = None
    actor: str = ""
    progress: Progress = field(default_factory=Progress)
    problems: list[RowProblem] = field(default_factory=list)
    notes: list[Problem] = field(default_factory=list)  # things said to the user (e.g. year read from title)

    def problem(
        self, row: SourceRow, key: str | None, code: str, /, *, severity: str = "error", **fields: Any
    ) -> None:
        self.problems.append(
            RowProblem(
                sheet=row.sheet,
                row=row.row,
                column=row.headers.get(key) if key else None,
                value=row.raw.get(key) if key else None,
                problem=Problem(code, fields, severity),
                cell=row.cell(key) if key else None,
            )
        )


@dataclass(frozen=True)
class LoadOutcome:
    """What ``Kind.load`` did: counts must reconcile with rows read."""

    created: int = 0
    updated: int = 0
    unchanged: int = 0
    changes: Changes = Changes()


@dataclass
class ExportContext:
    options: Mapping[str, Any] = field(default_factory=dict)
    user_id: int | None = None
    progress: Progress = field(default_factory=Progress)


Loader = Callable[["Session", list[SourceRow], ImportContext], LoadOutcome]
# The same, for the rows as columns (``models.exchange.table.Table``): a kind's bulk fast path.
TableLoader = Callable[["Session", "Table", ImportContext], LoadOutcome]
Dumper = Callable[["Session", ExportContext], Iterable[Mapping[str, Any]]]
# For non-tabular formats (部颁 TXT, GeoJSON, Shapefile): by lower-case extension.
FileReader = Callable[[Path, ImportContext], list[SourceRow]]
FileWriter = Callable[["Session", Path, ExportContext], int]


@dataclass(frozen=True)
class KindOption:
    """A command-line / dialog option of a kind, e.g. ``--year`` or ``--as-of``."""

    name: str  # "year" -> --year
    type: Literal["int", "date", "str", "flag"] = "str"  # flag: --name alone means True
    required: bool = False


@dataclass(frozen=True)
class Kind:
    """An exchangeable kind of record (``enterprises``, ``quota-grants`` …).

    ``area`` is the ``Changes`` area it touches. ``load``/``dump`` may be None for
    export-only or import-only kinds. ``readers``/``writers`` add non-Excel formats.

    Contract for ``load`` (see docs/guide/exchange.md): it runs inside the importer's
    single transaction and never commits; it must **upsert by the kind's natural key**
    (USCC, plot code, grant document number …) so that importing the same file twice
    changes nothing the second time; it reports row problems with ``ctx.problem(row,
    key, code, **fields)`` (the engine then rolls everything back) and counts in its
    ``LoadOutcome`` only the rows it accepted, so that rows read = created + updated +
    unchanged + rejected. A row's ``headers`` lists the columns present in the file
    (absent columns: keep the value). Rows with a cell error are also given to ``load``
    once, in a savepoint rolled back at once, so that its own checks (platform, chain,
    duplicates) reach the same report: a bad cell's key is absent from ``values`` as a
    blank one's is, so ``load`` must skip, without a traceback, a row whose required value
    is absent (tests/models/exchange/test_roundtrip_every_kind.py feeds every kind such rows).

    ``load_table``, if given, is used instead of ``load`` for workbooks and CSV: the
    same rows as one ``Table`` of columns, for kinds whose large imports would otherwise
    spend their time on one object per row. It must have exactly ``load``'s effect
    (it may hand ``table.rows()`` to ``load`` for any case it does not speed up).

    A column's ``parse`` must be a pure function of the cell and its ``CellContext``
    (warnings through ``ctx.warn``): the reader may parse a value repeated down a
    column once and give the outcome to every cell that holds it.
    """

    name: str
    title: str  # sheet name of exports and templates
    area: str
    columns: tuple[Column, ...]
    load: Loader | None = None
    dump: Dumper | None = None
    options: tuple[KindOption, ...] = ()
    readers: Mapping[str, FileReader] = field(default_factory=dict)
    writers: Mapping[str, FileWriter] = field(default_factory=dict)
    scoped_to_carriers: bool = False  # carrier managers may only touch their own carriers' rows
    load_table: TableLoader | None = None

    def column(self, key: str) -> Column:
        for c in self.columns:
            if c.key == key:
                return c
        raise KeyError(key)


def today() -> dt.date:
    return dt.date.today()
