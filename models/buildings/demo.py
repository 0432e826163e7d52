"""Demonstration buildings: ten on the four platforms, 20–80 units each, a history of
transfers recorded through ``record_transfer`` (so their checks are real), one building
near its cap, one Science City building with its own ratio, one with an open buy-back
offer and one blocked by a lien without the mortgagee's consent. An eleventh
(``IDLE_LAND_BUILDING``) stands on the land demo's plot halted under a third built: its land
is idle by the plot's contract dates (models.land.idle), so a sale of its units is refused
(``building.idle_land_derived``) though nobody ticked 闲置土地认定 on the building."""

from __future__ import annotations

import datetime as dt
import random
from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.orm import Session

from models.buildings import services
from models.buildings.entities import Building, Unit, UnitStatus, UnitUse
from models.buildings.seed import EXAMPLE_MIN_UNIT_AREA, LEADING_CHAINS, MIN_UNIT_AREA
from models.enterprises.entities import Enterprise
from models.errors import DomainError
from models.land.entities import Plot
from models.land.idle import idle_plots
from models.policy.entities import Platform, PolicyRule
from models.uscc import check_char

# code, name, platform, floors, target transferred share
BUILDINGS = (
    ("QSH-LY-01", "青山湖科技城智造大厦A座", "QSH", 12, "0.45"),
    ("QSH-LY-02", "青山湖科技城智造大厦B座", "QSH", 10, "0.58"),  # near its cap
    ("QSH-LY-03", "科技城集成电路产业园1号楼", "QSH", 8, "0.62"),  # own ratio 70 %
    ("QSH-LY-04", "科技城生命健康加速器", "QSH", 6, "0.20"),
    ("GXY-LY-01", "高新园装备制造楼宇1号", "GXY", 9, "0.35"),
    ("GXY-LY-02", "高新园装备制造楼宇2号", "GXY", 7, "0.25"),
    ("LL-LY-01", "玲珑工业功能区标准厂房1号", "LL", 5, "0.40"),
    ("LL-LY-02", "玲珑工业功能区标准厂房2号", "LL", 4, "0.10"),
    ("YQ-LY-01", "於潜工业功能区小微园1号楼", "YQ", 6, "0.30"),
    ("YQ-LY-02", "於潜工业功能区小微园2号楼", "YQ", 5, "0.00"),  # lien without consent
)
LAST_DAY = dt.date(2026, 10, 30)
# code, name, floors: the building on idle land (the plot's first phase, built before work halted)
IDLE_LAND_BUILDING = ("QSH-LY-05", "科技城中试厂房一期（用地开发不足中止）", 4)
OWN_RATIO = ("QSH-LY-03", Decimal("0.70"), "青科城管〔2024〕12号", dt.date(2024, 3, 1))
NAMES = (
    "精工",
    "芯源",
    "康泰",
    "智联",
    "恒达",
    "微纳",
    "华锐",
    "博远",
    "天擎",
    "瑞丰",
    "中科",
    "新材",
    "睿创",
    "安捷",
    "合力",
    "星河",
    "远航",
    "金石",
    "凯盛",
    "同创",
)
SUFFIX = ("科技有限公司", "智能装备有限公司", "生物医药有限公司", "半导体有限公司")


def _demo_enterprises(session: Session, rng: random.Random) -> list[int]:
    """Manufacturing buyers in the leading chains: the register's when it has enough, else ours."""
    ids = list(
        session.scalars(
            select(Enterprise.id).where(
                Enterprise.is_manufacturing.is_(True), Enterprise.industry_chain.in_(LEADING_CHAINS)
            )
        )
    )
    if len(ids) >= 20:
        return ids
    for i, stem in enumerate(NAMES):
        body = f"91330185MAB{i + 100:06d}"
        code = body + check_char(body)
        existing = session.scalar(select(Enterprise.id).where(Enterprise.uscc == code))
        if existing is not None:
            ids.append(existing)
            continue
        e = Enterprise(
            uscc=code,
            name=f"杭州{stem}{SUFFIX[i % len(SUFFIX)]}",
            industry_chain=LEADING_CHAINS[i % len(LEADING_CHAINS)],
            is_manufacturing=True,
        )
        session.add(e)
        session.flush()
        ids.append(e.id)
    return ids


