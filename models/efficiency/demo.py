"""Demo: three years (2022–2024) of efficiency records for the register's enterprises, each
year evaluated. Enterprises come from the register (models.enterprises.demo); when it holds
fewer than 30, demo enterprises are added so the page has something to grade.

Two things of the rules show in it (issue 13):

* **missing data**: a few 规上 firms reported no emission figure for 2024
  (``MISSING_EMISSIONS``); each scores the average score of its group on that item, not the
  score of the group's average value;
* **evaluation by industry**: a second, dated version of the rule set (``INDUSTRY_RULE``,
  adopted 2025-01-01 for data years from 2024) grades 规上 firms within their industry chain,
  so 2024's data (evaluated in 2025) is ranked and classed per chain while 2022 and 2023 keep
  the first version. No document of the register says so for Lin'an: the version is an
  example, marked 示例（无文件依据） with its source.
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import replace
from decimal import Decimal

from sqlalchemy import insert, select
from sqlalchemy.orm import Session

from models.efficiency import rules as R
from models.efficiency.entities import EfficiencyRecord
from models.efficiency.services import evaluate_year, save_rule_set
from models.enterprises.entities import Enterprise
from models.land.entities import Plot
from models.policy.entities import Platform
from models.units import AreaUnit, to_m2
from models.uscc import check_char

YEARS = (2022, 2023, 2024)
MISSING_EMISSIONS = (2024, 3)  # the year, and how many 规上 firms left their emission figure out

# The demo's second rule version: 规上 graded within each industry chain from data year 2024.
INDUSTRY_RULE_FROM = dt.date(2025, 1, 1)
INDUSTRY_DATA_FROM = 2024
INDUSTRY_RULE_TITLE = "亩均效益评价规则（示例：规上企业按产业链分组评价）"
INDUSTRY_RULE_SOURCE = (
    "LandSpace 演示示例：部分县按行业分组评价（本区及登记文件均无此规定，未核实具体文件）；其余沿用黄岩示例"
)
_NAMES = (
    "精工机械",
    "芯源微电子",
    "康宁生物",
    "华锐装备",
    "青山纺织",
    "临安五金",
    "天目新材",
    "锦程电器",
    "恒达塑胶",
    "博远医疗",
    "智联传感",
    "明光照明",
    "益康制药",
    "长风汽配",
    "瑞达包装",
    "正泰线缆",
    "优能电池",
    "绿源环保",
    "金石建材",
    "宏图印务",
    "新越光电",
    "安泰精密",
    "德欣化工",
    "昊天阀门",
    "联创智造",
    "佳禾食品",
    "东升铸造",
    "科华仪器",
    "万向轴承",
    "星辰半导体",
    "汇丰竹木",
    "永固机电",
    "通达物流装备",
    "嘉诚服饰",
    "润泽医疗器械",
    "普瑞检测",
)


def _q(value: float, places: str = "0.01") -> Decimal:
    return Decimal(str(round(value, 6))).quantize(Decimal(places))


def _ensure_enterprises(session: Session, rng: random.Random) -> list[int]:
    ids = list(session.scalars(select(Enterprise.id).order_by(Enterprise.id)))
    if len(ids) >= 30:
        return ids
    platforms = list(session.scalars(select(Platform.id).order_by(Platform.priority)))
    have = set(session.scalars(select(Enterprise.uscc)))
    for i, name in enumerate(_NAMES):
        body = f"91330112MA2E{i:05d}"
        code = body + check_char(body)
        if code in have:
            continue
        ent = Enterprise(
            uscc=code,
            name=f"杭州{name}有限公司",
            platform_id=platforms[i % len(platforms)],
            industry_chain=rng.choice(("高端装备", "集成电路", "生命健康", "其他")),
        )
        session.add(ent)
        session.flush()
        ids.append(ent.id)
    return ids


def seed_demo(session: Session, rng: random.Random) -> None:
    """Adds nothing when efficiency records exist (a demo run again stays the same demo)."""
    if session.scalar(select(EfficiencyRecord.id).limit(1)) is not None:
        return
    ids = _ensure_enterprises(session, rng)
    existing: set[tuple[int, int]] = set()
    rows = []
    protected: list[int] = []
    for eid in ids:
        mu = _q(5 * (30 ** rng.random()), "0.1")  # 5–150 亩, most of them small
        above = rng.random() < 0.7 or mu > 60
        tax_per_mu = rng.lognormvariate(2.0, 0.9)  # median ≈ 7 万元/亩, long tail to ~50
        tax_per_mu = min(tax_per_mu, 50.0)
        employees = max(8, int(float(mu) * rng.uniform(1.5, 6)))
        roll = rng.random()
        status = (
            "exempt"
            if roll < 0.04
            else "protected"
            if roll < 0.09
            else "leasing"
            if roll < 0.13
            else "normal"
        )
        if status == "protected":
            protected.append(eid)
        start = dt.date(rng.choice((2022, 2023)), rng.randint(1, 12), 1)
        trend = rng.uniform(-0.15, 0.2)
        for k, year in enumerate(YEARS):
            if (eid, year) in existing:
                continue
            f = (1 + trend) ** k * rng.uniform(0.9, 1.1)
            tax = tax_per_mu * float(mu) * f
            va = tax * rng.uniform(3.5, 6.5)
            revenue = va * rng.uniform(3, 5)
            energy = float(mu) * rng.uniform(5, 60)
            rows.append(
                {
                    "enterprise_id": eid,
                    "year": year,
                    "above_scale": above,
                    "land_area_m2": None if status == "leasing" else to_m2(mu, AreaUnit.MU),
                    "tax": _q(tax),
                    "value_added": _q(va),
                    "output": _q(revenue * 1.05),
                    "main_revenue": _q(revenue),
                    "energy_tce": _q(energy),
                    "emissions_t": _q(energy * rng.uniform(0.005, 0.03), "0.001"),
                    "electricity_mwh": _q(energy * rng.uniform(0.6, 1.0)),
                    "rd_spending": _q(revenue * rng.uniform(0, 0.06)) if above else None,
                    "employees": int(employees * rng.uniform(0.9, 1.1)),
                    "status": status,
                    "protection_from": start if status == "protected" else None,
                    "protection_to": start.replace(year=start.year + 3) if status == "protected" else None,
                    "note": "",
                    "version": 1,
                }
            )
    if rows:
        session.execute(insert(EfficiencyRecord), rows)
        session.flush()
    _reviewed_holder(session, protected)
    _missing_emissions(session)
    _industry_rule(session)
    for year in YEARS:
        evaluate_year(session, year=year)


def _missing_emissions(session: Session) -> None:
    """The first few graded 规上 firms (by id) leave out the year's emission figure."""
    year, n = MISSING_EMISSIONS
    r = EfficiencyRecord
    records = session.scalars(
        select(r)
        .where(r.year == year, r.above_scale.is_(True), r.status == "normal", r.land_area_m2.is_not(None))
        .order_by(r.enterprise_id)
        .limit(n)
    )
    for rec in records:
        rec.emissions_t = None
        rec.note = "未报送排放数据"
    session.flush()


def _industry_rule(session: Session) -> None:
    """The example rule version grading 规上 firms by industry chain (data years from 2024)."""
    base = R.example_rule_set()
    rule_set = replace(base, data_year_from=INDUSTRY_DATA_FROM, industry_groups=("above",))
    save_rule_set(
        session,
        rule_set=rule_set,
        effective_from=INDUSTRY_RULE_FROM,
        document_no="",
        title=INDUSTRY_RULE_TITLE,
        note="示例：规上企业在各自产业链内计算基准值、排名和分类比例；适用 2024 年起数据（2025 年评价）。",
        is_example=True,
        example_source=INDUSTRY_RULE_SOURCE,
    )


def _reviewed_holder(session: Session, protected: list[int]) -> None:
    """The land demo's plot past its 达产复核 goes to a firm in its protection period: the
    review ends the protection, so that firm is graded from the review's year on."""
    plot = session.scalar(
        select(Plot)
        .where(Plot.production_reviewed_on.is_not(None), Plot.holder_id.is_(None))
        .order_by(Plot.code)
        .limit(1)
    )
    if plot is not None and protected:
        plot.holder_id = protected[0]
        session.flush()
