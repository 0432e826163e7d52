"""Demonstration ledger: 2023–2025 for a district of Lin'an's size.

Per year a block allocation of a few hundred 亩 plus a reward and a 增存挂钩 grant; in
2024 a provincial reserve (省级预留) won for a major integrated-circuit project in the
Science City. Demands per platform are allocated by the priority planner (so the demo
follows 六(十)), uses reach various stages (linked to plots when the land demo made
some), one use is cancelled and returns its quota, and each year has its 增存挂钩
disposal figures (2024 misses its target, to show the what-if deduction).

六(十) as data: the Science City first, the other main platforms as one group, a recipient
that is not a main platform (锦北街道) after them, and a road (其他用地) outside the rule's
order. 预支: in late 2024 the province lets a major project draw 60 亩 in advance; 2025's
reward grant repays 20 亩 of it, so 40 亩 is still owed (a check notice).
"""

from __future__ import annotations

import datetime as dt
import random
from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.orm import Session

from models.land.entities import Plot
from models.policy.entities import Platform
from models.quotas import services
from models.quotas.entities import QuotaGrant
from models.quotas.planner import accept_plan, propose_plan
from models.units import AreaUnit, to_m2

D = dt.date


def _mu(value: int | str) -> Decimal:
    return to_m2(Decimal(value), AreaUnit.MU)


# year, source, 文号, date, 亩, major project
GRANTS = (
    (2023, "区年度计划", "杭规划资源〔2023〕31号", D(2023, 3, 20), 420, ""),
    (2023, "奖励", "杭规划资源〔2023〕96号", D(2023, 8, 15), 35, ""),
    (2024, "区年度计划", "杭规划资源〔2024〕28号", D(2024, 3, 18), 380, ""),
    (2024, "省级预留", "浙自然资函〔2024〕118号", D(2024, 5, 10), 150, "12英寸特色工艺晶圆制造项目"),
    (2024, "增存挂钩", "杭规划资源〔2024〕77号", D(2024, 7, 2), 46, ""),
    (2025, "区年度计划", "杭规划资源〔2025〕25号", D(2025, 3, 14), 360, ""),
    (2025, "市级预留", "杭规划资源函〔2025〕52号", D(2025, 4, 22), 80, "高端医疗器械产业园项目"),
    (2025, "奖励", "杭规划资源〔2025〕88号", D(2025, 8, 5), 30, ""),
)

# A recipient that is not one of the four main platforms (六(十) serves those first)
OTHER_RECIPIENT = ("JB", "锦北街道", "锦北")
ADVANCE = (2024, "省重大项目预支", "浙自然资预〔2024〕6号", D(2024, 10, 15), 60, "新型显示面板产业化项目")
REPAYMENT = ("杭规划资源〔2025〕88号", D(2025, 8, 20), 20, "临自然资〔2025〕31号")

# year, platform code, project, 亩, major
DEMANDS = (
    (2023, "QSH", "智能装备产业园一期", 160, False),
    (2023, "QSH", "新能源汽车零部件项目", 90, False),
    (2023, "GXY", "精密制造标准厂房", 80, False),
    (2023, "LL", "绿色建材项目", 70, False),
    (2023, "YQ", "竹木制品升级项目", 60, False),
    (2024, "QSH", "12英寸特色工艺晶圆制造项目", 150, True),
    (2024, "QSH", "集成电路封测基地", 140, False),
    (2024, "GXY", "生物医药中试基地", 110, False),
    (2024, "LL", "电子材料项目", 90, False),
    (2024, "YQ", "农副产品精深加工", 60, False),
    (2024, "JB", "街道小微企业园", 10, False),
    (2025, "QSH", "高端医疗器械产业园项目", 80, True),
    (2025, "QSH", "人工智能算力中心", 120, False),
    (2025, "QSH", "智能装备产业园二期", 100, False),
    (2025, "GXY", "光电传感器项目", 90, False),
    (2025, "LL", "新材料小微园", 80, False),
    (2025, "YQ", "文旅装备制造项目", 50, False),
)


