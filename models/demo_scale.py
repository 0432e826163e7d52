"""``landspace demo --scale N``: the demonstration database at N times the district.

At ``scale`` 1 the district holds about 2,000 plots (8,000 boundary points), 3,300
enterprises, 2,000 enterprises reporting efficiency figures for ten years, 200 industrial
buildings of 50 units each and 21 carriers with ten years of monthly reports. The
ordinary demo (``models.demo.seed_demo``) runs first; this module then tops every area up to
those counts times ``scale`` with bulk inserts (one ``executemany`` per table and batch), so
ten times the district is built in about a minute instead of hours of per-record services.

The bulk rows bypass the per-record audit hooks on purpose: the audit log gets one entry
saying what was generated (counts per table), not hundreds of thousands of copies of rows the
tables already hold in full. Efficiency years are evaluated through ``evaluate_year``, which
stores results the same way a clerk's evaluation does. Deterministic for a given seed.
"""

from __future__ import annotations

import datetime as dt
import math
import random
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from sqlalchemy import func, insert, select
from sqlalchemy.orm import Session

from models.buildings.entities import Building, Unit, UnitStatus, UnitUse
from models.efficiency.entities import EfficiencyRecord
from models.efficiency.services import evaluate_year
from models.enterprises import demo as enterprise_demo
from models.enterprises.entities import Enterprise
from models.incubation.entities import Carrier, Space, UsageReport
from models.land.entities import BoundaryPoint, Plot
from models.policy.entities import Platform
from models.units import AreaUnit, to_m2
from models.uscc import ALPHABET, check_char


@dataclass(frozen=True)
class District:
    """What one district (scale 1) holds; ``scale`` multiplies every count."""

    plots: int = 2000
    enterprises: int = 3300
    efficiency_enterprises: int = 2000
    efficiency_years: tuple[int, ...] = tuple(range(2015, 2025))
    buildings: int = 200
    units_per_building: int = 50
    carriers: float = 21.2
    report_months: int = 120
    spaces_per_carrier: int = 20


DISTRICT = District()
BATCH = 5000
CELL = 210.0  # grid spacing of the generated plots, m (plots of about 5–45 亩)
# code → (northing, easting, share of the generated plots); centres as in models.land.demo
SITES = {
    "QSH": (3_347_844.0, 480_751.0, 0.45),
    "GXY": (3_345_094.0, 471_120.0, 0.25),
    "LL": (3_342_889.0, 466_781.0, 0.18),
    "YQ": (3_344_094.0, 443_196.0, 0.12),
}
PLACES = {"QSH": "青山湖", "GXY": "临安", "LL": "玲珑", "YQ": "於潜"}
# The first 26 of the demo's brand words (the 10× names were drawn from these; keep the draw).
BRANDS = enterprise_demo.BRANDS[:26]
TRADES = (
    "智能装备",
    "精密机械",
    "机器人",
    "半导体",
    "微电子",
    "生物医药",
    "医疗器械",
    "新材料",
    "纺织",
    "包装",
    "信息技术",
    "汽车零部件",
)
CHAINS = ("高端装备", "高端装备", "集成电路", "生命健康", "其他")
USES = ("M1", "M1", "M2", "0601", "0601", "M3", "0604")
STATUSES = (("已投产", 55), ("在建", 15), ("已供", 12), ("待供", 10), ("储备", 8))


@dataclass
class ScaleReport:
    """Rows added per table by ``seed_scale``."""

    added: dict[str, int]


def _batches(rows: Iterator[dict[str, Any]], size: int = BATCH) -> Iterator[list[dict[str, Any]]]:
    batch: list[dict[str, Any]] = []
    for row in rows:
        batch.append(row)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


def _bulk(session: Session, entity: Any, rows: Iterator[dict[str, Any]]) -> int:
    """Insert ``rows`` through the entity's table (a Core statement: the ORM audit hook does not
    copy each generated row into the audit log; ``seed_scale`` writes one summary entry)."""
    n = 0
    table = entity.__table__
    for batch in _batches(rows):
        session.execute(insert(table), batch)
        n += len(batch)
    return n


def _count(session: Session, entity: Any) -> int:
    return int(session.scalar(select(func.count()).select_from(entity)) or 0)


