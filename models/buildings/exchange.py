"""Kinds ``buildings``, ``units`` and ``transfers``: the register as workbooks.

``buildings`` upserts by 楼宇编号, ``units`` by (楼宇编号, 单元号); Chinese labels in the
file (生产/研发…, 自持/已转让/出租) map to the English enum codes. A units workbook may
register a unit as 已转让 when creating it (historic sales), but never turns an existing
unit into 已转让 or back: sales go through ``transfers``, where every row is checked by
``compliance.check_transfer`` and a row that breaks a rule is an import error naming the
rule (its code and numbers). Importing the same file twice changes nothing.
Each row runs in a savepoint, so one bad row never leaves half a record behind.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping
from decimal import Decimal
from functools import partial
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from models.buildings import services
from models.buildings.entities import Building, Transfer, TransferUnit, Unit, UnitStatus, UnitUse
from models.changes import Changes
from models.enterprises.entities import Enterprise
from models.errors import DomainError
from models.exchange.keys import KeyIndex, ids_by_key
from models.exchange.parsers import (
    choice_parser,
    count_parser,
    parse_area,
    parse_bool,
    parse_code,
    parse_date,
    parse_floor,
    parse_money,
    parse_text,
)
from models.exchange.spec import Column, ExportContext, ImportContext, Kind, LoadOutcome, SourceRow
from models.land.entities import Plot
from models.policy.entities import Platform
from models.policy.queries import platform_index
from models.units import AreaUnit, MoneyUnit

USE_LABELS = {
    UnitUse.PRODUCTION: "生产",
    UnitUse.RESEARCH: "研发",
    UnitUse.OFFICE: "办公",
    UnitUse.DORMITORY: "宿舍",
    UnitUse.CANTEEN: "食堂",
    UnitUse.GARAGE: "车库",
    UnitUse.SHARED: "公共",
}
STATUS_LABELS = {UnitStatus.HELD: "自持", UnitStatus.TRANSFERRED: "已转让", UnitStatus.LEASED: "出租"}
USE_WORDS = {
    **{v: k.value for k, v in USE_LABELS.items()},
    **{k.value: k.value for k in UnitUse},
    "厂房": "production",
    "生产用房": "production",
    "研发用房": "research",
    "办公用房": "office",
    "员工宿舍": "dormitory",
    "停车库": "garage",
    "地下车库": "garage",
    "公共部分": "shared",
    "公共区域": "shared",
    "公摊": "shared",
}
STATUS_WORDS = {
    **{v: k.value for k, v in STATUS_LABELS.items()},
    **{k.value: k.value for k in UnitStatus},
    "自用": "held",
    "自有": "held",
    "已售": "transferred",
    "已出售": "transferred",
    "转让": "transferred",
    "租赁": "leased",
    "已出租": "leased",
}
UNIT_SPLIT = re.compile(r"[、,，;；/\s]+")


def yes_no(value: Any) -> Any:
    return None if value is None else "是" if value else "否"


def _label(labels: Mapping[Any, str]) -> Callable[[Any], Any]:
    by_code = {k.value: v for k, v in labels.items()}
    return lambda value: by_code.get(value, value)


BUILDING_CODE = Column(
    "building_code",
    "楼宇编号",
    synonyms=("楼宇代码", "楼栋编号", "楼宇号"),
    parse=parse_code,
    required=True,
    example="QSH-LY-01",
    width=14,
)
OWNER_USCC_SYN = ("统一社会信用代码", "信用代码", "产权人信用代码", "开发企业信用代码", "业主信用代码")

BUILDING_COLUMNS = (
    Column(
        "code",
        "楼宇编号",
        synonyms=("楼宇代码", "楼栋编号", "编号"),
        parse=parse_code,
        required=True,
        example="QSH-LY-01",
        width=14,
    ),
    Column(
        "name",
        "楼宇名称",
        synonyms=("名称", "楼宇", "项目名称"),
        parse=parse_text,
        required=True,
        example="青山湖科技城智造大厦A座",
        width=28,
    ),
    Column(
        "platform",
        "所属平台",
        synonyms=("平台", "园区", "所在平台"),
        parse=parse_text,
        example="青山湖科技城",
        width=14,
    ),
    Column(
        "plot", "地块编号", synonyms=("地块代码", "宗地编号", "地块"), parse=parse_code, example="", width=14
    ),
    Column(
        "owner_uscc",
        "产权人统一社会信用代码",
        synonyms=OWNER_USCC_SYN,
        parse=parse_code,
        example="91330185MAB0001000",
        width=22,
    ),
    Column(
        "owner_name",
        "产权人",
        synonyms=("开发企业", "业主", "产权单位"),
        parse=parse_text,
        example="杭州示例科技有限公司",
        width=26,
    ),
    Column(
        "total",
        "总建筑面积",
        synonyms=("建筑面积", "总面积"),
        parse=parse_area,
        required=True,
        quantity="area",
        unit=AreaUnit.M2,
        example="24000",
        width=14,
    ),
    Column(
        "floors",
        "层数",
        synonyms=("地上层数", "楼层数", "总层数"),
        parse=count_parser("层"),
        example=10,
        width=8,
    ),
    Column(
        "accepted_on",
        "竣工验收日期",
        synonyms=("竣工验收时间", "验收日期", "竣工日期"),
        parse=parse_date,
        example="2022-05-10",
        width=14,
    ),
    Column(
        "registered_on",
        "首次登记日期",
        synonyms=("不动产首次登记日期", "首次登记时间", "初始登记日期"),
        parse=parse_date,
        example="2022-08-01",
        width=14,
    ),
    Column(
        "land_price_paid",
        "土地出让金已缴清",
        synonyms=("地价款已缴", "出让金是否缴清", "土地价款已缴清"),
        parse=parse_bool,
        render=yes_no,
        example="是",
        choices=("是", "否"),
        width=10,
    ),
    Column(
        "has_lien",
        "是否抵押",
        synonyms=("存在抵押", "抵押"),
        parse=parse_bool,
        render=yes_no,
        example="否",
        choices=("是", "否"),
        width=10,
    ),
    Column(
        "lien_consent",
        "抵押权人同意",
        synonyms=("抵押权人是否同意", "抵押权人同意转让"),
        parse=parse_bool,
        render=yes_no,
        example="否",
        choices=("是", "否"),
        width=10,
    ),
    Column(
        "idle_land",
        "闲置土地认定",
        synonyms=("是否认定闲置土地", "闲置土地"),
        parse=parse_bool,
        render=yes_no,
        example="否",
        choices=("是", "否"),
        width=10,
    ),
    Column("note", "备注", synonyms=("说明",), parse=parse_text, width=24),
)

UNIT_COLUMNS = (
    BUILDING_CODE,
    Column(
        "number",
        "单元号",
        synonyms=("房号", "单元编号", "室号", "单元"),
        parse=parse_code,
        required=True,
        example="301",
        width=10,
    ),
    Column(
        "floor",
        "所在楼层",
        synonyms=("楼层", "层次", "所在层"),
        parse=parse_floor,
        required=True,
        example=3,
        width=8,
    ),
    Column(
        "area",
        "建筑面积",
        synonyms=("单元面积", "面积", "分割面积"),
        parse=parse_area,
        required=True,
        quantity="area",
        unit=AreaUnit.M2,
        example="860.5",
        width=12,
    ),
    Column(
        "use",
        "用途",
        synonyms=("使用用途", "功能", "房屋用途"),
        parse=choice_parser(USE_WORDS),
        render=_label(USE_LABELS),
        example="生产",
        choices=tuple(USE_LABELS.values()),
        width=8,
    ),
    Column(
        "status",
        "状态",
        synonyms=("权属状态", "使用状态", "转让状态"),
        parse=choice_parser(STATUS_WORDS),
        render=_label(STATUS_LABELS),
        example="自持",
        choices=tuple(STATUS_LABELS.values()),
        width=8,
    ),
    Column(
        "owner_uscc",
        "权利人统一社会信用代码",
        synonyms=("统一社会信用代码", "信用代码", "权利人信用代码"),
        parse=parse_code,
        example="",
        width=22,
    ),
    Column("owner_name", "权利人", synonyms=("产权人", "所有权人"), parse=parse_text, example="", width=26),
    Column(
        "acquired_on", "取得日期", synonyms=("取得时间", "购入日期", "登记日期"), parse=parse_date, width=12
    ),
)

TRANSFER_COLUMNS = (
    BUILDING_CODE,
    Column(
        "units",
        "单元号",
        synonyms=("转让单元", "房号", "单元"),
        parse=parse_text,
        required=True,
        example="301、302",
        width=16,
    ),
    Column(
        "buyer_uscc",
        "受让企业统一社会信用代码",
        synonyms=("受让方信用代码", "受让人统一社会信用代码", "统一社会信用代码"),
        parse=parse_code,
        example="91330185MAB0001000",
        width=22,
    ),
    Column(
        "buyer_name",
        "受让企业",
        synonyms=("受让方", "受让人", "买受人"),
        parse=parse_text,
        example="杭州示例科技有限公司",
        width=26,
    ),
    Column(
        "transfer_date",
        "转让日期",
        synonyms=("成交日期", "签约日期", "转让时间"),
        parse=parse_date,
        required=True,
        example="2025-03-18",
        width=12,
    ),
    Column(
        "area",
        "转让面积",
        synonyms=("建筑面积",),
        parse=parse_area,
        quantity="area",
        unit=AreaUnit.M2,
        width=12,
    ),
    Column(
        "price",
        "成交价",
        synonyms=("转让价格", "成交金额", "价格"),
        parse=parse_money,
        quantity="money",
        unit=MoneyUnit.WAN,
        example="1200",
        width=12,
    ),
    Column(
        "approval_no",
        "批准文号",
        synonyms=("审批文号", "批文号", "核准文号"),
        parse=parse_text,
        example="临分转〔2025〕18号",
        width=20,
    ),
    Column(
        "is_resale",
        "是否再转让",
        synonyms=("再转让", "二次转让"),
        parse=parse_bool,
        render=yes_no,
        example="否",
        choices=("是", "否"),
        width=10,
    ),
    Column("override", "越权批准", synonyms=(), parse=parse_text, width=30),
)


# --- lookups ---------------------------------------------------------------------------------------
def _enterprise(
    session: Session, row: SourceRow, ctx: ImportContext, uscc_key: str, name_key: str
) -> tuple[bool, int | None]:
    """(ok, id) of the enterprise named by USCC (preferred) or by its exact name."""
    uscc, name = row.get(uscc_key), row.get(name_key)
    if uscc:
        eid = session.scalar(select(Enterprise.id).where(Enterprise.uscc == uscc))
        if eid is None:
            ctx.problem(row, uscc_key, "building.unknown_enterprise", value=uscc)
            return False, None
        return True, eid
    if name:
        ids = ids_by_key(session, Enterprise.id, (Enterprise.name,), name)[:2]
        if len(ids) != 1:
            ctx.problem(
                row,
                name_key,
                "building.unknown_enterprise" if not ids else "building.ambiguous_enterprise",
                value=name,
            )
            return False, None
        return True, ids[0]
    return True, None


def _report(ctx: ImportContext, row: SourceRow, err: DomainError, key: str | None = None) -> None:
    for p in err.problems:
        ctx.problem(row, key, p.code, severity=p.severity if p.severity != "info" else "error", **p.fields)


def _changed(record: Any, values: Mapping[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in values.items() if getattr(record, k) != v}


class _Tally:
    """Counts of an upserting load, for its ``LoadOutcome``."""

    def __init__(self) -> None:
        self.created = self.updated = self.unchanged = 0
        self.ids: list[int] = []

    def outcome(self) -> LoadOutcome:
        return LoadOutcome(
            self.created,
            self.updated,
            self.unchanged,
            Changes.of("buildings", created=self.created, updated=self.updated, ids=tuple(self.ids)),
        )


def _upsert(  # noqa: PLR0917  private loader step: the row's context passed through
    session: Session,
    ctx: ImportContext,
    row: SourceRow,
    tally: _Tally,
    existing: Any,
    values: Mapping[str, Any],
    create: Callable[[], Changes],
    update: Callable[..., Changes] | None,
    error_key: Callable[[DomainError], str | None] | None = None,
) -> None:
    """Create, update the fields that differ, or count unchanged — inside a savepoint, so a
    refused row is reported on its Excel row and leaves nothing behind."""
    try:
        with session.begin_nested():
            if existing is None:
                tally.ids.extend(create().ids)
                tally.created += 1
                return
            diff = _changed(existing, values)
            if not diff:
                tally.unchanged += 1
                return
            assert update is not None
            tally.ids.extend(update(**diff).ids)
            tally.updated += 1
    except DomainError as err:
        _report(ctx, row, err, error_key(err) if error_key else None)


# --- buildings -------------------------------------------------------------------------------------
def _building_values(
    session: Session, row: SourceRow, ctx: ImportContext, platforms: KeyIndex
) -> dict[str, Any] | None:
    values: dict[str, Any] = {"name": row.get("name"), "total_floor_area_m2": row.get("total")}
    ok = True
    simple = {
        "floors": "floors",
        "accepted_on": "accepted_on",
        "registered_on": "registered_on",
        "land_price_paid": "land_price_paid",
        "has_lien": "has_lien",
        "lien_consent": "lien_consent",
        "idle_land": "idle_land_finding",
        "note": "note",
    }
    for key, attr in simple.items():
        if key in row.headers:
            value = row.get(key)
            values[attr] = (
                value
                if value is not None or attr in ("accepted_on", "registered_on")
                else {"floors": 1, "note": "", "land_price_paid": True}.get(attr, False)
            )
    if "platform" in row.headers:
        text = row.get("platform")
        values["platform_id"] = None if text is None else platforms.get(text)
        if text is not None and values["platform_id"] is None:
            ctx.problem(row, "platform", "building.unknown_platform", value=text)
            ok = False
    if "plot" in row.headers:
        code = row.get("plot")
        values["plot_id"] = None if code is None else session.scalar(select(Plot.id).where(Plot.code == code))
        if code is not None and values["plot_id"] is None:
            ctx.problem(row, "plot", "building.unknown_plot", value=code)
            ok = False
    if "owner_uscc" in row.headers or "owner_name" in row.headers:
        found, owner = _enterprise(session, row, ctx, "owner_uscc", "owner_name")
        ok = ok and found
        values["owner_id"] = owner
    return values if ok else None


def load_buildings(session: Session, rows: list[SourceRow], ctx: ImportContext) -> LoadOutcome:
    platforms = platform_index(session)
    tally = _Tally()
    for i, row in enumerate(rows):
        ctx.progress.set(i, len(rows), stage="load")
        values = _building_values(session, row, ctx, platforms)
        if values is None:
            continue
        code = row.get("code")
        existing = session.scalar(select(Building).where(Building.code == code))
        _upsert(
            session,
            ctx,
            row,
            tally,
            existing,
            values,
            partial(services.create_building, session, code=code, **values),
            None
            if existing is None
            else partial(services.update_building, session, building_id=existing.id, version=None),
        )
    return tally.outcome()


def dump_buildings(session: Session, ctx: ExportContext) -> Iterable[Mapping[str, Any]]:
    stmt = (
        select(Building, Platform.name, Plot.code, Enterprise.uscc, Enterprise.name)
        .outerjoin(Platform, Platform.id == Building.platform_id)
        .outerjoin(Plot, Plot.id == Building.plot_id)
        .outerjoin(Enterprise, Enterprise.id == Building.owner_id)
        .order_by(Building.code)
    )
    for b, platform, plot, uscc, owner in session.execute(stmt):
        yield {
            "code": b.code,
            "name": b.name,
            "platform": platform,
            "plot": plot,
            "owner_uscc": uscc,
            "owner_name": owner,
            "total": b.total_floor_area_m2,
            "floors": b.floors,
            "accepted_on": b.accepted_on,
            "registered_on": b.registered_on,
            "land_price_paid": b.land_price_paid,
            "has_lien": b.has_lien,
            "lien_consent": b.lien_consent,
            "idle_land": b.idle_land_finding,
            "note": b.note,
        }


# --- units -----------------------------------------------------------------------------------------
def _building_id(
    session: Session, row: SourceRow, ctx: ImportContext, cache: dict[str, int | None]
) -> int | None:
    code = row.get("building_code")
    if code not in cache:
        cache[code] = session.scalar(select(Building.id).where(Building.code == code))
    if cache[code] is None:
        ctx.problem(row, "building_code", "building.unknown_building", value=code)
    return cache[code]


def _unit_error_key(err: DomainError) -> str | None:
    return "status" if err.code == "building.status_change_needs_transfer" else None


def load_units(session: Session, rows: list[SourceRow], ctx: ImportContext) -> LoadOutcome:
    buildings: dict[str, int | None] = {}
    tally = _Tally()
    for i, row in enumerate(rows):
        ctx.progress.set(i, len(rows), stage="load")
        bid = _building_id(session, row, ctx, buildings)
        found, owner = _enterprise(session, row, ctx, "owner_uscc", "owner_name")
        if bid is None or not found:
            continue
        values: dict[str, Any] = {
            "floor": row.get("floor"),
            "number": row.get("number"),
            "floor_area_m2": row.get("area"),
        }
        for key, attr in (("use", "use"), ("status", "status"), ("acquired_on", "acquired_on")):
            if key in row.headers and row.get(key) is not None:
                values[attr] = row.get(key)
        if owner is not None:
            values["owner_id"] = owner
        existing = session.scalar(
            select(Unit).where(Unit.building_id == bid, Unit.number == values["number"])
        )
        _upsert(
            session,
            ctx,
            row,
            tally,
            existing,
            values,
            partial(services.create_unit, session, building_id=bid, **values),
            None
            if existing is None
            else partial(services.update_unit, session, unit_id=existing.id, version=None),
            _unit_error_key,
        )
    return tally.outcome()


def dump_units(session: Session, ctx: ExportContext) -> Iterable[Mapping[str, Any]]:
    stmt = (
        select(Unit, Building.code, Enterprise.uscc, Enterprise.name)
        .join(Building, Building.id == Unit.building_id)
        .outerjoin(Enterprise, Enterprise.id == Unit.owner_id)
        .order_by(Building.code, Unit.floor, Unit.number)
    )
    for u, code, uscc, owner in session.execute(stmt):
        yield {
            "building_code": code,
            "number": u.number,
            "floor": u.floor,
            "area": u.floor_area_m2,
            "use": u.use,
            "status": u.status,
            "owner_uscc": uscc,
            "owner_name": owner,
            "acquired_on": u.acquired_on,
        }


# --- transfers -------------------------------------------------------------------------------------
def _already_recorded(session: Session, bid: int, unit_ids: list[int], buyer: int, row: SourceRow) -> bool:
    for t in session.scalars(
        select(Transfer).where(
            Transfer.building_id == bid,
            Transfer.buyer_id == buyer,
            Transfer.transfer_date == row.get("transfer_date"),
        )
    ):
        have = set(session.scalars(select(TransferUnit.unit_id).where(TransferUnit.transfer_id == t.id)))
        if have == set(unit_ids):
            return True
    return False


def _sold_by_this_row(session: Session, unit_ids: list[int], buyer: int, row: SourceRow) -> bool:
    """The units sheet already shows this sale — every unit 已转让 to this buyer on this date —
    and no transfer of them is recorded (historical records: the units were entered as sold)."""
    units = list(session.scalars(select(Unit).where(Unit.id.in_(unit_ids))))
    if any(
        u.status != UnitStatus.TRANSFERRED.value
        or u.owner_id != buyer
        or u.acquired_on != row.get("transfer_date")
        for u in units
    ):
        return False
    return (
        session.scalar(select(TransferUnit.unit_id).where(TransferUnit.unit_id.in_(unit_ids)).limit(1))
        is None
    )


def _record_of_sale(session: Session, bid: int, unit_ids: list[int], buyer: int, row: SourceRow) -> int:
    """The transfer record of a sale the units already show: its figures and approval (an
    override as exported, 文号：理由) as the sheet gives them; the checks are those of the
    original approval and are not run again on units already sold."""
    units = list(session.scalars(select(Unit).where(Unit.id.in_(unit_ids))))
    resale = bool(row.get("is_resale", False))
    seller = None if resale else session.scalar(select(Building.owner_id).where(Building.id == bid))
    document, _, reason = str(row.get("override") or "").partition("：")
    t = Transfer(
        building_id=bid,
        seller_id=seller,
        buyer_id=buyer,
        transfer_date=row.get("transfer_date"),
        area_m2=sum((u.floor_area_m2 for u in units), Decimal(0)),
        price=row.get("price"),
        approval_no=row.get("approval_no") or "",
        is_resale=resale,
        checks="[]",
        override_document=document.strip() if reason else "",
        override_reason=reason.strip(),
    )
    session.add(t)
    session.flush()
    session.add_all(TransferUnit(transfer_id=t.id, unit_id=u) for u in unit_ids)
    session.flush()
    return t.id


def load_transfers(session: Session, rows: list[SourceRow], ctx: ImportContext) -> LoadOutcome:
    buildings: dict[str, int | None] = {}
    created = unchanged = 0
    ids: list[int] = []
    for i, row in enumerate(rows):
        ctx.progress.set(i, len(rows), stage="load")
        bid = _building_id(session, row, ctx, buildings)
        found, buyer = _enterprise(session, row, ctx, "buyer_uscc", "buyer_name")
        if found and buyer is None:
            ctx.problem(row, "buyer_uscc", "building.buyer_required")
        if bid is None or not found or buyer is None:
            continue
        numbers = [n.upper() for n in UNIT_SPLIT.split(str(row.get("units"))) if n]
        by_number = {
            n: i
            for n, i in session.execute(
                select(Unit.number, Unit.id).where(Unit.building_id == bid, Unit.number.in_(numbers))
            )
        }
        if missing := [n for n in numbers if n not in by_number]:
            ctx.problem(
                row,
                "units",
                "building.unknown_unit",
                value="、".join(missing),
                building=row.get("building_code"),
            )
            continue
        unit_ids = [by_number[n] for n in numbers]
        if _already_recorded(session, bid, unit_ids, buyer, row):
            unchanged += 1
            continue
        if _sold_by_this_row(session, unit_ids, buyer, row):
            ids.append(_record_of_sale(session, bid, unit_ids, buyer, row))
            ctx.problem(
                row,
                "units",
                "building.transfer_of_record",
                severity="warning",
                units="、".join(numbers),
                date=row.get("transfer_date"),
            )
            created += 1
            continue
        try:
            with session.begin_nested():
                ch = services.record_transfer(
                    session,
                    building_id=bid,
                    unit_ids=unit_ids,
                    buyer_id=buyer,
                    transfer_date=row.get("transfer_date"),
                    price=row.get("price"),
                    approval_no=row.get("approval_no") or "",
                    is_resale=bool(row.get("is_resale", False)),
                )
            ids.extend(ch.ids)
            created += 1
        except DomainError as err:
            _report(ctx, row, err)
    return LoadOutcome(created, 0, unchanged, Changes.of("buildings", created=created, ids=tuple(ids)))


def dump_transfers(session: Session, ctx: ExportContext) -> Iterable[Mapping[str, Any]]:
    from models.buildings.queries import list_transfers

    buyers = {i: u for i, u in session.execute(select(Enterprise.id, Enterprise.uscc))}
    for t in sorted(list_transfers(session), key=lambda t: (t.building_code, t.transfer_date, t.id)):
        yield {
            "building_code": t.building_code,
            "units": t.unit_numbers,
            "buyer_uscc": buyers.get(t.buyer_id),
            "buyer_name": t.buyer_name,
            "transfer_date": t.transfer_date,
            "area": t.area_m2,
            "price": t.price,
            "approval_no": t.approval_no,
            "is_resale": t.is_resale,
            "override": f"{t.override_document}：{t.override_reason}" if t.overridden else None,
        }


KINDS = (
    Kind("buildings", "工业楼宇", "buildings", BUILDING_COLUMNS, load=load_buildings, dump=dump_buildings),
    Kind("units", "分割单元", "buildings", UNIT_COLUMNS, load=load_units, dump=dump_units),
    Kind("transfers", "分割转让", "buildings", TRANSFER_COLUMNS, load=load_transfers, dump=dump_transfers),
)
