"""Small builders shared by the buildings tests (plain ORM rows; services where it matters)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.orm import Session

from models.buildings import services
from models.buildings.entities import Unit
from models.buildings.seed import EXAMPLE_MIN_UNIT_AREA, MIN_UNIT_AREA
from models.enterprises.entities import Enterprise
from models.policy.entities import Platform, PolicyRule
from models.uscc import check_char

D = Decimal
DAY = dt.date(2024, 6, 1)


def uscc(n: int) -> str:
    body = f"91330185MA{n:07d}"
    return body + check_char(body)


def platform_id(s: Session, code: str = "QSH") -> int:
    pid = s.scalar(select(Platform.id).where(Platform.code == code))
    assert pid is not None
    return pid


def enterprise(
    s: Session, n: int, *, name: str = "", chain: str = "高端装备", manufacturing: bool = True
) -> int:
    e = Enterprise(
        uscc=uscc(n), name=name or f"企业{n}", industry_chain=chain, is_manufacturing=manufacturing
    )
    s.add(e)
    s.flush()
    return e.id


def building(
    s: Session,
    *,
    code: str = "B1",
    total: str = "10000",
    floors: int = 5,
    platform: str = "QSH",
    owner: int | None = None,
    units: int = 10,
    unit_area: str = "1000",
    area_minimum: bool = True,
    **fields: object,
) -> int:
    """A building of ``units`` production units of ``unit_area`` ㎡, two per floor. Unless
    ``area_minimum`` is false, the building takes the explicit 300 ㎡ example as its minimum
    unit (the seeded default is a whole floor), so tests can sell a single unit."""
    if owner is None:
        owner = enterprise(s, 9000 + len(code) * 7 + sum(map(ord, code)), name=f"{code}开发商")
    fields.setdefault("accepted_on", dt.date(2022, 1, 10))
    fields.setdefault("registered_on", dt.date(2022, 3, 1))
    ch = services.create_building(
        s,
        code=code,
        name=f"{code}楼",
        total_floor_area_m2=D(total),
        floors=floors,
        platform_id=platform_id(s, platform),
        owner_id=owner,
        **fields,
    )
    bid = ch.ids[0]
    if area_minimum:
        s.add(
            PolicyRule(
                key=MIN_UNIT_AREA,
                value=EXAMPLE_MIN_UNIT_AREA,
                building_id=bid,
                is_example=True,
                effective_from=dt.date(2020, 1, 1),
                title="最小分割单元（300㎡示例）",
                example_source="LandSpace 示例（无任何文件出处）",
            )
        )
        s.flush()
    for i in range(units):
        floor = min(floors, i // 2 + 1)
        services.create_unit(
            s, building_id=bid, floor=floor, number=f"{floor}0{i % 2 + 1}-{i}", floor_area_m2=D(unit_area)
        )
    return bid


def unit_ids(s: Session, bid: int) -> list[int]:
    return list(s.scalars(select(Unit.id).where(Unit.building_id == bid).order_by(Unit.id)))
