"""Loading and dumping the incubation kinds with rows built directly (the engine is tested elsewhere)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import pytest
from sqlalchemy import func, select

from models.database import Database
from models.enterprises.entities import Enterprise
from models.exchange.spec import CellContext, CellError, ExportContext, ImportContext, Kind, SourceRow
from models.incubation import cells
from models.incubation.entities import Carrier, Space, Tenancy, UsageReport
from models.incubation.exchange import KINDS
from models.units import AreaUnit
from tests.models.incubation.helpers import D, carrier, day, enterprise, space, uscc, user

K: dict[str, Kind] = {k.name: k for k in KINDS}


def rows(kind: str, *values: dict[str, Any]) -> list[SourceRow]:
    """Rows as the engine hands them over: cells parsed by each column's parser, raw values kept."""
    columns = {c.key: c for c in K[kind].columns}
    headers = {c.key: c.header for c in K[kind].columns}
    return [
        SourceRow(
            "Sheet1",
            3 + i,
            {k: columns[k].parse(x, CellContext()) for k, x in v.items()},
            raw=dict(v),
            headers=headers,
        )
        for i, v in enumerate(values)
    ]


def load(
    db: Database, kind: str, source: list[SourceRow], user_id: int | None = None
) -> tuple[Any, ImportContext]:
    ctx = ImportContext(user_id=user_id)
    load_fn = K[kind].load
    assert load_fn is not None
    with db.write() as s:
        out = load_fn(s, source, ctx)
        if ctx.problems:
            s.rollback()
    return out, ctx


def dump(db: Database, kind: str, user_id: int | None = None, **options: Any) -> list[dict[str, Any]]:
    dump_fn = K[kind].dump
    assert dump_fn is not None
    with db.read() as s:
        return [dict(r) for r in dump_fn(s, ExportContext(options=options, user_id=user_id))]


def test_kinds_are_declared() -> None:
    assert set(K) == {"carriers", "spaces", "tenancies", "usage-reports"}
    assert all(k.scoped_to_carriers for k in KINDS)
    assert K["usage-reports"].column("carrier").fill_down


def test_carriers_upsert_by_code_and_round_trip(db: Database) -> None:
    row = {
        "code": "QSH-01",
        "name": "科技城创新中心",
        "kind": "孵化器",
        "level": "国家级",
        "recognized_on": day(2020, 12, 1),
        "platform": "青山湖科技城",
        "usable_area_m2": D("12000"),
        "incubation_area_m2": D("9000"),
        "operator": "科创集团",
    }
    out, ctx = load(db, "carriers", rows("carriers", row))
    assert not ctx.problems and out.created == 1
    out, ctx = load(db, "carriers", rows("carriers", row | {"name": "科技城创新中心（一期）"}))
    assert (out.created, out.updated) == (0, 1)
    out, ctx = load(db, "carriers", rows("carriers", row | {"name": "科技城创新中心（一期）"}))
    assert (out.created, out.updated, out.unchanged) == (0, 0, 1)
    (exported,) = dump(db, "carriers")
    assert (
        exported["kind"] == "孵化器"
        and exported["level"] == "国家级"
        and exported["platform"] == "青山湖科技城"
    )
    assert exported["usable_area_m2"] == D("12000")


def test_bad_rows_name_their_column_and_value(db: Database) -> None:
    _out, ctx = load(
        db,
        "carriers",
        rows(
            "carriers",
            {"name": "甲", "kind": "incubator", "usable_area_m2": D("-5")},
            {"name": "乙", "kind": "incubator", "usable_area_m2": D("100"), "platform": "火星园区"},
        ),
    )
    assert [(p.row, p.code) for p in ctx.problems] == [
        (3, "incubation.area_not_positive"),
        (4, "incubation.unknown_platform_name"),
    ]
    assert ctx.problems[1].column == "所属平台"
    with db.read() as s:
        assert s.scalar(select(func.count(Carrier.id))) == 0