def _override_example(session: Session, b: Building) -> None:
    """One transfer to a non-manufacturing buyer, recorded with an administrator's override
    (the register's own such enterprise when it has one)."""
    buyer = session.scalar(
        select(Enterprise.id).where(Enterprise.is_manufacturing.is_(False)).order_by(Enterprise.id).limit(1)
    )
    if buyer is None:
        body = "91330185MAB000999"
        e = Enterprise(
            uscc=body + check_char(body),
            name="杭州临安青山供应链管理有限公司",
            industry_chain="其他",
            is_manufacturing=False,
        )
        session.add(e)
        session.flush()
        buyer = e.id
    unit = session.scalar(
        select(Unit)
        .where(
            Unit.building_id == b.id,
            Unit.status == UnitStatus.HELD.value,
            Unit.use == UnitUse.PRODUCTION.value,
        )
        .order_by(Unit.floor)
        .limit(1)
    )
    if unit is None:
        return
    services.record_transfer(
        session,
        building_id=b.id,
        unit_ids=[unit.id],
        buyer_id=buyer,
        transfer_date=dt.date(2025, 9, 18),
        price=Decimal("310"),
        approval_no="临分转〔2025〕88号",
        override=services.Override(
            "为科技城生命健康产业链配套冷链仓储，经区政府专题会议同意", "临政办纪〔2025〕31号"
        ),
    )


def _units(session: Session, rng: random.Random, b: Building, owner: int) -> None:
    per_floor = rng.randint(3, 8)
    while per_floor * b.floors < 20:
        per_floor += 1
    while per_floor * b.floors > 80:
        per_floor -= 1
    for floor in range(1, b.floors + 1):
        for k in range(1, per_floor + 1):
            if floor == 1 and k == 1:
                use = UnitUse.SHARED
            elif floor == 1 and k == 2:
                use = UnitUse.CANTEEN
            elif floor == b.floors and k <= 2:
                use = UnitUse.OFFICE
            elif floor == b.floors - 1 and k == 1 and b.floors > 4:
                use = UnitUse.DORMITORY
            elif floor in (2, 3) and k == per_floor:
                use = UnitUse.RESEARCH
            else:
                use = UnitUse.PRODUCTION
            area = Decimal(rng.randrange(320, 1300, 10)) + Decimal(rng.choice(("0", "0.5", "0.25")))
            session.add(
                Unit(
                    building_id=b.id,
                    floor=floor,
                    number=f"{floor}{k:02d}",
                    floor_area_m2=area,
                    use=use.value,
                    owner_id=owner,
                )
            )
    session.add(
        Unit(
            building_id=b.id,
            floor=-1,
            number="B1",
            floor_area_m2=Decimal(rng.randrange(800, 2400, 10)),
            use=UnitUse.GARAGE.value,
            owner_id=owner,
        )
    )
    session.flush()
    total = sum(u.floor_area_m2 for u in session.scalars(select(Unit).where(Unit.building_id == b.id)))
    b.total_floor_area_m2 = (total * Decimal("1.06")).quantize(Decimal(1))
    session.flush()