def _uscc(index: int) -> str:
    """A valid USCC of Lin'an (330112) whose organisation code starts MB (the small demo's
    start MA2), unique per ``index``."""
    digits = []
    for _ in range(7):
        index, r = divmod(index, len(ALPHABET))
        digits.append(ALPHABET[r])
    first17 = "91330112MB" + "".join(reversed(digits))
    return first17 + check_char(first17)


def _enterprises(session: Session, rng: random.Random, target: int, platforms: dict[str, int]) -> int:
    have = _count(session, Enterprise)
    codes = list(SITES)
    weights = [SITES[c][2] for c in codes]

    def rows() -> Iterator[dict[str, Any]]:
        for i in range(max(0, target - have)):
            code = rng.choices(codes, weights)[0]
            chain = rng.choice(CHAINS)
            yield {
                "uscc": _uscc(i),
                "name": f"杭州{PLACES[code]}{rng.choice(BRANDS)}{rng.choice(TRADES)}{i:05d}有限公司",
                "platform_id": platforms.get(code),
                "industry_chain": chain,
                "is_manufacturing": chain != "其他" or rng.random() < 0.6,
                "address": f"杭州市临安区{PLACES[code]}工业区{rng.randint(1, 999)}号",
                "contact": rng.choice("王李张刘陈杨黄赵周吴") + rng.choice(("伟", "芳", "敏", "强", "静")),
                "phone": f"0571-6{rng.randint(1000000, 9999999)}",
            }

    return _bulk(session, Enterprise, rows())


def _grid(n0: float, e0: float, count: int) -> Iterator[tuple[float, float]]:
    """``count`` cell corners (northing, easting) in a square block north of (n0, e0)."""
    side = max(1, math.ceil(math.sqrt(count)))
    for k in range(count):
        r, c = divmod(k, side)
        yield n0 + r * CELL, e0 - side * CELL / 2 + c * CELL


def _plots(
    session: Session, rng: random.Random, target: int, platforms: dict[str, Platform], holders: Sequence[int]
) -> tuple[int, int]:
    """Plots in a block north of each platform's demo plots; the platform's boundary grows to
    cover the block, so the generated plots are inside their platform and do not overlap."""
    from shapely.geometry import Polygon, box

    have = _count(session, Plot)
    missing = max(0, target - have)
    next_id = int(session.scalar(select(func.max(Plot.id))) or 0) + 1
    plot_rows: list[dict[str, Any]] = []
    point_rows: list[dict[str, Any]] = []
    added_plots = added_points = 0
    codes = [c for c in SITES if c in platforms]
    shares = [SITES[c][2] for c in codes]
    total = sum(shares) or 1.0
    counts = [int(missing * s / total) for s in shares]
    if counts:
        counts[0] += missing - sum(counts)
    for code, count in zip(codes, counts, strict=True):
        if count <= 0:
            continue
        platform = platforms[code]
        n_centre, e_centre, _ = SITES[code]
        outline = platform.boundary
        top = outline.bounds[3] if outline is not None else n_centre
        n0 = top - 60.0  # overlaps the demo outline a little so the union stays one polygon
        side = max(1, math.ceil(math.sqrt(count)))
        block = box(
            e_centre - side * CELL / 2 - 30,
            n0 - 30,
            e_centre + side * CELL / 2 + 30,
            n0 + math.ceil(count / side) * CELL + 30,
        )
        grown = block if outline is None else outline.union(block)
        if grown.geom_type != "Polygon":
            grown = grown.convex_hull
        platform.boundary = grown
        session.flush()
        for k, (n, e) in enumerate(_grid(n0 + 10, e_centre, count)):
            w, h = rng.uniform(60, 190), rng.uniform(55, 185)
            shell = [
                (round(e + rng.uniform(0, 8), 3), round(n + rng.uniform(0, 8), 3)),
                (round(e + w - rng.uniform(0, 8), 3), round(n + rng.uniform(0, 8), 3)),
                (round(e + w - rng.uniform(0, 8), 3), round(n + h - rng.uniform(0, 8), 3)),
                (round(e + rng.uniform(0, 8), 3), round(n + h - rng.uniform(0, 8), 3)),
            ]
            shape = Polygon(shell)
            status = rng.choices([s for s, _ in STATUSES], [w_ for _, w_ in STATUSES])[0]
            supplied = status not in ("待供", "储备")
            year = rng.randint(2005, 2024)
            area = Decimal(repr(shape.area)).quantize(Decimal("0.01"))
            pid = next_id
            next_id += 1
            plot_rows.append(
                {
                    "id": pid,
                    "code": f"{code}-S{year}-{k:05d}",
                    "name": f"{platform.short_name}扩展{k:05d}地块",
                    "platform_id": platform.id,
                    "land_use": rng.choice(USES),
                    "geometry": shape,
                    "geom_area_m2": area,
                    "cert_area_m2": area + Decimal(str(round(rng.uniform(-0.4, 0.4), 2)))
                    if supplied
                    else None,
                    "holder_id": rng.choice(holders) if holders and supplied else None,
                    "land_source": rng.choice(("new", "new", "existing")),
                    "supply_date": dt.date(year, rng.randint(1, 12), rng.randint(1, 28))
                    if supplied
                    else None,
                    "supply_method": rng.choice(("出让", "出让", "出让", "先租后让", "弹性年期"))
                    if supplied
                    else "",
                    "low_eff_kind": "",
                    "status": status,
                }
            )
            for seq, (x, y) in enumerate(shell, start=1):
                point_rows.append(
                    {
                        "plot_id": pid,
                        "ring": 1,
                        "seq": seq,
                        "name": f"J{seq}",
                        "x_northing": Decimal(repr(y)).quantize(Decimal("0.001")),
                        "y_easting": Decimal(repr(x)).quantize(Decimal("0.001")),
                    }
                )
            if len(plot_rows) >= BATCH:
                added_plots += _bulk(session, Plot, iter(plot_rows))
                added_points += _bulk(session, BoundaryPoint, iter(point_rows))
                plot_rows, point_rows = [], []
    added_plots += _bulk(session, Plot, iter(plot_rows))
    added_points += _bulk(session, BoundaryPoint, iter(point_rows))
    return added_plots, added_points


