from __future__ import annotations

from decimal import Decimal

from sqlalchemy import select, text

from models.db.engine import Database
from models.policy.entities import Platform


def test_every_connection_has_the_pragmas(db: Database) -> None:
    with db.engine.connect() as conn:
        assert conn.execute(text("PRAGMA journal_mode")).scalar() == "wal"
        assert conn.execute(text("PRAGMA synchronous")).scalar() == 2  # FULL
        assert conn.execute(text("PRAGMA foreign_keys")).scalar() == 1
        assert conn.execute(text("PRAGMA busy_timeout")).scalar() >= 5000


def test_new_database_has_the_four_platforms_science_city_first(db: Database) -> None:
    with db.read() as s:
        names = list(s.scalars(select(Platform.name).order_by(Platform.priority)))
    assert names == ["青山湖科技城", "高新技术产业园", "玲珑工业功能区", "於潜工业功能区"]


def test_scaled_decimal_round_trips_exactly(db: Database) -> None:
    import datetime as dt

    from models.quotas.entities import QuotaGrant
    from models.units import AreaUnit, to_m2

    with db.write() as s:
        s.add(QuotaGrant(year=2025, source="区年度计划", document_no="X-1", granted_on=dt.date(2025, 1, 1),
                         area_m2=to_m2(Decimal("85.5"), AreaUnit.MU)))
    with db.read() as s:
        g = s.scalar(select(QuotaGrant))
        assert g is not None and g.area_m2 == Decimal("57000.0000")
