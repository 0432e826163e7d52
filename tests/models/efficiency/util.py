"""Helpers shared by the efficiency and renewal tests."""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from typing import Any

from sqlalchemy import insert, select
from sqlalchemy.orm import Session

from models.efficiency import services as S
from models.enterprises.entities import Enterprise
from models.policy.entities import Platform
from models.units import AreaUnit, to_m2
from models.uscc import check_char


def uscc(n: int) -> str:
    body = f"91330110{n:09d}"
    return body + check_char(body)


def add_enterprises(session: Session, n: int, chain: Callable[[int], str] = lambda _i: "") -> list[int]:
    """``n`` manufacturing enterprises 企业0 … (USCCs ``uscc(i)``, platforms 1–4 in turn, the
    industry chain ``chain(i)``, asked in order) inserted at once; their ids in order."""
    rows = [
        {
            "uscc": uscc(i),
            "name": f"企业{i}",
            "platform_id": 1 + i % 4,
            "industry_chain": chain(i),
            "is_manufacturing": True,
            "address": "",
            "contact": "",
            "phone": "",
            "note": "",
            "version": 1,
        }
        for i in range(n)
    ]
    session.execute(insert(Enterprise), rows)
    return list(session.scalars(select(Enterprise.id).order_by(Enterprise.id)))


def platform_id(session: Session, code: str = "QSH") -> int:
    pid = session.scalar(select(Platform.id).where(Platform.code == code))
    assert pid is not None
    return int(pid)


def enterprise(session: Session, n: int, name: str | None = None, platform: str = "QSH") -> int:
    ent = Enterprise(uscc=uscc(n), name=name or f"企业{n}", platform_id=platform_id(session, platform))
    session.add(ent)
    session.flush()
    return ent.id


def record(session: Session, ent_id: int, year: int, *, mu: str | int | None = 10, **values: Any) -> None:
    land = None if mu is None else to_m2(Decimal(mu), AreaUnit.MU)
    defaults: dict[str, Any] = {"above_scale": True, "land_area_m2": land}
    defaults.update(
        {
            k: (Decimal(v) if isinstance(v, (int, str)) and k not in {"employees", "status"} else v)
            for k, v in values.items()
        }
    )
    S.upsert_record(session, enterprise_id=ent_id, year=year, **defaults)