def _q(value: float, places: str = "0.01") -> Decimal:
    return Decimal(str(round(value, 6))).quantize(Decimal(places))


def _efficiency(session: Session, rng: random.Random, target_firms: int, years: Sequence[int]) -> int:
    """Ten years of figures for enterprises that have none yet, up to ``target_firms`` reporting."""
    reporting = set(session.scalars(select(EfficiencyRecord.enterprise_id).distinct()))
    need = max(0, target_firms - len(reporting))
    candidates = [
        e for e in session.scalars(select(Enterprise.id).order_by(Enterprise.id)) if e not in reporting
    ]
    chosen = candidates[:need]

    def rows() -> Iterator[dict[str, Any]]:
        for eid in chosen:
            mu = _q(5 * (30 ** rng.random()), "0.1")
            above = rng.random() < 0.7 or mu > 60
            tax_per_mu = min(rng.lognormvariate(2.0, 0.9), 50.0)
            employees = max(8, int(float(mu) * rng.uniform(1.5, 6)))
            roll = rng.random()
            status = "exempt" if roll < 0.04 else "leasing" if roll < 0.08 else "normal"
            trend = rng.uniform(-0.08, 0.12)
            for k, year in enumerate(years):
                f = (1 + trend) ** k * rng.uniform(0.9, 1.1)
                tax = tax_per_mu * float(mu) * f
                va = tax * rng.uniform(3.5, 6.5)
                revenue = va * rng.uniform(3, 5)
                energy = float(mu) * rng.uniform(5, 60)
                yield {
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
                    "protection_from": None,
                    "protection_to": None,
                    "note": "",
                }

    return _bulk(session, EfficiencyRecord, rows())


