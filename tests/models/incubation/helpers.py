"""Builders shared by the incubation tests."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.orm import Session

from models.accounts.entities import User, UserCarrier
from models.enterprises.entities import Enterprise
from models.incubation import services
from models.incubation.entities import Carrier, Space
from models.policy.entities import Platform
from models.uscc import check_char


def uscc(n: int) -> str:
    body = f"913301{n:011d}"
    return body + check_char(body)


def platform_id(session: Session, code: str = "QSH") -> int:
    pid = session.scalar(select(Platform.id).where(Platform.code == code))
    assert pid is not None
    return pid


def enterprise(session: Session, n: int, name: str | None = None) -> int:
    ent = Enterprise(uscc=uscc(n), name=name or f"测试企业{n}")
    session.add(ent)
    session.flush()
    return ent.id


def carrier(
    session: Session,
    name: str = "青山湖科创孵化器",
    area: str = "2000",
    code: str | None = None,
    kind: str = "incubator",
    platform: str = "QSH",
) -> int:
    services.create_carrier(
        session,
        code=code or name,
        name=name,
        usable_area_m2=Decimal(area),
        kind=kind,
        platform_id=platform_id(session, platform),
    )
    cid = session.scalar(select(Carrier.id).where(Carrier.name == name))
    assert cid is not None
    return cid


def space(session: Session, carrier_id: int, code: str, area: str, floor: int = 1) -> int:
    services.create_space(session, carrier_id=carrier_id, code=code, area_m2=Decimal(area), floor=floor)
    sid = session.scalar(select(Space.id).where(Space.carrier_id == carrier_id, Space.code == code))
    assert sid is not None
    return sid


def user(session: Session, name: str, role: str, carriers: tuple[int, ...] = ()) -> int:
    u = User(username=name, role=role)
    session.add(u)
    session.flush()
    session.add_all(UserCarrier(user_id=u.id, carrier_id=c) for c in carriers)
    session.flush()
    return u.id


D = Decimal
day = dt.date