def seed_demo(session: Session, rng: random.Random) -> None:
    if session.scalar(select(QuotaGrant.id).limit(1)) is not None:
        return  # the ledger already has entries: never add a second demo on top
    code, name, short = OTHER_RECIPIENT
    if session.scalar(select(Platform.id).where(Platform.code == code)) is None:
        session.add(
            Platform(
                code=code,
                name=name,
                short_name=short,
                priority=9,
                is_main=False,
                note="非主平台的指标接收方（演示）",
            )
        )
        session.flush()
    platforms = {p.code: p for p in session.scalars(select(Platform))}
    for year, source, doc, on, area, project in GRANTS:
        services.add_grant(
            session,
            year=year,
            source=source,
            document_no=doc,
            granted_on=on,
            area_m2=_mu(area),
            expires_on=D(year + 1, 12, 31),
            major_project=project,
        )
    for year, code, project, area, major in DEMANDS:
        services.add_demand(
            session,
            year=year,
            platform_id=platforms[code].id,
            project=project,
            area_m2=_mu(area),
            requested_on=D(year, 2, 20),
            is_major=major,
            priority=1 if major else 3,
        )
    services.add_demand(
        session,
        year=2024,
        platform_id=platforms["QSH"].id,
        project="科技城配套道路",
        area_m2=_mu(20),
        requested_on=D(2024, 2, 20),
        priority=1,
        purpose="other",
    )
    allocation_ids: dict[int, list[int]] = {}
    for year in (2023, 2024, 2025):
        on = (
            D(year, 6, 30) if year == 2025 else D(year, 9, 1)
        )  # 2025's reward arrives later: left unallocated
        plan = propose_plan(session, year=year, on=on)
        changes = accept_plan(
            session, lines=plan.lines, allocated_on=on, document_no=f"临政办〔{year}〕{40 + year % 10}号"
        )
        allocation_ids[year] = list(changes.ids)
    year, source, doc, on, area, project = ADVANCE
    advance = services.add_grant(
        session,
        year=year,
        source=source,
        document_no=doc,
        granted_on=on,
        area_m2=_mu(area),
        major_project=project,
        is_advance=True,
    ).ids[0]
    services.allocate_quota(
        session,
        grant_id=advance,
        platform_id=platforms["QSH"].id,
        area_m2=_mu(area),
        allocated_on=on + dt.timedelta(days=5),
        project=project,
        document_no="临政办〔2024〕52号",
    )
    later, repaid_on, repaid, repay_doc = REPAYMENT
    later_id = session.scalar(select(QuotaGrant.id).where(QuotaGrant.document_no == later))
    assert later_id is not None
    services.repay_advance(
        session,
        advance_id=advance,
        grant_id=later_id,
        area_m2=_mu(repaid),
        repaid_on=repaid_on,
        document_no=repay_doc,
    )
    plots = _plots_by_platform(session)
    _uses(session, rng, allocation_ids, plots)
    _stock_and_disposals(session, platforms, plots)


def _plots_by_platform(session: Session) -> dict[tuple[int, str], list[Plot]]:
    """The land demo's plots by (platform, land source: new 新增 / existing 存量), newest first."""
    out: dict[tuple[int, str], list[Plot]] = {}
    for plot in session.scalars(select(Plot).where(Plot.platform_id.is_not(None)).order_by(Plot.code.desc())):
        out.setdefault((plot.platform_id or 0, plot.land_source), []).append(plot)
    return out


def _plot_area(plot: Plot) -> Decimal | None:
    return plot.cert_area_m2 or plot.geom_area_m2


def _take_plot(
    plots: dict[tuple[int, str], list[Plot]], platform_id: int, source: str, at_most: Decimal, year: int
) -> Plot | None:
    """A plot of the platform not yet used whose area fits (its supply is the use), supplied in
    ``year`` or the year after when the land demo has one."""
    pool = plots.get((platform_id, source), [])

    def fits(plot: Plot, years: tuple[int, ...] | None) -> bool:
        area = _plot_area(plot)
        in_year = years is None or (plot.supply_date is not None and plot.supply_date.year in years)
        return area is not None and 0 < area <= at_most and in_year

    for years in ((year, year + 1), None):
        for plot in pool:
            if fits(plot, years):
                pool.remove(plot)
                return plot
    return None


