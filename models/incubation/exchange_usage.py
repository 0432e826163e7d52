"""The ``tenancies`` and ``usage-reports`` workbook kinds (see ``exchange`` for the contract).

A tenancy naming an enterprise missing from the register adds it (USCC validated, name
required). A monthly usage sheet typically merges the carrier name over its twelve month
rows (``fill_down``) and spells months as 2025年1月, 2025-02 or Excel dates (``cells.parse_month``).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from decimal import Decimal
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from models.changes import Changes
from models.enterprises import services as enterprise_services
from models.enterprises.entities import Enterprise
from models.errors import DomainError
from models.exchange.spec import (
    CellContext,
    CellError,
    Column,
    ExportContext,
    ImportContext,
    LoadOutcome,
    SourceRow,
)
from models.incubation import cells, services
from models.incubation.entities import Carrier, Space, Tenancy, TenancySpace, UsageReport
from models.incubation.exchange_common import (
    AREA,
    CARRIER_COL,
    STATUS_LABELS,
    RowLoader,
    carrier_filter,
    chooser,
    label_of,
    where_carrier,
)

TENANCY_COLUMNS = (
    CARRIER_COL,
    Column(
        "uscc",
        "统一社会信用代码",
        ("信用代码", "社会信用代码", "USCC"),
        cells.parse_uscc,
        required=True,
        example="91330185MA2H0XXXX0",
        width=22,
    ),
    Column(
        "enterprise",
        "企业名称",
        ("企业", "在孵企业", "入驻企业", "名称"),
        cells.parse_text,
        example="杭州某某智能科技有限公司",
        width=26,
    ),
    Column(
        "start_on",
        "入驻日期",
        ("入驻时间", "开始日期", "起租日期"),
        cells.parse_date,
        required=True,
        example=dt.date(2024, 3, 1),
    ),
    Column(
        "end_on",
        "到期日期",
        ("租约到期", "结束日期", "退出日期", "到期时间"),
        cells.parse_date,
        example=dt.date(2027, 2, 28),
    ),
    Column("area_m2", "入驻面积", ("面积", "租用面积", "使用面积"), example=Decimal("186.5"), **AREA),  # type: ignore[arg-type]
    Column("spaces", "房号", ("空间编号", "房间号", "所在房间"), cells.parse_text, example="A-301、A-302"),
    Column(
        "status",
        "状态",
        ("孵化状态", "企业状态"),
        chooser(STATUS_LABELS),
        example="在孵",
        choices=tuple(STATUS_LABELS),
    ),
    Column("graduated_on", "毕业日期", ("毕业时间",), cells.parse_date, example=None),
    Column("criterion", "毕业条件", ("毕业依据", "毕业标准"), cells.parse_text, example=""),
    # the tenant's industry (its incubation limit where the rule sets one) and founding date (age on entry)
    Column("sector", "行业", ("所属行业", "产业领域"), cells.parse_text, example="集成电路"),
    Column(
        "founded_on", "企业成立日期", ("成立日期", "注册日期"), cells.parse_date, example=dt.date(2023, 10, 8)
    ),
    Column("note", "备注", ("说明",), cells.parse_text, example=""),
)

USAGE_COLUMNS = (
    CARRIER_COL,
    Column(
        "month",
        "月份",
        ("月度", "统计月份", "年月", "报告月份"),
        cells.parse_month,
        required=True,
        example="2025-03",
    ),
    Column(
        "occupied_area_m2",
        "已使用面积",
        ("使用面积", "占用面积", "已出租面积", "在用面积"),
        required=True,
        example=Decimal("9120"),
        **AREA,  # type: ignore[arg-type]
    ),
    Column(
        "tenants",
        "在孵企业数",
        ("在孵企业", "入驻企业数", "企业数"),
        cells.parse_firms,
        required=True,
        example=52,
    ),
    Column("new_tenants", "新入驻", ("新入驻企业", "本月新增", "新增企业"), cells.parse_firms, example=3),
    Column("graduated", "毕业", ("毕业企业", "本月毕业"), cells.parse_firms, example=1),
    Column("left", "退出", ("退出企业", "本月退出", "迁出"), cells.parse_firms, example=0),
    Column("employees", "从业人员", ("从业人数", "员工人数", "就业人数"), cells.parse_people, example=640),
)


# --- tenancies ---------------------------------------------------------------------------------------


def _enterprise_id(session: Session, uscc: str, name: str | None) -> tuple[int, Changes]:
    code = enterprise_services.validate_uscc(uscc)
    eid = session.scalar(select(Enterprise.id).where(Enterprise.uscc == code))
    if eid is not None:
        return eid, Changes()
    if not name:
        raise DomainError("incubation.unknown_enterprise_uscc", uscc=code)
    ch = enterprise_services.create_enterprise(session, uscc=code, name=name)
    return ch.ids[0], ch


def _space_ids(session: Session, carrier_id: int, text: str | None) -> list[int]:
    ids = []
    for code in cells.split_codes(text or ""):
        sid = session.scalar(select(Space.id).where(Space.carrier_id == carrier_id, Space.code == code))
        if sid is None:
            raise DomainError("incubation.unknown_space", code=code)
        ids.append(sid)
    return ids


def load_tenancies(session: Session, rows: list[SourceRow], ctx: ImportContext) -> LoadOutcome:
    ld = RowLoader(session, ctx)
    for row in rows:
        cid = ld.carrier(row)
        if cid is None:
            continue

        def op(cid: int = cid, row: SourceRow = row) -> Changes:
            eid, made = _enterprise_id(session, row.get("uscc"), row.get("enterprise"))
            values: dict[str, Any] = dict(
                enterprise_id=eid,
                start_on=row.get("start_on"),
                end_on=row.get("end_on"),
                space_ids=_space_ids(session, cid, row.get("spaces")),
                area_m2=row.get("area_m2"),
                status=row.get("status", "incubating"),
                graduated_on=row.get("graduated_on"),
                graduation_criterion=row.get("criterion", ""),
                note=row.get("note", ""),
                sector=row.get("sector", "") or "",
                founded_on=row.get("founded_on"),
            )
            tid = session.scalar(
                select(Tenancy.id).where(
                    Tenancy.carrier_id == cid,
                    Tenancy.enterprise_id == eid,
                    Tenancy.start_on == values["start_on"],
                )
            )
            if tid is None:
                return services.create_tenancy(session, carrier_id=cid, **values) | Changes(
                    made.areas, ids=made.ids
                )
            return services.update_tenancy(session, tenancy_id=tid, version=None, **values)

        ld.apply(row, None, op)
    return ld.outcome()


def dump_tenancies(session: Session, ctx: ExportContext) -> Iterable[Mapping[str, Any]]:
    ids = carrier_filter(session, ctx)
    stmt = where_carrier(
        select(Tenancy, Carrier.name, Enterprise.uscc, Enterprise.name)
        .join(Carrier, Carrier.id == Tenancy.carrier_id)
        .join(Enterprise, Enterprise.id == Tenancy.enterprise_id)
        .order_by(Carrier.name, Tenancy.start_on, Enterprise.name),
        ids,
        Carrier.id,
    )
    codes: dict[int, list[str]] = {}
    for tid, code in session.execute(
        select(TenancySpace.tenancy_id, Space.code)
        .join(Space, Space.id == TenancySpace.space_id)
        .order_by(Space.code)
    ):
        codes.setdefault(tid, []).append(code)
    statuses = label_of(STATUS_LABELS)
    for t, cname, uscc, ename in session.execute(stmt):
        yield {
            "carrier": cname,
            "uscc": uscc,
            "enterprise": ename,
            "start_on": t.start_on,
            "end_on": t.end_on,
            "area_m2": t.area_m2,
            "spaces": "、".join(codes.get(t.id, [])),
            "status": statuses.get(t.status, t.status),
            "graduated_on": t.graduated_on,
            "criterion": t.graduation_criterion,
            "sector": t.sector or "",
            "founded_on": t.founded_on,
            "note": t.note or "",
        }


# --- usage reports -----------------------------------------------------------------------------------


def load_usage(session: Session, rows: list[SourceRow], ctx: ImportContext) -> LoadOutcome:
    ld = RowLoader(session, ctx)
    seen: dict[tuple[int, dt.date], int] = {}
    for row in rows:
        cid = ld.carrier(row)
        month = row.get("month")
        if cid is None or month is None:
            continue
        if (cid, month) in seen:
            ctx.problem(
                row, "month", "incubation.duplicate_month_in_file", month=month, first_row=seen[cid, month]
            )
            continue
        seen[cid, month] = row.row
        values: dict[str, Any] = dict(
            occupied_area_m2=row.get("occupied_area_m2"),
            tenants=row.get("tenants"),
            new_tenants=row.get("new_tenants", 0),
            graduated=row.get("graduated", 0),
            left=row.get("left", 0),
            employees=row.get("employees", 0),
        )

        def op(cid: int = cid, month: dt.date = month, values: dict[str, Any] = values) -> Changes:
            return services.save_usage_report(session, carrier_id=cid, month=month, replace=True, **values)

        ld.apply(row, None, op)
    return ld.outcome()


def _month_option(value: Any) -> dt.date | None:
    if value in (None, ""):
        return None
    try:
        return cells.parse_month(value, CellContext())
    except CellError as exc:
        raise DomainError(exc.code, **exc.fields) from None


def dump_usage(session: Session, ctx: ExportContext) -> Iterable[Mapping[str, Any]]:
    """Options: ``carrier`` (name or code), ``month`` (one month, any spelling), ``year``."""
    ids = carrier_filter(session, ctx)
    stmt = where_carrier(
        select(UsageReport, Carrier.name)
        .join(Carrier, Carrier.id == UsageReport.carrier_id)
        .order_by(Carrier.name, UsageReport.month),
        ids,
        Carrier.id,
    )
    month = _month_option(ctx.options.get("month"))
    if month is not None:
        stmt = stmt.where(UsageReport.month == month)
    year = ctx.options.get("year")
    if year:
        stmt = stmt.where(
            UsageReport.month >= dt.date(int(year), 1, 1), UsageReport.month <= dt.date(int(year), 12, 1)
        )
    for r, cname in session.execute(stmt):
        yield {
            "carrier": cname,
            "month": f"{r.month:%Y-%m}",
            "occupied_area_m2": r.occupied_area_m2,
            "tenants": r.tenants,
            "new_tenants": r.new_tenants,
            "graduated": r.graduated,
            "left": r.left,
            "employees": r.employees,
        }
