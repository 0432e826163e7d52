"""Sheets of the annual report (``landspace report YEAR FILE``): carriers' year in figures,
monthly occupancy by platform, vacancy by platform, and the national criteria."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from decimal import Decimal

from sqlalchemy.orm import Session

from models.errors import Problem
from models.exchange.report_spec import ReportChart, ReportSheet
from models.incubation import queries
from models.incubation.exchange_common import KIND_LABELS, LEVEL_LABELS, label_of
from models.incubation.occupancy import monthly_occupancy, rate
from models.incubation.qualification import qualify
from models.incubation.seed import NATIONAL_DOC
from models.incubation.usage import month_counts, vacancy_by_platform

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
        rows.append((c.name, c.platform_name, kinds.get(c.kind, c.kind), levels.get(c.level, ""), c.usable_area_m2,
                     _pct(rate(*by_carrier[c.id])), c.tenants, sum(f.new_tenants for f in flows),
                     sum(f.graduated for f in flows), sum(f.left for f in flows)))
    sheets = [ReportSheet(
        "孵化载体", Problem("report.incubation.usage", {"year": year}, "info"),
        ("载体名称", "所属平台", "类型", "级别", "可使用面积（㎡）", "年均使用率（%）", "年末在孵企业（家）",
         "新入驻（家）", "毕业（家）", "退出（家）"),
        tuple(rows), total_row=True,
        totals={5: _pct(rate(sum((v[0] for v in by_carrier.values()), Decimal(0)),
                             sum((v[1] for v in by_carrier.values()), Decimal(0))))},
        chart=ReportChart("bar", "年均使用率", 0, (5,), "%"),
        notes=("使用率按入驻台账逐日折算（日均占用面积 ÷ 可使用面积）。",),
    )]
    platforms = sorted({platform_of[i] for i in ids})
    sheets.append(ReportSheet(
        "载体月度使用率", Problem("report.incubation.monthly", {"year": year}, "info"), ("月份", *platforms),
        tuple((f"{m:%Y-%m}", *(_pct(rate(*by_platform[p, m])) for p in platforms)) for m in months),
        chart=ReportChart("line", "各平台月度使用率", 0, tuple(range(1, len(platforms) + 1)), "%"),
    ))
    vac = vacancy_by_platform(session, on=on)
    sheets.append(ReportSheet(
        "载体空置", Problem("report.incubation.vacancy", {"on": on}, "info"),
        ("平台", "载体数", "可使用面积（㎡）", "已使用面积（㎡）", "空置面积（㎡）", "空置率（%）"),
        tuple((v.platform_name, v.carriers, v.usable_area_m2, v.occupied_m2, v.vacant_m2, _pct(v.vacancy_rate))
              for v in vac), total_row=True, total_ratios={5: (4, 2)},  # Σ空置 ÷ Σ可使用
        chart=ReportChart("bar", "空置面积", 0, (4,), "㎡"),
    ))
    quals = [q for q in qualify(session, [c.id for c in carriers if c.qualification], on=on)]
    if quals:
        sheets.append(ReportSheet(
            "国家级孵化器条件", Problem("report.incubation.national", {"on": on}, "info"),
            ("载体名称", "场地面积（㎡）", "在孵企业使用占比（%）", "在孵企业（家）", "每千㎡在孵企业（家）",
             "累计毕业（家）", "超期在孵（家）", "结论"),
            tuple((q.carrier_name, *(_pct(c.actual) if c.key == "use_ratio" else c.actual for c in q.criteria),
                   "符合" if q.met else "不符合：" + "、".join(_CRITERIA[c.key] for c in q.failed)) for q in quals),
            notes=(f"依据 {NATIONAL_DOC}《科技企业孵化器管理办法》第十条、第十一条；数值取自入驻台账。",),
        ))
    return sheets


_CRITERIA = {"area": "场地面积", "use_ratio": "在孵企业使用占比", "tenants": "在孵企业数", "density": "每千㎡在孵企业",
             "graduates": "累计毕业企业", "clock": "孵化期限"}
