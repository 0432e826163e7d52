"""The demo data, the checks, the report sheets, the overview and the monthly form's draft."""

from __future__ import annotations

import random
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import func, select

from models.accounts.entities import User, UserCarrier
from models.database import Database
from models.incubation import checks, demo, queries, services, usage
from models.incubation.entities import Carrier, Tenancy, TenancySpace, UsageReport
from models.incubation.overview import overview_figures
from models.incubation.report import report_sheets
from tests.models.incubation.helpers import D, carrier, day, enterprise, space
from tests.template_db import new_database

TODAY = day(2026, 6, 15)


@pytest.fixture(scope="module")
def demo_db(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Database]:
    path: Path = tmp_path_factory.mktemp("demo") / "demo.sqlite3"
    db = new_database(path, actor="tester")
    with db.write() as s:
        demo.seed_demo(s, random.Random(7), today=TODAY)
    yield db
    db.dispose()


def test_demo_carriers_and_the_two_showcase_incubators(demo_db: Database) -> None:
    with demo_db.read() as s:
        rows = {r.code: r for r in queries.list_carriers(s, on=TODAY)}
        assert len(rows) == len(demo.PLANS) + 1  # and the 专业孵化器 (demo.PROFESSIONAL)
        assert {r.platform_name for r in rows.values()} == {
            "青山湖科技城",
            "高新技术产业园",
            "玲珑工业功能区",
            "於潜工业功能区",
        }
        assert rows["QSH-FH-01"].qualification == "met"
        assert rows["QSH-FH-02"].qualification == "failed" and rows["QSH-FH-02"].failed_criteria == (
            "tenants",
        )
        assert rows["QSH-FH-02"].tenants == 49
        months = s.scalars(select(func.count(UsageReport.id)).group_by(UsageReport.carrier_id)).all()
        assert set(months) == {36}
        assert queries.vacancies(s, on=TODAY)


def test_demo_manager_and_rerun(demo_db: Database) -> None:
    from argon2 import PasswordHasher

    with demo_db.read() as s:
        user = s.scalar(select(User).where(User.username == demo.MANAGER[0]))
        assert user is not None and user.role == "carrier_manager" and user.password_hash
        assert PasswordHasher().verify(user.password_hash, demo.MANAGER[1])
        names = set(s.scalars(select(Carrier.code).join(UserCarrier, UserCarrier.carrier_id == Carrier.id)))
        assert names == set(demo.MANAGED)
        before = s.scalar(select(func.count(Tenancy.id)))
    with demo_db.write() as s:
        demo.seed_demo(s, random.Random(7), today=TODAY)
    with demo_db.read() as s:
        assert s.scalar(select(func.count(Tenancy.id))) == before


def test_demo_reports_carry_over_tenant_counts(demo_db: Database) -> None:
    """The demo's reports follow the tenancies, so only deliberate area mismatches are found."""
    with demo_db.read() as s:
        found = checks.run_checks(s, today=TODAY)
    codes = {f.problem.code for f in found}
    assert "incubation.report_tenants_inconsistent" not in codes
    mismatch = [f for f in found if f.problem.code == "incubation.report_mismatch"]
    assert mismatch and all(
        f.problem.fields["example_source"] and f.problem.fields["tolerance"] == D("0.05") for f in mismatch
    )


def test_report_sheets_and_overview(demo_db: Database) -> None:
    with demo_db.read() as s:
        sheets = report_sheets(s, 2025)
        figures = overview_figures(s, TODAY)
    assert [sh.title for sh in sheets] == ["孵化载体", "载体月度使用率", "载体空置", "孵化器认定条件"]
    # a row per carrier (the twelve and the 专业孵化器), a row per month of the year
    assert len(sheets[0].rows) == len(demo.PLANS) + 1 and len(sheets[1].rows) == 12
    qual = {r[0]: r[-1] for r in sheets[3].rows}
    assert (
        qual["青山湖未来科创园"] == "不符合：在孵企业数；卓越级不符合"
    )  # the 2025 set adds the 卓越级 (examples)
    labels = {f.label for f in figures}
    assert {"incubation.overview.occupancy", "incubation.overview.qualified"} <= labels