def test_spaces_tenancies_and_new_enterprises(db: Database) -> None:
    with db.write() as s:
        carrier(s, name="创新中心", area="3000")
        enterprise(s, 1, "已登记企业")
    out, ctx = load(
        db,
        "spaces",
        rows(
            "spaces",
            {"carrier": "创新中心", "code": "A-301", "area_m2": D("120"), "kind": "办公", "floor": 3},
            {"carrier": "创新中心", "code": "A-302", "area_m2": D("80"), "kind": "实验室"},
        ),
    )
    assert not ctx.problems and out.created == 2
    out, ctx = load(
        db,
        "tenancies",
        rows(
            "tenancies",
            {
                "carrier": "创新中心",
                "uscc": uscc(1),
                "start_on": day(2024, 3, 1),
                "spaces": "A-301、A-302",
                "status": "在孵",
            },
            {
                "carrier": "创新中心",
                "uscc": uscc(2),
                "enterprise": "新办初创公司",
                "start_on": day(2024, 5, 1),
                "area_m2": D("50"),
                "status": "毕业",
                "graduated_on": day(2025, 1, 1),
                "criterion": "营收达标",
            },
        ),
    )
    assert not ctx.problems, ctx.problems
    assert out.created == 2
    with db.read() as s:
        assert s.scalar(select(Enterprise.name).where(Enterprise.uscc == uscc(2))) == "新办初创公司"
        areas = sorted(s.scalars(select(Tenancy.area_m2)))
    assert areas == [D("50.0000"), D("200.0000")]
    exported = dump(db, "tenancies")
    assert [e["spaces"] for e in exported] == ["A-301、A-302", ""]
    assert [e["status"] for e in exported] == ["在孵", "毕业"]
    # again: unchanged
    out, ctx = load(
        db,
        "tenancies",
        rows("tenancies", *[{k: v for k, v in e.items() if v not in (None, "")} for e in exported]),
    )
    assert not ctx.problems and (out.created, out.updated, out.unchanged) == (0, 0, 2)


def test_unknown_space_and_bad_uscc_are_row_errors(db: Database) -> None:
    with db.write() as s:
        carrier(s, name="创新中心")
    _out, ctx = load(
        db,
        "tenancies",
        rows(
            "tenancies",
            {
                "carrier": "创新中心",
                "uscc": uscc(1),
                "enterprise": "甲",
                "start_on": day(2024, 3, 1),
                "spaces": "Z-9",
            },
            {"carrier": "不存在的载体", "uscc": uscc(3), "start_on": day(2024, 3, 1), "area_m2": D("5")},
        ),
    )
    assert [p.code for p in ctx.problems] == ["incubation.unknown_space", "incubation.unknown_carrier"]
    with pytest.raises(CellError) as e:  # a bad code is refused by the cell parser, before loading
        K["tenancies"].column("uscc").parse("913301000000000000", CellContext())
    assert e.value.code == "uscc.bad_checksum"
    with db.read() as s:
        assert s.scalar(select(func.count(Enterprise.id))) == 0  # the first row's enterprise rolled back


def test_usage_reports_merged_carrier_and_mixed_month_spellings(db: Database) -> None:
    with db.write() as s:
        carrier(s, name="创新中心", area="3000")
    months = ["2025年1月", "2025-02", dt.datetime(2025, 3, 1), 45748, "2025.5", "202506"]
    source = [
        {
            "carrier": "创新中心",
            "month": m,
            "occupied_area_m2": D(1000 + i),
            "tenants": 10 + i,
            "new_tenants": 1,
        }
        for i, m in enumerate(months)
    ]
    out, ctx = load(db, "usage-reports", rows("usage-reports", *source))
    assert not ctx.problems and out.created == 6
    with db.read() as s:
        got = sorted(s.scalars(select(UsageReport.month)))
    assert got == [day(2025, m, 1) for m in range(1, 7)]
    exported = dump(db, "usage-reports", month="2025年3月")
    assert exported == [
        {
            "carrier": "创新中心",
            "month": "2025-03",
            "occupied_area_m2": D("1002.0000"),
            "tenants": 12,
            "new_tenants": 1,
            "graduated": 0,
            "left": 0,
            "employees": 0,
        }
    ]
    assert len(dump(db, "usage-reports", year=2025)) == 6
    _out, ctx = load(db, "usage-reports", rows("usage-reports", source[0], source[0]))
    assert [p.code for p in ctx.problems] == ["incubation.duplicate_month_in_file"]


