"""Sheets of the annual report (``landspace report YEAR FILE``): carriers' year in figures,
monthly occupancy by platform, vacancy by platform, and the national criteria."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from decimal import Decimal
from typing import Any

from sqlalchemy.orm import Session

from models.errors import Problem
from models.exchange.report_spec import ReportChart, ReportSheet
from models.incubation import queries
from models.incubation.exchange_common import KIND_LABELS, LEVEL_LABELS, label_of
from models.incubation.occupancy import monthly_occupancy, rate
from models.incubation.qualification import qualify
from models.incubation.usage import month_counts, vacancy_by_platform
from models.policy.documents import basis_of

_P = Decimal("0.1")


def _pct(value: Decimal | None) -> Decimal | None:
    return None if value is None else (value * 100).quantize(_P)


def report_sheets(session: Session, year: int) -> list[ReportSheet]:
    on = min(dt.date(year, 12, 31), dt.date.today())
    carriers = queries.list_carriers(session, on=on)
    if not carriers:
        return []
    ids = [c.id for c in carriers]
    first, last = dt.date(year, 1, 1), dt.date(year, 12, 1)
    occ = monthly_occupancy(session, first=first, last=last, carrier_ids=ids)
    months = sorted({o.month for o in occ})
    counts = month_counts(session, ids, months)
    by_carrier: dict[int, list[Decimal]] = defaultdict(lambda: [Decimal(0), Decimal(0)])
    by_platform: dict[tuple[str, dt.date], list[Decimal]] = defaultdict(lambda: [Decimal(0), Decimal(0)])
    platform_of = {c.id: c.platform_name for c in carriers}
    for o in occ:
        by_carrier[o.carrier_id][0] += o.prorated_occupied_m2
        by_carrier[o.carrier_id][1] += o.usable_area_m2
        p = by_platform[platform_of[o.carrier_id], o.month]
        p[0] += o.prorated_occupied_m2
        p[1] += o.usable_area_m2
    kinds, levels = label_of(KIND_LABELS), label_of(LEVEL_LABELS)
    rows = []
    for c in carriers:
        flows = [counts[c.id, m] for m in months]
        rows.append(
            (
                c.name,
                c.platform_name,
                kinds.get(c.kind, c.kind),
                levels.get(c.level, ""),
                c.usable_area_m2,
                _pct(rate(*by_carrier[c.id])),
                c.tenants,
                sum(f.new_tenants for f in flows),
                sum(f.graduated for f in flows),
                sum(f.left for f in flows),
            )
        )
    sheets = [
        ReportSheet(
            "孵化载体",
            Problem("report.incubation.usage", {"year": year}, "info"),
            (
                "载体名称",
                "所属平台",
                "类型",
                "级别",
                "可使用面积（㎡）",
                "年均使用率（%）",
                "年末在孵企业（家）",
                "新入驻（家）",
                "毕业（家）",
                "退出（家）",
            ),
            tuple(rows),
            total_row=True,
            totals={
                5: _pct(
                    rate(
                        sum((v[0] for v in by_carrier.values()), Decimal(0)),
                        sum((v[1] for v in by_carrier.values()), Decimal(0)),
                    )
                )
            },
            chart=ReportChart("bar", "年均使用率", 0, (5,), "%"),
            notes=("使用率按入驻台账逐日折算（日均占用面积 ÷ 可使用面积）。",),
        )
    ]
    platforms = sorted({platform_of[i] for i in ids})
    sheets.append(
        ReportSheet(
            "载体月度使用率",
            Problem("report.incubation.monthly", {"year": year}, "info"),
            ("月份", *platforms),
            tuple((f"{m:%Y-%m}", *(_pct(rate(*by_platform[p, m])) for p in platforms)) for m in months),
            chart=ReportChart("line", "各平台月度使用率", 0, tuple(range(1, len(platforms) + 1)), "%"),
        )
    )
    vac = vacancy_by_platform(session, on=on)
    sheets.append(
        ReportSheet(
            "载体空置",
            Problem("report.incubation.vacancy", {"on": on}, "info"),
            ("平台", "载体数", "可使用面积（㎡）", "已使用面积（㎡）", "空置面积（㎡）", "空置率（%）"),
            tuple(
                (
                    v.platform_name,
                    v.carriers,
                    v.usable_area_m2,
                    v.occupied_m2,
                    v.vacant_m2,
                    _pct(v.vacancy_rate),
                )
                for v in vac
            ),
            total_row=True,
            total_ratios={5: (4, 2)},  # Σ空置 ÷ Σ可使用
            chart=ReportChart("bar", "空置面积", 0, (4,), "㎡"),
        )
    )
    quals = [q for q in qualify(session, [c.id for c in carriers if c.qualification], on=on)]
    if quals:
        # one column per criterion any carrier has (a 专业孵化器 adds the industry share, the
        # age-on-entry rule adds its count), in a fixed order; blank where a carrier has none
        keys = [k for k in _CRITERIA if any(c.key == k for q in quals for c in q.criteria)]
        excellent = any(q.excellent for q in quals)

        def value(q: Any, key: str) -> Any:
            c = next((c for c in q.criteria if c.key == key), None)
            return (
                None if c is None else _pct(c.actual) if key in ("use_ratio", "industry_share") else c.actual
            )

        def verdict(q: Any) -> str:
            text = "符合" if q.met else "不符合：" + "、".join(_CRITERIA.get(c.key, c.key) for c in q.failed)
            if q.excellent_met is not None:
                text += "；卓越级" + ("符合" if q.excellent_met else "不符合")
            return text

        bases = sorted({basis_of(c.citation) for q in quals for c in (*q.criteria, *q.excellent)})
        sheets.append(
            ReportSheet(
                "孵化器认定条件",
                Problem("report.incubation.national", {"on": on}, "info"),
                ("载体名称", *(_HEADERS[k] for k in keys), "结论"),
                tuple((q.carrier_name, *(value(q, k) for k in keys), verdict(q)) for q in quals),
                notes=(
                    Problem("report.note.incubation_basis", {"bases": "；".join(bases)}, "info"),
                    *(("卓越级门槛为示例值（无文件依据），见各规则的示例来源。",) if excellent else ()),
                ),
            )
        )
    return sheets


_CRITERIA = {
    "area": "场地面积",
    "use_ratio": "在孵企业使用占比",
    "tenants": "在孵企业数",
    "density": "每千㎡在孵企业",
    "graduates": "累计毕业企业",
    "clock": "孵化期限",
    "industry_share": "同一产业领域占比",
    "entry_age": "入孵时企业成立时间",
}
_HEADERS = {
    "area": "场地面积（㎡）",
    "use_ratio": "在孵企业使用占比（%）",
    "tenants": "在孵企业（家）",
    "density": "每千㎡在孵企业（家）",
    "graduates": "累计毕业（家）",
    "clock": "超期在孵（家）",
    "industry_share": "同一产业领域占比（%）",
    "entry_age": "入孵时成立超时（家）",
}
