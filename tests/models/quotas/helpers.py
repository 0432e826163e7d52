"""Small builders for quota tests."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from models.policy.entities import Platform
from models.quotas import services
from models.units import AreaUnit, to_m2

D = dt.date
MAY_1 = D(2024, 5, 1)
APRIL_1 = D(2024, 4, 1)
MARCH_1 = D(2024, 3, 1)


def mu(value: str | int) -> Decimal:
    return to_m2(Decimal(value), AreaUnit.MU)


def platform_id(session: Session, code: str) -> int:
    pid = session.scalar(select(Platform.id).where(Platform.code == code))
    assert pid is not None
    return pid


def grant(
    session: Session,
    doc: str = "浙自然资函〔2024〕118号",
    area: Decimal | None = None,
    *,
    year: int = 2024,
    source: str = "区年度计划",
    on: dt.date = MARCH_1,
    **kw: Any,
) -> int:
    ch = services.add_grant(
        session,
        year=year,
        source=source,
        document_no=doc,
        granted_on=on,
        area_m2=mu(300) if area is None else area,
        **kw,
    )
    return ch.ids[0]


def allocate(
    session: Session, grant_id: int, code: str, area: Decimal, on: dt.date = APRIL_1, **kw: Any
) -> int:
    ch = services.allocate_quota(
        session,
        grant_id=grant_id,
        platform_id=platform_id(session, code),
        area_m2=area,
        allocated_on=on,
        **kw,
    )
    return ch.ids[0]


def use(session: Session, allocation_id: int, area: Decimal, on: dt.date = MAY_1, **kw: Any) -> int:
    ch = services.record_use(session, allocation_id=allocation_id, area_m2=area, reserved_on=on, **kw)
    return ch.ids[0]
