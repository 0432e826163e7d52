"""All-or-nothing import of a workbook into the database (docs/reliability.md B).

``run_import`` = pre-flight → read (every cell problem collected) → ``kind.load`` inside
ONE ``Database.write()`` transaction → commit only when no row has an error and this
is not a dry run; otherwise everything is rolled back and nothing is written.

The report reconciles: ``rows_read == created + updated + unchanged + rejected``
(skipped rows — blank, 合计, notes — are listed apart, each with its reason). A kind's
``load`` counts only the rows it accepted; rows with a problem of severity error are
``rejected``. Importing the same file twice changes nothing the second time, because
every ``load`` upserts by the kind's natural key: a no-change re-import writes nothing
at all (no audit entry, no version bump, no backup).

No copy of the database is taken first: the one transaction is the all-or-nothing
guarantee (SQLite commits it whole or not at all, also across a crash or power cut), so
the size of an import's cost follows the change, not the database. Backups are taken on
the user's schedule instead (``models.backup_policy``).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from models.accounts.audit import file_facts, record_event
from models.allocation import bulk_allocation
from models.changes import NO_CHANGES, Changes
from models.errors import DomainError, Problem
from models.exchange.preflight import DEFAULT_LIMITS, Limits, PreflightError, preflight
from models.exchange.reader import ReadResult, SkippedRow, read_rows
from models.exchange.spec import ImportContext, Kind, LoadOutcome, RowProblem, SourceRow
from models.exchange.table import Table
from models.progress import Progress

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from models.database import Database


@dataclass
class ImportReport:
    kind: str
    path: Path
    sheet: str = ""
    header_row: int | None = None
    rows_read: int = 0
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    rejected: int = 0
    skipped: list[SkippedRow] = field(default_factory=list)
    problems: list[RowProblem] = field(default_factory=list)
    notes: list[Problem] = field(default_factory=list)
    ignored_headers: list[str] = field(default_factory=list)
    sheets: list[str] = field(default_factory=list)  # the sheets with the kind's headers, when several have
    dry_run: bool = False
    committed: bool = False
    changes: Changes = NO_CHANGES

    @property
    def errors(self) -> list[RowProblem]:
        return [p for p in self.problems if p.is_error]

    @property
    def warnings(self) -> list[RowProblem]:
        return [p for p in self.problems if p.problem.severity == "warning"]

    @property
    def ok(self) -> bool:
        """No error anywhere: the import was (or, for a dry run, would be) committed."""
        return not self.errors

    @property
    def reconciles(self) -> bool:
        return self.rows_read == self.created + self.updated + self.unchanged + self.rejected

    @property
    def file_refused(self) -> bool:
        """The file itself was refused (pre-flight, no header, missing columns): no row was read."""
        return any(p.row is None and p.is_error for p in self.problems)


class _Rollback(Exception):
    """Raised inside the transaction to undo it (a dry run, or a row with an error)."""


def run_import(
    db: Database,
    kind: Kind,
    path: Path | str,
    *,
    dry_run: bool = False,
    options: Mapping[str, Any] | None = None,
    user_id: int | None = None,
    progress: Progress | None = None,
    limits: Limits = DEFAULT_LIMITS,
) -> ImportReport:
    with bulk_allocation():
        return _run_import(
            db,
            kind,
            Path(path),
            dry_run=dry_run,
            options=options,
            user_id=user_id,
            progress=progress,
            limits=limits,
        )


def _run_import(
    db: Database,
    kind: Kind,
    path: Path,
    *,
    dry_run: bool,
    options: Mapping[str, Any] | None,
    user_id: int | None,
    progress: Progress | None,
    limits: Limits,
) -> ImportReport:
    progress = progress or Progress()
    options = dict(options or {})
    report = ImportReport(kind=kind.name, path=path, dry_run=dry_run)
    ctx = ImportContext(
        options=options,
        user_id=user_id if user_id is not None else db.user_id,
        actor=db.actor,
        progress=progress,
    )
    ext = path.suffix.lower()
    rows: list[SourceRow] | Table
    if ext in kind.readers:
        rows = kind.readers[ext](path, ctx)
        report.problems.extend(ctx.problems)
        ctx.problems = []
    else:
        try:
            facts = preflight(path, limits)
        except PreflightError as e:
            report.problems.append(
                RowProblem(sheet="", row=None, column=None, value=None, problem=e.problems[0])
            )
            return report
        result = read_rows(path, kind, facts, options=options, progress=progress, limits=limits)
        if result.title_rows:
            options["title_rows"] = result.title_rows  # ctx.options is this dict: loaders may read it
        _take_read(report, result)
        rows = result.table if kind.load_table is not None and result.table is not None else result.rows
        if report.file_refused:
            return report
    report.rows_read = len(rows)
    if kind.load is None:
        report.problems.append(
            RowProblem("", None, None, None, Problem("exchange.kind_not_importable", {"kind": kind.name}))
        )
        return report
    _load(db, kind, rows, ctx, report, progress)
    return report


def _take_read(report: ImportReport, result: ReadResult) -> None:
    report.sheet = result.sheet
    report.header_row = result.header_row
    report.problems.extend(result.problems)
    report.skipped.extend(result.skipped)
    report.ignored_headers.extend(result.ignored_headers)
    report.sheets = list(result.candidate_sheets)
    if result.sheet and result.header_row is not None:
        code = "exchange.sheet_read_active" if result.other_sheets else "exchange.sheet_read"
        report.notes.append(
            Problem(
                code,
                {"sheet": result.sheet, "row": result.header_row, "others": "、".join(result.other_sheets)},
                "info",
            )
        )
    if result.title_units:
        report.notes.append(
            Problem("exchange.title_units", {"units": "、".join(result.title_units.values())}, "info")
        )


def _load(
    db: Database,
    kind: Kind,
    rows: list[SourceRow] | Table,
    ctx: ImportContext,
    report: ImportReport,
    progress: Progress,
) -> None:
    assert kind.load is not None
    bad_rows = {(p.sheet, p.row) for p in report.problems if p.is_error and p.row is not None}
    table, clean = None, []
    if isinstance(rows, Table):
        table = rows.without({row for sheet, row in bad_rows if sheet == rows.sheet})
    else:
        clean = [r for r in rows if (r.sheet, r.row) not in bad_rows]
    outcome = LoadOutcome()
    progress.set(0, len(rows), stage="load")
    try:
        with db.write() as session:
            if bad_rows:
                report.problems.extend(_checks_on_bad_rows(session, kind, rows, bad_rows, ctx))
            try:
                if table is not None and kind.load_table is not None:
                    outcome = kind.load_table(session, table, ctx)
                else:
                    outcome = kind.load(session, clean, ctx)
            except DomainError as e:
                ctx.problems.extend(RowProblem("", None, None, None, p) for p in e.problems)
            report.problems.extend(ctx.problems)
            report.notes.extend(ctx.notes)
            if dry_run_or_error(report):
                raise _Rollback
            if outcome.created or outcome.updated:  # a no-change re-import writes nothing
                record_event(
                    session,
                    action="import",
                    entity="database",
                    record_id=None,
                    changes={
                        "kind": kind.name,
                        **file_facts(report.path),
                        "rows_read": report.rows_read,
                        "created": outcome.created,
                        "updated": outcome.updated,
                        "unchanged": outcome.unchanged,
                    },
                )
            report.committed = True
    except _Rollback:
        report.committed = False
    report.created, report.updated, report.unchanged = outcome.created, outcome.updated, outcome.unchanged
    report.changes = outcome.changes if report.committed else NO_CHANGES
    report.rejected = len({(p.sheet, p.row) for p in report.problems if p.is_error and p.row is not None})
    progress.set(len(rows), len(rows), stage="done")


def _checks_on_bad_rows(
    session: Session,
    kind: Kind,
    rows: list[SourceRow] | Table,
    bad_rows: set[tuple[str, int]],
    ctx: ImportContext,
) -> list[RowProblem]:
    """The loader's own checks (platform, chain, duplicates …) on the rows that already have a
    cell error, so that one report — one error workbook — lists everything at once. The
    loader runs over every row (a bad cell reads as blank) in a savepoint rolled back at
    once; only what it says about those rows is kept (the clean rows are loaded as usual)."""
    assert kind.load is not None
    every = rows.rows() if isinstance(rows, Table) else rows
    probe = ImportContext(options=ctx.options, user_id=ctx.user_id, actor=ctx.actor)
    savepoint = session.begin_nested()
    try:
        kind.load(session, every, probe)
    except DomainError:
        pass  # about the whole file: the load of the clean rows reports it
    finally:
        savepoint.rollback()
    return [p for p in probe.problems if (p.sheet, p.row) in bad_rows]


def dry_run_or_error(report: ImportReport) -> bool:
    return report.dry_run or not report.ok


def write_error_workbook(
    src: Path | str, report: ImportReport, dest: Path | str, render: Callable[[Problem], str]
) -> int:
    """A copy of the input with every bad cell filled red and commented with its problem
    (``render`` turns a problem into a sentence — the desktop's ``messages.render``).
    Problems about a whole row mark the row's first cell. Returns the cells marked."""
    from models.exchange.error_book import mark_errors

    return mark_errors(Path(src), report, Path(dest), render)
