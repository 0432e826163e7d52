"""Quota workbooks as offices make them, through the real engine: title rows, units in the
header (公顷 → ㎡ exactly), dates in several spellings, a 合计 row; export → import into
a fresh database gives the same ledger, and importing twice changes nothing."""

from __future__ import annotations

import random
from decimal import Decimal
from pathlib import Path

from sqlalchemy import func, select

from models.database import Database
from models.exchange.importer import run_import
from models.exchange.registry import get_kind
from models.exchange.writer import export_kind, write_template
from models.quotas.demo import seed_demo
from models.quotas.entities import QuotaAllocation, QuotaGrant, QuotaRepayment, QuotaReturn, QuotaUse
from models.quotas.queries import balance_tree
from tests.models.exchange.helpers import write_xlsx
from tests.models.quotas.helpers import D
from tests.template_db import new_database


def test_office_grant_sheet_with_title_units_dates_and_total_row(db: Database, tmp_path: Path) -> None:
    path = write_xlsx(
        tmp_path / "grants.xlsx",
        [
            ["2025年新增建设用地计划指标下达台账"],
            ["填报单位：临安区规划和自然资源局"],
            ["年度", "指标来源", "文号", "下达日期", "下达面积（公顷）", "备注"],
            ["２０２５", "区年度计划", "杭规划资源〔2025〕25号", "2025年3月14日", "24", ""],
            [2025, "奖励", "杭规划资源〔2025〕88号", "2025.8.5", "2.0001", "用地奖励"],
            ["合计", None, None, None, "26.0001", None],
        ],
        merges=["A1:F1"],
    )
    report = run_import(db, get_kind("quota-grants"), path)
    assert report.ok, [(p.row, p.code, p.problem.fields) for p in report.problems]
    assert (report.created, report.rows_read) == (2, 2)
    with db.read() as s:
        grants = {g.document_no: g for g in s.scalars(select(QuotaGrant))}
    assert grants["杭规划资源〔2025〕25号"].area_m2 == Decimal("240000.0000")  # 24 公顷 = 360 亩
    assert grants["杭规划资源〔2025〕88号"].area_m2 == Decimal("20001.0000")
    assert grants["杭规划资源〔2025〕88号"].granted_on == D(2025, 8, 5)
    again = run_import(db, get_kind("quota-grants"), path)
    assert again.ok and (again.created, again.updated, again.unchanged) == (0, 0, 2)


def test_allocation_sheet_refusal_is_reported_by_row_and_nothing_is_written(
    db: Database, tmp_path: Path
) -> None:
    run_import(
        db,
        get_kind("quota-grants"),
        write_xlsx(
            tmp_path / "g.xlsx",
            [
                ["年度", "指标来源", "下达文号", "下达日期", "下达面积（亩）"],
                [2025, "区年度计划", "浙自然资函〔2024〕118号", "2025-03-01", "205.5"],
            ],
        ),
    )
    report = run_import(
        db,
        get_kind("quota-allocations"),
        write_xlsx(
            tmp_path / "a.xlsx",
            [
                ["下达文号", "平台", "分配日期", "分配面积（亩）"],
                ["浙自然资函〔2024〕118号", "科技城", "2025/6/1", "120"],
                ["浙自然资函〔2024〕118号", "GXY", "2025/6/1", "120"],
            ],
        ),
    )
    assert not report.ok and not report.committed
    bad = [p for p in report.problems if p.is_error]
    assert [(p.row, p.code) for p in bad] == [(3, "quota.allocation_exceeds_grant")]
    assert bad[0].problem.fields["requested_mu"] == Decimal("120.00")
    assert bad[0].problem.fields["remaining_mu"] == Decimal("85.50")
    with db.read() as s:
        assert s.scalar(select(func.count()).select_from(QuotaAllocation)) == 0


