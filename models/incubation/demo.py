"""Demonstration carriers for ``landspace demo``: twelve carriers over the four platforms,
their spaces, about six years of tenancies, three years of monthly reports, and a
carrier-manager account (``zhangmin`` / ``fuhua2025``) for two of them.

Two incubators are built to show the national criteria: 青山湖科技城创新中心 meets every
one; 青山湖未来科创园 misses only the tenant count (49 of 50). A thirteenth carrier,
青山湖生物医药专业孵化器 (``PROFESSIONAL``), is a 专业孵化器: with 32 tenants, 2.67 per 1,000 ㎡
and 16 graduates it is below the general tests (50, 3, 20) but meets the professional variant
(≥ 75 % of tenants in its industry, ≥ 30, ≥ 2 per 1,000 ㎡, ≥ 15); one of its 生物医药 tenants
has incubated 54 months, past the general 48 and within its sector's 60. Tenancies are made through
the services, so every demo record passes the same checks a clerk's would. Deterministic
for a given ``rng`` and ``today``.
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass
from decimal import ROUND_HALF_EVEN, Decimal

from sqlalchemy import select
from sqlalchemy.orm import Session

from models.enterprises.entities import Enterprise
from models.incubation import services, vocab
from models.incubation.entities import Carrier, Space
from models.incubation.occupancy import add_months, month_start, monthly_occupancy
from models.incubation.usage import month_counts
from models.policy.entities import Platform
from models.uscc import ALPHABET, check_char

MANAGER = ("zhangmin", "fuhua2025", "张敏（孵化载体运营）")
ADMIN = ("admin", "landspace2025", "系统管理员（演示）")  # a database with users has an administrator


@dataclass(frozen=True)
class Plan:
    code: str
    name: str
    kind: str
    level: str
    recognized: dt.date | None
    platform: str
    usable: int
    spaces: int
    area: tuple[int, int]
    let: int  # spaces let today
    space_kind: str
    operator: str
    address: str
    lease: tuple[int, int] = (12, 40)  # months


PLANS = (
    Plan(
        "QSH-FH-01",
        "青山湖科技城创新中心",
        "incubator",
        "national",
        dt.date(2019, 11, 20),
        "QSH",
        12000,
        60,
        (165, 175),
        54,
        "office",
        "杭州青山湖科创投资有限公司",
        "大园路 958 号",
    ),
    Plan(
        "QSH-FH-02",
        "青山湖未来科创园",
        "incubator",
        "provincial",
        dt.date(2021, 6, 18),
        "QSH",
        10800,
        56,
        (175, 180),
        49,
        "office",
        "杭州未来科创园运营管理有限公司",
        "科技大道 2159 号",
    ),
    Plan(
        "QSH-ZC-01",
        "科技城大学生创业园",
        "maker_space",
        "provincial",
        dt.date(2020, 9, 1),
        "QSH",
        2400,
        40,
        (40, 50),
        34,
        "workstation",
        "浙江农林大学科技园有限公司",
        "青山大道 88 号",
    ),
    Plan(
        "QSH-JS-01",
        "青山湖微纳智造加速器",
        "accelerator",
        "municipal",
        dt.date(2022, 3, 15),
        "QSH",
        8000,
        16,
        (350, 450),
        12,
        "lab",
        "杭州微纳智造加速器有限公司",
        "景观大道 1 号",
    ),
    Plan(
        "QSH-CY-01",
        "青山湖智能装备产业园",
        "park",
        "",
        None,
        "QSH",
        36000,
        24,
        (1000, 1400),
        20,
        "workshop",
        "杭州青山湖产业园开发有限公司",
        "天目路 66 号",
        (24, 60),
    ),
    Plan(
        "QSH-LY-01",
        "科技城总部大楼",
        "building",
        "",
        None,
        "QSH",
        15000,
        30,
        (300, 450),
        21,
        "office",
        "杭州青山湖科技城投资集团有限公司",
        "大园路 1088 号",
        (24, 60),
    ),
    Plan(
        "GXY-FH-01",
        "高新园生命健康孵化器",
        "incubator",
        "municipal",
        dt.date(2020, 5, 8),
        "GXY",
        6000,
        30,
        (150, 180),
        24,
        "lab",
        "杭州临安高新园区开发有限公司",
        "锦城路 300 号",
    ),
    Plan(
        "GXY-CY-01",
        "高新园集成电路产业园",
        "park",
        "district",
        dt.date(2022, 12, 1),
        "GXY",
        24000,
        16,
        (1200, 1400),
        13,
        "workshop",
        "杭州临安高新园区开发有限公司",
        "锦北工业区 8 号",
        (24, 60),
    ),
    Plan(
        "GXY-LY-01",
        "高新园创业大厦",
        "building",
        "",
        None,
        "GXY",
        9000,
        24,
        (280, 340),
        15,
        "office",
        "杭州临安城市发展集团有限公司",
        "锦城路 588 号",
        (24, 60),
    ),
    Plan(
        "LL-ZC-01",
        "玲珑众创空间",
        "maker_space",
        "district",
        dt.date(2021, 11, 11),
        "LL",
        1500,
        24,
        (45, 55),
        17,
        "workstation",
        "杭州玲珑街道经济发展有限公司",
        "玲珑路 12 号",
    ),
    Plan(
        "LL-CY-01",
        "玲珑小微企业园",
        "park",
        "district",
        dt.date(2020, 1, 6),
        "LL",
        18000,
        12,
        (1200, 1400),
        9,
        "workshop",
        "杭州玲珑工业功能区管理有限公司",
        "玲珑工业功能区 3 号",
        (24, 60),
    ),
    Plan(
        "YQ-FH-01",
        "於潜创业孵化基地",
        "incubator",
        "district",
        dt.date(2022, 7, 1),
        "YQ",
        3000,
        18,
        (140, 150),
        11,
        "office",
        "杭州於潜镇资产经营有限公司",
        "城中街 120 号",
    ),
)
MANAGED = ("QSH-ZC-01", "YQ-FH-01")

# code, name, specialty, usable ㎡, public-service ㎡ (counts toward the tenants' use ratio)
PROFESSIONAL = ("QSH-FH-03", "青山湖生物医药专业孵化器", "生物医药", 12000, 1500)
PRO_TENANTS = 32  # incubating today
PRO_IN_INDUSTRY = 26  # of them in the specialty: 81 %
PRO_GRADUATES = 16
PRO_LONG_MONTHS = 54  # the longest clock: a 生物医药 tenant, past 48 months, within 60
PRO_VACANT = 4

WORDS = (
    "云",
    "芯",
    "智",
    "数",
    "微",
    "纳",
    "创",
    "科",
    "睿",
    "联",
    "启",
    "航",
    "源",
    "星",
    "极",
    "光",
    "禾",
    "衡",
    "拓",
    "维",
    "析",
    "灵",
    "图",
    "合",
    "易",
    "骏",
    "澜",
    "泽",
    "朗",
    "晟",
)
TRADES = (
    "智能科技",
    "生物科技",
    "信息技术",
    "电子科技",
    "医疗科技",
    "新材料科技",
    "机器人",
    "半导体科技",
    "软件",
    "检测技术",
    "环保科技",
    "数据科技",
)
CRITERIA = (
    "营业收入连续两年超过 1000 万元",
    "获得创业投资累计超过 500 万元",
    "被上市公司并购",
    "认定为国家高新技术企业且迁出自建厂房",
    "入选省级科技型中小企业“雏鹰计划”",
)


def _uscc(rng: random.Random, taken: set[str]) -> str:
    while True:
        first17 = "91330112MA2" + "".join(rng.choice(ALPHABET) for _ in range(6))
        code = first17 + check_char(first17)
        if code not in taken:
            taken.add(code)
            return code


class _Startups:
    """Tenants: firms of the register (each used once, in parks and buildings, where
    established firms rent), then new start-ups with valid USCCs as tenancies need them."""

    def __init__(self, session: Session, rng: random.Random) -> None:
        self.session, self.rng = session, rng
        self.taken = set(session.scalars(select(Enterprise.uscc)))
        self.names = set(session.scalars(select(Enterprise.name)))
        self.register: dict[int | None, list[int]] = {}
        for eid, pid in session.execute(
            select(Enterprise.id, Enterprise.platform_id).order_by(Enterprise.id)
        ):
            self.register.setdefault(pid, []).append(eid)

    def new(self, platform_id: int | None, established: bool = False) -> int:
        pool = self.register.get(platform_id)
        if established and pool:
            return pool.pop(0)
        while True:
            name = f"杭州{self.rng.choice(WORDS)}{self.rng.choice(WORDS)}{self.rng.choice(TRADES)}有限公司"
            if name not in self.names:
                self.names.add(name)
                break
        ent = Enterprise(
            uscc=_uscc(self.rng, self.taken),
            name=name,
            platform_id=platform_id,
            industry_chain=self.rng.choice(("高端装备", "集成电路", "生命健康", "其他")),
            is_manufacturing=False,
        )
        self.session.add(ent)
        self.session.flush()
        return ent.id


def _months_before(day: dt.date, months: int) -> dt.date:
    m = add_months(month_start(day), -months)
    return m + dt.timedelta(days=min(day.day, 28) - 1)


def _history(
    rng: random.Random, plan: Plan, let_now: bool, today: dt.date, origin: dt.date
) -> list[tuple[dt.date, dt.date | None, str]]:
    """(start, end, status) of one space's tenancies, oldest first; the last one is in force today
    when ``let_now``."""
    out: list[tuple[dt.date, dt.date | None, str]] = []
    lo, hi = plan.lease
    if let_now:
        start = _months_before(today, rng.randint(1, min(hi, 44)))
        end = (
            _months_before(today, -rng.randint(1, 30))
            if rng.random() > 0.12
            else today + dt.timedelta(days=rng.randint(10, 85))
        )
        out.append((start, end, vocab.INCUBATING))
        cursor = start - dt.timedelta(days=rng.randint(15, 120))
    else:
        cursor = today - dt.timedelta(days=rng.randint(20, 300))
    while True:
        end = cursor
        start = _months_before(end, rng.randint(lo, hi))
        if start < origin:
            break
        out.append((start, end, vocab.GRADUATED if rng.random() < 0.45 else vocab.LEFT))
        cursor = start - dt.timedelta(days=rng.randint(15, 150))
    return out[::-1]


def _rent(rng: random.Random, area: Decimal) -> Decimal:
    return (area * rng.randint(25, 45) / 10000).quantize(Decimal("0.0001"))


def _build(
    session: Session, rng: random.Random, plan: Plan, platform_id: int, startups: _Startups, today: dt.date
) -> int:
    services.create_carrier(
        session,
        code=plan.code,
        name=plan.name,
        kind=plan.kind,
        level=plan.level,
        recognized_on=plan.recognized,
        operator=plan.operator,
        platform_id=platform_id,
        address=plan.address,
        usable_area_m2=Decimal(plan.usable),
        incubation_area_m2=Decimal(plan.usable * 85 // 100) if plan.kind != "building" else None,
    )
    cid = session.scalar(select(Carrier.id).where(Carrier.code == plan.code))
    assert cid is not None
    let = set(rng.sample(range(plan.spaces), plan.let))
    origin = add_months(month_start(today), -72)
    for i in range(plan.spaces):
        floor = 1 + i // max(1, plan.spaces // 6)
        area = Decimal(rng.randint(*plan.area))
        kind = plan.space_kind if rng.random() < 0.8 else ("office" if plan.space_kind != "office" else "lab")
        services.create_space(
            session,
            carrier_id=cid,
            code=f"{floor}{i % max(1, plan.spaces // 6) + 1:02d}",
            floor=floor,
            area_m2=area,
            kind=kind,
            rent=_rent(rng, area),
        )
        sid = session.scalar(
            select(Space.id).where(Space.carrier_id == cid).order_by(Space.id.desc()).limit(1)
        )
        assert sid is not None
        for start, end, status in _history(rng, plan, i in let, today, origin):
            graduated = None
            if status == vocab.GRADUATED and end is not None:
                graduated = end - dt.timedelta(days=rng.randint(0, 40))
                graduated = max(graduated, start)
            firm = startups.new(platform_id, established=plan.kind in ("park", "building"))
            services.create_tenancy(
                session,
                carrier_id=cid,
                enterprise_id=firm,
                start_on=start,
                end_on=end,
                space_ids=[sid],
                status=status,
                graduated_on=graduated,
                graduation_criterion=rng.choice(CRITERIA) if graduated else "",
            )
    return cid


def _reports(session: Session, rng: random.Random, cid: int, today: dt.date) -> None:
    """Three years of monthly reports up to last month, as a manager fills them: the tenancies'
    figures, rounded, now and then off by a little (and once in a while by a lot)."""
    last = add_months(month_start(today), -1)
    first = add_months(last, -35)
    occ = monthly_occupancy(session, first=first, last=last, carrier_ids=[cid])
    months = [o.month for o in occ]
    counts = month_counts(session, [cid], months)
    employees = rng.randint(6, 14)
    for o in occ:
        c = counts[cid, o.month]
        area = o.prorated_occupied_m2
        if rng.random() < 0.04:
            area = area * Decimal(rng.choice(("0.85", "1.12")))
        elif rng.random() < 0.3:
            area = area + Decimal(rng.randint(-30, 30))
        area = min(max(area, Decimal(0)), o.usable_area_m2).quantize(Decimal("1"), rounding=ROUND_HALF_EVEN)
        services.save_usage_report(
            session,
            carrier_id=cid,
            month=o.month,
            occupied_area_m2=area,
            tenants=c.tenants,
            new_tenants=c.new_tenants,
            graduated=c.graduated,
            left=c.left,
            employees=c.tenants * employees + rng.randint(0, 9),
            today=today,
        )


def _manager(session: Session, carrier_ids: list[int]) -> None:
    from models.accounts.entities import Role, User, UserCarrier
    from models.accounts.services import create_user

    if session.scalar(select(User.id).where(User.role == Role.ADMIN.value, User.active.is_(True))) is None:
        name, secret, shown = ADMIN
        create_user(session, username=name, password=secret, role=Role.ADMIN.value, display_name=shown)
    username, password, display = MANAGER
    uid = session.scalar(select(User.id).where(User.username == username))
    if uid is None:
        uid = create_user(
            session,
            username=username,
            password=password,
            role=Role.CARRIER_MANAGER.value,
            display_name=display,
        ).ids[0]
    have = set(session.scalars(select(UserCarrier.carrier_id).where(UserCarrier.user_id == uid)))
    session.add_all(UserCarrier(user_id=uid, carrier_id=c) for c in carrier_ids if c not in have)
    session.flush()


def seed_demo(session: Session, rng: random.Random, today: dt.date | None = None) -> None:
    """Add the demo carriers unless they are there already (running the demo again changes nothing)."""
    today = today or dt.date.today()
    if session.scalar(select(Carrier.id).where(Carrier.code == PLANS[0].code)) is not None:
        return
    platforms = dict(session.execute(select(Platform.code, Platform.id)).all())
    startups = _Startups(session, rng)
    ids: dict[str, int] = {}
    for plan in PLANS:
        ids[plan.code] = _build(session, rng, plan, platforms[plan.platform], startups, today)
    ids[PROFESSIONAL[0]] = _professional(session, rng, platforms["QSH"], startups, today)
    for cid in ids.values():
        _reports(session, rng, cid, today)
    _manager(session, [ids[c] for c in MANAGED])


def _professional(
    session: Session, rng: random.Random, platform_id: int, startups: _Startups, today: dt.date
) -> int:
    """The 专业孵化器: ``PRO_TENANTS`` tenants in force (the first ``PRO_IN_INDUSTRY`` in its
    specialty, the first of those for ``PRO_LONG_MONTHS``), each at most 20 months old on entry,
    and ``PRO_GRADUATES`` earlier tenants graduated from the same rooms."""
    code, name, specialty, usable, public = PROFESSIONAL
    cid = services.create_carrier(
        session,
        code=code,
        name=name,
        kind="incubator",
        level="district",
        recognized_on=dt.date(2020, 6, 18),
        operator="杭州青山湖生物医药产业发展有限公司",
        platform_id=platform_id,
        address="青山湖街道大园路 958 号",
        usable_area_m2=Decimal(usable),
        incubation_area_m2=Decimal(usable * 85 // 100),
        public_service_area_m2=Decimal(public),
        specialty=specialty,
    ).ids[0]
    for i in range(PRO_TENANTS + PRO_VACANT):
        floor, room = 1 + i // 6, i % 6 + 1
        area = Decimal(rng.randint(270, 300))
        sid = services.create_space(
            session,
            carrier_id=cid,
            code=f"{floor}{room:02d}",
            floor=floor,
            area_m2=area,
            kind="lab" if room <= 4 else "office",
            rent=_rent(rng, area),
        ).ids[0]
        if i >= PRO_TENANTS:
            continue  # vacant
        months = PRO_LONG_MONTHS if i == 0 else rng.randint(2, 40)
        start = _months_before(today, months)
        services.create_tenancy(
            session,
            carrier_id=cid,
            enterprise_id=startups.new(platform_id),
            start_on=start,
            end_on=_months_before(today, -rng.randint(6, 24)),
            space_ids=[sid],
            sector=specialty if i < PRO_IN_INDUSTRY else "",
            founded_on=_months_before(start, rng.randint(3, 20)),
        )
        if i < PRO_GRADUATES:  # the room's previous tenant graduated
            end = start - dt.timedelta(days=rng.randint(15, 60))
            services.create_tenancy(
                session,
                carrier_id=cid,
                enterprise_id=startups.new(platform_id),
                start_on=_months_before(end, rng.randint(18, 40)),
                end_on=end,
                space_ids=[sid],
                status=vocab.GRADUATED,
                graduated_on=end - dt.timedelta(days=rng.randint(0, 30)),
                graduation_criterion=rng.choice(CRITERIA),
                sector=specialty,
            )
    return cid
