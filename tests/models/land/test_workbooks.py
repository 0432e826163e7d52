"""Workbook-level imports and exports through the exchange engine (title rows, merged
parcel codes, blank rows between parcels, units in headers, a 合计 row)."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path
from typing import Any

import openpyxl

from models.database import Database
from models.exchange.importer import run_import
from models.exchange.registry import get_kind
from models.exchange.writer import export_kind
from models.land import queries

N, E = 3_347_800, 480_700


def _surveyors_workbook(path: Path, *, swap: bool = False, prefix: int = 0) -> None:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "界址点成果表"
    ws.append(["临安区青山湖科技城 宗地界址点坐标成果表"])
    ws.merge_cells("A1:F1")
    ws.append(["坐标系：CGCS2000 3度带 中央经线120°", None, None, None, None, None])
    ws.append(["宗地编号", "地块名称", "点号", "X坐标(m)", "Y坐标(m)", "边长(m)"])
    parcels = [
        ("QSH-A1", "一号地块", [(N + 100, E), (N + 100, E + 100), (N, E + 100), (N, E)]),
        ("QSH-A2", "二号地块", [(N + 400, E), (N + 400, E + 150), (N + 200, E + 150), (N + 200, E)]),
    ]
    for code, name, pts in parcels:
        first = ws.max_row + 1
        for i, (x, y) in enumerate([*pts, pts[0]], start=1):
            x_, y_ = (y + prefix, x) if swap else (x, y + prefix)
            ws.append(
                [
                    code if i == 1 else None,
                    name if i == 1 else None,
                    f"J{(i - 1) % 4 + 1}",
                    f"{x_:,.3f}" if i == 2 else x_,
                    y_,
                    None,
                ]
            )
        ws.merge_cells(f"A{first}:A{ws.max_row}")  # the parcel code merged down its rows
        ws.append([None] * 6)  # a blank row between parcels
    wb.save(path)


def test_surveyors_workbook_imports_with_right_areas(db: Database, tmp_path: Path) -> None:
    path = tmp_path / "界址点.xlsx"
    _surveyors_workbook(path)
    report = run_import(db, get_kind("boundary-points"), path)
    assert report.ok and report.committed, report.problems
    assert report.header_row == 3 and report.rows_read == 10 and report.reconciles
    with db.read() as s:
        rows = {r.code: r for r in queries.list_plots(s)}
    assert rows["QSH-A1"].geom_area_m2 == Decimal("10000.0000")
    assert rows["QSH-A2"].geom_area_m2 == Decimal("30000.0000") and rows["QSH-A2"].name == "二号地块"
    again = run_import(db, get_kind("boundary-points"), path)
    assert (again.created, again.updated, again.unchanged) == (0, 0, 10)


def test_swapped_workbook_is_refused_then_loaded_with_option(db: Database, tmp_path: Path) -> None:
    path = tmp_path / "swapped.xlsx"
    _surveyors_workbook(path, swap=True)
    report = run_import(db, get_kind("boundary-points"), path)
    assert not report.committed and report.reconciles
    assert report.errors[0].code == "land.coords_swapped_xy" and report.errors[0].row == 4
    with db.read() as s:
        assert queries.list_plots(s) == []
    report = run_import(db, get_kind("boundary-points"), path, options={"swap_xy": "yes"})
    assert report.committed and "land.coords_swapped_confirmed" in [n.code for n in report.notes]


def test_zone_prefixed_workbook_needs_strip_zone(db: Database, tmp_path: Path) -> None:
    path = tmp_path / "prefixed.xlsx"
    _surveyors_workbook(path, prefix=40_000_000)
    report = run_import(db, get_kind("boundary-points"), path)
    assert report.errors[0].code == "land.coords_zone_prefix" and report.errors[0].column == "Y坐标(m)"
    assert run_import(db, get_kind("boundary-points"), path, options={"strip_zone": "yes"}).committed


def test_exports_round_trip(db: Database, tmp_path: Path) -> None:
    src = tmp_path / "in.xlsx"
    _surveyors_workbook(src)
    run_import(db, get_kind("boundary-points"), src)
    for kind, name in (
        ("boundary-points", "points.xlsx"),
        ("boundary-points", "points.txt"),
        ("plots", "plots.xlsx"),
        ("plots", "plots.csv"),
        ("plots", "plots.geojson"),
        ("plots", "plots.shp"),
    ):
        out = tmp_path / name
        assert export_kind(db, get_kind(kind), out) >= 2, name
        report = run_import(db, get_kind(kind), out)
        assert report.ok, (name, report.problems)
        assert report.created == 0 and report.updated == 0, (name, report)


def test_plots_export_has_wkt_in_easting_northing_and_mu(db: Database, tmp_path: Path) -> None:
    src = tmp_path / "in.xlsx"
    _surveyors_workbook(src)
    run_import(db, get_kind("boundary-points"), src)
    out = tmp_path / "plots.xlsx"
    export_kind(db, get_kind("plots"), out)
    ws = openpyxl.load_workbook(out).active
    rows = [[c.value for c in r] for r in ws.iter_rows()]
    header = next(r for r in rows if "WKT" in r)
    first = rows[rows.index(header) + 1]
    assert str(first[header.index("WKT")]).startswith(f"POLYGON (({E}")
    mu_col = next(i for i, h in enumerate(header) if str(h).startswith("计算亩数"))
    assert Decimal(str(first[mu_col])) == Decimal("15")


def test_contract_dates_and_progress_round_trip_through_the_plots_workbook(
    db: Database, tmp_path: Path
) -> None:
    import datetime as dt

    from models.database import open_database
    from models.land import services

    contract: dict[str, Any] = {
        "agreed_start_on": dt.date(2023, 5, 1),
        "agreed_completion_on": dt.date(2025, 5, 1),
        "agreed_operation_on": dt.date(2025, 8, 1),
        "agreed_full_production_on": dt.date(2026, 8, 1),
        "committed_investment": Decimal("24000"),
        "started_on": dt.date(2023, 6, 10),
        "invested": Decimal("4200.5"),
        "developed_share": Decimal("0.2"),
        "halted_since": dt.date(2024, 3, 1),
        "production_reviewed_on": None,
    }
    with db.write() as s:
        services.create_plot(s, code="QSH-C1", name="合同地块")
        plot_id = queries.list_plots(s)[0].id
        services.update_plot(s, plot_id=plot_id, **contract)
    out = tmp_path / "plots.xlsx"
    export_kind(db, get_kind("plots"), out)
    fresh = open_database(tmp_path / "fresh.sqlite3", actor="t")
    try:
        report = run_import(fresh, get_kind("plots"), out)
        assert report.ok and report.created == 1, report.problems
        with fresh.read() as s:
            row = queries.list_plots(s)[0]
        assert dict(row.contract) == contract
        again = run_import(fresh, get_kind("plots"), out)
        assert again.ok and again.updated == 0 and again.unchanged == 1
    finally:
        fresh.dispose()
