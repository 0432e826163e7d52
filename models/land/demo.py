"""Demonstration plots: platform boundaries around the real places in Lin'an and plots
of 10–200 亩 laid out along a road grid inside them, in EPSG:4549.

Centres (CGCS2000 → EPSG:4549 with pyproj): 青山湖科技城 30.25 N 119.80 E → X 3 347 844,
Y 480 751 (docs/domain.md §2); 高新技术产业园 (锦城/锦南) X 3 345 094, Y 471 120; 玲珑
X 3 342 889, Y 466 781; 於潜 X 3 344 094, Y 443 196. One plot deliberately overlaps
its neighbour, one certificate area is 3 % off, one plot sticks out of its
platform — so the checks panel has something to show.
"""

from __future__ import annotations

import datetime as dt
import math
import random
from decimal import Decimal
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from models.enterprises.entities import Enterprise
from models.land import services
from models.land.entities import Plot
from models.land.seed import INDICATORS
from models.policy.entities import Platform

# code: (northing, easting, half-width east m, half-height north m, plots)
PLATFORM_SITES: dict[str, tuple[float, float, float, float, int]] = {
    "QSH": (3_347_844, 480_751, 2600, 1900, 44),
    "GXY": (3_345_094, 471_120, 1500, 1200, 26),
    "LL": (3_342_889, 466_781, 1150, 950, 18),
    "YQ": (3_344_094, 443_196, 1000, 850, 14),
}
CELL = 420.0  # road grid spacing, m
USES = ("M1", "M1", "M2", "0601", "0601", "M3", "0604")


def boundary(rng: random.Random, n: float, e: float, hw: float, hh: float) -> Any:
    """An irregular 12-gon around (n, e): the platform's planned boundary."""
    from shapely.geometry import Polygon

    pts = []
    for i in range(12):
        a = 2 * math.pi * i / 12
        r = rng.uniform(0.92, 1.08)
        pts.append((round(e + hw * r * math.cos(a) * 1.15, 1), round(n + hh * r * math.sin(a) * 1.15, 1)))
    return Polygon(pts)


def plot_shape(rng: random.Random, e0: float, n0: float, hole: bool) -> Any:
    """An irregular quadrilateral of about 10–200 亩 with its SW corner near (e0, n0)."""
    from shapely.geometry import Polygon

    w, h = rng.uniform(90, 370), rng.uniform(80, 360)

    def j() -> float:
        return rng.uniform(-12, 12)

    shell = [
        (e0 + j(), n0 + j()),
        (e0 + w + j(), n0 + j()),
        (e0 + w + j(), n0 + h + j()),
        (e0 + j(), n0 + h + j()),
    ]
    shell = [(round(x, 3), round(y, 3)) for x, y in shell]
    holes = []
    if hole and w > 150 and h > 150:
        cx, cy = e0 + w / 2, n0 + h / 2
        holes.append(
            [
                (round(cx - 20, 3), round(cy - 15, 3)),
                (round(cx + 20, 3), round(cy - 15, 3)),
                (round(cx + 20, 3), round(cy + 15, 3)),
                (round(cx - 20, 3), round(cy + 15, 3)),
            ]
        )
    return Polygon(shell, holes)


def _status(rng: random.Random, year: int) -> tuple[str, str]:
    """(status, low-efficiency kind) consistent with each other."""
    status = rng.choices(("已投产", "在建", "已供", "待供", "储备"), (55, 15, 12, 10, 8))[0]
    kinds = {
        "待供": "批而未供",
        "储备": "批而未供",
        "已供": "供而未用",
        "在建": "建而未投",
        "已投产": rng.choice(("用而未尽", "投而未达标")),
    }
    low = kinds[status] if rng.random() < (0.5 if status in ("待供", "已供") else 0.15) else ""
    return status, low


def _indicators(session: Session, rng: random.Random, plot_id: int) -> None:
    promised: dict[str, Decimal] = {
        "investment_intensity": Decimal(300),
        "plot_ratio": Decimal("1.6"),
        "tax_per_mu": Decimal(30),
        "energy_per_value": Decimal("0.52"),
        "emission_per_value": Decimal("0.8"),
    }
    for key, _, _, cmp in INDICATORS[:5]:
        p = Decimal(promised[key])
        factor = Decimal(str(round(rng.uniform(0.8, 1.25), 2)))
        actual = (p * factor).quantize(Decimal("0.01")) if rng.random() < 0.85 else None
        services.set_indicator(
            session,
            plot_id=plot_id,
            indicator=key,
            promised=p,
            actual=actual,
            comparison=cmp,
            promised_max=Decimal("3.0") if key == "plot_ratio" else None,
        )  # two-sided


