"""Workbook kinds of the incubation area: ``carriers``, ``spaces``, ``tenancies``, ``usage-reports``.

Upsert by natural keys: a carrier by its code (or, without one, its name); a space by
(carrier, space code); a tenancy by (carrier, enterprise USCC, start date); a monthly report
by (carrier, month). Each row is loaded inside a savepoint through the services, so a bad
row leaves nothing behind and its problem names the column the way the file wrote it.

Carrier managers (``ImportContext.user_id`` / ``ExportContext.user_id``) export only their
carriers' rows; a row naming another carrier is refused as a row error naming that carrier.
Headers and labels here are the file format, so they are Chinese.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from decimal import Decimal
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from models.accounts.entities import User, UserCarrier
from models.accounts.permissions import may
from models.changes import Changes
from models.errors import DomainError
from models.exchange.keys import ids_by_key
from models.exchange.spec import (
    Column,
    ExportContext,
    ImportContext,
    Kind,
    KindOption,
    LoadOutcome,
    SourceRow,
)
from models.incubation import cells, services
from models.incubation.access import carrier_allowed
from models.incubation.entities import Carrier, Space
from models.incubation.exchange_common import (
    AREA,
    CARRIER_COL,
    KIND_LABELS,
    LEVEL_LABELS,
    SPACE_KIND_LABELS,
    RowLoader,
    carrier_filter,
    chooser,
    label_of,
    where_carrier,
)
from models.incubation.exchange_usage import (
    TENANCY_COLUMNS,
    USAGE_COLUMNS,
    dump_tenancies,
    dump_usage,
    load_tenancies,
    load_usage,
)
from models.policy.entities import Platform
from models.units import MoneyUnit

# --- carriers ----------------------------------------------------------------------------------

CARRIER_COLUMNS = (
    Column("code", "载体编号", ("编号", "载体代码", "代码"), cells.parse_text, example="QSH-FH-01"),
    Column(
        "name",
        "载体名称",
        ("孵化载体", "载体", "名称", "孵化器名称"),
        cells.parse_text,
        required=True,
        example="青山湖科技城创新中心",
        width=24,
    ),
    Column(
        "kind",
        "载体类型",
        ("类型", "载体类别"),
        chooser(KIND_LABELS),
        required=True,
        example="孵化器",
        choices=tuple(KIND_LABELS),
    ),
    Column(
        "level",
        "级别",
        ("认定级别", "载体级别"),
        chooser(LEVEL_LABELS),
        example="省级",
        choices=tuple(LEVEL_LABELS),
    ),
    Column("recognized_on", "认定时间", ("认定日期", "获批时间"), cells.parse_date, example="2021-06-18"),
    Column(
        "operator",
        "运营主体",
        ("运营单位", "运营方", "运营机构"),
        cells.parse_text,
        example="杭州青山湖科技城投资集团",
    ),
    Column("platform", "所属平台", ("平台", "园区", "所属园区"), cells.parse_text, example="青山湖科技城"),
    Column(
        "address",
        "地址",
        ("楼宇/地址", "楼宇地址", "所在楼宇"),
        cells.parse_text,
        example="大园路 958 号 1 幢",
        width=24,
    ),
    Column(
        "usable_area_m2",
        "可使用面积",
        ("可用面积", "总面积", "场地面积", "孵化场地面积"),
        required=True,
        example=Decimal("12000"),
        **AREA,  # type: ignore[arg-type]
    ),
    Column("incubation_area_m2", "孵化面积", ("在孵面积", "孵化场地"), example=Decimal("9500"), **AREA),  # type: ignore[arg-type]
    Column(
        "public_service_area_m2",
        "公共服务面积",
        ("公共服务场地面积", "公共服务用房面积"),
        example=Decimal("800"),
        **AREA,  # type: ignore[arg-type]
    ),
    Column("specialty", "专业领域", ("专业孵化器领域", "产业领域", "专业方向"), cells.parse_text, example=""),
    Column("managers", "管理用户", ("管理员", "载体管理员"), cells.parse_text, example="zhangsan"),
    Column("note", "备注", ("说明",), cells.parse_text, example=""),
)


def _platform_id(session: Session, name: str | None) -> int | None:
    if not name:
        return None
    pids = ids_by_key(session, Platform.id, (Platform.name, Platform.short_name, Platform.code), name)
    if len(pids) != 1:
        raise DomainError("incubation.unknown_platform_name", platform=name)
    return pids[0]


def _manager_ids(session: Session, text: str) -> list[int]:
    ids = []
    for name in cells.split_codes(text):
        uid = session.scalar(select(User.id).where(User.username == name))
        if uid is None:
            raise DomainError("incubation.unknown_user", username=name)
        ids.append(uid)
    return ids


def load_carriers(session: Session, rows: list[SourceRow], ctx: ImportContext) -> LoadOutcome:
    ld = RowLoader(session, ctx)
    for row in rows:
        name = row.get("name")
        code = row.get("code") or name
        found = ids_by_key(session, Carrier.id, (Carrier.code,), code) or ids_by_key(
            session, Carrier.id, (Carrier.name,), name
        )
        existing = session.get(Carrier, found[0]) if len(found) == 1 else None
        if existing is not None and not carrier_allowed(ld.scope, existing.id):
            ctx.problem(row, "name", "incubation.carrier_out_of_scope", carrier=name, operation="import")
            continue
        try:
            pid = _platform_id(session, row.get("platform"))
        except DomainError as exc:
            ctx.problem(row, "platform", exc.code, **exc.fields)
            continue
        values: dict[str, Any] = dict(
            code=code,
            name=name,
            kind=row.get("kind"),
            level=row.get("level", ""),
            recognized_on=row.get("recognized_on"),
            operator=row.get("operator", ""),
            platform_id=pid,
            address=row.get("address", ""),
            usable_area_m2=row.get("usable_area_m2"),
            incubation_area_m2=row.get("incubation_area_m2"),
            note=row.get("note", ""),
            public_service_area_m2=row.get("public_service_area_m2"),
            specialty=row.get("specialty", "") or "",
        )

        def op(
            values: dict[str, Any] = values, existing: Carrier | None = existing, row: SourceRow = row
        ) -> Changes:
            if existing is None:
                ch = services.create_carrier(session, **values)
                cid = ch.ids[0]
            else:
                ch = services.update_carrier(session, carrier_id=existing.id, version=None, **values)
                cid = existing.id
            if row.get("managers") is not None:
                wanted = _manager_ids(session, row.get("managers"))
                have = sorted(
                    session.scalars(select(UserCarrier.user_id).where(UserCarrier.carrier_id == cid))
                )
                if sorted(set(wanted)) != have:
                    ch = ch | services.set_carrier_managers(session, carrier_id=cid, user_ids=wanted)
                    if not ch.created:
                        ch = Changes.of("incubation", updated=1, ids=(cid,))
            return ch

        ld.apply(row, None, op)
    return ld.outcome()


def dump_carriers(session: Session, ctx: ExportContext) -> Iterable[Mapping[str, Any]]:
    ids = carrier_filter(session, ctx)
    stmt = where_carrier(
        select(Carrier, Platform.name)
        .outerjoin(Platform, Platform.id == Carrier.platform_id)
        .order_by(Platform.priority, Carrier.name),
        ids,
        Carrier.id,
    )
    managers: dict[int, list[str]] = {}
    # The managers' user names only for roles that may read the accounts (admin).
    readable = may(session, "users", "read") and may(session, "user_carriers", "read")
    for cid, uname in (
        ()
        if not readable
        else session.execute(
            select(UserCarrier.carrier_id, User.username)
            .join(User, User.id == UserCarrier.user_id)
            .order_by(User.username)
        )
    ):
        managers.setdefault(cid, []).append(uname)
    kinds, levels = label_of(KIND_LABELS), label_of(LEVEL_LABELS)
    for c, pname in session.execute(stmt):
        yield {
            "code": c.code,
            "name": c.name,
            "kind": kinds.get(c.kind, c.kind),
            "level": levels.get(c.level, ""),
            "recognized_on": c.recognized_on,
            "operator": c.operator,
            "platform": pname or "",
            "address": c.address,
            "usable_area_m2": c.usable_area_m2,
            "incubation_area_m2": c.incubation_area_m2,
            "public_service_area_m2": c.public_service_area_m2,
            "specialty": c.specialty or "",
            "managers": "、".join(managers.get(c.id, [])),
            "note": c.note or "",
        }


# --- spaces ------------------------------------------------------------------------------------

SPACE_COLUMNS = (
    CARRIER_COL,
    Column(
        "code",
        "房号",
        ("空间编号", "编号", "房间号", "单元号"),
        cells.parse_text,
        required=True,
        example="A-301",
    ),
    Column("floor", "楼层", ("层", "所在楼层"), cells.parse_floor, example=3),
    Column(
        "area_m2",
        "面积",
        ("建筑面积", "使用面积", "房间面积"),
        required=True,
        example=Decimal("186.5"),
        **AREA,  # type: ignore[arg-type]
    ),
    Column(
        "kind",
        "空间类型",
        ("类型", "用途"),
        chooser(SPACE_KIND_LABELS),
        example="办公",
        choices=tuple(SPACE_KIND_LABELS),
    ),
    Column(
        "rent",
        "月租金",
        ("租金", "每月租金"),
        cells.parse_money,
        quantity="money",
        unit=MoneyUnit.WAN,
        example=Decimal("0.8"),
    ),
)


def load_spaces(session: Session, rows: list[SourceRow], ctx: ImportContext) -> LoadOutcome:
    ld = RowLoader(session, ctx)
    for row in rows:
        cid = ld.carrier(row)
        if cid is None:
            continue
        values: dict[str, Any] = dict(
            code=row.get("code"),
            floor=row.get("floor"),
            area_m2=row.get("area_m2"),
            kind=row.get("kind", "office"),
            rent=row.get("rent"),
        )
        sid = session.scalar(select(Space.id).where(Space.carrier_id == cid, Space.code == values["code"]))

        def op(cid: int = cid, sid: int | None = sid, values: dict[str, Any] = values) -> Changes:
            if sid is None:
                return services.create_space(session, carrier_id=cid, **values)
            return services.update_space(session, space_id=sid, version=None, **values)

        ld.apply(row, None, op)
    return ld.outcome()


def dump_spaces(session: Session, ctx: ExportContext) -> Iterable[Mapping[str, Any]]:
    ids = carrier_filter(session, ctx)
    stmt = where_carrier(
        select(Space, Carrier.name)
        .join(Carrier, Carrier.id == Space.carrier_id)
        .order_by(Carrier.name, Space.floor, Space.code),
        ids,
        Carrier.id,
    )
    kinds = label_of(SPACE_KIND_LABELS)
    for s, cname in session.execute(stmt):
        yield {
            "carrier": cname,
            "code": s.code,
            "floor": s.floor,
            "area_m2": s.area_m2,
            "kind": kinds.get(s.kind, s.kind),
            "rent": s.rent,
        }


KINDS: tuple[Kind, ...] = (
    Kind(
        "carriers",
        "孵化载体",
        "incubation",
        CARRIER_COLUMNS,
        load_carriers,
        dump_carriers,
        scoped_to_carriers=True,
    ),
    Kind(
        "spaces",
        "载体空间",
        "incubation",
        SPACE_COLUMNS,
        load_spaces,
        dump_spaces,
        options=(KindOption("carrier"),),
        scoped_to_carriers=True,
    ),
    Kind(
        "tenancies",
        "入驻企业",
        "incubation",
        TENANCY_COLUMNS,
        load_tenancies,
        dump_tenancies,
        options=(KindOption("carrier"),),
        scoped_to_carriers=True,
    ),
    Kind(
        "usage-reports",
        "月度使用登记",
        "incubation",
        USAGE_COLUMNS,
        load_usage,
        dump_usage,
        options=(KindOption("carrier"), KindOption("month"), KindOption("year", "int")),
        scoped_to_carriers=True,
    ),
)
