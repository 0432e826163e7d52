"""Every importable kind round-trips (issue 14): its export, from the demonstration database,
re-imports into the same database as 未变 (nothing created, nothing updated), and into a new
database holding only its dependencies (the kinds before it, the user accounts carriers name)
as the same records — exported again, the new database gives the same cells.
"""

from __future__ import annotations

import csv
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from sqlalchemy import select

from models.accounts.entities import User
from models.accounts.services import create_user
from models.database import Database
from models.demo import seed_demo
from models.exchange.importer import run_import
from models.exchange.registry import all_kinds
from models.exchange.writer import export_kind
from tests.template_db import new_database

# Dependencies first: quota uses name plots, plot indicators and boundary points name plots.
ORDER = (
    "platforms",
    "policy-rules",
    "enterprises",
    "plots",
    "boundary-points",
    "plot-indicators",
    "quota-grants",
    "quota-allocations",
    "quota-uses",
    "quota-returns",
    "quota-repayments",
    "efficiency",
    "renewal-projects",
    "buildings",
    "units",
    "transfers",
    "carriers",
    "spaces",
    "tenancies",
    "usage-reports",
    "statistics",
)
IMPORTABLE = [name for name, kind in all_kinds().items() if kind.load is not None]


def test_the_order_names_every_importable_kind() -> None:
    assert sorted(ORDER) == sorted(IMPORTABLE)


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Database, Path]]:
    folder = tmp_path_factory.mktemp("every-kind")
    db = new_database(folder / "demo.sqlite3", actor="t")
    with db.write() as s:
        seed_demo(s)
    yield db, folder
    db.dispose()


def _cells(path: Path) -> list[list[Any]]:
    if path.suffix == ".csv":
        with path.open(encoding="utf-8-sig", newline="") as f:
            return list(csv.reader(f))
    wb = openpyxl.load_workbook(path, read_only=True)
    try:
        return [list(r) for r in wb.active.iter_rows(values_only=True)]
    finally:
        wb.close()


@pytest.mark.parametrize("ext", [".xlsx", ".csv"])
@pytest.mark.parametrize("name", ORDER)
def test_export_reimports_into_the_same_database_unchanged(
    demo: tuple[Database, Path], name: str, ext: str
) -> None:
    db, folder = demo
    kind = all_kinds()[name]
    path = folder / f"same-{name}{ext}"
    written = export_kind(db, kind, path)
    assert written > 0, "the demonstration database has records of every kind"
    report = run_import(db, kind, path)
    assert report.ok, [(p.row, p.column, p.code, p.problem.fields) for p in report.errors][:5]
    assert (report.rows_read, report.created, report.updated, report.unchanged) == (written, 0, 0, written)


@pytest.fixture(scope="module")
def rebuilt(demo: tuple[Database, Path]) -> Iterator[tuple[dict[str, Any], dict[str, tuple[Path, Path]]]]:
    """A new database filled by importing each kind's export in ORDER: reports and (source, again) files."""
    source, folder = demo
    target = new_database(folder / "rebuilt.sqlite3", actor="t")
    with source.read() as s:
        users = [(u.username, u.role) for u in s.scalars(select(User))]
    with target.write() as s:
        have = set(s.scalars(select(User.username)))
        for username, role in users:
            if username not in have:
                create_user(s, username=username, password="Rebuilt-2024-Passw0rd", role=role)
    reports: dict[str, Any] = {}
    files: dict[str, tuple[Path, Path]] = {}
    for name in ORDER:
        kind = all_kinds()[name]
        path, again = folder / f"from-{name}.xlsx", folder / f"again-{name}.xlsx"
        export_kind(source, kind, path)
        reports[name] = run_import(target, kind, path)
        export_kind(target, kind, again)
        files[name] = (path, again)
    yield reports, files
    target.dispose()


@pytest.mark.parametrize("name", ORDER)
def test_export_imports_into_a_new_database_as_the_same_records(
    rebuilt: tuple[dict[str, Any], dict[str, tuple[Path, Path]]], name: str
) -> None:
    reports, files = rebuilt
    report = reports[name]
    assert report.ok, [(p.row, p.column, p.code, p.problem.fields) for p in report.errors][:5]
    path, again = files[name]
    assert _cells(again) == _cells(path)


def test_transfers_the_units_sheet_already_shows_are_recorded_as_they_were(
    rebuilt: tuple[dict[str, Any], dict[str, tuple[Path, Path]]], demo: tuple[Database, Path]
) -> None:
    """The units sheet carries each unit's state after its sale (已转让, owner, date): the
    transfers sheet then records those sales as they were (said, as a warning per row),
    while a sale of units the sheet shows sold to someone else is still refused."""
    reports, files = rebuilt
    report = reports["transfers"]
    assert report.created == report.rows_read
    assert {p.code for p in report.warnings} == {"building.transfer_of_record"}
    assert len(report.warnings) == report.rows_read
    source, folder = demo
    wb = openpyxl.load_workbook(files["transfers"][0])
    ws = wb.active
    assert ws is not None
    header = [c.value for c in ws[1]]
    other = next(
        r
        for r in ws.iter_rows(min_row=3)
        if r[header.index("受让企业")].value != ws[2][header.index("受让企业")].value
    )
    for key in ("受让企业统一社会信用代码", "受让企业"):
        ws[2][header.index(key)].value = other[header.index(key)].value
    path = folder / "transfers-to-another.xlsx"
    wb.save(path)
    again = run_import(source, all_kinds()["transfers"], path, dry_run=True)
    assert [(p.row, p.code) for p in again.errors] == [(2, "building.unit_already_transferred")]


@pytest.mark.parametrize("name", ORDER)
def test_a_row_of_bad_cells_gets_one_report_and_no_crash(demo: tuple[Database, Path], name: str) -> None:
    """The loader's checks also run on rows with a cell error (a bad cell reads as blank): every
    kind's loader takes such a row without a traceback, and nothing is written."""
    db, folder = demo
    kind = all_kinds()[name]
    path = folder / f"bad-{name}.xlsx"
    export_kind(db, kind, path)
    wb = openpyxl.load_workbook(path)
    ws = wb.active
    assert ws is not None
    for cell in ws[2]:
        cell.value = "？？"
    wb.save(path)
    report = run_import(db, kind, path)
    assert not report.committed and report.errors
    assert {p.row for p in report.errors} >= {2}


OTHER_FORMATS = [(name, ext) for name in ORDER for ext in all_kinds()[name].writers]


def test_the_other_formats_are_the_land_ones() -> None:
    assert OTHER_FORMATS == [("plots", ".geojson"), ("plots", ".shp"), ("boundary-points", ".txt")]


@pytest.mark.parametrize(("name", "ext"), OTHER_FORMATS)
def test_geojson_shapefile_and_ministry_txt_exports_reimport_unchanged(
    demo: tuple[Database, Path], name: str, ext: str
) -> None:
    db, folder = demo
    kind = all_kinds()[name]
    path = folder / f"other-{name}{ext}"
    assert export_kind(db, kind, path) > 0
    report = run_import(db, kind, path)
    assert report.ok, [(p.row, p.column, p.code, p.problem.fields) for p in report.errors][:5]
    assert report.rows_read > 0 and (report.created, report.updated, report.unchanged) == (
        0,
        0,
        report.rows_read,
    )
