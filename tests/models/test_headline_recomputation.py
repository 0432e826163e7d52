"""The overview's headline figures of the enterprise register, plots, per-mu efficiency,
industrial buildings and incubation carriers equal a recomputation from the records, on the
demonstration database and after an edit (renewal: tests/models/renewal/test_headline_figures.py;
quotas: the hand-computed ledger of tests/models/quotas/test_balances.py)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from decimal import Decimal

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from models.buildings.entities import Building, Transfer, Unit
from models.buildings.overview import overview_figures as building_figures
from models.database import Database
from models.demo import seed_demo
from models.efficiency.entities import EfficiencyResult
from models.efficiency.overview import overview_figures as efficiency_figures
from models.enterprises.entities import Enterprise
from models.enterprises.overview import overview_figures as enterprise_figures
from models.incubation.entities import Carrier, Tenancy
from models.incubation.overview import overview_figures as incubation_figures
from models.land.entities import Plot
from models.land.overview import overview_figures as land_figures
from models.overview import OverviewFigure
from models.policy.entities import Platform

ON = dt.date(2025, 12, 31)


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Database]:
    from models.database import open_database

    db = open_database(tmp_path_factory.mktemp("headline") / "demo.sqlite3")
    with db.write() as s:
        seed_demo(s)
    yield db
    db.dispose()


def _figures(figures: list[OverviewFigure]) -> dict[tuple[str, int | None], Decimal]:
    return {(f.label, f.platform_id): f.value for f in figures}


def _enterprises(s: Session) -> dict[tuple[str, int | None], Decimal]:
    rows = list(s.scalars(select(Enterprise)))
    out: dict[tuple[str, int | None], Decimal] = {
        ("enterprises.overview.count", None): Decimal(len(rows)),
        ("enterprises.overview.manufacturing", None): Decimal(sum(1 for e in rows if e.is_manufacturing)),
    }
    for p in s.scalars(select(Platform)):
        out[("enterprises.overview.platform_count", p.id)] = Decimal(
            sum(1 for e in rows if e.platform_id == p.id)
        )
    return out


def _land(s: Session) -> dict[str, Decimal]:
    plots = list(s.scalars(select(Plot)))

    def area(p: Plot) -> Decimal:
        return p.geom_area_m2 if p.geom_area_m2 is not None else (p.cert_area_m2 or Decimal(0))

    return {
        "land.overview.plots": Decimal(len(plots)),
        "land.overview.area": sum((area(p) for p in plots), Decimal(0)),
        "land.overview.low_eff_area": sum((area(p) for p in plots if p.low_eff_kind), Decimal(0)),
    }


def _efficiency(s: Session) -> dict[str, Decimal]:
    results = list(s.scalars(select(EfficiencyResult)))
    year = max(r.year for r in results if r.year <= ON.year)
    known = set(s.scalars(select(Enterprise.id)))
    latest = [r for r in results if r.year == year and r.enterprise_id in known]
    return {
        "efficiency.overview.a_count": Decimal(sum(1 for r in latest if r.klass == "A")),
        "efficiency.overview.d_count": Decimal(sum(1 for r in latest if r.klass == "D")),
        "efficiency.overview.graded": Decimal(sum(1 for r in latest if r.klass in ("A", "B", "C", "D"))),
    }


def _buildings(s: Session) -> dict[str, Decimal]:
    buildings = list(s.scalars(select(Building)))
    total = sum((b.total_floor_area_m2 for b in buildings), Decimal(0))
    sold = sum((u.floor_area_m2 for u in s.scalars(select(Unit)) if u.status == "transferred"), Decimal(0))
    transfers = [t for t in s.scalars(select(Transfer)) if dt.date(ON.year, 1, 1) <= t.transfer_date <= ON]
    return {
        "buildings.overview.count": Decimal(len(buildings)),
        "buildings.overview.transferred_share": (sold / total * 100).quantize(Decimal("0.1")),
        "buildings.overview.transfers_this_year": Decimal(len(transfers)),
    }


def _incubation(s: Session) -> dict[str, Decimal]:
    carriers = list(s.scalars(select(Carrier)))
    tenancies = list(s.scalars(select(Tenancy)))

    def occupied(c: Carrier) -> Decimal:  # tenancies in force on the day, at most the usable area
        area = sum(
            (
                t.area_m2
                for t in tenancies
                if t.carrier_id == c.id and t.start_on <= ON and (t.end_on is None or t.end_on >= ON)
            ),
            Decimal(0),
        )
        return min(area, c.usable_area_m2)

    usable = sum((c.usable_area_m2 for c in carriers), Decimal(0))
    taken = sum((occupied(c) for c in carriers), Decimal(0))
    return {
        "incubation.overview.carriers": Decimal(len(carriers)),
        "incubation.overview.occupancy": (taken / usable * 100).quantize(Decimal("0.1")),
        "incubation.overview.vacant": usable - taken,
    }


def _check(s: Session) -> None:
    assert _figures(enterprise_figures(s, ON)) == _enterprises(s)
    land = {label: v for (label, _p), v in _figures(land_figures(s, ON)).items()}
    assert {k: land[k] for k in _land(s)} == _land(s)
    eff = {label: v for (label, _p), v in _figures(efficiency_figures(s, ON)).items()}
    assert {k: eff[k] for k in _efficiency(s)} == _efficiency(s)
    bld = {label: v for (label, _p), v in _figures(building_figures(s, ON)).items()}
    assert {k: bld[k] for k in _buildings(s)} == _buildings(s)
    inc = {label: v for (label, p), v in _figures(incubation_figures(s, ON)).items() if p is None}
    assert {k: inc[k] for k in _incubation(s)} == _incubation(s)


def test_headline_figures_equal_a_recomputation_from_the_records(demo: Database) -> None:
    with demo.read() as s:
        _check(s)
        assert _land(s)["land.overview.low_eff_area"] > 0 and _buildings(s)["buildings.overview.count"] > 0
    with demo.write() as s:  # edits behind the figures: a plot stops being low-efficiency, a unit is sold,
        plot = s.scalars(
            select(Plot).where(Plot.low_eff_kind != "")
        ).first()  # an enterprise leaves manufacturing
        assert plot is not None
        plot.low_eff_kind = ""
        unit = s.scalars(select(Unit).where(Unit.status == "held")).first()
        assert unit is not None
        unit.status = "transferred"
        firm = s.scalars(select(Enterprise).where(Enterprise.is_manufacturing)).first()
        assert firm is not None
        firm.is_manufacturing = False
        lease = s.scalars(
            select(Tenancy).where(  # a tenant in place on the day moves out the day before
                Tenancy.start_on < ON, (Tenancy.end_on.is_(None)) | (Tenancy.end_on >= ON)
            )
        ).first()
        assert lease is not None
        lease.end_on = ON - dt.timedelta(days=1)
    with demo.read() as s:
        _check(s)