def test_manager_exports_and_imports_only_own_carriers(db: Database) -> None:
    with db.write() as s:
        mine, other = carrier(s, name="我的孵化器"), carrier(s, name="别人的孵化器")
        space(s, mine, "1", "10")
        space(s, other, "2", "10")
        manager = user(s, "zhang", "carrier_manager", (mine,))
    assert [r["carrier"] for r in dump(db, "spaces", user_id=manager)] == ["我的孵化器"]
    assert [r["name"] for r in dump(db, "carriers", user_id=manager)] == ["我的孵化器"]
    assert len(dump(db, "spaces")) == 2
    from models.errors import DomainError

    with pytest.raises(DomainError) as e:
        dump(db, "usage-reports", user_id=manager, carrier="别人的孵化器")
    assert e.value.code == "incubation.carrier_out_of_scope"

    report = {"month": day(2025, 1, 1), "occupied_area_m2": D("5"), "tenants": 1}
    _out, ctx = load(
        db,
        "usage-reports",
        rows("usage-reports", {"carrier": "我的孵化器"} | report, {"carrier": "别人的孵化器"} | report),
        user_id=manager,
    )
    assert [(p.row, p.code, p.problem.fields["carrier"], p.column) for p in ctx.problems] == [
        (4, "incubation.carrier_out_of_scope", "别人的孵化器", "载体名称")
    ]
    _out, ctx = load(
        db,
        "spaces",
        rows("spaces", {"carrier": "别人的孵化器", "code": "9", "area_m2": D("1")}),
        user_id=manager,
    )
    assert [p.code for p in ctx.problems] == ["incubation.carrier_out_of_scope"]
    _out, ctx = load(
        db,
        "carriers",
        rows("carriers", {"name": "别人的孵化器", "kind": "孵化器", "usable_area_m2": D("9")}),
        user_id=manager,
    )
    assert [p.code for p in ctx.problems] == ["incubation.carrier_out_of_scope"]
    with db.read() as s:
        assert s.scalar(select(func.count(Space.id))) == 2


@pytest.mark.parametrize(
    ("value", "month"),
    [
        ("2025年1月", day(2025, 1, 1)),
        ("２０２５年１２月", day(2025, 12, 1)),
        ("2025-02", day(2025, 2, 1)),
        ("2025/3", day(2025, 3, 1)),
        ("2025.04", day(2025, 4, 1)),
        ("202505", day(2025, 5, 1)),
        (202506, day(2025, 6, 1)),
        (dt.datetime(2025, 7, 1, 0, 0), day(2025, 7, 1)),
        (dt.date(2025, 8, 31), day(2025, 8, 1)),
        (45931, day(2025, 10, 1)),
        (45931.0, day(2025, 10, 1)),
        ("2025-11-15", day(2025, 11, 1)),
        ("2025年9月份", day(2025, 9, 1)),
        ("2025年10月", day(2025, 10, 1)),
    ],
)
def test_parse_month(value: Any, month: dt.date) -> None:
    assert cells.parse_month(value, CellContext()) == month


@pytest.mark.parametrize("value", ["2025年13月", "一月", "2025-02-30", True])
def test_parse_month_refuses(value: Any) -> None:
    with pytest.raises(CellError) as e:
        cells.parse_month(value, CellContext())
    assert e.value.code == "exchange.not_a_month"


def test_counts_and_areas() -> None:
    assert cells.parse_area("1,500", CellContext(area_unit=AreaUnit.MU)) == D("1000000")
    assert cells.parse_area("１２０.５", CellContext()) == Decimal("120.5")
    assert cells.parse_count("12", CellContext()) == 12
    for bad in ("1.5", "-2"):
        with pytest.raises(CellError):
            cells.parse_count(bad, CellContext())
