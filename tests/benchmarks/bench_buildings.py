"""Compliance over the whole register: ``check_all_buildings`` on 2,000 buildings with
100,000 units must take at most 2× a raw ``GROUP BY`` over the same rows (issue 6; issue 12:
the baseline does the same aggregation in SQL, without converting every row, and every
building's units fit inside its floor area)."""

from __future__ import annotations

import datetime as dt
import tempfile
from decimal import Decimal
from pathlib import Path

from sqlalchemy import insert, select

from models.buildings.entities import Building, Unit, UnitStatus, UnitUse
from models.buildings.ratio import check_all_buildings
from models.database import open_database
from models.policy.entities import Platform
from tests.benchmarks.common import Result, best_of, scale

ON = dt.date(2025, 6, 30)


def _fill(db: object, buildings: int, units: int) -> None:
    per = max(1, units // buildings)
    statuses = (UnitStatus.HELD.value, UnitStatus.TRANSFERRED.value, UnitStatus.LEASED.value)
    with db.write() as s:  # type: ignore[attr-defined]
        platforms = list(s.scalars(select(Platform.id)))
        s.execute(
            insert(Building),
            [
                {
                    "id": b + 1,
                    "code": f"B{b:05d}",
                    "name": f"楼宇{b}",
                    "platform_id": platforms[b % len(platforms)],
                    # units are 400.25–599.25 ㎡: the building holds them all plus 6 % common area
                    "total_floor_area_m2": Decimal(per * 600) * Decimal("1.06"),
                    "floors": 10,
                }
                for b in range(buildings)
            ],
        )
        s.execute(
            insert(Unit),
            [
                {
                    "building_id": i // per + 1,
                    "floor": i % 10 + 1,
                    "number": f"U{i}",
                    "use": UnitUse.PRODUCTION.value,
                    "floor_area_m2": Decimal(400 + i % 200) + Decimal("0.25"),
                    "status": statuses[i % 3],
                }
                for i in range(per * buildings)
            ],
        )


def run() -> list[Result]:
    buildings, units = scale(2_000), scale(100_000)
    with tempfile.TemporaryDirectory() as tmp:
        db = open_database(Path(tmp) / "bench.sqlite3", actor="bench")
        try:
            _fill(db, buildings, units)

            with db.read() as s:  # the generator's promise: no building holds more than its area
                over = (
                    s.connection()
                    .exec_driver_sql(
                        "SELECT count(*) FROM (SELECT b.id FROM buildings b JOIN units u ON u.building_id = b.id "  # noqa: E501
                        "GROUP BY b.id HAVING sum(u.floor_area_m2) > max(b.total_floor_area_m2))"
                    )
                    .scalar()
                )
                assert over == 0, over

            def read_units() -> None:
                with db.read() as s:
                    s.connection().exec_driver_sql(
                        "SELECT building_id, status, use, sum(floor_area_m2), count(*) FROM units "
                        "GROUP BY building_id, status, use"
                    ).fetchall()

            def check_all() -> None:
                with db.read() as s:
                    rows = check_all_buildings(s, ON)
                    assert len(rows) == buildings

            baseline = best_of(read_units)
            ours = best_of(check_all)
        finally:
            db.dispose()
    return [
        Result(
            f"check_all_buildings ({buildings:,} buildings, {units:,} units)",
            ours,
            baseline,
            2.0,
            "a raw GROUP BY over the units",
        )
    ]
