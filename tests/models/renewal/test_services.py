"""Vacate-and-replace projects: stages with dated history, re-supply links, before/after figures."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from sqlalchemy.orm import Session

from models.database import Database
from models.errors import DomainError
from models.land.entities import Plot
from models.quotas.entities import QuotaUse
from models.renewal import queries as Q
from models.renewal import services as S
from models.units import AreaUnit, to_m2
from tests.models.efficiency.util import enterprise, platform_id, record

D = Decimal
d = dt.date


def _plot(s: Session, code: str, mu: str, source: str = "existing") -> int:
    p = Plot(
        code=code, platform_id=platform_id(s), cert_area_m2=to_m2(D(mu), AreaUnit.MU), land_source=source
    )
    s.add(p)
    s.flush()
    return p.id


def _project(db: Database, *, source: str = "existing") -> tuple[int, int, int]:
    with db.write() as s:
        old = enterprise(s, 1, "老厂")
        new = enterprise(s, 2, "新科技")
        plot = _plot(s, "LA-001", "30", source)
        record(s, old, 2021, mu=30, tax=30, value_added=150, energy_tce=800)
        record(s, old, 2022, mu=30, tax=24, value_added=120, energy_tce=900)
        record(s, old, 2023, mu=30, tax=3, value_added=10, energy_tce=100)  # year of vacating
        record(s, new, 2025, mu=30, tax=600, value_added=2400)
        S.create_project(
            s,
            code="TL-2022-01",
            name="老厂腾退",
            identified_on=d(2022, 3, 1),
            plot_ids=(plot,),
            platform_id=platform_id(s),
            old_enterprise_id=old,
            new_enterprise_id=new,
            treatment="vacate",
            low_eff_kind="用而未尽",
            compensation=D("1500"),
        )
        pid = Q.list_projects(s)[0].id
    return pid, old, new


def test_create_takes_area_from_plots_and_starts_identified(db: Database) -> None:
    pid, _, _ = _project(db)
    with db.read() as s:
        [row] = Q.list_projects(s)
        assert row.stage == "identified" and row.stage_date == d(2022, 3, 1)
        assert row.area_m2 == D("20000.0000") and row.plot_codes == ("LA-001",)
        assert [e.stage for e in Q.stage_history(s, project_id=pid)] == ["identified"]


def test_a_case_followed_from_identification_to_production(db: Database) -> None:
    pid, _, _ = _project(db)
    with db.write() as s:
        S.advance_stage(s, project_id=pid, stage="negotiated", on_date=d(2022, 9, 1))
        S.advance_stage(s, project_id=pid, stage="vacated", on_date=d(2023, 6, 30))
        S.advance_stage(s, project_id=pid, stage="resupplied", on_date=d(2024, 1, 10), supply_method="标准地")
        S.advance_stage(s, project_id=pid, stage="building", on_date=d(2024, 3, 1))
        S.advance_stage(s, project_id=pid, stage="producing", on_date=d(2025, 6, 1))
        S.update_project(
            s,
            project_id=pid,
            plot_ratio_before=D("0.8"),
            plot_ratio_after=D("2.0"),
            floor_area_added_m2=D("24000"),
            investment=D("30000"),
            firms_out=1,
            firms_in=1,
        )
    with db.read() as s:
        [row] = Q.list_projects(s)
        # before: 2022 (last year before vacating in 2023): 24 万元 / 30 亩 = 0.8
        assert row.tax_per_mu_before == D("0.8") and row.va_per_mu_before == D("4")
        # after: the new firm's latest year 2025: 600 / 30 = 20
        assert row.tax_per_mu_after == D("20") and row.va_per_mu_after == D("80")
        assert row.energy_freed_tce == D("900") and row.supply_method == "标准地"
        assert [e.stage for e in Q.stage_history(s, project_id=pid)] == [
            "identified",
            "negotiated",
            "vacated",
            "resupplied",
            "building",
            "producing",
        ]
        funnel = {f.stage: f for f in Q.funnel(s)}
        assert funnel["vacated"].projects == 1 and funnel["checked"].projects == 0
        assert funnel["producing"].area_m2 == D("20000")
        assert [(y.year, y.area_m2) for y in Q.area_freed_per_year(s)] == [(2023, D("20000"))]
        t = Q.totals(s)
        assert (t.firms_out, t.firms_in, t.energy_freed_tce) == (1, 1, D("900"))


def test_dates_run_forward(db: Database) -> None:
    pid, _, _ = _project(db)
    with db.write() as s, pytest.raises(DomainError) as err:
        S.advance_stage(s, project_id=pid, stage="negotiated", on_date=d(2022, 2, 1))
    assert err.value.code == "renewal.date_before_last"
    assert err.value.fields["last_date"] == d(2022, 3, 1)


def test_going_back_or_stopping_needs_a_reason(db: Database) -> None:
    pid, _, _ = _project(db)
    with db.write() as s:
        S.advance_stage(s, project_id=pid, stage="negotiated", on_date=d(2022, 9, 1))
        for stage in ("identified", "stopped"):
            with pytest.raises(DomainError) as err:
                S.advance_stage(s, project_id=pid, stage=stage, on_date=d(2022, 10, 1))
            assert err.value.code == "renewal.reason_required"
        S.advance_stage(
            s, project_id=pid, stage="identified", on_date=d(2022, 10, 1), reason="协议未签，重新摸排"
        )
        S.advance_stage(s, project_id=pid, stage="stopped", on_date=d(2022, 11, 1), reason="企业自行提升")
        with pytest.raises(DomainError) as err:
            S.advance_stage(s, project_id=pid, stage="negotiated", on_date=d(2023, 1, 1))
        assert err.value.code == "renewal.reason_required"
    with db.read() as s:
        hist = Q.stage_history(s, project_id=pid)
        assert hist[-2].reason == "协议未签，重新摸排" and hist[-1].stage == "stopped"
        assert {f.stage: f.projects for f in Q.funnel(s)}["stopped"] == 1


def test_resupply_needs_method_plot_and_quota_use_for_new_land(db: Database) -> None:
    pid, _, _ = _project(db, source="new")
    with db.write() as s:
        with pytest.raises(DomainError) as err:
            S.advance_stage(s, project_id=pid, stage="resupplied", on_date=d(2024, 1, 1))
        assert err.value.code == "renewal.supply_method_required"
        with pytest.raises(DomainError) as err:
            S.advance_stage(
                s, project_id=pid, stage="resupplied", on_date=d(2024, 1, 1), supply_method="标准地"
            )
        assert err.value.code == "renewal.quota_use_required" and err.value.fields["plots"] == "LA-001"
        with pytest.raises(DomainError) as err:
            S.advance_stage(
                s,
                project_id=pid,
                stage="resupplied",
                on_date=d(2024, 1, 1),
                supply_method="标准地",
                quota_use_id=999,
            )
        assert err.value.code == "renewal.unknown_quota_use"
        use = QuotaUse(platform_id=platform_id(s), area_m2=D("20000"), reserved_on=d(2023, 12, 1))
        s.add(use)
        s.flush()
        S.advance_stage(
            s,
            project_id=pid,
            stage="resupplied",
            on_date=d(2024, 1, 1),
            supply_method="弹性年期",
            quota_use_id=use.id,
        )
    with db.read() as s:
        [row] = Q.list_projects(s)
        assert row.quota_use_id is not None and row.supply_method == "弹性年期"


def test_resupply_without_plot_is_refused(db: Database) -> None:
    with db.write() as s:
        S.create_project(s, code="TL-X", name="无地块", identified_on=d(2023, 1, 1))
        pid = Q.list_projects(s)[0].id
        with pytest.raises(DomainError) as err:
            S.advance_stage(
                s, project_id=pid, stage="resupplied", on_date=d(2023, 2, 1), supply_method="出让"
            )
        assert err.value.code == "renewal.plot_required"


def test_validation_of_fields(db: Database) -> None:
    with db.write() as s:
        with pytest.raises(DomainError) as err:
            S.create_project(s, code="A", name="x", identified_on=d(2023, 1, 1), treatment="拆")
        assert err.value.code == "renewal.bad_treatment"
        S.create_project(s, code="A", name="x", identified_on=d(2023, 1, 1))
        with pytest.raises(DomainError) as err:
            S.create_project(s, code="A", name="y", identified_on=d(2023, 1, 1))
        assert err.value.code == "renewal.duplicate_code"


def test_checks_flag_a_stage_set_behind_the_apps_back(db: Database) -> None:
    from models.renewal.checks import run_checks
    from models.renewal.entities import RenewalProject

    pid, _, _ = _project(db, source="new")
    with db.write() as s:
        p = s.get(RenewalProject, pid)
        assert p is not None
        p.stage = "resupplied"  # as if edited in the database directly
    with db.read() as s:
        codes = sorted(f.problem.code for f in run_checks(s))
    assert codes == ["renewal.quota_use_required", "renewal.stage_mismatch"]