def _sell(session: Session, rng: random.Random, b: Building, target: Decimal, buyers: list[int]) -> None:
    day = dt.date(2024, 1, 8) + dt.timedelta(days=rng.randint(0, 120))
    if b.registered_on is not None:  # preconditions: nothing is sold before first registration
        day = max(day, b.registered_on + dt.timedelta(days=rng.randint(20, 60)))
    expected = max(1, int(target * b.total_floor_area_m2 / 1400))
    step = max(12, (LAST_DAY - day).days // (expected + 1))
    sold = Decimal(0)
    tries = 0
    while sold / b.total_floor_area_m2 < target and tries < 200:
        tries += 1
        held = list(
            session.scalars(
                select(Unit).where(
                    Unit.building_id == b.id,
                    Unit.status == UnitStatus.HELD.value,
                    Unit.use.in_((UnitUse.PRODUCTION.value, UnitUse.RESEARCH.value)),
                )
            )
        )
        if not held:
            return
        floor = rng.choice(sorted({u.floor for u in held}))
        pick = [u for u in held if u.floor == floor][: rng.randint(1, 3)]
        if (sold + sum(u.floor_area_m2 for u in pick)) / b.total_floor_area_m2 > target + Decimal("0.02"):
            pick = pick[:1]
        ids = [u.id for u in pick]
        buyer = rng.choice(buyers)
        area = sum(u.floor_area_m2 for u in pick)
        price = (area * Decimal(rng.randrange(45, 75)) / Decimal(10000) * 100).quantize(Decimal("0.01"))
        try:
            with session.begin_nested():
                services.record_transfer(
                    session,
                    building_id=b.id,
                    unit_ids=ids,
                    buyer_id=buyer,
                    transfer_date=day,
                    price=price,
                    approval_no=f"临分转〔{day.year}〕{rng.randint(1, 199)}号",
                )
        except DomainError:  # the rules said no (over the cap): try other units
            continue
        sold += area
        day = min(day + dt.timedelta(days=rng.randint(step * 2 // 3, step * 4 // 3)), LAST_DAY)


def seed_demo(session: Session, rng: random.Random) -> None:
    if session.scalar(select(Building.id).where(Building.code == BUILDINGS[0][0])) is not None:
        return
    buyers = _demo_enterprises(session, rng)
    platforms = {code: pid for code, pid in session.execute(select(Platform.code, Platform.id))}
    used_plots: set[int] = set()
    for n, (code, name, pcode, floors, target) in enumerate(BUILDINGS):
        pid = platforms[pcode]
        plots = [
            p
            for p in session.scalars(
                select(Plot.id).where(Plot.platform_id == pid, Plot.agreed_start_on.is_(None))
            )
            if p not in used_plots
        ]
        plot = rng.choice(plots) if plots else None
        if plot is not None:
            used_plots.add(plot)
        owner = buyers[(n * 7) % len(buyers)]
        accepted = dt.date(2021 + n % 3, 3 + n % 9, 10)
        b = Building(
            code=code,
            name=name,
            platform_id=pid,
            plot_id=plot,
            owner_id=owner,
            total_floor_area_m2=Decimal(1),
            floors=floors,
            accepted_on=accepted,
            registered_on=accepted + dt.timedelta(days=75),
            land_price_paid=True,
            has_lien=code == "YQ-LY-02",
            lien_consent=False,
        )
        session.add(b)
        session.flush()
        _units(session, rng, b, owner)
        # The seeded default minimum unit is a whole floor (惠州 example); the demo buildings
        # take the explicit 300 ㎡ example instead, shown as 示例（无文件依据）.
        session.add(
            PolicyRule(
                key=MIN_UNIT_AREA,
                value=EXAMPLE_MIN_UNIT_AREA,
                building_id=b.id,
                is_example=True,
                effective_from=dt.date(2020, 1, 1),
                title="最小分割单元（300㎡，示例）",
                example_source="LandSpace 演示数据示例（无文件出处）",
            )
        )
        session.flush()
        if code == OWN_RATIO[0]:
            services.set_building_ratio(
                session,
                building_id=b.id,
                max_ratio=OWN_RATIO[1],
                document_no=OWN_RATIO[2],
                effective_from=OWN_RATIO[3],
                note="科技城招商需要，自行调整分割比例",
            )
        _sell(session, rng, b, Decimal(target), [x for x in buyers if x != owner])
        held = list(
            session.scalars(
                select(Unit).where(Unit.building_id == b.id, Unit.status == UnitStatus.HELD.value)
            )
        )
        for u in rng.sample(held, k=len(held) // 6):
            if u.use == UnitUse.PRODUCTION.value:
                u.status = UnitStatus.LEASED.value
        if code == "QSH-LY-04":
            _override_example(session, b)
        if code == "GXY-LY-01" and held:
            services.record_buyback_offer(
                session,
                building_id=b.id,
                unit_id=held[-1].id,
                offered_on=dt.date(2026, 9, 15),
                price=Decimal("520"),
                note="政府优先回购，待企业答复",
            )
    session.flush()
    _on_idle_land(session, buyers[0])


def _on_idle_land(session: Session, owner: int) -> None:
    """The building on the plot that is idle by its contract dates (halted under a third
    built); its units are the owner's, none sold: a sale would be refused for the idle land."""
    idle = [f for f in idle_plots(session, on=LAST_DAY) if f.reason == "halted_underdeveloped"]
    if not idle:
        return
    plot = session.get(Plot, idle[0].plot_id)
    assert plot is not None
    code, name, floors = IDLE_LAND_BUILDING
    b = Building(
        code=code,
        name=name,
        platform_id=plot.platform_id,
        plot_id=plot.id,
        owner_id=owner,
        total_floor_area_m2=Decimal(1),
        floors=floors,
        accepted_on=dt.date(2024, 8, 20),
        registered_on=dt.date(2024, 10, 15),
        land_price_paid=True,
        note="一期厂房已登记；地块二期停工，按供地合同约定推算为闲置土地",
    )
    session.add(b)
    session.flush()
    _units(session, random.Random(code), b, owner)  # its own draw: the ten buildings stay as they were
