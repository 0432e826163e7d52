"""Incubation workbooks through the real engine: as offices make them, and both ways between
a carrier manager and the bureau."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from sqlalchemy import select

from models.database import Database
from models.exchange.importer import run_import
from models.exchange.registry import get_kind
from models.exchange.writer import export_kind, write_template
from models.incubation import services
from models.incubation.entities import UsageReport
from tests.models.exchange.helpers import write_xlsx
from tests.models.incubation.helpers import D, carrier, day, user
from tests.template_db import load_prepared, new_database


def _reports(db: Database) -> list[tuple[dt.date, D, int]]:
    with db.read() as s:
        return [
            (r.month, r.occupied_area_m2, r.tenants)
            for r in s.scalars(select(UsageReport).order_by(UsageReport.month))
        ]


def test_merged_carrier_over_twelve_months_in_mixed_spellings(db: Database, tmp_path: Path) -> None:
    with db.write() as s:
        carrier(s, name="青山湖科技城创新中心", area="12000")
    months: list[object] = [
        "2025年1月",
        "2025-02",
        dt.datetime(2025, 3, 1),
        45748,
        "2025.5",
        202506,
        "2025/7",
        "2025年08月",
        "２０２５年９月",
        "2025-10-01",
        45962,
        "2025年12月份",
    ]
    rows: list[list[object]] = [
        ["青山湖科技城创新中心 2025年度 月度使用登记表"],
        [],
        ["载体名称", "月份", "已使用面积（㎡）", "在孵企业数", "新入驻", "毕业", "退出", "从业人员"],
    ]
    for i, m in enumerate(months):
        rows.append(
            ["青山湖科技城创新中心" if i == 0 else None, m, f"{9000 + i * 10:,}", 50 + i, 1, 0, 0, 600 + i]
        )
    rows.append(["合计", None, "=SUM(C4:C15)", None, 12, 0, 0, None])
    path = write_xlsx(tmp_path / "usage.xlsx", rows, merges=["A4:A15"])
    report = run_import(db, get_kind("usage-reports"), path)
    assert report.ok, report.problems
    assert report.created == 12 and report.reconciles
    got = _reports(db)
    assert [m for m, _a, _t in got] == [day(2025, k, 1) for k in range(1, 13)]
    assert got[0][1:] == (D("9000.0000"), 50) and got[-1][1:] == (D("9110.0000"), 61)
    again = run_import(db, get_kind("usage-reports"), path)
    assert again.ok and (again.created, again.updated, again.unchanged) == (0, 0, 12)


def test_area_in_mu_is_converted(db: Database, tmp_path: Path) -> None:
    with db.write() as s:
        carrier(s, name="玲珑众创空间", area="2000", platform="LL")
    path = write_xlsx(
        tmp_path / "mu.xlsx",
        [["载体", "年月", "使用面积（亩）", "企业数"], ["玲珑众创空间", "2025-03", 1.5, 20]],
    )
    report = run_import(db, get_kind("usage-reports"), path)
    assert report.ok, report.problems
    assert _reports(db) == [(day(2025, 3, 1), D("1000.0000"), 20)]


def test_manager_month_travels_to_the_bureau(db: Database, tmp_path: Path) -> None:
    """The manager's own database: they log a month and export it; the bureau imports the file."""
    with db.write() as s:
        mine = carrier(s, name="於潜创业孵化基地", area="3000", platform="YQ")
        carrier(s, name="别人的孵化器", area="1000")
        manager = user(s, "zhangmin", "carrier_manager", (mine,))
    db.user_id = manager
    with db.write() as s:
        for m in (1, 2):
            services.save_usage_report(
                s,
                carrier_id=mine,
                month=day(2025, m, 1),
                occupied_area_m2=D("2100.5"),
                tenants=11 + m,
                new_tenants=1,
                employees=95,
            )
    out = tmp_path / "month.xlsx"
    assert (
        export_kind(
            db, get_kind("usage-reports"), out, options={"carrier": "於潜创业孵化基地", "month": "2025-02"}
        )
        == 1
    )

    bureau = new_database(tmp_path / "bureau.sqlite3", actor="bureau")
    try:
        with bureau.write() as s:
            carrier(s, name="於潜创业孵化基地", area="3000", platform="YQ")
        report = run_import(bureau, get_kind("usage-reports"), out)
        assert report.ok, report.problems
        assert _reports(bureau) == [(day(2025, 2, 1), D("2100.5000"), 13)]
    finally:
        bureau.dispose()