def test_checks_find_clock_double_let_and_over_occupancy(db: Database) -> None:
    with db.write() as s:
        c = carrier(s, area="1000")
        sid = space(s, c, "101", "100")
        services.create_tenancy(
            s, carrier_id=c, enterprise_id=enterprise(s, 1), start_on=day(2020, 1, 1), area_m2=D("600")
        )
        services.create_tenancy(
            s, carrier_id=c, enterprise_id=enterprise(s, 2), start_on=day(2022, 3, 1), area_m2=D("300")
        )
        t1, t2 = s.scalars(select(Tenancy.id).order_by(Tenancy.id)).all()
        # behind the services' back: the carrier shrunk, one room let to both firms
        s.get(Carrier, c).usable_area_m2 = D("800")  # type: ignore[union-attr]
        s.add_all([TenancySpace(tenancy_id=t1, space_id=sid), TenancySpace(tenancy_id=t2, space_id=sid)])
        services.save_usage_report(
            s, carrier_id=c, month=day(2026, 4, 1), occupied_area_m2=D("790"), tenants=2, today=TODAY
        )
        services.save_usage_report(
            s, carrier_id=c, month=day(2026, 5, 1), occupied_area_m2=D("500"), tenants=1, today=TODAY
        )
    with db.read() as s:
        found: dict[str, list[dict[str, object]]] = {}
        for f in checks.run_checks(s, today=TODAY):
            found.setdefault(f.problem.code, []).append(f.problem.fields)
    assert sorted(f["months"] for f in found["incubation.clock_over_limit"]) == [51, 77]  # type: ignore[type-var]
    assert found["incubation.clock_over_limit"][0]["is_example"]  # 48 months: [L], an example with its source
    assert "131号" in str(
        found["incubation.clock_over_limit"][0]["example_source"]
    )  # TODAY is after 2025-09-09
    assert [f["space"] for f in found["incubation.space_double_let"]] == ["101"]
    assert found["incubation.over_occupied"][0]["occupied_m2"] == D("900.0000")
    mismatches = {f["month"]: f["difference_m2"] for f in found["incubation.report_mismatch"]}
    assert mismatches[day(2026, 5, 1)] == D("-400.0000")
    assert [f["expected"] for f in found["incubation.report_tenants_inconsistent"]] == [2]


def test_report_draft_prefills_from_tenancies_and_last_month(db: Database) -> None:
    with db.write() as s:
        c = carrier(s, area="1000")
        services.create_tenancy(
            s, carrier_id=c, enterprise_id=enterprise(s, 1), start_on=day(2025, 1, 1), area_m2=D("300")
        )
        services.create_tenancy(
            s, carrier_id=c, enterprise_id=enterprise(s, 2), start_on=day(2025, 3, 16), area_m2=D("200")
        )
        services.save_usage_report(
            s, carrier_id=c, month=day(2025, 2, 1), occupied_area_m2=D("300"), tenants=1, employees=40
        )
    with db.read() as s:
        draft = usage.report_draft(s, c, day(2025, 3, 1))
    assert draft.source == "previous" and draft.version is None
    assert draft.computed_start_m2 == D("300.0000")
    assert draft.occupied_area_m2 == D("403.23")  # (300 ㎡ × 31 days + 200 ㎡ × 16 days) / 31, to 0.01 ㎡
    assert (draft.tenants, draft.new_tenants, draft.employees) == (2, 1, 40)
    assert draft.previous is not None and draft.previous.month == day(2025, 2, 1)
    with db.read() as s:
        saved = usage.report_draft(s, c, day(2025, 2, 1))
    assert saved.source == "saved" and saved.version == 1 and saved.occupied_area_m2 == D("300.0000")
