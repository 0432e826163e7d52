"""Every renewal headline figure equals a recomputation from the records, and follows the
current stage: a project sent back from 腾退收储 to 谈判协议 no longer counts as freed."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.orm import Session

from models.database import Database
from models.land.entities import Plot
from models.renewal import queries as Q
from models.renewal import services as S
from models.renewal.entities import RenewalProject, RenewalStageEvent
from models.renewal.overview import overview_figures
from models.units import AreaUnit, to_m2
from tests.models.efficiency.util import enterprise, platform_id

D = Decimal
d = dt.date
AFTER_VACATING = {"vacated", "resupplied", "building", "producing", "checked"}


def _seed(db: Database) -> dict[str, int]:
    ids: dict[str, int] = {}
    with db.write() as s:
        for i, (code, mu, energy, firms) in enumerate(
            [
                ("TL-A", "30", "800", 2),
                ("TL-B", "45.5", "120", 1),
                ("TL-C", "12", "40", 3),
                ("TL-D", "7", "5", 1),
            ]
        ):
            old = enterprise(s, 10 + i, f"老厂{i}")
            plot = Plot(
                code=f"LA-{i}",
                platform_id=platform_id(s),
                cert_area_m2=to_m2(D(mu), AreaUnit.MU),
                land_source="existing",
            )
            s.add(plot)
            s.flush()
            S.create_project(
                s,
                code=code,
                name=f"项目{i}",
                identified_on=d(2022, 3, 1),
                plot_ids=(plot.id,),
                platform_id=platform_id(s),
                old_enterprise_id=old,
                treatment="vacate",
                energy_freed_tce=D(energy),
                firms_out=firms,
            )
            ids[code] = s.scalar(select(RenewalProject.id).where(RenewalProject.code == code))  # type: ignore[assignment]
        for code in ("TL-A", "TL-B", "TL-C"):
            S.advance_stage(s, project_id=ids[code], stage="negotiated", on_date=d(2022, 9, 1))
            S.advance_stage(s, project_id=ids[code], stage="vacated", on_date=d(2023, 6, 30))
        S.advance_stage(
            s, project_id=ids["TL-C"], stage="resupplied", on_date=d(2024, 1, 10), supply_method="标准地"
        )
    return ids


def _recomputed(s: Session, on: dt.date) -> dict[str, Decimal]:
    vacated_year: dict[int, int] = {}
    for pid, day in s.execute(
        select(RenewalStageEvent.project_id, RenewalStageEvent.on_date)
        .where(RenewalStageEvent.stage == "vacated")
        .order_by(RenewalStageEvent.on_date)
    ):
        vacated_year.setdefault(pid, day.year)
    projects = list(s.scalars(select(RenewalProject)))
    freed = [
        p
        for p in projects
        if p.stage in AFTER_VACATING and p.id in vacated_year and vacated_year[p.id] <= on.year
    ]
    return {
        "renewal.overview.active": D(sum(1 for p in projects if p.stage not in ("stopped", "checked"))),
        "renewal.overview.area_freed": sum((p.area_m2 or D(0) for p in freed), D(0)),
        "renewal.overview.energy_freed": sum((p.energy_freed_tce or D(0) for p in freed), D(0)),
        "renewal.overview.firms_out": D(sum(p.firms_out for p in projects if p.stage != "stopped")),
    }


def _headline(s: Session, on: dt.date) -> dict[str, Decimal]:
    return {f.label: f.value for f in overview_figures(s, on)}


def test_every_headline_figure_equals_a_recomputation_and_follows_the_stage(db: Database) -> None:
    ids = _seed(db)
    on = d(2026, 6, 30)
    with db.read() as s:
        assert _headline(s, on) == _recomputed(s, on)
        assert Q.totals(s).area_freed_m2 == to_m2(D("87.5"), AreaUnit.MU)
    with db.write() as s:  # one project goes back from 腾退收储 to 谈判协议
        S.advance_stage(
            s, project_id=ids["TL-B"], stage="negotiated", on_date=d(2024, 2, 1), reason="补偿未谈妥"
        )
    with db.read() as s:
        assert _headline(s, on) == _recomputed(s, on)
        totals = Q.totals(s)
        assert totals.area_freed_m2 == to_m2(D("42"), AreaUnit.MU)
        assert totals.energy_freed_tce == D("840")
        assert sum(y.area_m2 for y in Q.area_freed_per_year(s)) == totals.area_freed_m2
    with db.write() as s:  # and a stopped one leaves every sum but the count of projects
        S.advance_stage(s, project_id=ids["TL-A"], stage="stopped", on_date=d(2024, 3, 1), reason="企业破产")
    with db.read() as s:
        assert _headline(s, on) == _recomputed(s, on)
        assert Q.totals(s).area_freed_m2 == to_m2(D("12"), AreaUnit.MU)
    with db.read() as s:
        units = {f.label: f.unit for f in overview_figures(s, on)}
        assert (
            units["renewal.overview.energy_freed"] == "tce" and units["renewal.overview.area_freed"] == "m2"
        )
    with db.read() as s:  # before the year of vacating nothing was freed
        assert _headline(s, d(2022, 12, 31))["renewal.overview.area_freed"] == D(0)