def seed_demo(session: Session, rng: random.Random) -> None:
    if session.scalar(select(func.count()).select_from(Plot)):
        return
    platforms = {p.code: p for p in session.scalars(select(Platform))}
    holders = list(session.scalars(select(Enterprise.id).order_by(Enterprise.id)))
    special = {"overlap": "GXY", "mismatch": "QSH", "outside": "LL"}
    for code, (n, e, hw, hh, count) in PLATFORM_SITES.items():
        platform = platforms.get(code)
        if platform is None:
            continue
        outline = boundary(rng, n, e, hw, hh)
        platform.boundary = outline
        session.flush()
        made: list[tuple[int, Any]] = []
        cols, rows_ = int(2 * hw // CELL), int(2 * hh // CELL)
        cells = [(c, r) for c in range(cols) for r in range(rows_)]
        rng.shuffle(cells)
        for c, r in cells:
            if len(made) >= count:
                break
            shape = plot_shape(rng, e - hw + c * CELL + 20, n - hh + r * CELL + 20, rng.random() < 0.15)
            if not outline.contains(shape):
                continue
            made.append((len(made) + 1, shape))
        for seq, shape in made:
            year = rng.randint(2008, 2024)
            status, low = _status(rng, year)
            supplied = status not in ("待供", "储备")
            holder = rng.choice(holders) if holders and supplied else None
            geom_area = Decimal(repr(shape.area)).quantize(Decimal("0.01"))
            cert = geom_area + Decimal(str(round(rng.uniform(-0.4, 0.4), 2)))
            changes = services.create_plot(
                session,
                code=f"{code}-{year}-{seq:03d}",
                name=f"{platform.short_name}{chr(64 + seq % 26 + 1)}-{seq:02d}地块",
                platform_id=platform.id,
                land_use=rng.choice(USES),
                cert_area_m2=cert if supplied else None,
                holder_id=holder,
                land_source=rng.choice(("new", "new", "existing")),
                supply_date=dt.date(year, rng.randint(1, 12), rng.randint(1, 28)) if supplied else None,
                supply_method=rng.choice(("出让", "出让", "出让", "先租后让", "弹性年期", "租赁"))
                if supplied
                else "",
                low_eff_kind=low,
                status=status,
                polygon=shape,
            )
            if supplied and year >= 2018 and rng.random() < 0.7:
                _indicators(session, rng, changes.ids[0])
        _specials(session, rng, code, special, made, platform)


def _specials(
    session: Session,
    rng: random.Random,
    code: str,
    special: dict[str, str],
    made: list[tuple[int, Any]],
    platform: Platform,
) -> None:
    from shapely import affinity

    plots = list(session.scalars(select(Plot).where(Plot.platform_id == platform.id).order_by(Plot.code)))
    if not plots:
        return
    if special["mismatch"] == code:
        p = plots[0]
        if p.geom_area_m2 is not None:
            p.cert_area_m2 = (p.geom_area_m2 * Decimal("1.03")).quantize(Decimal("0.01"))
            p.note = "证载面积与测绘面积不符，待复核"
    if special["overlap"] == code and plots[0].geometry is not None:
        base = plots[0].geometry
        moved = affinity.translate(base, xoff=base.bounds[2] - base.bounds[0] - 25, yoff=0)
        services.create_plot(
            session,
            code=f"{code}-2024-901",
            name="补测地块（与相邻地块重叠）",
            platform_id=platform.id,
            land_use="M1",
            status="待供",
            land_source="existing",
            note="测绘成果待核",
            polygon=moved,
        )
    if special["outside"] == code and platform.boundary is not None:
        b = platform.boundary.bounds
        shape = plot_shape(rng, b[2] - 150, (b[1] + b[3]) / 2 - 100, False)
        services.create_plot(
            session,
            code=f"{code}-2023-902",
            name="边界外延地块",
            platform_id=platform.id,
            land_use="M2",
            status="已供",
            land_source="new",
            supply_method="出让",
            supply_date=dt.date(2023, 6, 1),
            polygon=shape,
        )
    if special["mismatch"] == code:
        _idle_examples(session, platform)
    session.flush()


def _idle_examples(session: Session, platform: Platform) -> None:
    """Plots whose land contract says when to start, build, operate and reach full production:
    one never started (idle), one halted under a third built (idle), one on schedule, and one
    past its 达产复核."""
    cases = (
        (
            "903",
            "逾期未动工地块",
            dict(agreed_start_on=dt.date(2024, 9, 1), committed_investment=Decimal("30000")),
        ),
        (
            "904",
            "开发不足中止地块",
            dict(
                agreed_start_on=dt.date(2023, 5, 1),
                started_on=dt.date(2023, 6, 10),
                committed_investment=Decimal("24000"),
                invested=Decimal("4200"),
                developed_share=Decimal("0.22"),
                halted_since=dt.date(2024, 11, 1),
            ),
        ),
        (
            "905",
            "按约建设地块",
            dict(
                agreed_start_on=dt.date(2025, 3, 1),
                started_on=dt.date(2025, 2, 20),
                committed_investment=Decimal("18000"),
                invested=Decimal("9000"),
                developed_share=Decimal("0.5"),
            ),
        ),
        (
            "906",
            "已达产复核地块",
            dict(
                agreed_start_on=dt.date(2019, 3, 1),
                started_on=dt.date(2019, 4, 1),
                committed_investment=Decimal("20000"),
                invested=Decimal("21000"),
                developed_share=Decimal("1"),
                production_reviewed_on=dt.date(2024, 5, 20),
            ),
        ),
    )
    for seq, name, fields in cases:
        start = fields["agreed_start_on"]
        assert isinstance(start, dt.date)
        changes = services.create_plot(
            session,
            code=f"{platform.code}-2022-{seq}",
            name=name,
            platform_id=platform.id,
            land_use="M1",
            status="已供",
            land_source="new",
            supply_method="出让",
            supply_date=start - dt.timedelta(days=180),
        )
        plot = session.get(Plot, changes.ids[0])
        assert plot is not None
        for key, value in fields.items():
            setattr(plot, key, value)
        plot.agreed_completion_on = start.replace(year=start.year + 2)
        plot.agreed_operation_on = plot.agreed_completion_on + dt.timedelta(days=180)
        plot.agreed_full_production_on = start.replace(year=start.year + 4)