def test_export_then_import_into_a_fresh_database_gives_the_same_ledger(db: Database, tmp_path: Path) -> None:
    with db.write() as s:
        seed_demo(s, random.Random(5))
    files = {}
    with db.write() as s:  # a partial return besides the demo's cancellation
        from models.quotas import services
        from models.quotas.entries import use_rows

        live = next(u for u in use_rows(s) if u.allocation_id and u.cancelled_on is None)
        services.return_quota(
            s, use_id=live.id, area_m2=Decimal("1234.5678"), returned_on=D(2025, 10, 8), reason="核减用地"
        )
    # platforms first: the demo gives quota to a recipient that is not one of the four platforms
    for kind in (
        "platforms",
        "quota-grants",
        "quota-allocations",
        "quota-uses",
        "quota-returns",
        "quota-repayments",
    ):
        files[kind] = tmp_path / f"{kind}.xlsx"
        assert export_kind(db, get_kind(kind), files[kind]) > 0
    export_kind(db, get_kind("quota-balances"), tmp_path / "bal.xlsx", options={"as_of": D(2025, 12, 31)})
    fresh = new_database(tmp_path / "fresh.sqlite3", actor="t")
    try:
        for kind, path in files.items():
            report = run_import(fresh, get_kind(kind), path)
            assert report.ok, (kind, [(p.row, p.code, p.problem.fields) for p in report.problems][:5])
        for kind, path in files.items():
            again = run_import(fresh, get_kind(kind), path)
            assert again.ok and again.created == 0 and again.updated == 0, kind
        with db.read() as a, fresh.read() as b:
            for entity in (QuotaGrant, QuotaAllocation, QuotaUse, QuotaReturn):
                col = entity.area_m2
                assert a.scalar(select(func.sum(col))) == b.scalar(select(func.sum(col))), entity
            assert (
                balance_tree(a, as_of=D(2025, 12, 31)).years == balance_tree(b, as_of=D(2025, 12, 31)).years
            )
            # the advance (预支), its repayment and each allocation's purpose come back as they were
            for stmt in (
                select(QuotaGrant.document_no, QuotaGrant.is_advance).order_by(QuotaGrant.document_no),
                select(QuotaAllocation.project, QuotaAllocation.purpose).order_by(QuotaAllocation.project),
                select(QuotaRepayment.repaid_on, QuotaRepayment.area_m2, QuotaRepayment.document_no),
            ):
                assert a.execute(stmt).all() == b.execute(stmt).all()
            assert b.scalar(select(func.count()).where(QuotaGrant.is_advance.is_(True))) == 1
            assert b.scalar(select(func.count()).where(QuotaAllocation.purpose == "other")) == 1
    finally:
        fresh.dispose()


def test_templates_have_the_headers_with_units(tmp_path: Path) -> None:
    import openpyxl

    for kind in ("quota-grants", "quota-allocations", "quota-uses", "quota-returns", "quota-repayments"):
        path = tmp_path / f"{kind}.xlsx"
        write_template(get_kind(kind), path)
        wb = openpyxl.load_workbook(path)
        headers = [c.value for c in wb.active[1]]
        example = [c.value for c in wb.active[2]]
        wb.close()
        area = next(i for i, h in enumerate(headers) if h and h.endswith("（亩）"))
        assert Decimal(str(example[area])) in (
            Decimal(150),
            Decimal(120),
            Decimal(60),
            Decimal(15),
        )  # exact in ㎡ too


def test_exported_mu_is_the_shortest_figure_that_converts_back_exactly() -> None:
    from models.exchange.writer import export_value
    from models.quotas.exchange import GRANT_COLUMNS, shortest_mu

    area = next(c for c in GRANT_COLUMNS if c.key == "area_m2")
    cases = {
        "93333.3333": "140",
        "66666.6667": "100",
        "80000.0000": "120",
        "1234.5678": "1.8518517",
        "12345.6789": "18.5185184",
    }
    for m2, shown in cases.items():
        assert export_value(area, Decimal(m2)) == Decimal(shown)
        assert shortest_mu(Decimal(m2)) == Decimal(shown)