def _buildings(
    session: Session,
    rng: random.Random,
    target: int,
    per_building: int,
    platforms: dict[str, Platform],
    owners: Sequence[int],
) -> tuple[int, int]:
    """Buildings on generated plots, each with ``per_building`` units whose floor areas sum to
    less than the building's total floor area (6 % common area on top)."""
    have = _count(session, Building)
    missing = max(0, target - have)
    if missing == 0:
        return 0, 0
    used = set(session.scalars(select(Building.plot_id).where(Building.plot_id.is_not(None))))
    plots = [
        (pid, plat)
        for pid, plat in session.execute(
            select(Plot.id, Plot.platform_id).where(Plot.code.like("%-S%")).order_by(Plot.id)
        )
        if pid not in used
    ]
    next_id = int(session.scalar(select(func.max(Building.id))) or 0) + 1
    building_rows: list[dict[str, Any]] = []
    unit_rows: list[dict[str, Any]] = []
    fallback = next(iter(platforms.values())).id if platforms else None
    for k in range(missing):
        plot_id, platform_id = plots[k] if k < len(plots) else (None, fallback)
        floors = rng.randint(5, 12)
        per_floor = math.ceil((per_building - 1) / floors)
        areas: list[Decimal] = []
        bid = next_id
        next_id += 1
        made = 0
        for floor in range(1, floors + 1):
            for n in range(1, per_floor + 1):
                if made >= per_building - 1:
                    break
                use = (
                    UnitUse.SHARED
                    if (floor, n) == (1, 1)
                    else UnitUse.OFFICE
                    if floor == floors and n == 1
                    else UnitUse.PRODUCTION
                )
                area = Decimal(rng.randrange(320, 1300, 10))
                areas.append(area)
                leased = use is UnitUse.PRODUCTION and rng.random() < 0.15
                unit_rows.append(
                    {
                        "building_id": bid,
                        "floor": floor,
                        "number": f"{floor}{n:02d}",
                        "floor_area_m2": area,
                        "use": use.value,
                        "status": (UnitStatus.LEASED if leased else UnitStatus.HELD).value,
                        "owner_id": None,
                        "acquired_on": None,
                    }
                )
                made += 1
        garage = Decimal(rng.randrange(800, 2400, 10))
        areas.append(garage)
        unit_rows.append(
            {
                "building_id": bid,
                "floor": -1,
                "number": "B1",
                "floor_area_m2": garage,
                "use": UnitUse.GARAGE.value,
                "status": UnitStatus.HELD.value,
                "owner_id": None,
                "acquired_on": None,
            }
        )
        accepted = dt.date(rng.randint(2012, 2024), rng.randint(1, 12), rng.randint(1, 28))
        owner = rng.choice(owners) if owners else None
        for row in unit_rows[-len(areas) :]:
            row["owner_id"] = owner
        building_rows.append(
            {
                "id": bid,
                "code": f"S-LY-{k + 1:05d}",
                "name": f"扩展产业楼宇{k + 1:05d}号",
                "plot_id": plot_id,
                "platform_id": platform_id,
                "owner_id": owner,
                "total_floor_area_m2": (sum(areas, Decimal(0)) * Decimal("1.06")).quantize(Decimal(1)),
                "floors": floors,
                "accepted_on": accepted,
                "registered_on": accepted + dt.timedelta(days=75),
                "land_price_paid": True,
                "has_lien": False,
                "lien_consent": False,
                "idle_land_finding": False,
                "note": "",
            }
        )
    added_b = _bulk(session, Building, iter(building_rows))
    added_u = _bulk(session, Unit, iter(unit_rows))
    return added_b, added_u


