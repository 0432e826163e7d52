"""``landspace check`` for buildings: caps, areas and ownership that do not add up."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from models.buildings.entities import Building, Transfer, Unit, UnitStatus
from models.buildings.ratio import check_all_buildings, pct
from models.checks import Finding
from models.errors import Problem


def run_checks(session: Session, on: dt.date | None = None) -> list[Finding]:
    on = on or dt.date.today()
    findings: list[Finding] = []
    overridden = set(session.scalars(select(Transfer.building_id).where(Transfer.override_reason != "")))
    for st in check_all_buildings(session, on):
        label = f"{st.code} {st.name}"
        if st.cap is not None and st.severity in ("error", "warning"):
            over = st.severity == "error"
            code = "building.over_cap" if over else "building.near_cap"
            severity = "warning" if not over or st.building_id in overridden else "error"
            findings.append(
                Finding(
                    "buildings",
                    Problem(
                        code,
                        {
                            "building": label,
                            "ratio_pct": pct(st.ratio),
                            "overridden": st.building_id in overridden,
                            **st.cap.fields(),
                        },
                        severity,
                    ),
                    "buildings",
                    st.building_id,
                    label,
                )
            )
        if st.units_m2 > st.total_m2:
            findings.append(
                Finding(
                    "buildings",
                    Problem(
                        "building.units_exceed_total",
                        {"building": label, "units_m2": st.units_m2, "total_m2": st.total_m2},
                    ),
                    "buildings",
                    st.building_id,
                    label,
                )
            )
    stmt = (
        select(Unit.id, Unit.number, Building.code)
        .join(Building, Building.id == Unit.building_id)
        .where(
            Unit.status == UnitStatus.TRANSFERRED.value,
            (Unit.owner_id.is_(None)) | (Unit.acquired_on.is_(None)),
        )
    )
    for uid, number, code in session.execute(stmt):
        findings.append(
            Finding(
                "buildings",
                Problem("building.transferred_without_owner", {"building": code, "unit": number}, "warning"),
                "units",
                uid,
                f"{code} {number}",
            )
        )
    floors = (
        select(Building.id, Building.code, func.max(Unit.floor))
        .join(Unit, Unit.building_id == Building.id)
        .group_by(Building.id)
        .having(func.max(Unit.floor) > Building.floors)
    )
    for bid, code, top in session.execute(floors):
        findings.append(
            Finding(
                "buildings",
                Problem("building.unit_above_top_floor", {"building": code, "floor": top}, "warning"),
                "buildings",
                bid,
                code,
            )
        )
    return findings