def test_manager_cannot_import_or_export_another_carrier(db: Database, tmp_path: Path) -> None:
    with db.write() as s:
        mine = carrier(s, name="我的孵化器")
        carrier(s, name="别人的孵化器")
        services.save_usage_report(
            s, carrier_id=mine, month=day(2025, 1, 1), occupied_area_m2=D("10"), tenants=1
        )
        manager = user(s, "zhangmin", "carrier_manager", (mine,))
    path = write_xlsx(
        tmp_path / "two.xlsx",
        [
            ["载体名称", "月份", "已使用面积", "在孵企业数"],
            ["我的孵化器", "2025-02", 100, 3],
            ["别人的孵化器", "2025-02", 100, 3],
        ],
    )
    report = run_import(db, get_kind("usage-reports"), path, user_id=manager)
    assert not report.ok and not report.committed
    (p,) = report.errors
    assert (p.row, p.column, p.code, p.problem.fields["carrier"]) == (
        3,
        "载体名称",
        "incubation.carrier_out_of_scope",
        "别人的孵化器",
    )
    assert _reports(db) == [(day(2025, 1, 1), D("10.0000"), 1)]  # nothing written
    out = tmp_path / "all.xlsx"
    assert export_kind(db, get_kind("carriers"), out, user_id=manager) == 1
    import openpyxl

    wb = openpyxl.load_workbook(out, read_only=True)
    names = [r[1] for r in wb.active.iter_rows(min_row=2, values_only=True) if r[1]]
    wb.close()
    assert "别人的孵化器" not in names and "我的孵化器" in names


def test_templates_and_full_round_trip(db: Database, tmp_path: Path) -> None:
    from models.demo import seed_demo

    for name in ("carriers", "spaces", "tenancies", "usage-reports"):
        write_template(get_kind(name), tmp_path / f"{name}-template.xlsx")
        assert (tmp_path / f"{name}-template.xlsx").stat().st_size > 0
    load_prepared(db, "full-demo", seed_demo)  # models.demo.seed_demo, run once per process
    for name in ("carriers", "spaces", "tenancies", "usage-reports"):
        path = tmp_path / f"{name}.xlsx"
        written = export_kind(db, get_kind(name), path)
        assert written > 0
        report = run_import(db, get_kind(name), path)
        assert report.ok, (name, report.problems[:3])
        assert (report.created, report.updated, report.unchanged) == (0, 0, written), name


def test_public_service_area_specialty_sector_and_founding_date_round_trip(
    db: Database, tmp_path: Path
) -> None:
    from models.incubation.entities import Carrier, Tenancy
    from tests.models.incubation.helpers import enterprise

    with db.write() as s:
        cid = carrier(s, area="12000")
        services.update_carrier(
            s, carrier_id=cid, version=None, public_service_area_m2=D("800"), specialty="集成电路"
        )
        services.create_tenancy(
            s,
            carrier_id=cid,
            enterprise_id=enterprise(s, 1),
            start_on=day(2024, 3, 1),
            area_m2=D("200"),
            sector="集成电路",
            founded_on=day(2023, 10, 8),
        )
    paths = {}
    for name in ("carriers", "tenancies"):
        paths[name] = tmp_path / f"{name}.xlsx"
        export_kind(db, get_kind(name), paths[name])
    fresh = new_database(tmp_path / "fresh.sqlite3")
    try:
        for name, path in paths.items():
            report = run_import(fresh, get_kind(name), path)
            assert report.ok and report.created == 1, (name, report.problems[:3])
        with fresh.read() as s:
            assert s.execute(select(Carrier.public_service_area_m2, Carrier.specialty)).one() == (
                D("800"),
                "集成电路",
            )
            assert s.execute(select(Tenancy.sector, Tenancy.founded_on)).one() == (
                "集成电路",
                day(2023, 10, 8),
            )
    finally:
        fresh.dispose()


def test_a_firm_cannot_be_founded_after_it_moves_in(db: Database) -> None:
    import pytest

    from models.errors import DomainError
    from tests.models.incubation.helpers import enterprise

    with db.write() as s, pytest.raises(DomainError) as err:
        services.create_tenancy(
            s,
            carrier_id=carrier(s, area="1000"),
            enterprise_id=enterprise(s, 1),
            start_on=day(2024, 3, 1),
            area_m2=D("20"),
            founded_on=day(2024, 4, 1),
        )
    assert err.value.code == "incubation.founded_after_entry"