def _uses(
    session: Session,
    rng: random.Random,
    allocation_ids: dict[int, list[int]],
    plots: dict[tuple[int, str], list[Plot]],
) -> None:
    from models.quotas.ledger import get_allocation

    for year, ids in allocation_ids.items():
        age = 2025 - year  # older allocations have gone further
        for n, aid in enumerate(ids):
            alloc = get_allocation(session, aid)
            share = Decimal(rng.choice((60, 75, 90, 100) if age else (30, 50, 70))) / 100
            area = services.exact_area(alloc.area_m2 * share)
            plot = _take_plot(plots, alloc.platform_id, "new", area, year)
            if plot is not None:  # the use is that plot's land supply: its certificate area
                area = _plot_area(plot) or area
                project = f"{alloc.project}（{plot.code}）" if alloc.project else plot.code
            else:
                project = alloc.project
            start = alloc.allocated_on + dt.timedelta(days=rng.randint(10, 60))
            dates = [start + dt.timedelta(days=40 * k + rng.randint(0, 20)) for k in range(1, 4)]
            steps = min(3, rng.choice((1, 2, 3)) + age)
            if year == 2025:
                steps = rng.choice((0, 1, 2))
            stage_dates = [d if i < steps else None for i, d in enumerate(dates)]
            use_id = services.record_use(
                session,
                allocation_id=aid,
                area_m2=area,
                reserved_on=start,
                project=project,
                plot_id=plot.id if plot else None,
                deducted_on=stage_dates[0],
                approved_on=stage_dates[1],
                supplied_on=stage_dates[2],
                approval_no=f"浙土字〔{year}〕{rng.randint(100, 999)}号" if steps > 1 else "",
                decision_level="district",
            ).ids[0]
            if year == 2024 and n == len(ids) - 1:  # one project falls through: its quota comes back
                services.cancel_use(
                    session,
                    use_id=use_id,
                    on=max(start, *(d for d in stage_dates if d)) + dt.timedelta(days=45),
                    reason="企业投资计划调整，项目终止",
                    document_no="临自然资〔2025〕12号",
                )


def _stock_and_disposals(
    session: Session, platforms: dict[str, Platform], plots: dict[tuple[int, str], list[Plot]]
) -> None:
    stock = (
        ("QSH", "低效用地再开发：原纺织厂地块", 2023, 42),
        ("GXY", "批而未供地块盘活", 2024, 28),
        ("LL", "闲置土地收回再供应", 2025, 35),
    )
    for code, project, year, area in stock:
        plot = _take_plot(plots, platforms[code].id, "existing", _mu(area * 3), year)
        # 2025's stock-land project is recorded as the Science City's own decision: 四(四) (in force
        # since 2023-12-01) says land is decided by the district, allocation or not — the check flags it
        level = "science_city" if year == 2025 else "district"
        services.record_use(
            session,
            area_m2=(_plot_area(plot) or _mu(area)) if plot else _mu(area),
            reserved_on=D(year, 4, 10),
            land_source="existing",
            plot_id=plot.id if plot else None,
            platform_id=platforms[code].id,
            project=project,
            deducted_on=D(year, 5, 20),
            approved_on=D(year, 6, 18),
            supplied_on=D(year, 8, 8),
            decision_level=level,
        )
    targets = {2023: (120, 110, 40, 38), 2024: (150, 96, 50, 31), 2025: (130, 72, 45, 20)}
    for year, (t_unsupplied, d_unsupplied, t_idle, d_idle) in targets.items():
        services.record_disposal(
            session, year=year, kind="unsupplied", target_m2=_mu(t_unsupplied), disposed_m2=_mu(d_unsupplied)
        )
        services.record_disposal(
            session, year=year, kind="idle", target_m2=_mu(t_idle), disposed_m2=_mu(d_idle)
        )
