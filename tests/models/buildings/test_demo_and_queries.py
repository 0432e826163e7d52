from __future__ import annotations

import datetime as dt
import random
from decimal import Decimal

from sqlalchemy import func, select

from models.buildings import checks, demo, overview, queries, report
from models.buildings.entities import Building, Transfer, Unit, UnitStatus
from models.buildings.ratio import check_all_buildings
from models.database import Database
from tests.models.buildings.helpers import DAY, building, enterprise, unit_ids
from tests.template_db import load_prepared

ON = dt.date(2026, 11, 1)


def seeded(db: Database) -> None:
    with db.write() as s:
        demo.seed_demo(s, random.Random("demo"))


def test_demo_has_the_promised_cases(db: Database) -> None:
    seeded(db)
    with db.read() as s:
        rows = queries.list_buildings(s, on=ON)
        assert len(rows) == 10
        assert {r.platform_name for r in rows} == {
            "青山湖科技城",
            "高新技术产业园",
            "玲珑工业功能区",
            "於潜工业功能区",
        }
        assert all(20 <= r.unit_count <= 81 for r in rows)
        assert [r.code for r in rows if r.severity == "warning"] == ["QSH-LY-02"]
        assert not [r for r in rows if r.severity == "error"]
        own = [r for r in rows if r.cap_is_own]
        assert [r.code for r in own] == ["QSH-LY-03"] and own[0].ratio > Decimal("0.60")
        assert (s.scalar(select(func.count()).select_from(Transfer)) or 0) >= 30
        years = queries.transfers_per_year(s)
        assert [y.year for y in years] == [2024, 2025, 2026]
        assert sum(y.transfers for y in years) == s.scalar(select(func.count()).select_from(Transfer))
    seeded(db)  # idempotent
    with db.read() as s:
        assert s.scalar(select(func.count()).select_from(Building)) == 10


def test_batch_check_agrees_with_per_building_sums(db: Database) -> None:
    seeded(db)
    with db.read() as s:
        for st in check_all_buildings(s, ON):
            units = list(s.scalars(select(Unit).where(Unit.building_id == st.building_id)))
            sold = sum(
                (u.floor_area_m2 for u in units if u.status == UnitStatus.TRANSFERRED.value), Decimal(0)
            )
            assert st.transferred_m2 == sold
            assert st.units_m2 == sum((u.floor_area_m2 for u in units), Decimal(0))
            assert st.held_m2 + st.transferred_m2 + st.leased_m2 == st.units_m2
            assert st.unit_count == len(units)


def test_units_top_floor_first_and_transfers_listed(db: Database) -> None:
    with db.write() as s:
        bid = building(s)
        buyer = enterprise(s, 1, name="杭州受让科技有限公司")
        from models.buildings import services

        services.record_transfer(
            s,
            building_id=bid,
            unit_ids=unit_ids(s, bid)[:2],
            buyer_id=buyer,
            transfer_date=DAY,
            approval_no="A1",
        )
    with db.read() as s:
        units = queries.list_units(s, bid)
        assert units[0].floor == 5 and units[-1].floor == 1
        assert sum(1 for u in units if u.owner_name == "杭州受让科技有限公司") == 2
        (t,) = queries.list_transfers(s, building_id=bid)
        assert t.unit_numbers == "101-0、102-1" and t.buyer_name == "杭州受让科技有限公司"
        assert any(c.code == "building.ratio_within_cap" for c in t.checks)
        row = queries.get_building(s, bid, on=DAY)
        assert row.ratio == Decimal("0.2000") and row.cap == Decimal("0.60") and row.cap_is_example


def test_checks_overview_and_report(db: Database) -> None:
    seeded(db)
    with db.write() as s:
        b = s.scalar(select(Building).where(Building.code == "LL-LY-02"))
        assert b is not None
        b.total_floor_area_m2 = Decimal(100)
    with db.read() as s:
        findings = checks.run_checks(s, ON)
        codes = {(f.problem.code, f.record_label.split()[0]) for f in findings}
        assert ("building.near_cap", "QSH-LY-02") in codes
        assert ("building.units_exceed_total", "LL-LY-02") in codes
        assert ("building.over_cap", "LL-LY-02") in codes
        figures = {f.label: f for f in overview.overview_figures(s, ON)}
        assert figures["buildings.overview.count"].value == 10
        sheets = report.report_sheets(s, 2025)
        assert len(sheets[0].rows) == 10
        assert all(r[0].year == 2025 for r in sheets[1].rows)


def test_report_shows_the_share_as_it_stood_at_year_end(db: Database) -> None:
    from models.buildings import services

    with db.write() as s:
        bid = building(s)
        ids = unit_ids(s, bid)
        services.record_transfer(
            s, building_id=bid, unit_ids=ids[:2], buyer_id=enterprise(s, 1), transfer_date=DAY
        )
        services.record_transfer(
            s,
            building_id=bid,
            unit_ids=ids[2:3],
            buyer_id=enterprise(s, 2),
            transfer_date=dt.date(2025, 3, 1),
        )
    with db.read() as s:
        assert report.report_sheets(s, 2024)[0].rows[0][4:6] == (Decimal("2000"), Decimal("20"))
        assert report.report_sheets(s, 2025)[0].rows[0][4:6] == (Decimal("3000"), Decimal("30"))
        assert len(report.report_sheets(s, 2025)[1].rows) == 1


def test_full_demo_keeps_the_promises(db: Database) -> None:
    """``landspace demo`` with every area's demo (buyers from the enterprise register)."""
    from models.demo import seed_demo

    load_prepared(db, "full-demo", seed_demo)  # models.demo.seed_demo, run once per process
    with db.read() as s:
        rows = queries.list_buildings(s, on=ON)
        # the ten, and the one on the land demo's idle plot (its units unsold: a sale is refused)
        assert [r.code for r in rows if r.idle_land_since is not None] == [demo.IDLE_LAND_BUILDING[0]]
        assert len(rows) == len(demo.BUILDINGS) + 1
        assert [r.code for r in rows if r.severity == "warning"] == ["QSH-LY-02"]
        assert [r.code for r in rows if r.cap_is_own] == ["QSH-LY-03"]
        unsold = [r.code for r in rows if r.transferred_m2 == 0]
        assert unsold == [demo.IDLE_LAND_BUILDING[0], "YQ-LY-02"]  # idle land; the lien without consent
        assert sum(1 for t in queries.list_transfers(s) if t.overridden) == 1
