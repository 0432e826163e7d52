from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from sqlalchemy import func, select

from models.buildings import exchange
from models.buildings.entities import Building, Transfer, Unit, UnitStatus
from models.database import Database
from models.exchange.spec import CellContext, ExportContext, ImportContext, SourceRow
from models.units import AreaUnit
from tests.models.buildings.helpers import enterprise, uscc

KINDS = {k.name: k for k in exchange.KINDS}


def rows(kind: str, *records: dict[str, Any]) -> list[SourceRow]:
    """Rows as the reader gives them: values parsed by the kind's own column parsers."""
    cols = {c.key: c for c in KINDS[kind].columns}
    out = []
    for n, rec in enumerate(records, start=3):
        values = {
            k: cols[k].parse(v, CellContext(area_unit=AreaUnit.MU if k == "area_mu" else AreaUnit.M2))
            for k, v in rec.items()
            if v is not None
        }
        out.append(
            SourceRow(
                "Sheet1",
                n,
                values,
                raw=dict(rec),
                headers={k: cols[k].header for k in rec},
                cells={k: f"A{n}" for k in rec},
            )
        )
    return out


def load(db: Database, kind: str, *records: dict[str, Any]) -> tuple[ImportContext, Any]:
    ctx = ImportContext()
    with db.write() as s:
        outcome = KINDS[kind].load(s, rows(kind, *records), ctx)  # type: ignore[misc]
    return ctx, outcome


BUILDING = {
    "code": "qsh-ly-9",
    "name": "示例楼",
    "platform": "科技城",
    "owner_uscc": uscc(1),
    "total": "1,000",
    "floors": "2",
    "accepted_on": "2022年5月10日",
    "registered_on": "2022.8.1",
    "land_price_paid": "是",
    "has_lien": "否",
    "lien_consent": "否",
    "idle_land": "否",
}
UNITS = [
    {"building_code": "QSH-LY-9", "number": n, "floor": f, "area": a, "use": u, "status": "自持"}
    for n, f, a, u in (("101", 1, "300", "生产"), ("102", 1, "300", "办公"), ("201", "２", "300", "厂房"))
]


def setup_register(db: Database) -> None:
    with db.write() as s:
        enterprise(s, 1, name="开发商")
        enterprise(s, 2, name="受让甲")
        enterprise(s, 3, name="贸易公司", manufacturing=False, chain="其他")
    ctx, outcome = load(db, "buildings", BUILDING)
    assert not ctx.problems and outcome.created == 1
    ctx, outcome = load(db, "units", *UNITS)
    assert not ctx.problems and outcome.created == 3


def test_buildings_and_units_upsert_and_are_idempotent(db: Database) -> None:
    setup_register(db)
    with db.read() as s:
        b = s.scalar(select(Building).where(Building.code == "QSH-LY-9"))
        assert b is not None and b.total_floor_area_m2 == Decimal("1000") and b.floors == 2
        assert b.accepted_on == dt.date(2022, 5, 10) and b.owner_id is not None
        uses = {n: u for n, u in s.execute(select(Unit.number, Unit.use))}
        assert uses == {"101": "production", "102": "office", "201": "production"}
    ctx, outcome = load(db, "buildings", BUILDING)
    assert (outcome.created, outcome.updated, outcome.unchanged) == (0, 0, 1)
    ctx, outcome = load(db, "units", *UNITS)
    assert (outcome.created, outcome.updated, outcome.unchanged) == (0, 0, 3)
    ctx, outcome = load(db, "units", {**UNITS[0], "status": "出租"})
    assert outcome.updated == 1 and not ctx.problems


def test_units_import_cannot_sell(db: Database) -> None:
    setup_register(db)
    ctx, _ = load(db, "units", {**UNITS[0], "status": "已转让"})
    assert [p.code for p in ctx.problems] == ["building.status_change_needs_transfer"]
    assert ctx.problems[0].column == "状态"


def test_transfer_import_records_and_names_broken_rules(db: Database) -> None:
    setup_register(db)
    ok = {
        "building_code": "QSH-LY-9",
        "units": "101，102",
        "buyer_uscc": uscc(2),
        "transfer_date": "2024-06-01",
        "price": "300",
        "approval_no": "临分转〔2024〕1号",
        "is_resale": "否",
    }
    ctx, outcome = load(db, "transfers", ok)
    assert not [p for p in ctx.problems if p.is_error] and outcome.created == 1
    ctx, outcome = load(db, "transfers", ok)
    assert outcome.unchanged == 1 and outcome.created == 0
    bad = {"building_code": "QSH-LY-9", "units": "201", "buyer_uscc": uscc(3), "transfer_date": "2024-07-01"}
    ctx, outcome = load(db, "transfers", bad)
    codes = {p.code for p in ctx.problems}
    assert codes == {"building.ratio_exceeded", "building.buyer_not_eligible"}
    ratio = next(p for p in ctx.problems if p.code == "building.ratio_exceeded")
    assert ratio.row == 3 and ratio.problem.fields["rule_key"] == "building.max_transfer_ratio"
    assert ratio.problem.fields["ratio_after_pct"] == Decimal("90")
    with db.read() as s:
        assert s.scalar(select(func.count()).select_from(Transfer)) == 1
        assert s.scalar(select(Unit.status).where(Unit.number == "201")) == UnitStatus.HELD.value


def test_unknown_references_are_row_problems(db: Database) -> None:
    setup_register(db)
    ctx, _ = load(db, "units", {**UNITS[0], "building_code": "NOPE"})
    assert [p.code for p in ctx.problems] == ["building.unknown_building"]
    ctx, _ = load(
        db,
        "transfers",
        {"building_code": "QSH-LY-9", "units": "999", "buyer_uscc": uscc(2), "transfer_date": "2024-06-01"},
    )
    assert [p.code for p in ctx.problems] == ["building.unknown_unit"]
    ctx, _ = load(db, "buildings", {**BUILDING, "platform": "火星园区"})
    assert [(p.code, p.column) for p in ctx.problems] == [("building.unknown_platform", "所属平台")]


def test_export_rows_use_chinese_labels(db: Database) -> None:
    setup_register(db)
    load(
        db,
        "transfers",
        {
            "building_code": "QSH-LY-9",
            "units": "101，102",
            "buyer_uscc": uscc(2),
            "transfer_date": "2024-06-01",
        },
    )  # the default minimum unit is a whole floor
    with db.read() as s:
        units = list(KINDS["units"].dump(s, ExportContext()))  # type: ignore[misc]
        transfers = list(KINDS["transfers"].dump(s, ExportContext()))  # type: ignore[misc]
        buildings = list(KINDS["buildings"].dump(s, ExportContext()))  # type: ignore[misc]
    cols = {c.key: c for c in KINDS["units"].columns}
    assert [cols["status"].render(u["status"]) for u in units] == ["已转让", "已转让", "自持"]
    assert cols["use"].render(units[1]["use"]) == "办公"
    assert transfers[0]["units"] == "101、102" and transfers[0]["buyer_uscc"] == uscc(2)
    assert buildings[0]["platform"] == "青山湖科技城"
