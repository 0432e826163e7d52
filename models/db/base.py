"""Declarative base, naming convention and the shared typed column aliases.

Every area's ``entities.py`` imports ``Base`` and the aliases from here, so the
whole schema lives in one ``MetaData`` (Alembic needs the naming convention for
batch migrations on SQLite).
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Annotated, Any

from sqlalchemy import Date, DateTime, MetaData, String, Text
from sqlalchemy.orm import DeclarativeBase, Mapped, declared_attr, mapped_column

from models.db.types import Geometry, ScaledDecimal
from models.units import AREA_SCALE, COORD_SCALE, MONEY_SCALE

NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

# Typed aliases. Areas are ㎡, money is 万元; both exact decimals.
AreaM2 = Annotated[Decimal, mapped_column(ScaledDecimal(AREA_SCALE))]
Money = Annotated[Decimal, mapped_column(ScaledDecimal(MONEY_SCALE))]
Coord = Annotated[Decimal, mapped_column(ScaledDecimal(COORD_SCALE))]
# Any other exact quantity (per-mu figures, tce, ratios): 6 places.
Quantity = Annotated[Decimal, mapped_column(ScaledDecimal(6))]
Uscc = Annotated[str, mapped_column(String(18))]
Name = Annotated[str, mapped_column(String(200))]
Code = Annotated[str, mapped_column(String(64))]
Note = Annotated[str, mapped_column(Text, default="")]
PolygonWkb = Annotated[Any, mapped_column(Geometry)]


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)
    type_annotation_map = {
        dt.date: Date,
        dt.datetime: DateTime,
    }


class Versioned:
    """A ``version`` column used as SQLAlchemy's version_id_col: a stale UPDATE
    raises ``StaleDataError`` instead of silently overwriting someone else's edit."""

    version: Mapped[int] = mapped_column(default=1, nullable=False)

    @declared_attr.directive
    def __mapper_args__(cls) -> dict[str, Any]:
        return {"version_id_col": cls.__table__.c.version}  # type: ignore[attr-defined]
