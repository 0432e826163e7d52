"""Sheets of the annual report: buildings against their caps, and the year's transfers."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from decimal import Decimal

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from models.buildings import queries
from models.buildings.entities import Transfer
from models.buildings.ratio import pct
from models.errors import Problem
from models.exchange.report_spec import ReportChart, ReportSheet
from models.policy.seed import POLICY_DOC

SEVERITY = {"ok": "正常", "warning": "接近上限", "error": "超过上限", "unknown": "无规则"}


def _sold_after(session: Session, on: dt.date) -> dict[int, Decimal]:
    """Floor area first sold after ``on``, per building (to show the share as it stood then)."""
    stmt = (
        select(Transfer.building_id, func.sum(Transfer.area_m2))
        .where(Transfer.transfer_date > on, Transfer.is_resale.is_(False))
        .group_by(Transfer.building_id)
    )
    return {int(b): a if isinstance(a, Decimal) else Decimal(0) for b, a in session.execute(stmt)}


def report_sheets(session: Session, year: int) -> list[ReportSheet]:
    on = dt.date(year, 12, 31)
    later = _sold_after(session, on)
    buildings = [
        replace(
            b,
            transferred_m2=b.transferred_m2 - later.get(b.id, Decimal(0)),
            ratio=((b.transferred_m2 - later.get(b.id, Decimal(0))) / b.total_m2) if b.total_m2 else b.ratio,
        )
        for b in queries.list_buildings(session, on=on)
    ]
    transfers = [t for t in queries.list_transfers(session) if t.transfer_date.year == year]
    b_rows = tuple(
        (
            b.code,
            b.name,
            b.platform_name,
            b.total_m2,
            b.transferred_m2,
            pct(b.ratio),
            "" if b.cap is None else pct(b.cap),
            b.cap_document,
            SEVERITY[b.severity],
        )
        for b in buildings
    )
    t_rows = tuple(
        (
            t.transfer_date,
            t.building_code,
            t.building_name,
            t.unit_numbers,
            t.buyer_name,
            t.area_m2,
            t.price,
            t.approval_no,
            "再转让" if t.is_resale else "首次转让",
            f"{t.override_document}：{t.override_reason}" if t.overridden else "",
        )
        for t in sorted(transfers, key=lambda t: (t.transfer_date, t.id))
    )
    return [
        ReportSheet(
            "工业楼宇分割转让",
            Problem("report.buildings.ratios", {"year": year}, "info"),
            (
                "楼宇编号",
                "楼宇名称",
                "平台",
                "总建筑面积（㎡）",
                "已转让面积（㎡）",
                "已转让比例（%）",
                "比例上限（%）",
                "上限依据",
                "状态",
            ),
            b_rows,
            total_row=False,
            chart=ReportChart("bar", "已转让比例与上限", 1, (5, 6), "%"),
            notes=(Problem("report.note.buildings_basis", {"document": POLICY_DOC}, "info"),),
        ),
        ReportSheet(
            "楼宇转让记录",
            Problem("report.buildings.transfers", {"year": year}, "info"),
            (
                "转让日期",
                "楼宇编号",
                "楼宇名称",
                "单元",
                "受让企业",
                "面积（㎡）",
                "成交价（万元）",
                "批准文号",
                "类型",
                "越权批准（文号：理由）",
            ),
            t_rows,
            total_row=True,
        ),
    ]
