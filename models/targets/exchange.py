"""Exchange kind ``statistics`` (统计数据): figures only the statistics bureau has, such as
制造业投资, or its official 规上工业总产值 by platform and industry chain.

One row per year, scope and indicator; the scope is a platform (code or name; blank:
the district) and optionally an industry chain. Importing the same file twice changes
nothing; a new value for the same year, scope and indicator replaces the old one.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from models.changes import Changes
from models.exchange import parsers
from models.exchange.spec import (
    CellContext,
    CellError,
    Column,
    ExportContext,
    ImportContext,
    Kind,
    LoadOutcome,
    SourceRow,
)
from models.policy.entities import Platform
from models.policy.queries import platform_index
from models.targets.entities import Statistic
from models.targets.services import find_statistic, record_statistic

UNITS = ("亿元", "万元", "元", "%", "个", "家", "人")


def parse_unit(value: Any, ctx: CellContext) -> str:
    text = parsers.parse_text(value, ctx)
    if text not in UNITS:
        raise CellError("targets.unit_unknown", value=text, units="、".join(UNITS))
    return text


COLUMNS = (
    Column(
        "year", "年度", ("年份", "统计年度"), parse=parsers.parse_year, required=True, example=2024, width=8
    ),
    Column(
        "platform",
        "平台",
        ("平台代码", "平台名称", "园区"),
        parse=parsers.parse_text,
        example="QSH",
        width=16,
    ),
    Column("chain", "产业链", ("产业集群", "链"), parse=parsers.parse_text, example="", width=12),
    Column(
        "indicator",
        "指标",
        ("指标名称", "统计指标"),
        parse=parsers.parse_text,
        required=True,
        example="制造业投资",
        width=20,
    ),
    Column(
        "value",
        "数值",
        ("数据", "值", "本年数"),
        parse=parsers.parse_decimal,
        required=True,
        example=162.9,
        width=12,
    ),
    Column(
        "unit", "单位", ("计量单位",), parse=parse_unit, required=True, example="亿元", choices=UNITS, width=8
    ),
    Column(
        "source_department",
        "来源部门",
        ("来源", "数据来源", "提供部门"),
        parse=parsers.parse_text,
        example="临安区统计局",
        width=18,
    ),
    Column("note", "备注", ("说明",), parse=parsers.parse_text, width=30),
)


def load_statistics(session: Session, rows: list[SourceRow], ctx: ImportContext) -> LoadOutcome:
    platforms = platform_index(session)
    seen: dict[tuple[int, int | None, str, str], int] = {}
    created = updated = unchanged = 0
    for row in rows:
        year, indicator, value, unit = (
            row.get("year"),
            row.get("indicator"),
            row.get("value"),
            row.get("unit"),
        )
        if year is None or indicator is None or value is None or unit is None:
            continue
        label = (row.get("platform") or "").strip()
        platform_id = platforms.get(label) if label else None
        if label and platform_id is None:
            ctx.problem(row, "platform", "platform.unknown", code=label)
            continue
        chain = row.get("chain", "")
        key = (year, platform_id, chain, indicator)
        if key in seen:
            ctx.problem(
                row,
                "indicator",
                "targets.duplicate_statistic",
                year=year,
                indicator=indicator,
                first_row=seen[key],
            )
            continue
        seen[key] = row.row
        existing = find_statistic(
            session, year=year, indicator=indicator, platform_id=platform_id, chain=chain
        )
        changes = record_statistic(
            session,
            year=year,
            indicator=indicator,
            value=value,
            unit=unit,
            platform_id=platform_id,
            chain=chain,
            source_department=row.get("source_department", ""),
            note=row.get("note", ""),
        )
        if existing is None:
            created += 1
        elif changes.updated:
            updated += 1
        else:
            unchanged += 1
    return LoadOutcome(
        created=created,
        updated=updated,
        unchanged=unchanged,
        changes=Changes.of("targets", created=created, updated=updated),
    )


def dump_statistics(session: Session, ctx: ExportContext) -> Iterable[Mapping[str, Any]]:
    codes = {k: v for k, v in session.execute(select(Platform.id, Platform.code))}
    stmt = select(Statistic).order_by(
        Statistic.indicator, Statistic.platform_id, Statistic.chain, Statistic.year
    )
    for s in session.scalars(stmt):
        yield {
            "year": s.year,
            "platform": codes.get(s.platform_id, "") if s.platform_id else "",
            "chain": s.chain,
            "indicator": s.indicator,
            "value": s.value,
            "unit": s.unit,
            "source_department": s.source_department,
            "note": s.note,
        }


KINDS = (
    Kind(
        name="statistics",
        title="统计数据",
        area="targets",
        columns=COLUMNS,
        load=load_statistics,
        dump=dump_statistics,
    ),
)
