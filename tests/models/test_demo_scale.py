from __future__ import annotations

import datetime as dt
import json
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from models.accounts.entities import AuditEntry
from models.buildings.entities import Building, Unit
from models.database import Database
from models.demo_scale import District, seed_scale
from models.efficiency.entities import EfficiencyRecord, EfficiencyResult
from models.enterprises.entities import Enterprise
from models.incubation.entities import Carrier, UsageReport
from models.land import checks
from models.land.entities import BoundaryPoint, Plot
from models.uscc import fault

SMALL = District(
    plots=60,
    enterprises=120,
    efficiency_enterprises=40,
    efficiency_years=(2022, 2023, 2024),
    buildings=4,
    units_per_building=20,
    carriers=3,
    report_months=12,
    spaces_per_carrier=5,
)


def _count(s: Session, entity: type[Any]) -> int:
    n = s.scalar(select(func.count()).select_from(entity))
    assert n is not None
    return int(n)


def test_scale_tops_every_area_up_to_the_district_times_scale(db: Database) -> None:
    with db.write() as s:
        report = seed_scale(s, scale=2, district=SMALL, today=dt.date(2026, 11, 15))
    with db.read() as s:
        assert _count(s, Plot) == 120
        assert _count(s, BoundaryPoint) == 4 * 120
        assert _count(s, Enterprise) == 240
        assert _count(s, EfficiencyRecord) == 80 * 3
        assert _count(s, EfficiencyResult) == 80 * 3  # every year with a rule in force is evaluated
        assert _count(s, Building) == 8 and _count(s, Unit) == 8 * 20
        assert _count(s, Carrier) == 6 and _count(s, UsageReport) == 6 * 12
        assert report.added["plots"] == 120
        assert all(fault(u) is None for u in s.scalars(select(Enterprise.uscc)))
        # units fit in their building: the building's total is their sum plus 6 % common area
        for total, units in s.execute(
            select(Building.total_floor_area_m2, func.sum(Unit.floor_area_m2))
            .join(Unit, Unit.building_id == Building.id)
            .group_by(Building.id)
        ):
            assert units < total
        # generated plots lie inside their platform and overlap nothing
        kinds = {f.problem.code for f in checks.run_checks(s)}
        assert "land.overlap" not in kinds and "land.outside_platform" not in kinds
        # the generated rows are not copied into the audit log: one summary entry says what was made
        entries = list(
            s.scalars(
                select(AuditEntry).where(
                    AuditEntry.entity.in_(("plots", "boundary_points", "enterprises", "units"))
                )
            )
        )
        assert entries == []
        summary = s.scalars(select(AuditEntry).where(AuditEntry.action == "demo_scale")).one()
        assert json.loads(summary.changes)["added"]["plots"] == 120


def test_scale_run_again_adds_nothing(db: Database) -> None:
    with db.write() as s:
        seed_scale(s, scale=1, district=SMALL, today=dt.date(2026, 11, 15))
    with db.write() as s:
        again = seed_scale(s, scale=1, district=SMALL, today=dt.date(2026, 11, 15))
    assert set(again.added.values()) == {0}
