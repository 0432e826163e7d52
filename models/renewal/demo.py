"""Demo: a dozen vacate-and-replace cases at different stages, on the land helper's plots
when there are any (else on demo plots added here), old firms taken from the D/C classes."""

from __future__ import annotations

import datetime as dt
import random
from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.orm import Session

from models.efficiency.entities import EfficiencyResult
from models.enterprises.entities import Enterprise
from models.land.entities import Plot
from models.policy.entities import Platform
from models.renewal import services as S
from models.renewal.entities import RenewalProject
from models.units import AreaUnit, to_m2

# final stage of each case, in order
PLAN = (
    "identified",
    "identified",
    "negotiated",
    "negotiated",
    "vacated",
    "vacated",
    "resupplied",
    "building",
    "building",
    "producing",
    "checked",
    "stopped",
)
NAMES = (
    "纺织厂",
    "砖瓦厂",
    "五金作坊",
    "塑料制品厂",
    "竹木加工厂",
    "铸造厂",
    "印染车间",
    "建材厂",
    "小化工",
    "废旧仓库",
    "机械配件厂",
    "饲料厂",
)
NEW = (
    "智能装备产业园",
    "集成电路封测项目",
    "生物医药中试基地",
    "精密制造小微园",
    "新能源部件项目",
    "高端传感器项目",
)


def _plots(session: Session, rng: random.Random, n: int) -> list[Plot]:
    plots = list(session.scalars(select(Plot).where(Plot.land_source == "existing").order_by(Plot.id)))
    if len(plots) >= n:
        return rng.sample(plots, n)
    platforms = list(session.scalars(select(Platform.id).order_by(Platform.priority)))
    have = {p.code for p in session.scalars(select(Plot))}
    for i in range(n - len(plots)):
        code = f"TL-DK-{i + 1:03d}"
        if code in have:
            continue
        plot = Plot(
            code=code,
            name=f"腾退地块{i + 1}",
            platform_id=platforms[i % len(platforms)],
            land_use="0601",
            cert_area_m2=to_m2(Decimal(rng.randint(8, 80)), AreaUnit.MU),
            land_source="existing",
            status="低效",
        )
        session.add(plot)
        plots.append(plot)
    session.flush()
    return plots[:n]


def seed_demo(session: Session, rng: random.Random) -> None:
    if session.scalar(select(RenewalProject.id).limit(1)) is not None:
        return
    low = list(
        session.scalars(
            select(EfficiencyResult.enterprise_id)
            .where(EfficiencyResult.year == 2022, EfficiencyResult.klass.in_(("C", "D")))
            .order_by(EfficiencyResult.score)
        )
    )
    good = list(
        session.scalars(
            select(EfficiencyResult.enterprise_id)
            .where(EfficiencyResult.year == 2024, EfficiencyResult.klass.in_(("A", "B")))
            .order_by(EfficiencyResult.score.desc())
        )
    )
    if not low:
        low = list(session.scalars(select(Enterprise.id).order_by(Enterprise.id)))
    plots = _plots(session, rng, len(PLAN))
    for i, final in enumerate(PLAN):
        plot = plots[i]
        old = low[i % len(low)] if low else None
        new = good[i % len(good)] if good and final in ("producing", "checked", "building") else None
        start = dt.date(2023, 1, 1) + dt.timedelta(days=(len(PLAN) - 1 - i) * 35 + rng.randint(0, 30))
        treatment = "upgrade" if i % 5 == 1 else "phase_out" if i % 7 == 3 else "vacate"
        area = plot.cert_area_m2
        S.create_project(
            session,
            code=f"TLHN-{start.year}-{i + 1:03d}",
            name=f"{NAMES[i]}腾笼换鸟",
            identified_on=start,
            plot_ids=(plot.id,),
            platform_id=plot.platform_id,
            old_enterprise_id=old,
            new_enterprise_id=new,
            new_project=NEW[i % len(NEW)] if final not in ("identified", "negotiated", "stopped") else "",
            low_eff_kind=rng.choice(("用而未尽", "投而未达标", "C/D类企业", "建而未投")),
            treatment=treatment,
            compensation=Decimal(rng.randint(3, 40) * 100) if treatment != "upgrade" else None,
            plot_ratio_before=Decimal(rng.choice(("0.6", "0.8", "1.0"))),
            firms_out=1 if final not in ("identified", "negotiated") else 0,
        )
        pid = session.scalar(select(RenewalProject.id).order_by(RenewalProject.id.desc()).limit(1))
        assert pid is not None
        on = start
        order = [s.value for s in S.ORDER]
        target = order.index(final) if final != "stopped" else 1
        for stage in order[1 : target + 1]:
            on += dt.timedelta(days=rng.randint(40, 110))
            S.advance_stage(
                session,
                project_id=pid,
                stage=stage,
                on_date=on,
                supply_method=rng.choice(("标准地", "弹性年期", "先租后让", "小微园"))
                if stage == "resupplied"
                else None,
            )
        if final == "stopped":
            S.advance_stage(
                session,
                project_id=pid,
                stage="stopped",
                on_date=on + dt.timedelta(days=90),
                reason="企业承诺原地提升，转入提升改造跟踪",
            )
        if final in ("building", "producing", "checked"):
            ratio = Decimal(rng.choice(("1.8", "2.0", "2.5")))
            S.update_project(
                session,
                project_id=pid,
                plot_ratio_after=ratio,
                firms_in=rng.randint(1, 4),
                floor_area_added_m2=(area * (ratio - Decimal("0.8"))).quantize(Decimal("1"))
                if area is not None
                else None,
                investment=Decimal(rng.randint(50, 400) * 100),
            )