def _carriers(  # noqa: PLR0917  private generator step: the scale's sizes passed through
    session: Session,
    rng: random.Random,
    target: int,
    months: int,
    spaces: int,
    platforms: dict[str, Platform],
    today: dt.date,
) -> tuple[int, int, int]:
    """Carriers with their spaces and ``months`` monthly reports each (up to last month)."""
    have = _count(session, Carrier)
    missing = max(0, target - have)
    if missing == 0:
        return 0, 0, 0
    codes = [c for c in SITES if c in platforms]
    next_id = int(session.scalar(select(func.max(Carrier.id))) or 0) + 1
    carrier_rows: list[dict[str, Any]] = []
    space_rows: list[dict[str, Any]] = []
    report_rows: list[dict[str, Any]] = []
    last = dt.date(today.year, today.month, 1)
    month_list: list[dt.date] = []
    y, m = last.year, last.month
    for _ in range(months):
        m -= 1
        if m == 0:
            y, m = y - 1, 12
        month_list.append(dt.date(y, m, 1))
    month_list.reverse()
    for k in range(missing):
        cid = next_id
        next_id += 1
        code = codes[k % len(codes)]
        areas = [Decimal(rng.randint(120, 400)) for _ in range(spaces)]
        usable = sum(areas, Decimal(0))
        carrier_rows.append(
            {
                "id": cid,
                "code": f"{code}-SF-{k + 1:04d}",
                "name": f"{PLACES[code]}扩展孵化载体{k + 1:04d}",
                "kind": rng.choice(("incubator", "maker_space", "accelerator", "park")),
                "level": "",
                "recognized_on": None,
                "operator": f"杭州{PLACES[code]}科创运营有限公司",
                "platform_id": platforms[code].id,
                "address": f"{PLACES[code]}科创路{k + 1}号",
                "usable_area_m2": usable,
                "incubation_area_m2": (usable * Decimal("0.85")).quantize(Decimal(1)),
                "note": "",
            }
        )
        for i, area in enumerate(areas):
            space_rows.append(
                {
                    "carrier_id": cid,
                    "code": f"{1 + i // 5}{i % 5 + 1:02d}",
                    "floor": 1 + i // 5,
                    "area_m2": area,
                    "kind": "office",
                    "rent": (area * rng.randint(25, 45) / 10000).quantize(Decimal("0.0001")),
                }
            )
        share = rng.uniform(0.4, 0.95)
        for month in month_list:
            share = min(0.98, max(0.2, share + rng.uniform(-0.04, 0.04)))
            tenants = max(1, int(spaces * share))
            report_rows.append(
                {
                    "carrier_id": cid,
                    "month": month,
                    "occupied_area_m2": (usable * Decimal(str(round(share, 3)))).quantize(Decimal(1)),
                    "tenants": tenants,
                    "new_tenants": rng.randint(0, 2),
                    "graduated": rng.randint(0, 1),
                    "left": rng.randint(0, 1),
                    "employees": tenants * rng.randint(6, 14),
                }
            )
    return (
        _bulk(session, Carrier, iter(carrier_rows)),
        _bulk(session, Space, iter(space_rows)),
        _bulk(session, UsageReport, iter(report_rows)),
    )


def seed_scale(
    session: Session,
    *,
    scale: float,
    seed: int = 2023,
    today: dt.date | None = None,
    district: District = DISTRICT,
) -> ScaleReport:
    """Top the (already seeded) demo up to ``scale`` times ``district``; adds nothing where
    an area already holds as many records. One audit entry records what was generated."""
    rng = random.Random(f"{seed}:scale")
    today = today or dt.date.today()
    platforms = {p.code: p for p in session.scalars(select(Platform))}
    platform_ids = {c: p.id for c, p in platforms.items()}
    added: dict[str, int] = {}
    added["enterprises"] = _enterprises(session, rng, round(district.enterprises * scale), platform_ids)
    holders = list(session.scalars(select(Enterprise.id).order_by(Enterprise.id)))
    added["plots"], added["boundary_points"] = _plots(
        session, rng, round(district.plots * scale), platforms, holders
    )
    years = district.efficiency_years
    added["efficiency_records"] = _efficiency(
        session, rng, round(district.efficiency_enterprises * scale), years
    )
    owners = list(
        session.scalars(
            select(Enterprise.id).where(Enterprise.is_manufacturing.is_(True)).order_by(Enterprise.id)
        )
    )
    added["buildings"], added["units"] = _buildings(
        session, rng, round(district.buildings * scale), district.units_per_building, platforms, owners
    )
    added["carriers"], added["spaces"], added["usage_reports"] = _carriers(
        session,
        rng,
        round(district.carriers * scale),
        district.report_months,
        district.spaces_per_carrier,
        platforms,
        today,
    )
    session.flush()
    if added["efficiency_records"]:
        from models.efficiency.rules import RULE_KEY, rule_date
        from models.policy.rules import rule_in_force

        for year in sorted(set(session.scalars(select(EfficiencyRecord.year).distinct()))):
            if rule_in_force(session, RULE_KEY, on=rule_date(year)) is not None:  # a year without
                evaluate_year(session, year=year)  # a rule in force stays unevaluated, as for a clerk
    from models.accounts.audit import record_event

    record_event(
        session,
        action="demo_scale",
        entity="*",
        record_id=None,
        reason=f"landspace demo --scale {scale:g}",
        changes={"added": added},
    )
    return ScaleReport(added)
